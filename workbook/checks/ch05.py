"""Checks for the chapter 05 (virtual networking) exercises. Expected answers come from the store."""

from __future__ import annotations

import numbers

from ..store import Store
from . import Feedback, day, not_started, own, record_attempt

CHAPTER = "05"
ONLINE_WORDS = ("online", "webinar", "virtual", "video")


def unfinished_plans(store: Store):
    """Plans dated before today with no follow-up date and nothing noted about what was discussed."""
    plans = store.plans.details()
    past = plans["planned_for"].notna() & (plans["planned_for"].fillna("") < store.today().isoformat())
    unfinished = past & plans["contact_id"].notna() & plans["follow_up_on"].isna() & (plans["talked_about"].str.strip() == "")
    return plans[unfinished].sort_values("planned_for", kind="stable").reset_index(drop=True)


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
    contacts = store.contacts.directory()
    pattern = "|".join(ONLINE_WORDS)
    expected = set(contacts[contacts["how_met"].str.lower().str.contains(pattern)]["name"])
    names = {str(a).strip() for a in (answer if isinstance(answer, (list, tuple, set)) else [answer])}
    if names != expected:
        return Feedback(False, f"search how_met (lower-cased) for any of: {', '.join(ONLINE_WORDS)}; give the list of names.")
    return Feedback(True, f"{len(expected)} contacts met online: {', '.join(sorted(expected))}.")


# --- on your own network ------------------------------------------------------------------------


def promised_follow_up(store: Store | None = None) -> Feedback:
    """Your network: a promise (yours or theirs) with a date, from a conversation plan's After part
    or added in the follow-ups."""
    promises = own(store).follow_ups.all().sort_values("id", ascending=False)
    if promises.empty:
        return Feedback(
            False,
            "no promise yet. After a conversation (a call, a video coffee, an online event), add what you promised, or "
            "what they did, with a date, in the follow-ups above; then run this cell again.",
        )
    dated = promises[promises["due"].notna()]
    if dated.empty:
        return Feedback(False, f"your promise to {promises.iloc[0]['name']} has no date yet: give it one, so it reaches your calendar.")
    p = dated.iloc[0]
    if p["owner"] == "me":
        return Feedback(True, f"you promised {p['name']}: {p['promise']}, by {day(p['due'])}.")
    return Feedback(True, f"{p['name']} promised: {p['promise']}; you will check in by {day(p['due'])}.")
