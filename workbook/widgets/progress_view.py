"""Your progress, live: the table, the counts and the chart update as you answer a quiz or add
an entry in any tool on the page, without running the cell again."""

from __future__ import annotations

import ipywidgets as widgets

from ..progress import progress_of
from ..store import Store
from .common import Tool
from .hand_in import HandInButton


class ProgressView(Tool):
    title = "Your progress"

    def __init__(self, store: Store):
        self.view = widgets.HTML()
        self.chart = widgets.HTML()
        super().__init__(store, [self.view, self.chart, HandInButton(store)])
        self.refresh()

    @property
    def placeholder(self) -> str:
        return "Your progress: run this cell to see it."

    def refresh(self) -> None:
        shown = progress_of(self.store)
        self.view.value = shown.summary_html()
        self.chart.value = shown.chart().html()
