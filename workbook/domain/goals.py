"""The 30/60/90-day networking plan: what a goal is, how one is checked, and the ideas drawn from
what the learner entered in earlier chapters: the goal written in chapter 00, promises still open
(05), people due a check-in (02), dormant ties (08), nudges from the reciprocity tracker (07) and
unchecked items of the online presence audit (04). Plain Python: no I/O.

Horizons follow chapter 08's outline: reconnect and tidy in the first 30 days, widen by day 60,
deepen and give by day 90."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .exchanges import Nudge
from .keep_in_touch import DRIFTING, DUE, dormant_ties
from .validation import MAX_SHORT, ValidationError, clean_text

if TYPE_CHECKING:
    import pandas as pd

HORIZONS = (30, 60, 90)
PER_SOURCE = 3  # suggestions of each kind, so one source cannot crowd out the rest
GOAL_SHOWN = 150  # characters of the chapter 00 goal quoted in an idea, so the idea fits a goal's length

SOURCES = {
    "goal": "your goal from chapter 00",
    "follow-up": "a promise still open",
    "due": "due a check-in",
    "dormant": "a dormant tie",
    "presence": "your online presence audit",
    "reciprocity": "the reciprocity tracker",
}


@dataclasses.dataclass
class Goal:
    """A goal for the next 30, 60 or 90 days, optionally with a contact."""

    horizon: int
    goal: str
    contact_id: int | None = None

    def validated(self) -> Goal:
        if self.horizon not in HORIZONS:
            raise ValidationError("horizon", f"{self.horizon!r} is not 30, 60 or 90 days.")
        text = clean_text(self.goal, "goal", limit=MAX_SHORT, required=True, multiline=False)
        return dataclasses.replace(self, goal=text)


@dataclasses.dataclass(frozen=True)
class Suggestion:
    horizon: int  # 30, 60 or 90
    source: str  # a key of SOURCES
    goal: str
    contact_id: int | None = None
    name: str = ""

    @property
    def label(self) -> str:
        return f"{self.horizon} days · {SOURCES[self.source]}: {self.goal}"


def suggest_goals(
    health: pd.DataFrame,
    follow_ups: pd.DataFrame,
    nudge_list: list[Nudge],
    presence_todo: list[tuple[str, str]] | None,
    *,
    per_source: int = PER_SOURCE,
) -> list[Suggestion]:
    """Concrete goals, each with its horizon and where it came from, in plan order.

    health: keep_in_touch.keep_in_touch() output: contact_id, name, last_interaction, days_since,
            overdue_days, status ('in touch', 'due', 'drifting', 'dormant', ...)
    follow_ups: open promises: owner ('me'/'them'), promise, due, contact_id, name
    nudge_list: reciprocity nudges (exchanges.nudges)
    presence_todo: (network, suggestion) for unchecked presence items; None if the audit was never
                   started, which gives one suggestion to start it."""
    found: list[Suggestion] = []
    mine = follow_ups[follow_ups["owner"] == "me"].head(per_source)
    for r in mine.itertuples(index=False):
        when = f" (due {r.due})" if isinstance(r.due, str) and r.due else ""
        found.append(Suggestion(30, "follow-up", f"Keep my promise to {r.name}: {r.promise}{when}", int(r.contact_id), r.name))
    theirs = follow_ups[follow_ups["owner"] == "them"].head(per_source)
    for r in theirs.itertuples(index=False):
        found.append(Suggestion(30, "follow-up", f"Check in with {r.name} about: {r.promise}", int(r.contact_id), r.name))
    for r in dormant_ties(health).head(per_source).itertuples(index=False):
        found.append(
            Suggestion(30, "dormant", f"Reconnect with {r.name} (last in touch {r.last_interaction}, {r.years} years ago)", int(r.contact_id), r.name)
        )
    due = health[health["status"].isin((DUE, DRIFTING))].sort_values(["overdue_days", "name"], ascending=[False, True])
    for r in due.head(per_source).itertuples(index=False):
        found.append(
            Suggestion(30, "due", f"Check in with {r.name} (last in touch {r.last_interaction}, {int(r.days_since)} days ago)", int(r.contact_id), r.name)
        )
    if presence_todo is None:
        found.append(Suggestion(60, "presence", "Do the online presence audit (chapter 04) for the networks I use"))
    else:
        for network, idea in presence_todo[:per_source]:
            found.append(Suggestion(60, "presence", f"{network}: {idea}"))
    for n in nudge_list[:per_source]:
        found.append(Suggestion(90, "reciprocity", f"Give back to {n.name}: {n.suggestion}", n.contact_id, n.name))
    return found


def goal_ideas(network_goal: str) -> list[Suggestion]:
    """Two steps towards what the learner wrote in chapter 00 (nothing if they wrote nothing)."""
    text = " ".join(network_goal.split())
    if not text:
        return []
    if len(text) > GOAL_SHOWN:
        text = text[: GOAL_SHOWN - 1].rstrip() + "…"
    return [
        Suggestion(30, "goal", f"Tell two people what I want my network to help with ({text}) and ask who they would talk to"),
        Suggestion(60, "goal", f"Have one conversation with someone who has done what I am aiming for ({text})"),
    ]
