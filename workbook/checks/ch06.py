"""Checks for the chapter 06 (overcoming challenges) exercises. Expected answers come from the store."""

from __future__ import annotations

from ..domain.exchanges import monthly_flow
from ..domain.time_blocks import WEEKDAYS
from ..domain.weekly import REVIEW_KEY
from ..store import Store
from . import Feedback, not_started, own, record_attempt

CHAPTER = "06"
QUIET_BELOW = 10


def quiet_months(answer, store: Store) -> Feedback:
    """Exercise 1: the months (YYYY-MM) with fewer than QUIET_BELOW exchanges, from the first to the
    last month with any exchange (months with none count as quiet)."""
    if answer is None:
        return not_started("quiet_months")
    record_attempt(CHAPTER, "quiet-months")
    flow = monthly_flow(store.exchanges.dated())
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
    count = int((store.plans.details()["cultural_notes"].str.strip() != "").sum())
    try:
        right = int(answer) == count
    except (TypeError, ValueError):
        right = False
    if not right:
        return Feedback(False, "count the plans whose cultural_notes column is not empty.")
    return Feedback(True, f"{count} plan{'s' if count != 1 else ''} with cultural notes: worth adding whenever you meet someone from another culture.")


# --- on your own network ------------------------------------------------------------------------


def booked_own_time(store: Store | None = None) -> Feedback:
    """Your network: a weekly networking slot in your own workbook (the weekly review does not count)."""
    mine = own(store)
    blocks = mine.time_blocks.all().sort_values("id", ascending=False)
    review = mine.get_meta(REVIEW_KEY)
    blocks = blocks[blocks["id"].astype(str) != (review or "")]
    if blocks.empty:
        return Feedback(False, "no networking time yet. Choose a day and a time in the tool above (15 to 60 minutes is plenty), click Add time block, then run this cell again.")
    b = blocks.iloc[0]
    return Feedback(True, f"networking time every {WEEKDAYS[int(b['weekday'])]}, {b['start_time']} to {b['end_time']}: {b['label']}.")
