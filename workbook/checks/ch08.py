"""Checks for the chapter 08 (networking plan) exercises. Expected answers come from the store."""

from __future__ import annotations

from pathlib import Path

from ..domain.keep_in_touch import DORMANT_YEARS, dormant_ties, keep_in_touch
from ..domain.time_blocks import WEEKDAYS
from ..domain.weekly import CALENDAR_KEY, CALENDAR_REVIEW_KEY, REVIEW_KEY
from ..prompts import NETWORK_GOAL
from ..store import Store
from . import Feedback, not_started, own, record_attempt

CHAPTER = "08"
HORIZONS = (30, 60, 90)


def dormant(answer, store: Store) -> Feedback:
    """Exercise 1: the contacts last in touch DORMANT_YEARS years ago or more (a list of names): the
    dormant ties, by the rule every tool uses."""
    if answer is None:
        return not_started("dormant")
    record_attempt(CHAPTER, "dormant")
    found = dormant_ties(keep_in_touch(store.contacts.last_interactions(), store.today()))
    expected = set(found["name"])
    given = answer.tolist() if hasattr(answer, "tolist") else answer
    names = {str(n).strip() for n in (given if isinstance(given, (list, tuple, set)) else [given])}
    if names != expected:
        return Feedback(
            False,
            f"take each contact's latest exchange or touchpoint and keep those {DORMANT_YEARS} years ago or more; give the list of names.",
        )
    oldest = found.iloc[0]
    return Feedback(True, f"{len(expected)} dormant ties; the longest silence is {oldest['name']} ({oldest['years']} years).")


def open_promises(answer, store: Store) -> Feedback:
    """Exercise 2: how many follow-ups the learner still owes (owner 'me', not done)."""
    if answer is None:
        return not_started("open_promises")
    record_attempt(CHAPTER, "open-promises")
    count = int((store.follow_ups.open()["owner"] == "me").sum())
    try:
        right = int(answer) == count
    except (TypeError, ValueError):
        right = False
    if not right:
        return Feedback(False, "keep the follow-ups whose owner is 'me' and whose done_on is missing, and count them.")
    return Feedback(True, f"{count} promise{'s' if count != 1 else ''} still to keep: a natural first line of the 30-day plan.")


# --- on your own network ------------------------------------------------------------------------


def plan_from_goal(store: Store | None = None) -> Feedback:
    """Your network, 1: the goal from chapter 00 written, and at least one goal for each of 30,
    60 and 90 days."""
    mine = own(store)
    goal = " ".join(mine.reflections.get(*NETWORK_GOAL).split())
    if not goal:
        return Feedback(False, "your goal from chapter 00 is empty. Write in the first box above what you would like your network to help you with; the plan builds on it.")
    goals = mine.goals.all()
    missing = [f"{h} days" for h in HORIZONS if not (goals["horizon"] == h).any()]
    if missing:
        return Feedback(False, f"add at least one goal for {', '.join(missing)} (the Ideas list has some drawn from your entries), then run this cell again.")
    firsts = "; ".join(f"by day {h}: {goals.loc[goals['horizon'] == h, 'goal'].iloc[0]}" for h in HORIZONS)
    short = goal if len(goal) <= 80 else goal[:79] + "…"
    return Feedback(True, f"your plan towards \"{short}\" has {len(goals)} goals ({firsts}).")


def calendar_ready(store: Store | None = None) -> Feedback:
    """Your network, 2: the weekly review set up on "My network this week", and the calendar file
    written after it, so the reminder is in the file."""
    mine = own(store)
    review = mine.get_meta(REVIEW_KEY)
    blocks = mine.time_blocks.all()
    block = blocks[blocks["id"].astype(str) == (review or "")]
    if block.empty:
        return Feedback(False, "no weekly review yet. In My network this week above, choose a day and a time and click Remind me every week.")
    path = mine.get_meta(CALENDAR_KEY)
    if not path or not Path(path).exists() or mine.get_meta(CALENDAR_REVIEW_KEY) != review:
        return Feedback(False, "now click Write my calendar file, so the weekly review and your follow-ups reach your calendar.")
    b = block.iloc[0]
    promises = len(mine.follow_ups.open())
    return Feedback(
        True,
        f"{Path(path).name} holds your weekly review (every {WEEKDAYS[int(b['weekday'])]} at {b['start_time']}), "
        f"{len(blocks) - 1} other weekly time{'s' if len(blocks) != 2 else ''} and {promises} open follow-up{'s' if promises != 1 else ''}. "
        "Open it with your calendar app; the review brings you back to My network this week.",
    )
