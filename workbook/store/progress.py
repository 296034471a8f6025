"""Progress: what happened in each chapter (visited, an exercise attempted)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .repository import Repository

if TYPE_CHECKING:
    import pandas as pd


class Progress(Repository):
    def mark_done(self, chapter: str, item: str) -> None:
        """Note that something in a chapter happened; the first time wins."""
        with self._store.transaction() as db:
            db.execute("INSERT OR IGNORE INTO progress (chapter, item) VALUES (?, ?)", (chapter, item))

    def items(self) -> pd.DataFrame:
        """chapter, item for everything noted."""
        return self._store.query("SELECT chapter, item FROM progress")
