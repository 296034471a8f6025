"""Regular networking time: pick a weekly slot (say every Tuesday 12:30-13:00), keep a list, and
export it to your calendar as repeating events (.ics), so finding time stops being a decision."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..domain.time_blocks import MAX_BLOCK_MINUTES, WEEKDAYS, TimeBlock, weekly_minutes
from ..files import atomic_write
from ..formats import ics
from ..markup import as_table, html_table
from ..store import Store, shared
from .common import LABEL_STYLE, WIDE, ConfirmDelete, Form, Status, Tool, esc

ICS_NAME = "networking-time.ics"
HEADINGS = {"label": "What", "day": "Every", "start_time": "From", "end_time": "To", "minutes": "Minutes", "starts_on": "Starting"}


class TimeBlocks(Tool):
    """`TimeBlocks(store)`; with no store, your own workbook.

    Fill `label`, `weekday` (0 = Monday), `start` and `end` (datetime.time), `starts_on`, then
    `add_button.click()`. Delete with `pick` and `delete`. `export_button` writes the .ics file
    beside your workbook and offers it as a download; `ics()` gives its bytes."""

    title = "Regular networking time"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        today = self.store.today()
        self.label = widgets.Text(value="Networking time", description="What", style=LABEL_STYLE, layout=WIDE)
        self.weekday = widgets.Dropdown(options=[(name, number) for number, name in enumerate(WEEKDAYS)], value=1, description="Every", style=LABEL_STYLE)
        self.start = widgets.TimePicker(value=dt.time(12, 30), description="From", style=LABEL_STYLE)
        self.end = widgets.TimePicker(value=dt.time(13, 0), description="To", style=LABEL_STYLE)
        self.starts_on = widgets.DatePicker(value=today, description="Starting on", style=LABEL_STYLE)
        self.form = Form({"label": self.label, "weekday": self.weekday, "start": self.start, "end": self.end, "from": self.starts_on})
        self.add_button = widgets.Button(description="Add time block", button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.status = Status()
        self.table_view = widgets.HTML()
        self.pick = widgets.Dropdown(description="Block", style=LABEL_STYLE, layout=WIDE)
        self.delete = ConfirmDelete("time block", lambda: self.remove(self.pick.value))
        self.export_button = widgets.Button(description="Export to calendar (.ics)", icon="calendar")
        self.export_button.on_click(lambda _: self.export())
        self.download = widgets.HTML()
        super().__init__(
            self.store,
            [
                self.form.row("label"),
                self.form.row("weekday"),
                self.form.row("start"),
                self.form.row("end"),
                self.form.row("from"),
                widgets.HTML(f"<small>Up to {MAX_BLOCK_MINUTES // 60} hours a block: short and regular beats long and rare.</small>"),
                self.add_button,
                self.status,
                self.table_view,
                widgets.HBox([self.pick, self.delete]),
                self.export_button,
                self.download,
            ]
        )
        self.refresh()

    def __repr__(self) -> str:
        count = len(self.blocks)
        return f"TimeBlocks({self.store!r}: {count} block{'s' if count != 1 else ''}, {weekly_minutes(self.blocks)} minutes a week)"

    # --- plain data --------------------------------------------------------------------------

    @as_table
    def table(self) -> pd.DataFrame:
        """Your weekly networking time, Monday first: what, every (day), from, to, minutes, starting."""
        rows = [
            dict(label=b.label, day=WEEKDAYS[b.weekday], start_time=f"{b.start:%H:%M}", end_time=f"{b.end:%H:%M}",
                 minutes=b.minutes, starts_on=b.starts_on.isoformat())
            for b in self.blocks
        ]
        return pd.DataFrame(rows, columns=list(HEADINGS)).rename(columns=HEADINGS)

    def ics(self, now: dt.datetime | None = None) -> bytes:
        """Every block as a weekly repeating event (RRULE FREQ=WEEKLY), in iCalendar format."""
        events = [ics.TimeBlock(b.label, b.weekday, b.start, b.end, b.starts_on) for b in self.blocks]
        return ics.calendar([], events, now=now)

    # --- actions ---------------------------------------------------------------------------

    def block(self, weekday: str, start: dt.time, end: dt.time, what: str = "Networking time") -> int | None:
        """Fill the form and add a weekly block: `blocks.block("Friday", time(16), time(16, 30), "Follow-ups")`."""
        self.weekday.value = WEEKDAYS.index(weekday)
        self.start.value, self.end.value = start, end
        self.label.value = what
        return self.add()

    def add(self) -> int | None:
        with self.saving(self.status, self.form) as attempt:
            block_id = self.store.time_blocks.add(
                TimeBlock(self.label.value, self.weekday.value, self.start.value, self.end.value, self.starts_on.value)
            )
        if not attempt.saved:
            return None
        self.refresh()
        block = next(b for b in self.blocks if b.id == block_id)
        self.status.ok(f"Added {block.label}: every {WEEKDAYS[block.weekday]} {block.start:%H:%M}-{block.end:%H:%M}, from {block.first_on()}.")
        return block_id

    def remove(self, block_id: int | None) -> None:
        if block_id is None:
            self.status.fail("Pick a time block first.")
            return
        self.store.time_blocks.delete(block_id)
        self.refresh()
        self.status.ok("Deleted the time block.")

    def export(self, path: str | Path | None = None) -> Path | None:
        """Write the .ics file (default: beside your workbook file) and offer it as a download."""
        if not self.blocks:
            self.status.fail("Nothing to export yet: add a time block first.")
            return None
        target = Path(path) if path is not None else self.store.files_folder / ICS_NAME
        data = self.ics()
        atomic_write(target, data)
        link = base64.b64encode(data).decode("ascii")
        self.download.value = (
            f"<a download='{ICS_NAME}' href='data:text/calendar;base64,{link}'>Download {esc(ICS_NAME)}</a> "
            f"(also written to <code>{esc(target)}</code>). Open it with your calendar app to add the repeating events."
        )
        self.status.ok(f"Exported {len(self.blocks)} repeating event{'s' if len(self.blocks) != 1 else ''} to {target.name}.")
        return target

    # --- views -----------------------------------------------------------------------------

    def refresh(self) -> None:
        frame = self.store.time_blocks.all()
        self.blocks = [
            TimeBlock(r.label, int(r.weekday), dt.time.fromisoformat(r.start_time), dt.time.fromisoformat(r.end_time),
                      dt.date.fromisoformat(r.starts_on), id=int(r.id))
            for r in frame.itertuples(index=False)
        ]
        was = self.pick.value
        self.pick.options = [
            (f"{WEEKDAYS[b.weekday]} {b.start:%H:%M}-{b.end:%H:%M} · {b.label}", b.id) for b in self.blocks
        ]
        ids = [b.id for b in self.blocks]
        self.pick.value = was if was in ids else (ids[0] if ids else None)
        table = self.table()
        self.table_view.value = html_table(
            table,
            {h: h for h in HEADINGS.values()},
            caption=f"Your networking time: {weekly_minutes(self.blocks)} minutes a week",
            empty="No networking time yet: pick a weekly slot above.",
        )
