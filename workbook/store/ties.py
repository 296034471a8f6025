"""Ties: who knows whom among your contacts, each pair once (a < b)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .repository import Repository, require_contact

if TYPE_CHECKING:
    import pandas as pd


class Ties(Repository):
    def all(self) -> pd.DataFrame:
        """a, b (a < b), in order."""
        return self._store.query("SELECT a, b FROM ties ORDER BY a, b")

    def set(self, first: int, second: int, know_each_other: bool) -> bool:
        """Mark (or unmark) that two contacts know each other. Returns whether anything changed."""
        if first == second:
            raise ValueError("a contact cannot be tied to themselves; pick two different people.")
        a, b = sorted((first, second))
        with self._store.transaction() as db:
            require_contact(db, a)
            require_contact(db, b)
            if know_each_other:
                cur = db.execute("INSERT OR IGNORE INTO ties (a, b) VALUES (?, ?)", (a, b))
            else:
                cur = db.execute("DELETE FROM ties WHERE a = ? AND b = ?", (a, b))
        return cur.rowcount > 0

    def add_many(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Mark many pairs at once (the sample network); each pair in either order."""
        with self._store.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO ties (a, b) VALUES (?, ?)", sorted(tuple(sorted(p)) for p in pairs))
