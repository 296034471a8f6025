"""Goals of the 30/60/90-day plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.goals import Goal
from .repository import Repository, require_changed, require_contact

if TYPE_CHECKING:
    import pandas as pd


class Goals(Repository):
    def add(self, goal: Goal) -> int:
        g = goal.validated()
        with self._store.transaction() as db:
            if g.contact_id is not None:
                require_contact(db, g.contact_id)
            cur = db.execute("INSERT INTO goals (horizon, goal, contact_id) VALUES (?, ?, ?)", (g.horizon, g.goal, g.contact_id))
        return cur.lastrowid

    def set_done(self, goal_id: int, done: bool = True) -> None:
        """Mark a goal done today (the store's today), or not done again."""
        with self._store.transaction() as db:
            cur = db.execute("UPDATE goals SET done_on = ? WHERE id = ?", (self._store.today().isoformat() if done else None, goal_id))
            require_changed(cur.rowcount, "goal", goal_id)

    def delete(self, goal_id: int) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM goals WHERE id = ?", (goal_id,))

    def all(self) -> pd.DataFrame:
        """Every goal with its contact's name: id, horizon, goal, contact_id, name, done_on."""
        return self._store.query(
            """SELECT g.id, g.horizon, g.goal, g.contact_id, COALESCE(c.name, '') AS name, g.done_on
               FROM goals g LEFT JOIN contacts c ON c.id = g.contact_id
               ORDER BY g.horizon, g.id"""
        )
