"""Checks for the chapter 03 (professional network) exercises. Expected answers come from the store."""

from __future__ import annotations

import networkx as nx

from ..store import Store
from . import Feedback, not_started, record_attempt

CHAPTER = "03"
EVENTS = ("conference", "community event", "meetup", "virtual event", "webinar")


def ties_graph(store: Store) -> nx.Graph:
    """Who among the contacts knows whom, with names as nodes."""
    names = store.contact_names()
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


def event_plan(store: Store, before: int) -> Feedback:
    """Exercise 3: a new plan for an event (conference, meetup, community event, virtual event or
    webinar) with a date, a goal, at least one question and an offer."""
    plans = store.query("SELECT id, occasion, planned_for, goal, questions, offer FROM plans ORDER BY id")
    new = plans[plans["id"] > before]
    if new.empty:
        return Feedback(False, "no new plan yet. Fill in the planner above for an event, then run this cell again.")
    record_attempt(CHAPTER, "event-plan")
    for p in new.itertuples(index=False):
        missing = [
            label
            for label, ok in (
                ("an event as the occasion", p.occasion in EVENTS),
                ("a date", bool(p.planned_for)),
                ("a goal", bool(p.goal.strip())),
                ("a question", bool(p.questions.strip())),
                ("an offer", bool(p.offer.strip())),
            )
            if not ok
        ]
        if not missing:
            return Feedback(True, f"your plan for the {p.occasion} on {p.planned_for} has a goal, questions and an offer.")
    return Feedback(False, f"the plan still needs {', '.join(missing)}.")
