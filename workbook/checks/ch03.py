"""Checks for the chapter 03 (professional network) exercises. Expected answers come from the store."""

from __future__ import annotations

import networkx as nx

from ..store import Store
from . import Feedback, day, listed, not_started, own, record_attempt

CHAPTER = "03"
MIN_TIES = 2


def ties_graph(store: Store) -> nx.Graph:
    """Who among the contacts knows whom, with names as nodes."""
    names = store.contacts.names()
    graph = nx.Graph()
    graph.add_edges_from((names[a], names[b]) for a, b in store.table("ties")[["a", "b"]].itertuples(index=False))
    return graph


def broker(answer, store: Store) -> Feedback:
    """Exercise 1: the contact with the lowest Burt constraint (the strongest broker)."""
    if answer is None:
        return not_started("broker")
    record_attempt(CHAPTER, "broker")
    graph = ties_graph(store)
    if graph.number_of_edges() == 0:
        return Feedback(False, "this store has no ties between contacts, so there is no broker to find.")
    constraint = {n: c for n, c in nx.constraint(graph).items() if c == c}  # NaN for isolated nodes
    lowest = min(constraint.values())
    best = sorted(n for n, c in constraint.items() if abs(c - lowest) < 1e-12)
    if str(answer).strip() not in best:
        return Feedback(False, "compute nx.constraint on the ties graph and take the person with the LOWEST value.")
    size = nx.effective_size(graph)[best[0]]
    return Feedback(True, f"{answer!s} has constraint {lowest:.3f} and effective size {size:.2f}: their contacts mostly do not know each other.")


def groups(answer, store: Store) -> Feedback:
    """Exercise 2: how many separate groups (connected components) the ties graph has."""
    if answer is None:
        return not_started("groups")
    record_attempt(CHAPTER, "groups")
    count = nx.number_connected_components(ties_graph(store))
    try:
        right = int(answer) == count
    except (TypeError, ValueError):
        right = False
    if not right:
        return Feedback(False, "count the connected components of the ties graph (nx.number_connected_components).")
    return Feedback(True, f"{count} separate groups: nobody links them yet, which is where a bridge would help.")


# --- on your own network ------------------------------------------------------------------------


def marked_who_knows(store: Store | None = None) -> Feedback:
    """Your network, 1: at least MIN_TIES pairs of your contacts marked as knowing each other."""
    mine = own(store)
    names = mine.contacts.names()
    ties = mine.ties.all()
    if len(ties) < MIN_TIES:
        return Feedback(
            False,
            f"{len(ties)} pair{'s' if len(ties) != 1 else ''} marked so far. Pick someone at the centre of a group in "
            "the tool above, tick who knows them, click Save, then run this cell again.",
        )
    knows: dict[int, list[str]] = {}
    for a, b in zip(ties["a"], ties["b"]):
        knows.setdefault(int(a), []).append(names[int(b)])
        knows.setdefault(int(b), []).append(names[int(a)])
    hubs = sorted(knows, key=lambda cid: (-len(knows[cid]), names[cid].casefold()))[:2]
    said = "; ".join(f"{names[cid]} knows {listed(sorted(knows[cid], key=str.casefold), 3)}" for cid in hubs)
    return Feedback(True, f"you marked {len(ties)} pairs who know each other ({said}).")


def planned_conversation(store: Store | None = None) -> Feedback:
    """Your network, 2: a conversation plan with one of your contacts, with a date and a goal."""
    plans = own(store).plans.details()
    plans = plans[plans["contact_id"].notna()].sort_values("id", ascending=False)
    if plans.empty:
        return Feedback(False, "no conversation planned yet. In the planner above, choose who, the occasion and a date, write your goal, then run this cell again.")
    ready = plans[plans["planned_for"].notna() & (plans["goal"].str.strip() != "")]
    if ready.empty:
        first = plans.iloc[0]
        missing = [what for what, ok in (("a date", bool(first["planned_for"])), ("a goal", bool(first["goal"].strip()))) if not ok]
        return Feedback(False, f"your plan with {first['name']} still needs {' and '.join(missing)}.")
    plan = ready.iloc[0]
    return Feedback(True, f"you planned a {plan['occasion']} with {plan['name']} for {day(plan['planned_for'])}. Your goal: {plan['goal']}")
