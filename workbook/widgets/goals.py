"""The 30/60/90-day networking plan (chapter 08): goals for the next 30, 60 and 90 days, each
optionally with a person, marked done as you go, with suggestions drawn from your earlier entries."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..domain.goals import Goal, Suggestion
from ..markup import as_table, html_table
from ..store import Store, shared
from ..suggestions import goal_suggestions
from .common import LABEL_STYLE, WIDE, ConfirmDelete, ContactPicker, Form, Status, Tool, heading

HORIZONS = (30, 60, 90)
STAGES = {30: "Days 1-30: reconnect and tidy", 60: "Days 31-60: widen", 90: "Days 61-90: deepen and give"}
TABLE_COLUMNS = {"goal": "Goal", "name": "With", "status": "Status"}


class NinetyDayPlan(Tool):
    """`NinetyDayPlan(store)`; with no store, your own workbook."""

    title = "30/60/90-day plan"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)

        # --- suggestions from earlier chapters
        self.suggestion_list = widgets.Dropdown(description="Ideas", style=LABEL_STYLE, layout=widgets.Layout(width="48em"))
        self.use_button = widgets.Button(description="Use this idea", icon="lightbulb")
        self.use_button.on_click(lambda _: self.use_suggestion(self.suggestion_list.value))

        # --- the add form
        self.horizon = widgets.ToggleButtons(
            options=[(f"{h} days", h) for h in HORIZONS], value=30, description="By", style=LABEL_STYLE
        )
        self.goal = widgets.Text(
            description="Goal", placeholder="A specific action, e.g. coffee with two former colleagues",
            style=LABEL_STYLE, layout=WIDE, continuous_update=False,
        )
        self.contact = ContactPicker(self.store, description="With (optional)")
        self.contact.when_confirmed(self.add)
        self.form = Form({"horizon": self.horizon, "goal": self.goal, "contact": self.contact})
        self.add_button = widgets.Button(description="Add goal", button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.status = Status()

        # --- the plan: pick a goal to mark done or delete
        self.plan_view = widgets.HTML()
        self.picked = widgets.Dropdown(description="Goal", style=LABEL_STYLE, layout=widgets.Layout(width="48em"))
        self.done_button = widgets.Button(description="Mark done", icon="check")
        self.undo_button = widgets.Button(description="Not done yet", icon="undo")
        self.done_button.on_click(lambda _: self.mark_done(self.picked.value, True))
        self.undo_button.on_click(lambda _: self.mark_done(self.picked.value, False))
        self.delete = ConfirmDelete("goal", lambda: self.remove(self.picked.value))

        super().__init__(
            self.store,
            [
                heading("Ideas from your earlier chapters", 4),
                widgets.HBox([self.suggestion_list, self.use_button]),
                heading("Add a goal", 4),
                self.form.row("horizon"),
                self.form.row("goal"),
                self.form.row("contact"),
                self.add_button,
                self.status,
                heading("The plan", 4),
                self.plan_view,
                widgets.HBox([self.picked, self.done_button, self.undo_button, self.delete]),
            ]
        )
        self.refresh()

    def __repr__(self) -> str:
        goals = self.store.goals.all()
        done = int(goals["done_on"].notna().sum())
        by = ", ".join(f"{h} days: {int((goals['horizon'] == h).sum())}" for h in HORIZONS)
        return f"NinetyDayPlan({self.store!r}: {len(goals)} goals ({by}), {done} done)"

    # --- actions --------------------------------------------------------------------------

    def add(self) -> int | None:
        """Add the form as a goal. Returns its id, or None if refused (the message says why)."""
        created, contact_id = False, None
        with self.saving(self.status, self.form) as attempt:
            if self.contact.value.strip():
                contact_id, created = self.contact.resolve(create=True)
            goal_id = self.store.goals.add(Goal(self.horizon.value, self.goal.value, contact_id))
        if not attempt.saved:
            return None
        self.status.ok(f"Added to your {self.horizon.value}-day goals" + (" (new contact)" if created else "") + ".")
        self.goal.value = ""
        self.contact.value = ""
        self.refresh()
        return goal_id

    def use_suggestion(self, index: int | None) -> None:
        """Copy an idea into the form, to edit before adding."""
        if index is None:
            self.status.fail("No idea picked: there are none yet, or pick one from the list.")
            return
        idea: Suggestion = self._suggestions[index]
        self.horizon.value = idea.horizon
        self.goal.value = idea.goal
        self.contact.value = self.contact.label_for(idea.contact_id)
        self.status.ok("Idea copied into the form: make it yours, then click Add goal.")

    def add_goal(self, goal: str, *, horizon: int = 30, person: str = "") -> int | None:
        """Add a goal as a learner would with the form: `plan.add_goal("Message Hiro", horizon=30)`."""
        self.horizon.value, self.goal.value, self.contact.value = horizon, goal, person
        return self.add()

    def add_idea(self, source: str) -> int | None:
        """Add the first idea from one of the earlier chapters' sources ("promise", "dormant",
        "reciprocity", …), unchanged. Returns the goal id, or None if there is no such idea."""
        ideas = self.suggestions()
        index = next((i for i, idea in enumerate(ideas) if idea.source == source), None)
        if index is None:
            self.status.fail(f"No idea from {source} right now.")
            return None
        self.use_suggestion(index)
        return self.add()

    def mark_done(self, goal_id: int | None, done: bool = True) -> None:
        if goal_id is None:
            self.status.fail("Pick a goal under The plan first.")
            return
        with self.saving(self.status, failed="Nothing changed") as attempt:
            self.store.goals.set_done(goal_id, done)
        if not attempt.saved:
            self.refresh()
            return
        self.status.ok("Marked done. Well done." if done else "Marked not done yet.")
        self.refresh(keep=goal_id)

    def remove(self, goal_id: int | None) -> None:
        if goal_id is None:
            self.status.fail("Pick a goal under The plan first.")
            return
        self.store.goals.delete(goal_id)
        self.status.ok("Deleted the goal.")
        self.refresh()

    # --- views ----------------------------------------------------------------------------

    @as_table
    def table(self) -> pd.DataFrame:
        """The plan as plain data: stage, goal, with whom, and done (the date) or open."""
        goals = self.store.goals.all()
        return pd.DataFrame(
            {
                "stage": goals["horizon"].map(STAGES),
                "goal": goals["goal"],
                "with": goals["name"],
                "status": goals["done_on"].map(lambda d: f"done {d}" if isinstance(d, str) else "open"),
            }
        )

    def suggestions(self) -> list[Suggestion]:
        """Ideas from your earlier entries that are not in the plan yet."""
        return list(self._suggestions)

    def refresh(self, keep: int | None = None) -> None:
        self.contact.reload()
        self._suggestions = goal_suggestions(self.store)
        self.suggestion_list.options = [(s.label, i) for i, s in enumerate(self._suggestions)]
        goals = self.store.goals.all()
        goals = goals.assign(status=goals["done_on"].map(lambda d: f"✔ done {d}" if isinstance(d, str) else "open"))
        parts = []
        for h in HORIZONS:
            stage = goals[goals["horizon"] == h]
            parts.append(
                html_table(
                    stage,
                    TABLE_COLUMNS,
                    caption=f"{STAGES[h]} ({int((stage['status'] != 'open').sum())} of {len(stage)} done)",
                    empty=f"{STAGES[h]}: no goals yet.",
                )
            )
        self.plan_view.value = "".join(f"<div style='margin-bottom:0.6em'>{p}</div>" for p in parts)
        self.picked.options = [
            (f"{r.horizon} days · {r.goal}" + (f" · {r.name}" if r.name else "") + (" ✔" if isinstance(r.done_on, str) else ""), int(r.id))
            for r in goals.itertuples(index=False)
        ]
        if keep is not None and keep in dict(self.picked.options).values():
            self.picked.value = keep
