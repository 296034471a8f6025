"""Which format a file is, judged by its content: file names are often wrong."""

from __future__ import annotations

from itertools import islice

from . import csvfile, google, jsonfile, linkedin, vcard
from .common import HEADER_SCAN, FormatError, csv_records

KNOWN = "a LinkedIn Connections.csv, a Google Contacts CSV, a vCard (.vcf) or a workbook JSON or CSV export"
CSV_KINDS = (("linkedin", linkedin.is_header), ("workbook-csv", csvfile.is_header), ("google", google.is_header))


def detect(text: str) -> str:
    """'json', 'vcard', 'linkedin', 'google' or 'workbook-csv'; FormatError when none fits."""
    if jsonfile.is_json(text):
        return "json"
    if vcard.is_vcard(text):
        return "vcard"
    if text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise FormatError(
            "this is an iCalendar (.ics) file: the workbook writes calendars for your calendar app but does not "
            f"read them. Import contacts instead: {KNOWN}."
        )
    try:
        for _, row in islice(csv_records(text), HEADER_SCAN + 1):
            for kind, is_header in CSV_KINDS:
                if is_header(row):
                    return kind
    except FormatError as error:
        raise FormatError(f"this is not {KNOWN}: {error.message}", line=error.line) from None
    raise FormatError(f"this is not {KNOWN}; check you chose the right file.")
