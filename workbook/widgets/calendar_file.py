"""The learner's calendar file: open follow-ups and weekly time blocks (the weekly review among
them) written by the calendar exporter (workbook.formats.exporter.export_ics) beside the workbook,
and offered as a download. Shared by the weekly page and chapter 08's plan."""

from __future__ import annotations

import base64
from pathlib import Path

import ipywidgets as widgets

from ..domain.weekly import CALENDAR_FILE, CALENDAR_KEY, CALENDAR_REVIEW_KEY, REVIEW_KEY
from ..formats.exporter import export_ics
from ..store import Store
from .common import Status, esc


def calendar_path(store: Store) -> Path:
    return store.files_folder / CALENDAR_FILE


class CalendarFile(widgets.VBox):
    """A button that writes the calendar file; `write()` does the same and returns the path."""

    def __init__(self, store: Store):
        self.store = store
        self.button = widgets.Button(description="Write my calendar file", icon="calendar", button_style="primary", layout=widgets.Layout(width="auto"))
        self.button.on_click(lambda _: self.write())
        self.status = Status()
        self.download = widgets.HTML()
        super().__init__([widgets.HBox([self.button]), self.status, self.download])

    def write(self) -> Path:
        path = calendar_path(self.store)
        message = export_ics(self.store, path)
        self.store.set_meta(CALENDAR_KEY, str(path))
        self.store.set_meta(CALENDAR_REVIEW_KEY, self.store.get_meta(REVIEW_KEY) or "")
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        self.download.value = (
            f"<a download='{CALENDAR_FILE}' href='data:text/calendar;base64,{data}'>Download {esc(CALENDAR_FILE)}</a> "
            "and open it with your calendar app (Outlook, Google Calendar, Apple Calendar): the follow-ups and "
            "the weekly times appear there. Write it again whenever your plan changes."
        )
        self.status.ok(message.replace(str(path), path.name))
        return path
