"""Reflections: the learner's answers to each chapter's prompts, keyed by a stable prompt id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .repository import Repository

if TYPE_CHECKING:
    import pandas as pd

# A reflection's id: its prompt_id, else the id its wording had at schema 4, else its wording.
_REFLECTION_ID = """COALESCE(r.prompt_id,
    (SELECT k.prompt_id FROM reflection_prompt_ids k WHERE k.chapter = r.chapter AND k.prompt = r.prompt), r.prompt)"""


class Reflections(Repository):
    def save(self, chapter: str, prompt_id: str, text: str, prompt: str | None = None) -> None:
        """Save the answer to a prompt (by its id; `prompt` is the wording shown, default the id),
        replacing any earlier answer saved under that id or an older wording of it."""
        with self._store.transaction() as db:
            db.execute(f"DELETE FROM reflections AS r WHERE r.chapter = ? AND {_REFLECTION_ID} = ?", (chapter, prompt_id))
            db.execute(
                "INSERT INTO reflections (chapter, prompt, text, prompt_id) VALUES (?, ?, ?, ?)",
                (chapter, prompt if prompt is not None else prompt_id, text, prompt_id),
            )

    def get(self, chapter: str, prompt_id: str) -> str:
        """The answer saved for a prompt id ('' if none)."""
        row = self._store._row(
            f"SELECT r.text FROM reflections AS r WHERE r.chapter = ? AND {_REFLECTION_ID} = ? ORDER BY r.rowid DESC",
            (chapter, prompt_id),
        )
        return row[0] if row else ""

    def written(self) -> pd.DataFrame:
        """Every answer that is not blank: chapter, prompt, text, by chapter and prompt."""
        return self._store.query("SELECT chapter, prompt, text FROM reflections WHERE TRIM(text) <> '' ORDER BY chapter, prompt")
