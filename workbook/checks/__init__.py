"""Friendly feedback for exercises: an unsolved answer says "not yet" and how to go on, never a
traceback; a right answer says so. Every check notes the attempt in the learner's progress."""

from __future__ import annotations

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
    shared(mine).mark_done(chapter, f"exercise:{exercise}")


def not_started(what: str) -> Feedback:
    return Feedback(False, f"{what} is still None. Replace None with your answer and run the cell again.")
