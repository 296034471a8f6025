"""Every table at once, as plain Python values: backups, restores, exports and erasing the workbook.
No pandas, so importing and exporting files stays quick to start."""

from __future__ import annotations

from .errors import NotFound
from .migrations import TABLES
from .repository import Repository, insert_sql, known_columns


class Backup(Repository):
    def records(self, name: str) -> list[dict]:
        """Every row of a table as plain Python values (NULL stays None, ints stay ints), in id
        order. Any table that exists, so later tables such as time_blocks work."""
        if self._store._row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is None:
            raise NotFound(f"{name!r} is not a table in this workbook.")
        return [dict(row) for row in self._store._rows(f'SELECT * FROM "{name}" ORDER BY rowid')]

    def dump(self) -> dict[str, list[dict]]:
        """Every workbook table, for a backup that can be restored exactly."""
        return {name: self.records(name) for name in TABLES}

    def columns(self) -> dict[str, list[str]]:
        """Each workbook table's column names."""
        return {name: [row["name"] for row in self._store._rows(f'PRAGMA table_info("{name}")')] for name in TABLES}

    def is_empty(self) -> bool:
        """True when no workbook table holds a row."""
        return not any(self._store._row(f"SELECT 1 FROM {name} LIMIT 1") for name in TABLES)

    def erase(self) -> None:
        """Delete every entry in one transaction; the file and its schema stay, so open tools keep working."""
        with self._store.transaction() as db:
            for name in reversed(TABLES):
                db.execute(f"DELETE FROM {name}")

    def restore(self, tables: dict[str, list[dict]]) -> None:
        """Replace every workbook table with the given records (a backup), all or nothing."""
        with self._store.transaction() as db:
            for name in reversed(TABLES):
                db.execute(f"DELETE FROM {name}")
            for name in TABLES:
                for row in tables.get(name, []):
                    columns = known_columns(db, name, row)
                    db.execute(insert_sql(name, columns), [row[c] for c in columns])
