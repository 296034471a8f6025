"""Self-check quiz answers: the latest answer to each question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .repository import Repository

if TYPE_CHECKING:
    import pandas as pd


class Quiz(Repository):
    def record(self, chapter: str, question: str, choice: str, correct: bool) -> None:
        """Keep the latest answer to each question: a retry replaces the earlier one."""
        with self._store.transaction() as db:
            db.execute(
                """INSERT INTO quiz_answers (chapter, question, choice, correct) VALUES (?, ?, ?, ?)
                   ON CONFLICT(chapter, question) DO UPDATE SET choice = excluded.choice,
                   correct = excluded.correct, answered_at = datetime('now')""",
                (chapter, question, choice, int(correct)),
            )

    def answers(self, chapter: str) -> dict[str, tuple[str, bool]]:
        """Question id -> (choice, correct) for one chapter."""
        rows = self._store._rows("SELECT question, choice, correct FROM quiz_answers WHERE chapter = ?", (chapter,))
        return {r["question"]: (r["choice"], bool(r["correct"])) for r in rows}

    def all(self) -> pd.DataFrame:
        """Every answer: chapter, question, choice, correct (1 or 0), by chapter and question."""
        return self._store.query("SELECT chapter, question, choice, correct FROM quiz_answers ORDER BY chapter, question")
