"""Checks for the chapter 07 (reciprocity) exercises. Expected answers are computed from the
store the learner is working on, so they follow the data rather than being typed in."""

from __future__ import annotations

from ..store import Store
from . import Feedback, day, not_started, own, record_attempt

CHAPTER = "07"
KIND_PHRASES = {
    "introduction": "an introduction", "referral": "a referral", "advice": "advice", "feedback": "feedback",
    "endorsement": "an endorsement", "time": "time", "resource": "a resource", "other": "something",
}


def most_received(answer, store: Store) -> Feedback:
    """Exercise 1: the three contacts with the largest received-minus-given (ties count equally)."""
    if answer is None:
        return not_started("most_received")
    record_attempt(CHAPTER, "most-received")
    balances = store.exchanges.balances()
    lean = dict(zip(balances["name"], balances["received"] - balances["given"]))
    names = list(answer) if isinstance(answer, (list, tuple, set)) else [answer]
    unknown = [n for n in names if n not in lean]
    if unknown:
        return Feedback(False, f"{', '.join(map(str, unknown))} did not exchange anything in this network; check the spelling.")
    if len(set(names)) != 3:
        return Feedback(False, f"give exactly three different names; you gave {len(set(names))}.")
    best = sorted(lean.values(), reverse=True)[:3]
    if sorted((lean[n] for n in names), reverse=True) != best:
        return Feedback(False, "not the top three yet. Sort by received minus given, largest first.")
    return Feedback(True, f"these three gave you the most beyond what you returned ({', '.join(f'{n}: +{lean[n]}' for n in names)}).")


def most_given_kind(answer, store: Store) -> Feedback:
    """Exercise 2: the kind of exchange given most often."""
    if answer is None:
        return not_started("most_given_kind")
    record_attempt(CHAPTER, "most-given-kind")
    given = {kind: n for (direction, kind), n in store.exchanges.counts().items() if direction == "gave"}
    most = max(given.values(), default=0)
    top = [kind for kind, n in given.items() if n == most]
    if str(answer).strip().lower() in top:
        return Feedback(True, f"{answer!s} is the most common thing given ({most} times).")
    return Feedback(False, "count only the rows where direction is 'gave', then find the most frequent kind.")


# --- on your own network ------------------------------------------------------------------------


def logged_own_exchange(store: Store | None = None) -> Feedback:
    """Your network: something you gave or received, logged in your own workbook."""
    e = own(store).exchanges.last_logged()
    if e is None:
        return Feedback(
            False,
            "nothing logged yet. Think of this week: something you gave (an introduction, feedback, your time) or "
            "received. Log it in the tracker above, then run this cell again.",
        )
    what = f"you gave {e['name']}" if e["direction"] == "gave" else f"you received from {e['name']}"
    note = f": {e['note']}" if e["note"].strip() else ""
    return Feedback(True, f"you logged {KIND_PHRASES.get(e['kind'], e['kind'])} {what} on {day(e['on_date'])}{note}.")
