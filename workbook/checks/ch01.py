"""Checks for the chapter 01 (understanding networking) exercises. Expected answers are computed
from the store passed in, never typed in."""

from __future__ import annotations

from ..store import Store
from . import Feedback, not_started, record_attempt

CHAPTER = "01"
OUTER_LAYERS = (50, 150)
OPENINGS = ("introduction", "referral")


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
    received = store.query(
        f"""SELECT c.layer FROM exchanges e JOIN contacts c ON c.id = e.contact_id
            WHERE e.direction = 'received' AND e.kind IN ({', '.join('?' * len(OPENINGS))})""",
        OPENINGS,
    )
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


def added_contact(store: Store, before: int) -> Feedback:
    """Exercise 3: at least one contact added with the contact book since the exercise started."""
    contacts = store.query("SELECT id, name, circle FROM contacts ORDER BY id")
    if len(contacts) <= before:
        return Feedback(False, "no new contact yet. Add one in the contact book above, choose its circle, save, then run this cell again.")
    record_attempt(CHAPTER, "added-contact")
    newest = contacts.iloc[-1]
    return Feedback(True, f"{newest['name']} is in the book as {newest['circle']}.")
