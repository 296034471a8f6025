"""Who knows whom, quickly (chapter 03): pick one person, tick everyone among your contacts who
knows them, save. Five people done this way map most of a small network without going through
every pair; the network map (workbook.NetworkMap) then shows the clusters and bridges."""

from __future__ import annotations

import ipywidgets as widgets

from ..store import Store, shared
from .common import LABEL_STYLE, WIDE, Status, Tool, esc

SHOWN = 45


class WhoKnows(Tool):
    """`WhoKnows(store)`; with no store, your own workbook.

    Choose someone in `person` (a contact's name), tick `knows[contact_id]` for each contact who
    knows them, then `save_button.click()`. Unticking removes a tie."""

    title = "Who knows whom"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.person = widgets.Dropdown(description="This person", style=LABEL_STYLE, layout=WIDE)
        self.person.observe(lambda _: self._show_boxes(), "value")
        self.filter = widgets.Text(description="Find", placeholder="Filter the list by name", style=LABEL_STYLE, continuous_update=False)
        self.filter.observe(lambda _: self._show_boxes(), "value")
        self.boxes_view = widgets.VBox()
        self.save_button = widgets.Button(description="Save who knows them", button_style="primary", icon="link", layout=widgets.Layout(width="auto"))
        self.save_button.on_click(lambda _: self.save())
        self.status = Status()
        self.summary_view = widgets.HTML()
        super().__init__(
            self.store,
            [
                widgets.HTML("<p>Pick someone, then tick everyone on the list who knows them (well enough to say "
                             "hello). Start with the people at the centre of a group: a team lead, a club captain, a "
                             "relative who knows the whole family.</p>"),
                self.person,
                self.filter,
                self.boxes_view,
                self.save_button,
                self.status,
                self.summary_view,
            ]
        )
        self.refresh()

    def __repr__(self) -> str:
        return f"WhoKnows({self.store!r}: {len(self.store.ties.all())} ties marked)"

    def refresh(self) -> None:
        names = self.store.contacts.names()
        self._names = names
        keep = self.person.value
        self.person.options = [(name, cid) for cid, name in names.items()]
        self.person.value = keep if keep in names else (next(iter(names)) if names else None)
        self._show_boxes()
        self._show_summary()

    def save(self) -> int:
        """Save the ticks for the chosen person; returns how many ties changed."""
        chosen = self.person.value
        if chosen is None:
            self.status.fail("Nobody to choose yet: take stock of the people you know first (chapter 01).")
            return 0
        changed = 0
        with self.saving(self.status, failed="Nothing saved") as attempt:
            for other, box in self.knows.items():
                if box.value != (other in self._linked):
                    changed += int(self.store.ties.set(chosen, other, box.value))
        if not attempt.saved:
            self.refresh()
            return 0
        linked = sorted((self._names[o] for o, box in self.knows.items() if box.value), key=str.casefold)
        self._show_boxes()
        self._show_summary()
        who = self._names[chosen]
        if not changed:
            self.status.ok(f"Nothing changed for {who}.")
        elif linked:
            self.status.ok(f"Saved: {who} knows {_and(linked)}.")
        else:
            self.status.ok(f"Saved: nobody on your list is marked as knowing {who}.")
        return changed

    def _show_boxes(self) -> None:
        chosen = self.person.value
        self.knows: dict[int, widgets.Checkbox] = {}
        if chosen is None:
            self._linked = set()
            self.boxes_view.children = [widgets.HTML("<p>No contacts yet.</p>")]
            return
        ties = self.store.ties.all()
        self._linked = {int(b) for a, b in zip(ties["a"], ties["b"]) if a == chosen} | {
            int(a) for a, b in zip(ties["a"], ties["b"]) if b == chosen
        }
        wanted = self.filter.value.strip().casefold()
        others = [(cid, name) for cid, name in self._names.items() if cid != chosen and wanted in name.casefold()]
        # Those already linked first, so the saved picture is in view.
        others.sort(key=lambda pair: (pair[0] not in self._linked, pair[1].casefold()))
        layout, style = widgets.Layout(width="18em"), widgets.Checkbox().style  # shared: fewer saved models
        for cid, name in others[:SHOWN]:
            self.knows[cid] = widgets.Checkbox(value=cid in self._linked, description=name, indent=False, layout=layout, style=style)
        rows = [widgets.HBox(list(self.knows.values())[i:i + 3]) for i in range(0, len(self.knows), 3)]
        if len(others) > SHOWN:
            rows.append(widgets.HTML(f"<p>{esc(f'{len(others) - SHOWN} more: type part of a name in Find.')}</p>"))
        self.boxes_view.children = rows or [widgets.HTML("<p>No one else matches.</p>")]

    def _show_summary(self) -> None:
        ties = self.store.ties.all()
        people = set(ties["a"]) | set(ties["b"])
        self.summary_view.value = (
            f"<p>So far: {len(ties)} pair{'s' if len(ties) != 1 else ''} who know each other, "
            f"among {len(people)} of your {len(self._names)} contacts.</p>"
        )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
