"""Regular networking time: weekly time blocks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.time_blocks import TimeBlock
from .repository import Repository

if TYPE_CHECKING:
    import pandas as pd


class TimeBlocks(Repository):
    def add(self, block: TimeBlock) -> int:
        b = block.validated(self._store.today())
        with self._store.transaction() as db:
            cur = db.execute(
                "INSERT INTO time_blocks (label, weekday, start_time, end_time, starts_on) VALUES (?, ?, ?, ?, ?)",
                (b.label, b.weekday, f"{b.start:%H:%M}", f"{b.end:%H:%M}", b.starts_on.isoformat()),
            )
        return cur.lastrowid

    def all(self) -> pd.DataFrame:
        """id, label, weekday (0 = Monday), start_time, end_time ('HH:MM'), starts_on; in week order."""
        return self._store.query("SELECT id, label, weekday, start_time, end_time, starts_on FROM time_blocks ORDER BY weekday, start_time, id")

    def delete(self, block_id: int) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM time_blocks WHERE id = ?", (block_id,))
