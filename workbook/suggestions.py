"""Ideas for a 30/60/90-day networking plan, drawn from what the learner entered in earlier chapters:
promises still open (05), people due a check-in (02), dormant ties (08), nudges from the reciprocity
tracker (07) and unchecked items of the online presence audit (04).

`suggest_goals` is a pure function of plain tables; `goal_suggestions(store)` gathers them.
Horizons follow chapter 08's outline: reconnect and tidy in the first 30 days, widen by day 60,
deepen and give by day 90."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from .model import Nudge, nudges
from .store import Store

DORMANT_YEARS = 3  # Levin, Walter & Murnighan (2011): out of touch for three years or more
# Keep-in-touch rhythm by Dunbar layer when a contact has no cadence of its own (days).
DEFAULT_CADENCE_DAYS = {5: 14, 15: 30, 50: 90, 150: 365}
PER_SOURCE = 3  # suggestions of each kind, so one source cannot crowd out the rest

SOURCES = {
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


def due_contacts(last_contact: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Contacts past their keep-in-touch cadence (their own, else their layer's default) but not
    yet dormant, most overdue first. Contacts with no layer and no cadence are left out."""
    frame = last_contact[last_contact["last_contact"].notna()].copy()
    cadence = frame["cadence_days"].astype("Float64")
    layer_default = frame["layer"].map(lambda v: DEFAULT_CADENCE_DAYS.get(int(v)) if pd.notna(v) else None)
    frame["cadence"] = cadence.fillna(layer_default.astype("Float64"))
    frame = frame[frame["cadence"].notna()]
    frame["days_since"] = (pd.Timestamp(today) - pd.to_datetime(frame["last_contact"])).dt.days
    frame["overdue"] = frame["days_since"] - frame["cadence"]
    cutoff = dormant_cutoff(today).isoformat()
    frame = frame[(frame["overdue"] > 0) & (frame["last_contact"] >= cutoff)]
    return frame.sort_values(["overdue", "name"], ascending=[False, True]).reset_index(drop=True)


def suggest_goals(
    last_contact: pd.DataFrame,
    follow_ups: pd.DataFrame,
    nudge_list: list[Nudge],
    presence: pd.DataFrame,
    today: dt.date,
    *,
    per_source: int = PER_SOURCE,
) -> list[Suggestion]:
    """Concrete goals, each with its horizon and where it came from, in plan order.

    last_contact: contact_id, name, layer, cadence_days, last_contact (ISO date or None)
    follow_ups: open promises: owner ('me'/'them'), promise, due, contact_id, name
    presence: network, item, checked (0/1)"""
    found: list[Suggestion] = []
    mine = follow_ups[follow_ups["owner"] == "me"].head(per_source)
    for r in mine.itertuples(index=False):
        when = f" (due {r.due})" if isinstance(r.due, str) and r.due else ""
        found.append(Suggestion(30, "follow-up", f"Keep my promise to {r.name}: {r.promise}{when}", int(r.contact_id), r.name))
    theirs = follow_ups[follow_ups["owner"] == "them"].head(per_source)
    for r in theirs.itertuples(index=False):
        found.append(Suggestion(30, "follow-up", f"Check in with {r.name} about: {r.promise}", int(r.contact_id), r.name))
    for r in dormant_ties(last_contact, today).head(per_source).itertuples(index=False):
        found.append(
            Suggestion(30, "dormant", f"Reconnect with {r.name} (last in touch {r.last_contact}, {r.years} years ago)", int(r.contact_id), r.name)
        )
    for r in due_contacts(last_contact, today).head(per_source).itertuples(index=False):
        found.append(
            Suggestion(30, "due", f"Check in with {r.name} (last in touch {r.last_contact}, {int(r.days_since)} days ago)", int(r.contact_id), r.name)
        )
    unchecked = presence[presence["checked"] == 0].sort_values(["network", "item"]).head(per_source)
    for r in unchecked.itertuples(index=False):
        found.append(Suggestion(60, "presence", f"{r.network}: {r.item}"))
    for n in nudge_list[:per_source]:
        found.append(Suggestion(90, "reciprocity", f"Give back to {n.name}: {n.suggestion}", n.contact_id, n.name))
    return found


def goal_suggestions(store: Store, *, per_source: int = PER_SOURCE) -> list[Suggestion]:
    """Suggestions from everything in `store`, leaving out goals already in the plan."""
    today = store.today()
    presence = store.query("SELECT network, item, checked FROM presence_audit")
    found = suggest_goals(
        store.last_contact(),
        store.open_follow_ups(),
        nudges(store.balances(), today, store.contact_interests),
        presence,
        today,
        per_source=per_source,
    )
    taken = set(store.query("SELECT goal FROM goals")["goal"])
    return [s for s in found if s.goal not in taken]
