"""What every repository shares: its store, and the conversions between Python and SQLite values."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

from .errors import NotFound

if TYPE_CHECKING:
    from .core import Store


class Repository:
    """One area's reads and writes. Reached as an attribute of the store (`store.contacts`); writes
    go through `store.transaction()`, so they nest inside a caller's transaction."""

    def __init__(self, store: Store):
        self._store = store


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def require_contact(db: sqlite3.Connection, contact_id: int) -> None:
    if db.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is None:
        raise NotFound(f"no contact with id {contact_id}; it may have been deleted in another notebook")


def require_changed(rowcount: int, what: str, ident: int) -> None:
    """An UPDATE that touched nothing: the entry is gone."""
    if rowcount == 0:
        raise NotFound(f"no {what} with id {ident}; it may have been deleted in another notebook")


def known_columns(db: sqlite3.Connection, table: str, names) -> list[str]:
    """Column names checked against the table, since they end up inside SQL text. An unknown one
    is a bug in the caller (files are checked before they reach the store), not a missing entry."""
    known = {row["name"] for row in db.execute(f'PRAGMA table_info("{table}")')}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"{table} has no column {', '.join(map(repr, unknown))}")
    return list(names)


def insert_sql(table: str, columns: list[str]) -> str:
    """INSERT of the given columns, one placeholder each: the one place such SQL is built."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def update_sql(table: str, columns: list[str], extra: str = "") -> str:
    """UPDATE of the given columns (plus `extra` assignments) of the row with a given id."""
    assignments = ", ".join([*(f"{c} = ?" for c in columns), *([extra] if extra else [])])
    return f"UPDATE {table} SET {assignments} WHERE id = ?"
