"""Readers and writers of other people's formats, and the workbook's own exports.

Import (format recognised by content): LinkedIn Connections.csv, Google Contacts CSV (current
and older), vCard 3.0/4.0, the workbook's contacts CSV, and the workbook's JSON backup.

    report = plan_import(path_or_bytes, filename, store)   # reads and checks; writes nothing
    report.ok, report.summary(), report.messages()
    apply_import(report, store)                             # one transaction, or ImportRefused

Export: export_json, export_csv, export_vcard, export_ics(store, path) -> a sentence saying
what was written where. Every failure a learner can cause raises FormatError, whose message
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
