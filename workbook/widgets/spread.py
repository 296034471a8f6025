"""How varied your network is: where your contacts come from (how you met, where they work,
personal or professional, closeness layer), as a sentence, a bar chart and a table."""

from __future__ import annotations

import ipywidgets as widgets

from .. import charts
from ..network import SPREAD_VIEWS, describe_spread, spread
from ..store import Store
from .common import esc, heading, html_table

GROUPS_LISTED = 12


class NetworkSpread(widgets.VBox):
    """`NetworkSpread(store, by="how_met")`; with no store, your own workbook. Pick a view in `by`."""

    def __init__(self, store: Store | None = None, by: str = "how_met"):
        self.store = store if store is not None else Store()
        self.by = widgets.ToggleButtons(options=[(label.capitalize(), key) for key, label in SPREAD_VIEWS.items()], value=by)
        self.view = widgets.HTML()
        self.refresh_button = widgets.Button(description="Look again", icon="refresh", tooltip="Count again after changes in other tools")
        self.by.observe(lambda _: self.refresh(), "value")
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__([heading("Where your people come from"), widgets.HBox([self.by, self.refresh_button]), self.view])
        self.refresh()

    def __repr__(self) -> str:
        return self.summary()

    def table(self):
        return spread(self.store.table("contacts"), self.by.value)

    def summary(self) -> str:
        return describe_spread(self.table(), self.by.value)

    def refresh(self) -> None:
        table = self.table()
        what = SPREAD_VIEWS[self.by.value]
        listed = table.head(GROUPS_LISTED).assign(share=table["share"].map(lambda s: "" if s != s else f"{s:.0%}"))
        self.view.value = (
            f"<p>{esc(describe_spread(table, self.by.value))}</p>"
            + charts.spread_bars(table, what).html()
            + html_table(listed, {"group": what.capitalize(), "contacts": "Contacts", "share": "Share"},
                         caption=f"Contacts by {what} (the first {GROUPS_LISTED} groups)", empty="No contacts yet.")
        )
