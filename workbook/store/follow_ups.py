"""Follow-ups: promises made by me or by them, from a conversation plan or added on their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.follow_ups import FollowUp
from .errors import NotFound
from .repository import Repository, iso, require_changed, require_contact

if TYPE_CHECKING:
    import pandas as pd


class FollowUps(Repository):
    def all(self) -> pd.DataFrame:
        """Every promise: id, contact_id, name, owner, promise, due, done_on, plan_id, occasion."""
        return self._store.query(
            """SELECT f.id, f.contact_id, c.name, f.owner, f.promise, f.due, f.done_on, f.plan_id,
                      COALESCE(p.occasion || COALESCE(' on ' || p.planned_for, ''), '') AS occasion
               FROM follow_ups f JOIN contacts c ON c.id = f.contact_id
               LEFT JOIN plans p ON p.id = f.plan_id
               ORDER BY f.id"""
        )

    def open(self) -> pd.DataFrame:
        """Promises not yet kept, soonest due first: id, owner, promise, due, contact_id, name."""
        return self._store.query(
            """SELECT f.id, f.owner, f.promise, f.due, f.contact_id, c.name
               FROM follow_ups f JOIN contacts c ON c.id = f.contact_id
               WHERE f.done_on IS NULL ORDER BY COALESCE(f.due, '9999'), f.id"""
        )

    def add(self, follow_up: FollowUp) -> int:
        """An ad-hoc promise, not tied to a conversation plan."""
        f = follow_up.validated(self._store.today())
        with self._store.transaction() as db:
            require_contact(db, f.contact_id)
            cur = db.execute(
                "INSERT INTO follow_ups (contact_id, owner, promise, due) VALUES (?, ?, ?, ?)",
                (f.contact_id, f.owner, f.promise, iso(f.due)),
            )
        return cur.lastrowid

    def set_done(self, follow_up_id: int, done: bool = True) -> None:
        """Done today (the store's today), or open again."""
        with self._store.transaction() as db:
            cur = db.execute(
                "UPDATE follow_ups SET done_on = ? WHERE id = ?", (self._store.today().isoformat() if done else None, follow_up_id)
            )
            require_changed(cur.rowcount, "follow-up", follow_up_id)

    def delete(self, follow_up_id: int) -> None:
        """Delete an ad-hoc promise. A plan's promises change with the plan, in the planner."""
        with self._store.transaction() as db:
            row = db.execute("SELECT plan_id FROM follow_ups WHERE id = ?", (follow_up_id,)).fetchone()
            if row is None:
                raise NotFound(f"no follow-up with id {follow_up_id}; it may have been deleted in another notebook")
            if row["plan_id"] is not None:
                raise ValueError("this promise comes from a conversation plan: change or remove it in the planner.")
            db.execute("DELETE FROM follow_ups WHERE id = ?", (follow_up_id,))
