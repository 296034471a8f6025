"""Checks for the chapter 02 (personal network) exercises. Expected answers come from the store."""

from __future__ import annotations

import pandas as pd

from ..domain.keep_in_touch import LAYER_NAMES
from ..domain.validation import split_list
from ..store import Store
from . import Feedback, listed, not_started, own, record_attempt

CHAPTER = "02"
DUNBAR = (5, 15, 50, 150)
MIN_PLACED = 5


def _as_dict(answer) -> dict | None:
    if hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    return answer if isinstance(answer, dict) else None


def layer_counts(answer, store: Store) -> Feedback:
    """Exercise 1: contacts per Dunbar layer, as {5: n, 15: n, 50: n, 150: n} (or a Series)."""
    if answer is None:
        return not_started("layer_counts")
    record_attempt(CHAPTER, "layer-counts")
    given = _as_dict(answer)
    if given is None:
        return Feedback(False, "give a dict such as {5: 1, 15: 2, ...} or the Series value_counts() returns.")
    layers = store.table("contacts")["layer"].dropna().astype(int)
    expected = {layer: int((layers == layer).sum()) for layer in DUNBAR}
    try:
        mine = {int(k): int(v) for k, v in given.items()}
    except (TypeError, ValueError):
        return Feedback(False, "the keys should be the layers (5, 15, 50, 150) and the values counts.")
    if {k: v for k, v in mine.items() if v} != {k: v for k, v in expected.items() if v}:
        return Feedback(False, "the counts do not match yet. Count the values of the 'layer' column of the contacts table.")
    running = pd.Series(expected).cumsum()
    return Feedback(
        True,
        "per layer " + ", ".join(f"{k}: {v}" for k, v in expected.items())
        + "; cumulatively " + ", ".join(f"{int(v)} within {k}" for k, v in running.items()) + ".",
    )


def interest_counts(store: Store) -> pd.Series:
    """How many contacts list each interest, most common first."""
    interests = store.table("contacts")["interests"].map(split_list).explode().dropna().str.lower()
    return interests.value_counts()


def top_interest(answer, store: Store) -> Feedback:
    """Exercise 2: the interest shared by the most contacts (any one of a tie counts)."""
    if answer is None:
        return not_started("top_interest")
    record_attempt(CHAPTER, "top-interest")
    counts = interest_counts(store)
    if counts.empty:
        return Feedback(False, "no contact in this store lists any interests.")
    best = counts[counts == counts.max()]
    if str(answer).strip().lower() not in best.index:
        return Feedback(False, "split each contact's interests on commas, put one interest per row (explode), then count.")
    return Feedback(True, f"{answer!s} is shared by {int(counts.max())} contacts: a ready-made reason to meet up.")


# --- on your own network ------------------------------------------------------------------------


def placed_layers(store: Store | None = None) -> Feedback:
    """Your network: at least MIN_PLACED people placed in a Dunbar layer, one of them in the
    closest two layers (5 or 15)."""
    people = own(store).contacts.directory()  # by name, so each layer lists its people by name
    placed = people[people["layer"].notna()].sort_values("layer", kind="stable")
    if len(placed) < MIN_PLACED:
        return Feedback(
            False,
            f"{len(placed)} of your people {'is' if len(placed) == 1 else 'are'} in a layer so far. Choose a layer for at least "
            f"{MIN_PLACED} in the tool above, click Save, then run this cell again.",
        )
    if not placed["layer"].isin([5, 15]).any():
        return Feedback(False, "nobody is in your closest layers (5 or 15) yet. Who would you call with good news? Put them there.")
    parts = [
        f"{LAYER_NAMES[int(layer)].split(':')[0].replace('about ', 'layer ')}: {listed(group['name'].tolist(), 3)}"
        for layer, group in placed.groupby("layer", sort=True)
    ]
    return Feedback(True, f"you placed {len(placed)} people ({'; '.join(parts)}). The contact book now tells you who is due a word.")
