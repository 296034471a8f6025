"""Follow-ups: the promises made in conversations, yours and theirs. Promises from conversation
plans arrive here by themselves; add others by hand. Overdue ones come first; mark them done
(or undo), and see how many of your promises you keep on time."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..domain.follow_ups import KEPT, LATE, OVERDUE, FollowUp, follow_up_status, kept_rate
from ..markup import as_table
from ..store import Store, shared
from .common import LABEL_STYLE, WIDE, ConfirmDelete, ContactPicker, Form, Status, Tool, esc, heading

ROWS_SHOWN = 30
HEADINGS = {
    "status": "Status",
    "due": "Due",
    "name": "With",
    "owner": "Who promised",
    "promise": "Promise",
    "done_on": "Done on",
    "occasion": "From",
}


class FollowUps(Tool):
    """`FollowUps(store)`; with no store, your own workbook.

    Add a promise: `contact`, `owner` ('me' or 'them'), `promise`, `due`, then `add_button.click()`.
    `done_buttons[follow_up_id]` marks a promise done today, or undoes it. `show_done` lists kept
    ones too. Ad-hoc promises can be deleted (`delete_pick`, `delete`); a plan's promises change
    in the conversation planner."""

    title = "Follow-ups"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.contact = ContactPicker(self.store, description="With")
        self.owner = widgets.ToggleButtons(
            options=[("I promised", "me"), ("They promised", "them")], value="me", description="Who promised", style=LABEL_STYLE
        )
        self.promise = widgets.Text(description="Promise", placeholder="e.g. send the article on pricing", style=LABEL_STYLE, layout=WIDE)
        self.due = widgets.DatePicker(description="By when", style=LABEL_STYLE)
        self.form = Form({"contact": self.contact, "who promised": self.owner, "promise": self.promise, "due": self.due})
        self.add_button = widgets.Button(description="Add promise", button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.status = Status()
        self.rate_view = widgets.HTML()
        self.show_done = widgets.Checkbox(value=False, description="Show kept promises too", indent=False)
        self.show_done.observe(lambda _: self._show_list(), "value")
        self.list_view = widgets.VBox()
        self.done_buttons: dict[int, widgets.Button] = {}
        self.delete_pick = widgets.Dropdown(description="Your own", style=LABEL_STYLE, layout=WIDE)
        self.delete = ConfirmDelete("promise", lambda: self.remove(self.delete_pick.value))
        super().__init__(
            self.store,
            [
                self.rate_view,
                self.show_done,
                self.list_view,
                heading("Add a promise", 4),
                self.form.row("contact"),
                self.form.row("who promised"),
                self.form.row("promise"),
                self.form.row("due"),
                self.add_button,
                self.status,
                heading("Delete a promise you added", 4),
                widgets.HBox([self.delete_pick, self.delete]),
            ]
        )
        self.refresh()

    def __repr__(self) -> str:
        frame = self.frame
        still_open = int(frame["done_on"].isna().sum())
        overdue = int((frame["status"] == OVERDUE).sum())
        return f"FollowUps({self.store!r}: {still_open} open, {overdue} overdue)"

    # --- plain data --------------------------------------------------------------------------

    @as_table
    def table(self, include_done: bool = True) -> pd.DataFrame:
        """Every promise, overdue first (most overdue first), then open by due date, undated,
        then done; without the kept ones when `include_done` is False."""
        frame = self.frame if include_done else self.frame[self.frame["done_on"].isna()]
        return frame[list(HEADINGS)].rename(columns=HEADINGS).reset_index(drop=True)

    def kept_rate(self, owner: str = "me") -> float | None:
        """Share of `owner`'s promises kept on time among those whose outcome is known (done, or
        past due): see workbook.domain.follow_ups.kept_rate. None before any is known."""
        return kept_rate(self.frame, self.store.today(), owner)

    # --- actions ---------------------------------------------------------------------------

    def add(self) -> int | None:
        """Save the form as a new promise. Returns its id, or None if refused."""
        with self.saving(self.status, self.form) as attempt:
            contact_id = None
            if self.contact.value.strip():
                contact_id = self.contact.resolve(create=False)[0]
            follow_up_id = self.store.follow_ups.add(FollowUp(contact_id, self.owner.value, self.promise.value, self.due.value))
        if not attempt.saved:
            return None
        self.status.ok(f"Added the promise with {self.contact.value.strip()}.")
        self.contact.value = ""
        self.promise.value = ""
        self.due.value = None
        self.refresh()
        return follow_up_id

    def mark(self, follow_up_id: int, done: bool) -> None:
        """Done today, or open again."""
        with self.saving(self.status, failed="Nothing changed") as attempt:
            self.store.follow_ups.set_done(follow_up_id, done)
        if not attempt.saved:
            return
        self.refresh()
        self.status.ok("Marked done today." if done else "Open again.")

    def remove(self, follow_up_id: int | None) -> None:
        if follow_up_id is None:
            self.status.fail("Pick a promise you added first.")
            return
        if follow_up_id in set(self.frame.loc[self.frame["plan_id"].notna(), "id"]):
            self.status.fail("Not deleted: this promise comes from a conversation plan: change or remove it in the planner.")
            return
        with self.saving(self.status, failed="Not deleted") as attempt:
            self.store.follow_ups.delete(follow_up_id)
        if not attempt.saved:
            return
        self.refresh()
        self.status.ok("Deleted the promise.")

    # --- views -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.frame = follow_up_status(self.store.follow_ups.all(), self.store.today())
        self.contact.reload()
        adhoc = self.frame[self.frame["plan_id"].isna()]
        was = self.delete_pick.value
        self.delete_pick.options = [(f"{r.name}: {r.promise}", int(r.id)) for r in adhoc.itertuples(index=False)]
        ids = [value for _, value in self.delete_pick.options]
        self.delete_pick.value = was if was in ids else (ids[0] if ids else None)
        self._show_rate()
        self._show_list()

    def _show_rate(self) -> None:
        parts = []
        for owner, who in (("me", "You"), ("them", "They")):
            rate = self.kept_rate(owner)
            if rate is not None:
                parts.append(f"{who} kept {rate:.0%} of {'your' if owner == 'me' else 'their'} promises on time")
        overdue = int((self.frame["status"] == OVERDUE).sum())
        text = "; ".join(parts) + "." if parts else "No promise has come due yet."
        text += f" {overdue} overdue." if overdue else " Nothing overdue."
        self.rate_view.value = (
            f"<p>{esc(text)}<br><small>Counted: promises with a due date that are done, or past due. "
            "Kept: done on or before the due date.</small></p>"
        )

    def _show_list(self) -> None:
        frame = self.frame if self.show_done.value else self.frame[self.frame["done_on"].isna()]
        self.done_buttons = {}
        rows = []
        if frame.empty:
            rows.append(widgets.HTML("<p>No open promises. Promises written in a conversation plan appear here.</p>"))
        for row in frame.head(ROWS_SHOWN).itertuples(index=False):
            done = row.status in (KEPT, LATE)
            button = widgets.Button(
                description="Undo" if done else "Done", icon="undo" if done else "check",
                tooltip=f"{'Open again' if done else 'Mark done today'}: {row.promise}",
            )
            button.on_click(lambda _, fid=int(row.id), d=not done: self.mark(fid, d))
            self.done_buttons[int(row.id)] = button
            who = "I promised" if row.owner == "me" else "They promised"
            when = f"done {row.done_on}" if done else (f"due {row.due}" if row.due else "no date")
            overdue = f", {row.days_overdue} days late" if row.status == OVERDUE else ""
            text = (
                f"<b>{esc(row.status)}</b> · {esc(row.name)} · {esc(who)}: {esc(row.promise)} "
                f"<small>({esc(when)}{esc(overdue)}{' · ' + esc(row.occasion) if row.occasion else ''})</small>"
            )
            rows.append(widgets.HBox([widgets.HTML(text, layout=widgets.Layout(width="36em")), button]))
        if len(frame) > ROWS_SHOWN:
            rows.append(widgets.HTML(f"<p>{esc(f'{len(frame) - ROWS_SHOWN} more not shown: keep the overdue ones moving first.')}</p>"))
        self.list_view.children = rows
