"""Checks for the chapter 07 (reciprocity) exercises. Expected answers are computed from the
store the learner is working on, so they follow the data rather than being typed in."""

from __future__ import annotations

from ..store import Store
from . import Feedback, not_started, record_attempt

CHAPTER = "07"


def most_received(answer, store: Store) -> Feedback:
    """Exercise 1: the three contacts with the largest received-minus-given (ties count equally)."""
    if answer is None:
        return not_started("most_received")
    record_attempt(CHAPTER, "most-received")
    balances = store.balances()
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
    given = store.query("SELECT kind, COUNT(*) AS n FROM exchanges WHERE direction = 'gave' GROUP BY kind")
    top = given[given["n"] == given["n"].max()]["kind"].tolist()
    if str(answer).strip().lower() in top:
        return Feedback(True, f"{answer!s} is the most common thing given ({int(given['n'].max())} times).")
    return Feedback(False, "count only the rows where direction is 'gave', then find the most frequent kind.")


def logged_exchange(store: Store, before: int) -> Feedback:
    """Exercise 3: at least one exchange logged with the tracker since the exercise started."""
    now = int(store.query("SELECT COUNT(*) AS n FROM exchanges")["n"].iloc[0])
    if now <= before:
        return Feedback(False, "no new exchange yet. Fill in the tracker above and click Log exchange, then run this cell again.")
    record_attempt(CHAPTER, "logged-exchange")
    return Feedback(True, f"you logged {now - before} exchange{'s' if now - before != 1 else ''}.")
