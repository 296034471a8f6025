"""Checks for the chapter 06 (overcoming challenges) exercises. Expected answers come from the store."""

from __future__ import annotations

from ..model import monthly_flow
from ..store import Store
from . import Feedback, not_started, record_attempt

CHAPTER = "06"
QUIET_BELOW = 10


def quiet_months(answer, store: Store) -> Feedback:
    """Exercise 1: the months (YYYY-MM) with fewer than QUIET_BELOW exchanges, from the first to the
    last month with any exchange (months with none count as quiet)."""
    if answer is None:
        return not_started("quiet_months")
    record_attempt(CHAPTER, "quiet-months")
    flow = monthly_flow(store.query("SELECT on_date, direction FROM exchanges"))
    totals = flow.sum(axis=1)
    expected = {str(m) for m, n in totals.items() if n < QUIET_BELOW}
    given = answer.tolist() if hasattr(answer, "tolist") else answer
    given = {str(m).strip()[:7] for m in (given if isinstance(given, (list, tuple, set)) else [given])}
    if given != expected:
        return Feedback(False, f"count exchanges per month (the first 7 characters of on_date) and keep months below {QUIET_BELOW}.")
    return Feedback(
        True,
        f"{len(expected)} of {len(totals)} months were quiet; the average was {totals.mean():.2f} exchanges a month.",
    )


def cultural_plans(answer, store: Store) -> Feedback:
    """Exercise 2: how many plans have cultural notes."""
    if answer is None:
        return not_started("cultural_plans")
    record_attempt(CHAPTER, "cultural-plans")
    count = int(store.query("SELECT COUNT(*) AS n FROM plans WHERE TRIM(cultural_notes) <> ''")["n"].iloc[0])
    try:
        right = int(answer) == count
    except (TypeError, ValueError):
        right = False
    if not right:
        return Feedback(False, "count the plans whose cultural_notes column is not empty.")
    return Feedback(True, f"{count} plan{'s' if count != 1 else ''} with cultural notes: worth adding whenever you meet someone from another culture.")


def booked_time(store: Store, before: int) -> Feedback:
    """Exercise 3: a regular networking slot added since the exercise started."""
    blocks = store.query("SELECT id, weekday, start_time, end_time FROM time_blocks ORDER BY id")
    if len(blocks) <= before:
        return Feedback(False, "no new time block yet. Choose a day and a time above, add it, then run this cell again.")
    record_attempt(CHAPTER, "booked-time")
    day = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[int(blocks.iloc[-1]["weekday"])]
    last = blocks.iloc[-1]
    return Feedback(True, f"networking time every {day}, {last['start_time']} to {last['end_time']}.")
