"""The online presence audit: a checklist for LinkedIn, Facebook, Instagram and X (Twitter), saved
as you tick, with a score per network and a concrete next step for every unticked item."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..domain.presence import NOT_USED, PRESENCE_CHECKLIST, presence_score, presence_suggestions
from ..markup import as_table, html_table
from ..store import Store, shared
from .common import Status, Tool, esc


class PresenceAudit(Tool):
    """`PresenceAudit(store)`; with no store, your own workbook.

    `checks[(network, item_key)]` is the checkbox of one item, `not_used[network]` says you do not
    use a network (it then leaves the score). Each tick saves at once."""

    title = "Online presence audit"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        saved = self.store.presence.checked()
        self.checks: dict[tuple[str, str], widgets.Checkbox] = {}
        self.not_used: dict[str, widgets.Checkbox] = {}
        pages = []
        with self.loading():
            for network, items in PRESENCE_CHECKLIST.items():
                skip = widgets.Checkbox(value=(network, NOT_USED) in saved, description=f"I do not use {network}", indent=False)
                skip.observe(lambda change, n=network: self._on_tick(n, NOT_USED, change["new"]), "value")
                self.not_used[network] = skip
                boxes = []
                for item in items:
                    box = widgets.Checkbox(
                        value=(network, item.key) in saved, description=item.label, indent=False,
                        layout=widgets.Layout(width="42em"),
                    )
                    box.observe(lambda change, n=network, k=item.key: self._on_tick(n, k, change["new"]), "value")
                    self.checks[(network, item.key)] = box
                    boxes.append(box)
                pages.append(widgets.VBox([skip, *boxes]))
        self.tabs = widgets.Tab(children=pages, titles=list(PRESENCE_CHECKLIST))
        self.status = Status()
        self.score_view = widgets.HTML()
        self.suggestion_view = widgets.HTML()
        super().__init__(self.store, [self.tabs, self.status, self.score_view, self.suggestion_view])
        self._show()

    def __repr__(self) -> str:
        overall = self.score().iloc[-1]
        return f"PresenceAudit({self.store!r}: {overall['done']} of {overall['items']} done)"

    # --- plain data --------------------------------------------------------------------------

    def tick(self, network: str, *items: str) -> None:
        """Tick checklist items, as a learner would: `audit.tick("LinkedIn", "photo", "headline")`."""
        for item in items:
            if (network, item) not in self.checks:
                known = ", ".join(key for (net, key) in self.checks if net == network) or "none: check the network's name"
                raise KeyError(f"{network} has no checklist item {item!r}; its items are {known}")
            self.checks[(network, item)].value = True

    def not_using(self, network: str) -> None:
        """Say you do not use a network, so it drops out of the score."""
        self.not_used[network].value = True

    @as_table
    def score(self) -> pd.DataFrame:
        """Items done per network you use, then Overall: network, done, items, percent."""
        checked, unused = self._state()
        return presence_score(checked, unused)

    def suggestions(self) -> list[str]:
        """'Network: what to do' for every unticked item on the networks you use."""
        checked, unused = self._state()
        return [f"{network}: {text}" for network, text in presence_suggestions(checked, unused)]

    # --- helpers ---------------------------------------------------------------------------

    def _state(self) -> tuple[set[tuple[str, str]], set[str]]:
        saved = self.store.presence.checked()
        unused = {network for network, item in saved if item == NOT_USED}
        return {pair for pair in saved if pair[1] != NOT_USED}, unused

    def _on_tick(self, network: str, item: str, checked: bool) -> None:
        if self.is_loading:
            return
        self.store.presence.set(network, item, checked)
        self.status.ok(f"Saved {network}.")
        self._show()

    def _show(self) -> None:
        score = self.score()
        self.score_view.value = html_table(
            score.rename(columns={"network": "Network", "done": "Done", "items": "Items", "percent": "Percent"}),
            {"Network": "Network", "Done": "Done", "Items": "Items", "Percent": "Percent"},
            caption="Your presence score (networks you use)",
            empty="",
        )
        ideas = self.suggestions()
        if ideas:
            items = "".join(f"<li>{esc(idea)}</li>" for idea in ideas)
            self.suggestion_view.value = f"<p>Next steps, one at a time:</p><ol>{items}</ol>"
        else:
            self.suggestion_view.value = "<p>Every item is done on the networks you use: check again in a few months.</p>"
