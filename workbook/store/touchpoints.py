"""Touchpoints: times you were in touch with a contact (a chat, a call, a message) that were not an
exchange. They count towards the last interaction."""

from __future__ import annotations

import datetime as dt

from .repository import Repository, require_contact


class Touchpoints(Repository):
    def log(self, contact_id: int, on_date: dt.date, channel: str = "", note: str = "") -> int:
        with self._store.transaction() as db:
            require_contact(db, contact_id)
            cur = db.execute(
                "INSERT INTO touchpoints (contact_id, on_date, channel, note) VALUES (?, ?, ?, ?)",
                (contact_id, on_date.isoformat(), channel, note),
            )
        return cur.lastrowid
