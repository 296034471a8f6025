"""The workbook's own JSON export: every table, to move a workbook to another machine.

One object: a header (`format`, `version`, `schema_version`, `exported_at`) and one key per table
holding a list of records, exactly as stored (ids included, so links between tables survive)."""

from __future__ import annotations

import datetime as dt
import json

from .common import FormatError

LABEL = "workbook JSON export"
FORMAT = "networking-workbook"
VERSION = 1
HEADER = ("format", "version", "schema_version", "exported_at")
SCALARS = (str, int, float, type(None))


def is_json(text: str) -> bool:
    return text.lstrip().startswith("{")


def write(tables: dict[str, list[dict]], schema_version: int, *, now: dt.datetime | None = None) -> bytes:
    now = now or dt.datetime.now(dt.timezone.utc)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "schema_version": schema_version,
        "exported_at": now.isoformat(timespec="seconds"),
        **tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def read(text: str) -> dict[str, list[dict]]:
    """The tables of an export. Whether they fit this workbook is the store's to say."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"the JSON is broken here ({error.msg}); export the workbook again.", line=error.lineno) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FormatError("this JSON file is not a workbook export (its 'format' is not 'networking-workbook').")
    if document.get("version") != VERSION:
        raise FormatError(
            f"this export has format version {document.get('version')!r}; this workbook reads version {VERSION}. "
            "Upgrade the course (pip install -r requirements.txt) and try again."
        )
    tables = {key: value for key, value in document.items() if key not in HEADER}
    for name, rows in tables.items():
        if not isinstance(rows, list):
            raise FormatError(f"'{name}' in this export is not a list of records; export the workbook again.")
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or not all(isinstance(v, SCALARS) for v in row.values()):
                raise FormatError(
                    f"record {number} of '{name}' is not a flat record of text and numbers; export the workbook again."
                )
    return tables
