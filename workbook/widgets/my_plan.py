"""Chapter 08's plan on your own workbook, in one place: the goal you wrote in chapter 00 (edit it
here if you skipped it), the 30/60/90-day plan with ideas drawn from it and from everything you
entered since, and the calendar file of your follow-ups and weekly times."""

from __future__ import annotations

import ipywidgets as widgets

from ..prompts import NETWORK_GOAL
from ..store import Store, shared
from .calendar_file import CalendarFile
from .common import Tool, heading
from .goals import NinetyDayPlan
from .reflection import Reflection


class MyPlan(Tool):
    """`MyPlan(store)`; with no store, your own workbook. `goal` is chapter 00's reflection box,
    `plan` the NinetyDayPlan, `calendar` the calendar file button."""

    title = "Your plan, from your goal"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.goal = Reflection(*NETWORK_GOAL, self.store)
        self.goal.text.observe(lambda _: self.plan.refresh(), "value")  # new ideas from the new goal
        self.plan = NinetyDayPlan(self.store)
        self.calendar = CalendarFile(self.store)
        super().__init__(
            self.store,
            [
                heading("Your goal (from chapter 00)"),
                self.goal,
                self.plan,
                heading("Your calendar"),
                widgets.HTML("<p>When the plan is in place, write the calendar file: your follow-ups and your "
                             "weekly networking times, ready for your calendar app.</p>"),
                self.calendar,
            ]
        )

    def __repr__(self) -> str:
        goal = self.store.reflections.get(*NETWORK_GOAL)
        return f"MyPlan({self.store!r}: goal {'written' if goal.strip() else 'not written yet'}; {self.plan!r})"
