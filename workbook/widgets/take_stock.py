"""Take stock of the people you know (chapter 01) and sort them (chapters 01 and 02), with no code.

`TakeStock` asks one part of life at a time (family, neighbours, former colleagues...; see
workbook.domain.take_stock) for names, one per line, and adds them all at once; a second tab imports a file
instead. `SortPeople` lists your contacts with a circle and a Dunbar layer to set for each, and
saves every change with one click."""

from __future__ import annotations

import dataclasses

import ipywidgets as widgets
import pandas as pd

from ..domain.contacts import CIRCLES
from ..domain.keep_in_touch import LAYER_NAMES, LAYERS
from ..domain.take_stock import CATEGORIES, take_stock
from ..store import Store, shared
from .common import LABEL_STYLE, Form, Status, Tool, esc
from .importer import ImportContacts

ROWS_SHOWN = 30


class TakeStock(Tool):
    """`TakeStock(store)`; with no store, your own workbook.

    Type names into `boxes[category_key]` (one per line), then `add_button.click()`."""

    title = "Take stock of the people you know"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.boxes = {
            category.key: widgets.Textarea(placeholder="One name per line", rows=2, layout=widgets.Layout(width="20em"))
            for category in CATEGORIES
        }
        self.form = Form(dict(self.boxes))
        # Two columns, so the ten parts of life fit on a screen.
        form_rows = [
            widgets.GridBox(
                [widgets.VBox([widgets.HTML(f"<b>{esc(c.prompt)}</b>"), self.form.row(c.key)]) for c in CATEGORIES],
                layout=widgets.Layout(grid_template_columns="repeat(2, minmax(0, 1fr))", grid_gap="0.2em 1.5em"),
            )
        ]
        self.add_button = widgets.Button(description="Add these people", button_style="primary", icon="user-plus", layout=widgets.Layout(width="auto"))
        self.add_button.on_click(lambda _: self.add())
        self.status = Status()
        self.count_view = widgets.HTML()
        self.importer = ImportContacts(self.store)
        self.tabs = widgets.Tab(
            children=[
                widgets.VBox(
                    [
                        widgets.HTML("<p>Go down the list and write the names that come to mind: first names are "
                                     "enough. Skip a part that does not fit your life.</p>"),
                        *form_rows,
                        widgets.HBox([self.add_button]),
                        self.status,
                    ]
                ),
                self.importer,
            ],
            titles=["Write names", "Import a file"],
        )
        super().__init__(self.store, [self.count_view, self.tabs])
        self._show_count()

    def __repr__(self) -> str:
        return f"TakeStock({self.store!r}: {len(self.store.contacts.names())} contacts)"

    def add(self) -> list[int] | None:
        """Add every new name typed; returns their ids, or None if refused (nothing is added)."""
        typed = {key: box.value for key, box in self.boxes.items()}
        with self.saving(self.status, self.form, failed="Nothing added") as attempt:
            found = take_stock(typed, self.store.contacts.names().values())
            ids = [self.store.contacts.add(contact) for contact in found.new]
        if not attempt.saved:
            return None
        for box in self.boxes.values():
            box.value = ""
        if not found.new and not found.already:
            self.status.fail("No names yet: write at least one name under any part of your life.")
            return []
        parts = []
        if found.new:
            parts.append(f"Added {len(found.new)}: " + ", ".join(f"{c.name} ({c.how_met})" for c in found.new) + ".")
        if found.already:
            parts.append("Already in your workbook: " + ", ".join(found.already) + ".")
        self.status.ok(" ".join(parts))
        self._show_count()
        return ids

    def _show_count(self) -> None:
        count = len(self.store.contacts.names())
        self.count_view.value = f"<p>Your workbook holds {count} {'person' if count == 1 else 'people'}.</p>"


class SortPeople(Tool):
    """`SortPeople(store)`; with no store, your own workbook.

    One row per contact (those not yet in a layer first, then the newest; `find` filters by name):
    `circles[contact_id]` and `layers[contact_id]` are the dropdowns; `save_button.click()` saves
    every change. Changing the filter saves what was changed first."""

    title = "Sort your people"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.circles: dict[int, widgets.Dropdown] = {}
        self.layers: dict[int, widgets.Dropdown] = {}
        self.find = widgets.Text(description="Find", placeholder="Part of a name", style=LABEL_STYLE, continuous_update=False)
        self.find.observe(lambda _: self._on_find(), "value")
        self.rows_view = widgets.VBox()
        self.save_button = widgets.Button(description="Save", button_style="primary", icon="save")
        self.save_button.on_click(lambda _: self.save())
        self.status = Status()
        help_text = (
            "<p><b>Circle</b>: personal, professional, or both. <b>Layer</b>: about 5 are the people you "
            "would call in a crisis; about 15 good friends; about 50 friends; about 150 everyone you "
            "would greet by name (Dunbar's layers). Leave a layer empty if you are not sure.</p>"
        )
        super().__init__(self.store, [widgets.HTML(help_text), self.find, self.rows_view,
                          widgets.HBox([self.save_button]), self.status])
        self.refresh()

    def __repr__(self) -> str:
        placed = sum(1 for box in self.layers.values() if box.value is not None)
        return f"SortPeople({self.store!r}: {len(self.layers)} shown, {placed} in a layer)"

    def refresh(self) -> None:
        # Not yet placed first, then the latest added: the people still to sort.
        everyone = self.store.contacts.directory()
        everyone = everyone.assign(placed=everyone["layer"].notna()).sort_values(["placed", "id"], ascending=[True, False])
        wanted = self.find.value.strip().casefold()
        matching = everyone[everyone["name"].str.casefold().str.contains(wanted, regex=False)] if wanted else everyone
        frame = matching.head(ROWS_SHOWN)
        self._saved = {int(r.id): (r.circle, None if pd.isna(r.layer) else int(r.layer)) for r in frame.itertuples()}
        self.circles: dict[int, widgets.Dropdown] = {}
        self.layers: dict[int, widgets.Dropdown] = {}
        # One layout and style shared by each column's widgets: a notebook saves every widget's
        # models, and a row per contact would otherwise mean four more models a row.
        name_layout, circle_layout, layer_layout = (widgets.Layout(width=w) for w in ("14em", "10em", "16em"))
        style = widgets.Dropdown().style  # a DescriptionStyle, which ipywidgets does not export
        rows = []
        if everyone.empty:
            rows.append(widgets.HTML("<p>No contacts yet: take stock of the people you know first (chapter 01).</p>"))
        for r in frame.itertuples():
            cid = int(r.id)
            circle, layer = self._saved[cid]
            self.circles[cid] = widgets.Dropdown(options=CIRCLES, value=circle, layout=circle_layout, style=style)
            self.layers[cid] = widgets.Dropdown(
                options=[("not placed yet", None)] + [(LAYER_NAMES[n], n) for n in LAYERS], value=layer,
                layout=layer_layout, style=style,
            )
            rows.append(widgets.HBox([widgets.HTML(esc(r.name), layout=name_layout), self.circles[cid], self.layers[cid]]))
        if len(matching) > ROWS_SHOWN:
            rows.append(widgets.HTML(f"<p>{esc(f'{len(matching) - ROWS_SHOWN} more: type part of a name in Find.')}</p>"))
        elif wanted and matching.empty:
            rows.append(widgets.HTML("<p>No one matches: clear Find to see everyone.</p>"))
        self.rows_view.children = rows

    def _on_find(self) -> None:
        if self._changed():
            self.save()
        else:
            self.refresh()

    def _changed(self) -> list[int]:
        return [cid for cid in self.circles if (self.circles[cid].value, self.layers[cid].value) != self._saved[cid]]

    def save(self) -> int:
        """Save every changed row in one go; returns how many contacts changed."""
        changed = self._changed()
        with self.saving(self.status, failed="Nothing saved") as attempt:
            for cid in changed:
                contact = self.store.contacts.get(cid)
                contact.circle = self.circles[cid].value
                keep = self.store.contacts.keep_in_touch(cid)  # an own cadence and the day you met stay
                keep = dataclasses.replace(keep, layer=self.layers[cid].value)
                self.store.contacts.save(contact, keep)
        if not attempt.saved:
            return 0
        if not changed:
            self.status.ok("Nothing changed: pick a circle or a layer for someone, then Save.")
            return 0
        names = self.store.contacts.names()
        self.status.ok("Saved " + ", ".join(names[cid] for cid in changed) + ".")
        self.refresh()
        return len(changed)
