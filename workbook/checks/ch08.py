"""Checks for the chapter 08 (networking plan) exercises. Expected answers come from the store."""

from __future__ import annotations

from ..store import Store
from ..suggestions import DORMANT_YEARS, dormant_ties
from . import Feedback, not_started, record_attempt

CHAPTER = "08"
HORIZONS = (30, 60, 90)


def dormant(answer, store: Store) -> Feedback:
    """Exercise 1: the contacts last in touch more than DORMANT_YEARS years ago (a list of names)."""
    if answer is None:
        return not_started("dormant")
    record_attempt(CHAPTER, "dormant")
    found = dormant_ties(store.last_contact(), store.today())
    expected = set(found["name"])
    given = answer.tolist() if hasattr(answer, "tolist") else answer
    names = {str(n).strip() for n in (given if isinstance(given, (list, tuple, set)) else [given])}
    if names != expected:
        return Feedback(
            False,
            f"take each contact's latest exchange or touchpoint and keep those before {DORMANT_YEARS} years ago; give the list of names.",
        )
    oldest = found.iloc[0]
    return Feedback(True, f"{len(expected)} dormant ties; the longest silence is {oldest['name']} ({oldest['years']} years).")


def open_promises(answer, store: Store) -> Feedback:
    """Exercise 2: how many follow-ups the learner still owes (owner 'me', not done)."""
    if answer is None:
        return not_started("open_promises")
    record_attempt(CHAPTER, "open-promises")
    count = int(store.query("SELECT COUNT(*) AS n FROM follow_ups WHERE owner = 'me' AND done_on IS NULL")["n"].iloc[0])
    try:
        right = int(answer) == count
    except (TypeError, ValueError):
        right = False
    if not right:
        return Feedback(False, "keep the follow-ups whose owner is 'me' and whose done_on is missing, and count them.")
    return Feedback(True, f"{count} promise{'s' if count != 1 else ''} still to keep: a natural first line of the 30-day plan.")


def plan_has_every_stage(store: Store) -> Feedback:
    """Exercise 3: at least one goal for each of 30, 60 and 90 days."""
    goals = store.query("SELECT horizon, COUNT(*) AS n FROM goals GROUP BY horizon")
    have = dict(zip(goals["horizon"].astype(int), goals["n"].astype(int)))
    missing = [f"{h} days" for h in HORIZONS if not have.get(h)]
    if missing:
        return Feedback(False, f"add at least one goal for {', '.join(missing)} in the plan above, then run this cell again.")
    record_attempt(CHAPTER, "plan-every-stage")
    return Feedback(True, "every stage has a goal: " + ", ".join(f"{have[h]} by day {h}" for h in HORIZONS) + ".")
