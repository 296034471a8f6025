"""Checks for the chapter 01 (understanding networking) exercises. Expected answers are computed
from the store passed in, never typed in."""

from __future__ import annotations

from ..domain.take_stock import counts_by_category
from ..store import Store
from . import Feedback, listed, not_started, own, record_attempt

CHAPTER = "01"
OUTER_LAYERS = (50, 150)
OPENINGS = ("introduction", "referral")
MIN_PEOPLE = 5  # enough to see more than one part of a life; the course's own choice
MIN_PARTS = 2


def _as_dict(answer) -> dict | None:
    if hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return None
    return {str(k).strip().lower(): v for k, v in answer.items()}


def circle_counts(answer, store: Store) -> Feedback:
    """Exercise 1: how many contacts are personal, professional and both (a dict or a Series)."""
    if answer is None:
        return not_started("circle_counts")
    record_attempt(CHAPTER, "circle-counts")
    given = _as_dict(answer)
    if given is None:
        return Feedback(False, "give a dict such as {'personal': 1, ...} or the Series value_counts() returns.")
    expected = store.table("contacts")["circle"].value_counts().to_dict()
    try:
        matches = {k: int(v) for k, v in given.items()} == {k: int(v) for k, v in expected.items()}
    except (TypeError, ValueError):
        matches = False
    if not matches:
        return Feedback(False, "the counts do not match yet. Count the values of the 'circle' column of the contacts table.")
    both = expected.get("both", 0)
    return Feedback(True, f"{both} of {sum(expected.values())} contacts sit in both worlds ({both / sum(expected.values()):.1%}): your bridges.")


def outer_share(answer, store: Store) -> Feedback:
    """Exercise 2: the share (0-1 or a percentage) of introductions and referrals received that
    came from contacts in the outer layers (50 and 150)."""
    if answer is None:
        return not_started("outer_share")
    record_attempt(CHAPTER, "outer-share")
    exchanges, contacts = store.table("exchanges"), store.table("contacts")
    layer_of = dict(zip(contacts["id"], contacts["layer"]))
    openings = exchanges[(exchanges["direction"] == "received") & exchanges["kind"].isin(OPENINGS)]
    received = openings.assign(layer=openings["contact_id"].map(layer_of))
    if received.empty:
        return Feedback(False, "this store has no introductions or referrals received, so there is nothing to share out.")
    outer = int(received["layer"].isin(OUTER_LAYERS).sum())
    share = outer / len(received)
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Feedback(False, "give a number: the share as a fraction (such as 0.5) or a percentage (such as 50).")
    if value > 1:
        value /= 100
    if abs(value - share) > 0.005:
        return Feedback(
            False,
            "keep the received exchanges whose kind is introduction or referral, look up each "
            "contact's layer, and divide those in layers 50 and 150 by the total.",
        )
    return Feedback(True, f"{outer} of {len(received)} openings ({share:.1%}) came from the outer layers: weak ties at work.")


# --- on your own network ------------------------------------------------------------------------


def took_stock(store: Store | None = None) -> Feedback:
    """Your network, 1: at least MIN_PEOPLE people in your workbook, from at least MIN_PARTS parts
    of your life (the take-stock categories; people imported or added another way count as one)."""
    contacts = own(store).contacts.directory().sort_values("id")
    if len(contacts) < MIN_PEOPLE:
        have = f"{len(contacts)} so far" if len(contacts) else "none yet"
        return Feedback(
            False,
            f"your workbook has {have}. Write at least {MIN_PEOPLE} names in the tool above, from at least "
            f"{MIN_PARTS} parts of your life (or import a file), click Add these people, then run this cell again.",
        )
    parts = counts_by_category(contacts["how_met"])
    others = len(contacts) - sum(parts.values())
    if others:
        parts["added another way"] = others
    if len(parts) < MIN_PARTS:
        only = next(iter(parts))
        return Feedback(False, f"all {len(contacts)} come from one part of your life ({only}). Add a few from another part: neighbours, former colleagues, a club.")
    names = {label: contacts.loc[contacts["how_met"] == label, "name"].tolist() for label in parts}
    shown = "; ".join(f"{label}: {listed(names[label], 3)}" if names[label] else f"{label}: {n}" for label, n in parts.items())
    return Feedback(True, f"you listed {len(contacts)} people from {len(parts)} parts of your life ({shown}).")


def both_worlds(store: Store | None = None) -> Feedback:
    """Your network, 2: at least one person sorted into both your personal and professional life."""
    people = own(store).contacts.directory()
    both = people.loc[people["circle"] == "both", "name"].tolist()
    if not both:
        return Feedback(
            False,
            "nobody is in both circles yet. In Sort your people, set the circle to 'both' for anyone who is part of "
            "your personal and your working life (a colleague you are friends with, a neighbour in your field), click Save, then run this cell again.",
        )
    return Feedback(True, f"{listed(both)} {'sits' if len(both) == 1 else 'sit'} in both your worlds: {'a bridge' if len(both) == 1 else 'bridges'} between them.")
