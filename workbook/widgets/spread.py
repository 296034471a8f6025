"""How varied your network is: where your contacts come from (how you met, where they work,
personal or professional, closeness layer), as a sentence, a bar chart and a table."""

from __future__ import annotations

import ipywidgets as widgets

from .. import charts
from ..domain.spread import SPREAD_VIEWS, describe_spread, spread
from ..domain.validation import sentence_case
from ..markup import as_table, esc, html_table
from ..store import Store, shared
from .common import Tool

GROUPS_LISTED = 12


class NetworkSpread(Tool):
    """`NetworkSpread(store, by="how_met")`; with no store, your own workbook. Pick a view in `by`.
    It follows every change to the workbook, made here or in another tool."""

    title = "Where your people come from"

    def __init__(self, store: Store | None = None, by: str = "how_met"):
        self.store = shared(store)
        self.by = widgets.ToggleButtons(options=[(sentence_case(label), key) for key, label in SPREAD_VIEWS.items()], value=by)
        self.view = widgets.HTML()
        self.by.observe(lambda _: self.refresh(), "value")
        super().__init__(self.store, [self.by, self.view])
        self.refresh()

    def __repr__(self) -> str:
        return self.summary()

    @as_table
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
            + html_table(listed, {"group": sentence_case(what), "contacts": "Contacts", "share": "Share"},
                         caption=f"Contacts by {what} (the first {GROUPS_LISTED} groups)", empty="No contacts yet.")
        )
