"""Checks for the chapter 04 (social media) exercises. Expected answers come from the store."""

from __future__ import annotations

from ..store import Store
from . import Feedback, not_started, record_attempt
from .ch03 import ties_graph

CHAPTER = "04"


def most_connected(answer, store: Store) -> Feedback:
    """Exercise 1: the contact who knows the most of the other contacts (highest degree)."""
    if answer is None:
        return not_started("most_connected")
    record_attempt(CHAPTER, "most-connected")
    degree = dict(ties_graph(store).degree())
    if not degree:
        return Feedback(False, "this store has no ties between contacts.")
    top = max(degree.values())
    if degree.get(str(answer).strip()) != top:
        return Feedback(False, "count each person's ties (the degree in the ties graph) and take the largest.")
    return Feedback(True, f"{answer!s} knows {top} of the other contacts: the one with the most mutual connections.")


def endorsements(answer, store: Store) -> Feedback:
    """Exercise 2: endorsements given and received, as {"gave": n, "received": n}."""
    if answer is None:
        return not_started("endorsements")
    record_attempt(CHAPTER, "endorsements")
    if hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return Feedback(False, 'give a dict such as {"gave": 1, "received": 2}.')
    counts = store.query("SELECT direction, COUNT(*) AS n FROM exchanges WHERE kind = 'endorsement' GROUP BY direction")
    expected = {d: 0 for d in ("gave", "received")} | dict(zip(counts["direction"], counts["n"].astype(int)))
    try:
        mine = {str(k).strip().lower(): int(v) for k, v in answer.items()}
    except (TypeError, ValueError):
        return Feedback(False, 'the values should be counts, such as {"gave": 1, "received": 2}.')
    if mine != expected:
        return Feedback(False, "keep the exchanges whose kind is 'endorsement' and count them by direction.")
    return Feedback(True, f"{expected['received']} endorsements received and {expected['gave']} given: room to endorse others more.")


def ticked_presence(store: Store, before: int) -> Feedback:
    """Exercise 3: more presence-audit items ticked than when the exercise started."""
    now = int(store.query("SELECT COUNT(*) AS n FROM presence_audit WHERE checked = 1")["n"].iloc[0])
    if now <= before:
        return Feedback(False, "nothing newly ticked yet. Tick an item in the presence audit above, then run this cell again.")
    record_attempt(CHAPTER, "ticked-presence")
    return Feedback(True, f"{now - before} item{'s' if now - before != 1 else ''} of the audit ticked.")
