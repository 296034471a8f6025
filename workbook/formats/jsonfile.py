"""The workbook's own JSON export: every table, to move a workbook to another machine.

One object: a header (`format`, `version`, `schema_version`, `exported_at`) and one key per table
holding a list of records, exactly as stored (ids included, so links between tables survive)."""

from __future__ import annotations

import datetime as dt
import json
import math

from ..domain.exchanges import KINDS
from ..domain.plans import OCCASIONS
from .common import FormatError, shown

LABEL = "workbook JSON export"
FORMAT = "networking-workbook"
VERSION = 1
HEADER = ("format", "version", "schema_version", "exported_at")
SCALARS = (str, int, float, type(None))

# Columns other parts of the workbook parse or choose from, by name (a name means the same in
# every table). A backup edited by hand must not plant a value they cannot handle.
INTEGER_COLUMNS = {"id", "contact_id", "plan_id", "a", "b", "layer", "cadence_days", "weekday", "horizon", "correct", "checked"}
DATE_COLUMNS = {"on_date", "planned_for", "follow_up_on", "due", "done_on", "met_on", "starts_on"}
TIME_COLUMNS = {"start_time", "end_time"}  # 'HH:MM', as the store writes them
CHOICES = {("exchanges", "kind"): KINDS, ("plans", "occasion"): OCCASIONS}


def is_json(text: str) -> bool:
    return text.lstrip().startswith("{")


def write(tables: dict[str, list[dict]], schema_version: int, *, now: dt.datetime | None = None) -> bytes:
    now = now or dt.datetime.now(dt.UTC)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "schema_version": schema_version,
        "exported_at": now.isoformat(timespec="seconds"),
        **tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def read(text: str, schema_version: int) -> dict[str, list[dict]]:
    """The tables of an export, checked value by value so that restoring them cannot fail halfway
    through or plant a value the workbook cannot use later. Which tables and columns this workbook
    has is the importer's to say; `schema_version` is the store's, and a newer export is refused."""
    try:
        document = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise FormatError(f"the JSON is broken here ({error.msg}); export the workbook again.", line=error.lineno) from None
    except RecursionError:
        raise FormatError("the JSON is nested far deeper than any export; the file is damaged or not a workbook export.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FormatError("this JSON file is not a workbook export (its 'format' is not 'networking-workbook').")
    if document.get("version") != VERSION:
        raise FormatError(
            f"this export has format version {shown(repr(document.get('version')))}; this workbook reads version {VERSION}. "
            "Upgrade the course (pip install -r requirements.txt) and try again."
        )
    _check_schema_version(document.get("schema_version"), schema_version)
    tables = {key: value for key, value in document.items() if key not in HEADER}
    for name, rows in tables.items():
        if not isinstance(rows, list):
            raise FormatError(f"'{shown(name)}' in this export is not a list of records; export the workbook again.")
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or not all(isinstance(v, SCALARS) for v in row.values()):
                raise FormatError(
                    f"record {number} of '{shown(name)}' is not a flat record of text and numbers; export the workbook again."
                )
            if not row:
                raise FormatError(f"record {number} of '{shown(name)}' is empty; export the workbook again.")
            for column, value in row.items():
                problem = _value_problem(name, column, value)
                if problem:
                    raise FormatError(
                        f"record {number} of '{shown(name)}': '{shown(column)}' {problem}; "
                        "the export has been edited or damaged. Export the workbook again."
                    )
    return tables


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    # json.loads keeps the last of two equal keys without a word; which one was meant is a guess.
    document = {}
    for key, value in pairs:
        if key in document:
            raise FormatError(f"the key '{shown(key)}' appears twice in one object; export the workbook again.")
        document[key] = value
    return document


def _refuse_constant(name: str):
    raise FormatError(f"the JSON holds {name}, which is not a number a workbook stores; export the workbook again.")


def _check_schema_version(found, known: int) -> None:
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise FormatError(
            f"this export's 'schema_version' is {shown(repr(found))}, not a version number; export the workbook again."
        )
    if found > known:
        raise FormatError(
            f"this export comes from a newer workbook (schema {found}; this one knows {known}). "
            "Upgrade the course (pip install -r requirements.txt) and try again."
        )


def _value_problem(table: str, column: str, value) -> str | None:
    """Why a value cannot be restored (SQLite would fail on it halfway through, or the workbook
    would later), or None when it can."""
    if value is None:
        return None
    if isinstance(value, str) and not _is_unicode(value):
        return "holds text that is not valid Unicode (a lone surrogate)"
    if isinstance(value, float) and not math.isfinite(value):
        return "is a number too large to store"
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return "is a whole number too large to store (SQLite keeps 64 bits)"
    if column in INTEGER_COLUMNS and not isinstance(value, int):
        return f"is {shown(repr(value))}, not a whole number"
    if column in DATE_COLUMNS and not _is_date(value):
        return f"is {shown(repr(value))}, not a date like 2026-07-01"
    if column in TIME_COLUMNS and not _is_time(value):
        return f"is {shown(repr(value))}, not a time like 08:30"
    choices = CHOICES.get((table, column))
    if choices and value not in choices:
        return f"is {shown(repr(value))}, not one of {', '.join(choices)}"
    return None


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_date(value) -> bool:
    try:
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _is_time(value) -> bool:
    try:
        return isinstance(value, str) and dt.time.fromisoformat(value).strftime("%H:%M") == value
    except ValueError:
        return False
