"""LinkedIn's "Connections.csv" (Settings > Data privacy > Get a copy of your data).

A few lines of notes come before the header, so the header is found by scanning. Everyone
imported here lands in the professional circle, with how and when you connected."""

from __future__ import annotations

import datetime as dt

from ..model import ValidationError
from .common import ContactRecord, Parsed, SkipRow, as_dict, collect, csv_table, require_columns, shown, source_key

LABEL = "LinkedIn connections"
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_ONLY_LINKEDIN = {"URL", "Email Address", "Company", "Position", "Connected On"}
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def is_header(row: list[str]) -> bool:
    cells = {cell.strip() for cell in row}
    return bool(cells & {"First Name", "Last Name"}) and len(cells & _ONLY_LINKEDIN) >= 2


def read(text: str) -> Parsed:
    line, header, rows = csv_table(text, is_header, "LinkedIn")
    require_columns(header, COLUMNS, line, "LinkedIn")
    return collect(rows, lambda _line, row: _record(_line, as_dict(header, row)))


def _record(line: int, row: dict[str, str]) -> ContactRecord:
    name = " ".join(part for part in (row["First Name"].strip(), row["Last Name"].strip()) if part)
    if not name:
        raise SkipRow("no first or last name (LinkedIn blanks members who hide their details); skipped.")
    connected = connected_on(row["Connected On"])
    company = row["Company"].strip()
    return ContactRecord(
        line=line,
        source_key=source_key("linkedin", url=row["URL"], email=row["Email Address"], name=name, company=company),
        name=name,
        circle="professional",
        company=company,
        position=row["Position"],
        email=row["Email Address"],
        url=row["URL"],
        how_met=f"LinkedIn, connected {connected.isoformat()}" if connected else "LinkedIn",
        met_on=connected.isoformat() if connected else None,
    )


def connected_on(text: str) -> dt.date | None:
    """LinkedIn writes dates as '12 Mar 2024'. Parsed by hand: strptime's %b follows the locale."""
    text = text.strip()
    if not text:
        return None
    parts = text.split()
    quoted = f"'{shown(text, 40)}'"
    # ASCII digits only, and few of them: int() reads other scripts' digits too, and a long run of
    # digits overflows date() with OverflowError, not ValueError.
    numbers_ok = all(n.isascii() and n.isdigit() and len(n) <= 4 for n in parts[0::2])
    if len(parts) != 3 or parts[1][:3].casefold() not in MONTHS or not numbers_ok:
        raise ValidationError("Connected On", f"'Connected On' is {quoted}, not a date like '12 Mar 2024'.")
    try:
        return dt.date(int(parts[2]), MONTHS[parts[1][:3].casefold()], int(parts[0]))
    except ValueError:
        raise ValidationError("Connected On", f"'Connected On' is {quoted}, which is not a real date.") from None
