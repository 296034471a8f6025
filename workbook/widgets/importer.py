"""Import contacts from a file (LinkedIn Connections.csv, Google Contacts CSV, vCard, the
workbook's own CSV): upload it, read the dry run (new, updated, skipped, problems with line
numbers), then import. The import is all or nothing; see workbook.formats."""

from __future__ import annotations

import ipywidgets as widgets

from ..formats import FormatError, ImportReport, apply_import, plan_import
from ..store import Store, shared
from .common import Status, Tool, esc


class ImportContacts(Tool):
    """`ImportContacts(store)`; with no store, your own workbook.

    Upload a file in `upload` (or call `preview(data, filename)`), read `report_view`, then
    `import_button.click()`. `report` is the dry run, None before a file is read."""

    title = "Import contacts"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.report: ImportReport | None = None
        self.upload = widgets.FileUpload(accept=".csv,.vcf,.vcard,.json,.txt", multiple=False, description="Choose file")
        self.upload.observe(self._on_upload, "value")
        self.report_view = widgets.HTML("<p>Choose a file: nothing is imported until you press Import.</p>")
        self.import_button = widgets.Button(description="Import", button_style="primary", icon="upload", disabled=True)
        self.import_button.on_click(lambda _: self.run())
        self.status = Status()
        super().__init__(self.store, [self.upload, self.report_view, self.import_button, self.status])

    def __repr__(self) -> str:
        what = f"{self.report.filename}: {self.report.summary()}" if self.report else "no file chosen"
        return f"ImportContacts({self.store!r}: {what})"

    def preview(self, data: bytes, filename: str) -> ImportReport | None:
        """The dry run: read and check the file, show what importing would do, write nothing."""
        self.report = None
        self.import_button.disabled = True
        try:
            report = plan_import(data, filename, self.store)
        except FormatError as error:
            self.report_view.value = f"<p role='alert'>{esc(error)}</p>"
            self.status.fail("This file cannot be imported; the reason is above.")
            return None
        self.report = report
        self._show(report, "Would import")
        self.import_button.disabled = not report.ok
        if report.ok:
            self.status.ok("Dry run done: nothing is written until you press Import.")
        else:
            self.status.fail("Nothing was imported: the list above says what stopped it and what you can do.")
        return report

    def run(self) -> ImportReport | None:
        """Import the previewed file in one transaction, or nothing."""
        if self.report is None:
            self.status.fail("Choose a file first.")
            return None
        try:
            done = apply_import(self.report, self.store)
        except FormatError as error:
            self.status.fail(f"Nothing imported: {error}")
            return None
        self._show(done, "Imported")
        self.report = None
        self.import_button.disabled = True
        self.status.ok(f"Imported {done.filename}: {done.summary()}.")
        return done

    def _on_upload(self, change) -> None:
        files = change["new"]
        if files:
            upload = files[0]
            self.preview(bytes(upload["content"]), upload["name"])

    def _show(self, report: ImportReport, verb: str) -> None:
        lines = report.messages()
        listed = "".join(f"<li>{esc(line)}</li>" for line in lines)
        self.report_view.value = (
            f"<p><b>{esc(verb)}</b> from {esc(report.filename)} ({esc(report.label)}): {esc(report.summary())}.</p>"
            + (f"<ul>{listed}</ul>" if listed else "<p>No problems found.</p>")
        )
