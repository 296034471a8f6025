"""The workbook's own CSV: contacts and exchanges for a spreadsheet, and contacts back in.

`export csv PATH` writes two files beside each other: PATH-contacts.csv and PATH-exchanges.csv
(a trailing .csv on PATH is dropped first). They are UTF-8 with a byte order mark, which Excel
needs to show accents. A cell that starts with = + - @, a tab or a carriage return would run as a
formula in a spreadsheet, so it gets a leading single quote, as OWASP recommends against CSV
injection; a cell that already starts with a quote gets one too, so reading the file back can
remove exactly one quote and return the original text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .common import ContactRecord, Parsed, as_dict, collect, csv_table, source_key

LABEL = "workbook contacts CSV"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_MARKERS = {"name", "circle", "source_key"}


def inert(value):
    """A cell value a spreadsheet will show as text, never run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS + (QUOTE,)):
        return QUOTE + value
    return value


def restored(value: str) -> str:
    return value[1:] if value.startswith(QUOTE) else value


def paths(path: str | Path) -> tuple[Path, Path]:
    base = Path(path)
    if base.suffix.lower() == ".csv":
        base = base.with_suffix("")
    return base.with_name(f"{base.name}-contacts.csv"), base.with_name(f"{base.name}-exchanges.csv")


def table_csv(columns: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([inert(row[c]) for c in columns] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def exchange_rows(exchanges: list[dict], names: dict[int, str]) -> list[dict]:
    """Exchanges with the contact's name beside its id, so the sheet reads on its own."""
    return [{**row, "contact": names.get(row["contact_id"], "")} for row in exchanges]


# --- reading contacts back ----------------------------------------------------------------------


def is_header(row: list[str]) -> bool:
    return _MARKERS <= {cell.strip() for cell in row}


def read(text: str) -> Parsed:
    _, header, rows = csv_table(text, is_header, "workbook contacts")
    return collect(rows, lambda line, row: _record(line, {k: restored(v) for k, v in as_dict(header, row).items()}))


def _record(line: int, row: dict[str, str]) -> ContactRecord:
    name, company, email = row["name"], row.get("company", ""), row.get("email", "")
    fields = ("company", "position", "email", "url", "phone", "interests", "how_met", "notes")
    return ContactRecord(
        line=line,
        source_key=row["source_key"] or source_key("csv", email=email, name=name, company=company),
        name=name,
        circle=row["circle"],
        met_on=row.get("met_on") or None,
        **{f: row.get(f, "") for f in fields},
    )
