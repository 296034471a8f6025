"""Checks for the chapter 05 (virtual networking) exercises. Expected answers come from the store."""

from __future__ import annotations

import datetime as dt
import numbers

from ..store import Store
from . import Feedback, not_started, record_attempt

CHAPTER = "05"
ONLINE_WORDS = ("online", "webinar", "virtual", "video")
FOLLOW_UP_WITHIN_DAYS = 7


def unfinished_plans(store: Store):
    """Plans dated before today with no follow-up date and nothing noted about what was discussed."""
    plans = store.query(
        """SELECT p.id, p.planned_for, p.occasion, c.name FROM plans p JOIN contacts c ON c.id = p.contact_id
           WHERE p.planned_for < ? AND p.follow_up_on IS NULL AND TRIM(p.talked_about) = '' ORDER BY p.planned_for""",
        (store.today().isoformat(),),
    )
    return plans


def unfinished_plan(answer, store: Store) -> Feedback:
    """Exercise 1: the past plan with no follow-up and no notes (its id or the contact's name)."""
    if answer is None:
        return not_started("unfinished_plan")
    record_attempt(CHAPTER, "unfinished-plan")
    plans = unfinished_plans(store)
    if plans.empty:
        return Feedback(False, "every past plan in this store already has a follow-up or notes.")
    ids, names = set(plans["id"].astype(int)), set(plans["name"])
    answers = answer if isinstance(answer, (list, tuple, set)) else [answer]
    ok = all((isinstance(a, numbers.Integral) and int(a) in ids) or (isinstance(a, str) and a.strip() in names) for a in answers)
    if not ok or not answers:
        return Feedback(False, "keep plans whose planned_for is before today, whose follow_up_on is missing and whose talked_about is empty.")
    first = plans.iloc[0]
    return Feedback(True, f"the {first['occasion']} with {first['name']} on {first['planned_for']} never got its follow-up.")


def met_online(answer, store: Store) -> Feedback:
    """Exercise 2: the contacts whose 'how we met' mentions online, webinar, virtual or video."""
    if answer is None:
        return not_started("met_online")
    record_attempt(CHAPTER, "met-online")
    contacts = store.query("SELECT name, how_met FROM contacts")
    pattern = "|".join(ONLINE_WORDS)
    expected = set(contacts[contacts["how_met"].str.lower().str.contains(pattern)]["name"])
    names = {str(a).strip() for a in (answer if isinstance(answer, (list, tuple, set)) else [answer])}
    if names != expected:
        return Feedback(False, f"search how_met (lower-cased) for any of: {', '.join(ONLINE_WORDS)}; give the list of names.")
    return Feedback(True, f"{len(expected)} contacts met online: {', '.join(sorted(expected))}.")


def completed_after_event(store: Store, plan_id: int | None) -> Feedback:
    """Exercise 3: the plan's after-event part is filled in: what you talked about, at least one
    promise, and a follow-up date no more than a week after the later of the event and today.
    `plan_id` is the planner's current plan (None until it has saved one)."""
    if plan_id is None:
        return Feedback(False, "the planner has no plan yet. Choose who the conversation was with, then fill in the rest.")
    try:
        plan = store.get_plan(plan_id)
    except KeyError:
        return Feedback(False, f"there is no plan {plan_id} any more; open the plan again in the planner.")
    missing = []
    if not plan.talked_about.strip():
        missing.append("what you talked about")
    if not (plan.my_promises.strip() or plan.their_promises.strip()):
        missing.append("at least one promise")
    start = max(filter(None, (plan.planned_for, store.today())))
    if plan.follow_up_on is None:
        missing.append("a follow-up date")
    elif not (plan.follow_up_on <= start + dt.timedelta(days=FOLLOW_UP_WITHIN_DAYS)):
        missing.append(f"a follow-up date within {FOLLOW_UP_WITHIN_DAYS} days (while the event is fresh for both of you)")
    if missing:
        return Feedback(False, f"the plan still needs {', '.join(missing)}. Fill in the After part of the planner.")
    record_attempt(CHAPTER, "completed-after-event")
    follow_ups = int(store.query("SELECT COUNT(*) AS n FROM follow_ups WHERE plan_id = ?", (plan_id,))["n"].iloc[0])
    return Feedback(True, f"the plan is complete, with {follow_ups} follow-up{'s' if follow_ups != 1 else ''} due on {plan.follow_up_on}.")
