"""Ideas for a 30/60/90-day networking plan, drawn from what the learner entered in earlier chapters:
the goal written in chapter 00, promises still open (05), people due a check-in (02), dormant ties (08), nudges from the reciprocity
tracker (07) and unchecked items of the online presence audit (04).

`suggest_goals` is a pure function of plain tables; `goal_suggestions(store)` gathers them.
Horizons follow chapter 08's outline: reconnect and tidy in the first 30 days, widen by day 60,
deepen and give by day 90."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from .model import Nudge, nudges
from .network import DORMANT, DRIFTING, DUE, NOT_USED, keep_in_touch, presence_suggestions
from .prompts import NETWORK_GOAL
from .store import Store

DORMANT_YEARS = 3  # Levin, Walter & Murnighan (2011): out of touch for three years or more
PER_SOURCE = 3  # suggestions of each kind, so one source cannot crowd out the rest

SOURCES = {
    "goal": "your goal from chapter 00",
    "follow-up": "a promise still open",
    "due": "due a check-in",
    "dormant": "a dormant tie",
    "presence": "your online presence audit",
    "reciprocity": "the reciprocity tracker",
}


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


def dormant_cutoff(today: dt.date, years: int = DORMANT_YEARS) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def dormant_ties(last_contact: pd.DataFrame, today: dt.date, years: int = DORMANT_YEARS) -> pd.DataFrame:
    """Contacts whose latest logged contact is more than `years` years before `today`, longest first.
    Contacts with nothing logged are left out: we cannot tell how long it has been."""
    cutoff = dormant_cutoff(today, years).isoformat()
    known = last_contact[last_contact["last_contact"].notna()]
    found = known[known["last_contact"] < cutoff].copy()
    found["years"] = ((pd.Timestamp(today) - pd.to_datetime(found["last_contact"])).dt.days / 365.25).round(1)
    return found.sort_values(["last_contact", "name"]).reset_index(drop=True)


def suggest_goals(
    health: pd.DataFrame,
    follow_ups: pd.DataFrame,
    nudge_list: list[Nudge],
    presence_todo: list[tuple[str, str]] | None,
    *,
    per_source: int = PER_SOURCE,
) -> list[Suggestion]:
    """Concrete goals, each with its horizon and where it came from, in plan order.

    health: network.keep_in_touch() output: contact_id, name, last_interaction, days_since,
            overdue_days, status ('in touch', 'due', 'drifting', 'dormant', ...)
    follow_ups: open promises: owner ('me'/'them'), promise, due, contact_id, name
    nudge_list: reciprocity nudges (model.nudges)
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
    dormant = health[health["status"] == DORMANT].sort_values(["last_interaction", "name"])
    for r in dormant.head(per_source).itertuples(index=False):
        years = round(int(r.days_since) / 365.25, 1)
        found.append(
            Suggestion(30, "dormant", f"Reconnect with {r.name} (last in touch {r.last_interaction}, {years} years ago)", int(r.contact_id), r.name)
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


def presence_todo(store: Store) -> list[tuple[str, str]] | None:
    """Unchecked presence-audit items as (network, suggestion); None if the audit was never used."""
    rows = store.query("SELECT network, item, checked FROM presence_audit")
    if rows.empty:
        return None
    ticked = rows[rows["checked"] == 1]
    not_used = set(ticked.loc[ticked["item"] == NOT_USED, "network"])
    checked = set(zip(ticked["network"], ticked["item"]))
    return presence_suggestions(checked, not_used)


GOAL_SHOWN = 150  # characters of the chapter 00 goal quoted in an idea, so the idea fits a goal's length


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


def goal_suggestions(store: Store, *, per_source: int = PER_SOURCE) -> list[Suggestion]:
    """Suggestions from everything in `store`, leaving out goals already in the plan."""
    today = store.today()
    found = goal_ideas(store.reflection(*NETWORK_GOAL)) + suggest_goals(
        keep_in_touch(store.last_interactions(), today),
        store.open_follow_ups(),
        nudges(store.balances(), today, store.contact_interests),
        presence_todo(store),
        per_source=per_source,
    )
    taken = set(store.query("SELECT goal FROM goals")["goal"])
    return [s for s in found if s.goal not in taken]
