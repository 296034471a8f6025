"""Readers and writers of other people's formats, and the workbook's own exports.

Import (format recognised by content): LinkedIn Connections.csv (with or without the URL column
of archives since 2021), Google Contacts CSV (current and older), vCard 2.1/3.0/4.0 as phones,
Outlook, Apple and Lotus Notes write them, the workbook's contacts CSV, and the workbook's JSON
backup. A row or card that cannot be read is left out with a line in the report; see importer.

    report = plan_import(path_or_bytes, filename, store)   # reads and checks; writes nothing
    report.ok, report.summary(), report.messages()
    apply_import(report, store)                             # one transaction, or ImportRefused

Export: export_json, export_csv, export_vcard, export_ics(store, path) -> a sentence saying
what was written where (export_ics(..., follow_ups_as="todos") for task apps). Every failure a learner can cause raises FormatError, whose message
names the file (and line) and says what to do."""

from .common import FormatError, Problem
from .exporter import EXPORTERS, export_csv, export_ics, export_json, export_vcard
from .importer import ImportRefused, ImportReport, apply_import, plan_import

__all__ = [
    "EXPORTERS",
    "FormatError",
    "ImportRefused",
    "ImportReport",
    "Problem",
    "apply_import",
    "export_csv",
    "export_ics",
    "export_json",
    "export_vcard",
    "plan_import",
]
