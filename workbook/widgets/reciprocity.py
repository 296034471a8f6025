"""The reciprocity tracker: log what you give to and receive from each contact, see the balance
per relationship, and get nudges towards giving. A mirror for your habits, not a ledger of debts."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import charts
from ..domain.exchanges import KINDS, Exchange, monthly_flow, nudges, top_rows
from ..markup import as_table, html_table
from ..store import Store, shared
from .common import LABEL_STYLE, WIDE, ConfirmDelete, ContactPicker, Form, Status, Tool, esc, heading

TABLE_ROWS = 15
NUDGES_SHOWN = 5
SORTS = {
    "Longest since last exchange": ("days_since", False),
    "Received more than gave, lately": ("lean", False),
    "Most exchanges": ("total", False),
    "Name": ("name", True),
}
BALANCE_HEADINGS = {
    "name": "Contact",
    "given": "Given",
    "received": "Received",
    "last_exchange": "Last exchange",
    "days_since": "Days since",
}


class ReciprocityTracker(Tool):
    """`ReciprocityTracker(store)`; with no store, your own workbook."""

    title = "Reciprocity tracker"

    def __init__(self, store: Store | None = None, *, months_without_giving: int = 6):
        self.store = shared(store)
        today = self.store.today()
        self.editing_id: int | None = None

        # --- the log form
        self.contact = ContactPicker(self.store, description="Contact")
        self.contact.when_confirmed(self.save)
        self.direction = widgets.ToggleButtons(
            options=[("I gave", "gave"), ("I received", "received")], value="gave", description="Direction", style=LABEL_STYLE
        )
        self.kind = widgets.Dropdown(options=KINDS, value="advice", description="Kind", style=LABEL_STYLE)
        self.date = widgets.DatePicker(value=today, description="Date", style=LABEL_STYLE)
        self.note = widgets.Textarea(
            placeholder="What was it? (optional)", description="Note", style=LABEL_STYLE, layout=WIDE, rows=2
        )
        self.form = Form(
            {"contact": self.contact, "direction": self.direction, "kind": self.kind, "date": self.date, "note": self.note}
        )
        self.log_button = widgets.Button(description="Log exchange", button_style="primary", icon="plus")
        self.cancel_edit_button = widgets.Button(description="Cancel edit", layout=widgets.Layout(display="none"))
        self.status = Status()
        self.log_button.on_click(lambda _: self.save())
        self.cancel_edit_button.on_click(lambda _: self._reset_form())

        # --- recent exchanges: pick one to edit or delete
        self.history = widgets.Dropdown(description="Recent", style=LABEL_STYLE, layout=WIDE)
        self.edit_button = widgets.Button(description="Edit", icon="pencil-alt")
        self.edit_button.on_click(lambda _: self.edit(self.history.value))
        self.delete = ConfirmDelete("exchange", lambda: self.remove(self.history.value))

        # --- balances, nudges, chart
        self.search = widgets.Text(placeholder="Filter by name", description="Find", style=LABEL_STYLE, continuous_update=False)
        self.sort = widgets.Dropdown(options=list(SORTS), description="Sort by", style=LABEL_STYLE)
        self.balance_table = widgets.HTML()
        self.show_all = widgets.ToggleButton(description="Show everyone", icon="list", tooltip="Show every contact, not only the first 15")
        self.months = widgets.BoundedIntText(
            value=months_without_giving, min=1, max=36, description="Months without giving", style={"description_width": "13em"}
        )
        self.nudge_list = widgets.HTML()
        self.chart = widgets.HTML()
        for control in (self.search, self.sort, self.show_all):
            control.observe(lambda _: self._show_balances(), "value")
        self.months.observe(lambda _: self._show_nudges(), "value")

        self.tabs = widgets.Tab(
            children=[
                widgets.VBox(
                    [
                        self.form.row("contact"),
                        self.form.row("direction"),
                        self.form.row("kind"),
                        self.form.row("date"),
                        self.form.row("note"),
                        widgets.HBox([self.log_button, self.cancel_edit_button]),
                        self.status,
                        heading("Recent exchanges", 4),
                        widgets.HBox([self.history, self.edit_button, self.delete]),
                    ]
                ),
                widgets.VBox([widgets.HBox([self.search, self.sort]), self.balance_table, self.show_all]),
                widgets.VBox([self.months, self.nudge_list]),
                self.chart,
            ],
            titles=["Log", "Balances", "Nudges", "Over time"],
        )
        self.tabs.observe(lambda change: change["new"] == 3 and self._show_chart(), "selected_index")
        super().__init__(self.store, [self.tabs])
        self.refresh()

    def __repr__(self) -> str:
        return f"ReciprocityTracker({self.store!r}: {len(self.balances)} contacts with exchanges)"

    # --- actions --------------------------------------------------------------------------

    def save(self) -> int | None:
        """Log the form as a new exchange, or save the edit. Returns the exchange id, None if refused."""
        with self.quietly(), self.saving(self.status, self.form) as attempt:
            contact_id, created = self.contact.resolve(create=True)
            exchange = Exchange(
                contact_id, self.direction.value, self.kind.value, self.date.value, self.note.value, id=self.editing_id
            )
            if self.editing_id is None:
                exchange_id = self.store.exchanges.log(exchange)
            else:
                self.store.exchanges.update(exchange)
                exchange_id = self.editing_id
        if not attempt.saved:
            return None
        verb = "Logged" if self.editing_id is None else "Saved changes to"
        name = self.contact.label_for(contact_id) or self.contact.value.strip()
        self.status.ok(f"{verb} {self.direction.value} {self.kind.value} with {name}" + (" (new contact)" if created else ""))
        self._reset_form(keep_status=True)
        self.refresh(contact_ids=[contact_id] if self.editing_id is None else None)
        self.history.value = exchange_id  # the entry just saved is the one Edit and Delete act on
        return exchange_id

    def edit(self, exchange_id: int | None) -> None:
        if exchange_id is None:
            self.status.fail("Pick an exchange under Recent first.")
            return
        exchange = self.store.exchanges.get(exchange_id)
        self.editing_id = exchange_id
        self.contact.value = self.contact.label_for(exchange.contact_id)
        self.direction.value = exchange.direction
        self.kind.value = exchange.kind
        self.date.value = exchange.on_date
        self.note.value = exchange.note
        self.log_button.description = "Save changes"
        self.cancel_edit_button.layout.display = None
        self.status.ok("Editing: change the fields, then Save changes.")

    def remove(self, exchange_id: int | None) -> None:
        if exchange_id is None:
            self.status.fail("Pick an exchange under Recent first.")
            return
        self.store.exchanges.delete(exchange_id)
        if self.editing_id == exchange_id:
            self._reset_form(keep_status=True)
        self.status.ok("Deleted the exchange.")
        self.refresh()

    # --- views ----------------------------------------------------------------------------

    def refresh(self, contact_ids: list[int] | None = None) -> None:
        """Reload from the store: everything, or only the rows of `contact_ids` (fast after one log)."""
        if contact_ids is None or not hasattr(self, "balances"):
            self.balances = self.store.exchanges.balances()
        else:
            fresh = self.store.exchanges.balances(contact_ids)
            rest = self.balances[~self.balances["contact_id"].isin(contact_ids)]
            self.balances = pd.concat([rest, fresh], ignore_index=True) if not rest.empty else fresh
        recent = self.store.exchanges.recent(50)
        self.history.options = [
            (f"{r.on_date} · {r.name} · {r.direction} {r.kind}", int(r.id)) for r in recent.itertuples(index=False)
        ]
        if self.history.value is None and self.history.options:
            self.history.value = self.history.options[0][1]
        self._show_balances()
        self._show_nudges()
        if self.tabs.selected_index == 3:
            self._show_chart()

    @as_table
    def table(self, rows: int | None = TABLE_ROWS) -> pd.DataFrame:
        """The balances as the Balances tab shows them (same filter and sort), for reading or analysis."""
        frame = self.balances.assign(
            lean=self.balances["received_lately"] - self.balances["given_lately"],
            total=self.balances["given"] + self.balances["received"],
        )
        wanted = self.search.value.strip().casefold()
        if wanted:
            frame = frame[frame["name"].str.casefold().str.contains(wanted, regex=False)]
        column, ascending = SORTS[self.sort.value]
        frame = top_rows(frame, [column, "name"], [ascending, True], rows)
        return frame[list(BALANCE_HEADINGS)].rename(columns=BALANCE_HEADINGS).reset_index(drop=True)

    def nudges(self) -> list:
        """The relationships the Nudges tab points at, with a concrete idea for each."""
        return nudges(
            self.balances,
            self.store.today(),
            self.store.contacts.interests,
            months_without_giving=self.months.value,
            limit=NUDGES_SHOWN,
        )

    @as_table
    def nudges_table(self) -> pd.DataFrame:
        """The nudges as a table to read: who, why, and one idea."""
        found = self.nudges()
        return pd.DataFrame(
            [(n.name, n.reason, n.suggestion) for n in found], columns=["Contact", "Why now", "One idea"]
        )

    def _show_balances(self) -> None:
        shown = self.table(rows=None if self.show_all.value else TABLE_ROWS)
        self.show_all.layout.display = None if len(self.balances) > TABLE_ROWS else "none"
        self.show_all.description = "Show the first 15" if self.show_all.value else f"Show all {len(self.balances)}"
        self.balance_table.value = html_table(
            shown,
            {h: h for h in BALANCE_HEADINGS.values()},
            caption=f"Per contact: {len(shown)} of {len(self.balances)} shown",
            empty="No exchanges to show: log one in the Log tab, or clear the filter.",
        )

    def _show_nudges(self) -> None:
        found = self.nudges()
        if not found:
            self.nudge_list.value = "<p>No nudges: every relationship you log looks balanced lately.</p>"
            return
        items = "".join(
            f"<li><b>{esc(n.name)}</b>: {esc(n.reason)}.<br>Idea: {esc(n.suggestion)}.</li>" for n in found
        )
        self.nudge_list.value = (
            "<p>Relationships worth a thought. Reciprocity is about the relationship, not a score: "
            "one small, specific gift is enough.</p>"
            f"<ol>{items}</ol>"
        )

    def _show_chart(self) -> None:
        flow = monthly_flow(self.store.exchanges.dated())
        self.chart.value = charts.giving_receiving(flow).html()

    def _reset_form(self, keep_status: bool = False) -> None:
        self.editing_id = None
        self.contact.value = ""
        self.note.value = ""
        self.date.value = self.store.today()
        self.log_button.description = "Log exchange"
        self.cancel_edit_button.layout.display = "none"
        self.form.clear()
        if not keep_status:
            self.status.value = ""
