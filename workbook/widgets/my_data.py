"""Your data, without a terminal: where the workbook file is, a backup and a readable copy to
download with one click, and erasing everything (after a confirmation)."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets

from ..formats import jsonfile, readable_copy
from ..store import Store, shared
from .common import ConfirmDelete, Status, Tool, download_link, esc


class MyData(Tool):
    """`MyData()`: your own workbook's file, backup, readable copy and erase button."""

    title = "Your data"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.where = widgets.HTML()
        self.links = widgets.HTML()
        self.status = Status()
        self.erase = ConfirmDelete("workbook's entries (every contact, exchange, plan and answer)", self.erase_everything)
        self.erase.delete_button.description = "Erase everything…"
        super().__init__(self.store, [self.where, self.links, self.erase, self.status])
        self.refresh()

    def backup(self) -> bytes:
        """The whole workbook as JSON: `python -m workbook import` (or the import tool) restores it."""
        return jsonfile.write(self.store.backup.dump(), self.store.schema_version)

    def erase_everything(self) -> None:
        self.store.backup.erase()
        self.status.ok("Erased every entry. The tools on this page now start empty.")

    def refresh(self) -> None:
        # The website shows this tool as saved when the book was made: there, the file and the
        # downloads would be the book build's own throwaway workbook, so they are live-only.
        self.where.value = (
            "<p>Everything you type into the tools is kept in one file"
            f"<span class='workbook-live-only'>: <code>{esc(self.store.path)}</code></span>"
            "<span class='workbook-picture-note'> on your own computer (in JupyterLab this line names it)</span>. "
            "Nothing is sent anywhere.</p>"
        )
        stamp = dt.date.today().isoformat()
        self.links.value = (
            "<p class='workbook-live-only'>"
            + download_link(self.backup(), f"workbook-backup-{stamp}.json", "application/json", "Download a backup (JSON)")
            + " — keep it safe; the import tool or <code>python -m workbook import</code> brings it back.<br>"
            + download_link(readable_copy.render(self.store, "html"), f"my-workbook-{stamp}.html", "text/html", "Download a readable copy (HTML)")
            + " — your plans, reflections, goals and answers on one page.</p>"
        )
