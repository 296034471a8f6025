"""The network map: mark who knows whom among your contacts, and see the clusters, the people who
bridge them (Burt 2004's structural holes), and the weak and dormant ties worth a look."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import charts
from ..domain.graph import describe_network, network_picture
from ..domain.keep_in_touch import keep_in_touch
from ..domain.validation import ValidationError
from ..markup import as_table, html_table
from ..store import Store, shared
from .common import ContactPicker, Form, Status, Tool, esc

METRICS_SHOWN = 15
METRIC_HEADINGS = {
    "name": "Contact",
    "degree": "Knows (of your contacts)",
    "cluster": "Cluster",
    "clusters_reached": "Clusters their ties reach",
}


class NetworkMap(Tool):
    """`NetworkMap(store)`; with no store, your own workbook.

    Pick two contacts in `first` and `second`, then `know_button.click()` (they know each other)
    or `forget_button.click()` (remove the tie). `summary()`, `chart()` and `metrics()` give the
    same picture as plain data."""

    title = "Network map"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.first = ContactPicker(self.store, description="This person")
        self.second = ContactPicker(self.store, description="knows")
        self.form = Form({"first": self.first, "second": self.second})
        self.know_button = widgets.Button(description="They know each other", button_style="primary", icon="link")
        self.forget_button = widgets.Button(description="Remove tie", icon="unlink")
        self.know_button.on_click(lambda _: self.set_tie(True))
        self.forget_button.on_click(lambda _: self.set_tie(False))
        self.status = Status()
        self.summary_view = widgets.HTML()
        self.map_view = widgets.HTML()
        self.metrics_view = widgets.HTML()
        super().__init__(
            self.store,
            [
                self.form.row("first"),
                self.form.row("second"),
                widgets.HBox([self.know_button, self.forget_button]),
                self.status,
                self.summary_view,
                self.map_view,
                self.metrics_view,
            ]
        )
        self.refresh()

    def __repr__(self) -> str:
        clusters = self.picture.nodes["cluster"].nunique(dropna=True)
        return (
            f"NetworkMap({self.store!r}: {self.picture.total_contacts} contacts, "
            f"{self.picture.total_ties} ties, {clusters} clusters)"
        )

    # --- plain data --------------------------------------------------------------------------

    def summary(self) -> str:
        """What the map shows, in a few sentences: clusters, bridges, your position, dormant ties."""
        return describe_network(self.picture)

    def chart(self) -> charts.Chart:
        note = ""
        if self.picture.shown < self.picture.total_contacts:
            note = f"Showing the {self.picture.shown} best-connected of {self.picture.total_contacts} contacts."
        return charts.network_map(self.picture.nodes, self.picture.edges, note=note)

    @as_table
    def metrics(self) -> pd.DataFrame:
        """Per contact on the map: how many of your contacts they know, their cluster and how many
        clusters their ties reach; bridges first (most clusters, then the most paths through them).
        Your own constraint and effective size are in `summary()`."""
        frame = self.picture.nodes.sort_values(["clusters_reached", "betweenness", "name"], ascending=[False, False, True])
        return frame[list(METRIC_HEADINGS)].rename(columns=METRIC_HEADINGS).reset_index(drop=True)

    # --- actions ---------------------------------------------------------------------------

    def set_tie(self, know_each_other: bool) -> bool:
        """Mark or unmark that the two chosen contacts know each other. Returns whether it changed."""
        with self.saving(self.status, self.form) as attempt:
            first = self._pick("first", self.first)
            second = self._pick("second", self.second)
            if first == second:
                raise ValidationError("second", "pick two different people.")
            changed = self.store.ties.set(first, second, know_each_other)
        if not attempt.saved:
            return False
        a, b = self.first.value.strip(), self.second.value.strip()
        if not changed:
            self.status.ok(f"{a} and {b} were already {'marked as knowing' if know_each_other else 'not marked as knowing'} each other.")
            return False
        self.refresh()
        self.status.ok(f"{a} and {b} {'know each other' if know_each_other else 'are no longer marked as knowing each other'}.")
        return True

    def refresh(self) -> None:
        health = keep_in_touch(self.store.contacts.last_interactions(), self.store.today())
        self.picture = network_picture(health, self.store.ties.all())
        self.summary_view.value = "".join(f"<p>{esc(line)}</p>" for line in self.summary().splitlines())
        self.map_view.value = self.chart().html()
        shown = self.metrics().head(METRICS_SHOWN).copy()
        names = self.picture.cluster_names()
        shown["Cluster"] = shown["Cluster"].map(lambda v: "" if pd.isna(v) else f"around {names[int(v)]}")
        self.metrics_view.value = html_table(
            shown,
            {h: h for h in METRIC_HEADINGS.values()},
            caption=f"Bridges first: {len(shown)} of {self.picture.shown} on the map (contacts whose ties reach two or more clusters)",
            empty="No contacts on the map yet.",
        )

    def _pick(self, field: str, picker: ContactPicker) -> int:
        if not picker.value.strip():
            raise ValidationError(field, "choose one of your contacts.")
        try:
            return picker.resolve(create=False)[0]
        except ValidationError as error:
            raise ValidationError(field, f"{error.message} Add new people in the contact book first.") from None
