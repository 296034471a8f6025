"""Friendly feedback for exercises: an unsolved answer says "not yet" and how to go on, never a
traceback; a right answer says so.

Two kinds of check per chapter:
- the required activities on the learner's own network: `check.took_stock()` and the like read
  the learner's own workbook (or the store passed in), say "not yet" with what to do until the
  entries are there, then name what was done. `OWN_NETWORK` lists them per chapter, and
  workbook.progress counts them.
- the optional "Going further (Python)" answers on the sample network, which note the attempt
  in the learner's progress."""

from __future__ import annotations

import datetime as dt
import html

from ..store import Store, shared


class Feedback:
    def __init__(self, passed: bool, message: str):
        self.passed = passed
        self.message = message

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return f"{'✔ Well done' if self.passed else 'Not yet'}: {self.message}"

    def _repr_html_(self) -> str:
        colour, border = ("#1b5e20", "#2e7d32") if self.passed else ("#7a4b00", "#f9a825")
        return (
            f"<div role='status' style='border-left:4px solid {border};padding:0.3em 0.8em;color:{colour}'>"
            f"{html.escape(repr(self))}</div>"
        )


def record_attempt(chapter: str, exercise: str, mine: Store | None = None) -> None:
    shared(mine).progress.mark_done(chapter, f"exercise:{exercise}")


def own(store: Store | None) -> Store:
    """The store a check reads: the one passed in, else the learner's own workbook."""
    return shared(store)


def listed(names, shown: int = 4) -> str:
    """'A, B and C' or 'A, B, C, D and 3 more'."""
    names = [str(n) for n in names]
    if len(names) > shown:
        return ", ".join(names[:shown]) + f" and {len(names) - shown} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def day(iso: str | None) -> str:
    """'Thursday 4 December' for an ISO date."""
    if not iso:
        return "no date"
    date = dt.date.fromisoformat(iso)
    return f"{date:%A} {date.day} {date:%B}"


def not_started(what: str) -> Feedback:
    return Feedback(False, f"{what} is still None. Replace None with your answer and run the cell again.")
