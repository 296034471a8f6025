"""Checks for the chapter 04 (social media) exercises. Expected answers come from the store."""

from __future__ import annotations

from ..domain.presence import NOT_USED, presence_score
from ..store import Store
from ..suggestions import presence_todo
from . import Feedback, not_started, own, record_attempt
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
    counted = store.exchanges.counts()
    expected = {d: counted.get((d, "endorsement"), 0) for d in ("gave", "received")}
    try:
        mine = {str(k).strip().lower(): int(v) for k, v in answer.items()}
    except (TypeError, ValueError):
        return Feedback(False, 'the values should be counts, such as {"gave": 1, "received": 2}.')
    if mine != expected:
        return Feedback(False, "keep the exchanges whose kind is 'endorsement' and count them by direction.")
    return Feedback(True, f"{expected['received']} endorsements received and {expected['gave']} given: room to endorse others more.")


# --- on your own network ------------------------------------------------------------------------


def audited_presence(store: Store | None = None) -> Feedback:
    """Your network: the presence audit used on your own profiles (something ticked, or a network
    marked as not used), with the score and the next step named."""
    mine = own(store)
    todo = presence_todo(mine)
    if todo is None:
        return Feedback(
            False,
            "the audit is still empty. Open each network you use in another tab, tick what is already true of your "
            "profile (tick 'I do not use' for the others), then run this cell again.",
        )
    ticked = mine.presence.checked()
    unused = {network for network, item in ticked if item == NOT_USED}
    score = presence_score({(network, item) for network, item in ticked if item != NOT_USED}, unused)
    used = score[score["network"] != "Overall"]
    if used.empty:
        return Feedback(True, "you marked every network as one you do not use: your presence is the people you meet in person.")
    done = "; ".join(f"{r.network} {r.done} of {r.items}" for r in used.itertuples(index=False))
    step = f" Your next step: {todo[0][0]}: {todo[0][1]}" if todo else " Every item is done."
    return Feedback(True, f"you audited your profiles ({done}).{step}")
