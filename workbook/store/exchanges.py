"""Exchanges: what you gave to and received from each contact, and the reciprocity balances."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..domain.exchanges import BALANCE_COLUMNS, LOOKBACK_DAYS, Exchange, add_days_since
from .errors import NotFound
from .repository import Repository, date, require_changed, require_contact

if TYPE_CHECKING:
    import pandas as pd


class Exchanges(Repository):
    def log(self, exchange: Exchange) -> int:
        e = exchange.validated(self._store.today())
        with self._store.transaction() as db:
            require_contact(db, e.contact_id)
            cur = db.execute(
                "INSERT INTO exchanges (contact_id, direction, kind, on_date, note) VALUES (?, ?, ?, ?, ?)",
                (e.contact_id, e.direction, e.kind, e.on_date.isoformat(), e.note),
            )
        return cur.lastrowid

    def log_many(self, exchanges: Iterable[Exchange]) -> None:
        """Log many exchanges in one transaction (the sample and synthetic networks)."""
        today = self._store.today()
        rows = [(e.contact_id, e.direction, e.kind, e.on_date.isoformat(), e.note) for e in (x.validated(today) for x in exchanges)]
        with self._store.transaction() as db:
            db.executemany("INSERT INTO exchanges (contact_id, direction, kind, on_date, note) VALUES (?, ?, ?, ?, ?)", rows)

    def update(self, exchange: Exchange) -> None:
        e = exchange.validated(self._store.today())
        with self._store.transaction() as db:
            require_contact(db, e.contact_id)
            cur = db.execute(
                "UPDATE exchanges SET contact_id = ?, direction = ?, kind = ?, on_date = ?, note = ? WHERE id = ?",
                (e.contact_id, e.direction, e.kind, e.on_date.isoformat(), e.note, e.id),
            )
            require_changed(cur.rowcount, "exchange", e.id)

    def get(self, exchange_id: int) -> Exchange:
        row = self._store._row("SELECT id, contact_id, direction, kind, on_date, note FROM exchanges WHERE id = ?", (exchange_id,))
        if row is None:
            raise NotFound(f"no exchange with id {exchange_id}")
        return Exchange(**{**dict(row), "on_date": date(row["on_date"])})

    def delete(self, exchange_id: int) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM exchanges WHERE id = ?", (exchange_id,))

    def recent(self, limit: int = 20) -> pd.DataFrame:
        """The latest exchanges by date: id, on_date, name, direction, kind, note, contact_id."""
        return self._store.query(
            """SELECT e.id, e.on_date, c.name, e.direction, e.kind, e.note, e.contact_id
               FROM exchanges e JOIN contacts c ON c.id = e.contact_id
               ORDER BY e.on_date DESC, e.id DESC LIMIT ?""",
            (limit,),
        )

    def last_logged(self) -> dict | None:
        """The exchange logged last (whatever its date): direction, kind, on_date, note, name."""
        row = self._store._row(
            """SELECT e.direction, e.kind, e.on_date, e.note, c.name FROM exchanges e JOIN contacts c ON c.id = e.contact_id
               ORDER BY e.id DESC LIMIT 1"""
        )
        return dict(row) if row else None

    def dated(self) -> pd.DataFrame:
        """on_date and direction of every exchange, for the monthly flow."""
        return self._store.query("SELECT on_date, direction FROM exchanges")

    def counts(self) -> dict[tuple[str, str], int]:
        """How many exchanges of each (direction, kind)."""
        rows = self._store._rows("SELECT direction, kind, COUNT(*) FROM exchanges GROUP BY direction, kind")
        return {(row[0], row[1]): row[2] for row in rows}

    def balances(self, contact_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Per contact with at least one exchange: given, received, the same over the last
        LOOKBACK_DAYS days, the last exchange either way, the last time you gave, and days since."""
        today = self._store.today()
        where, params = "", [(today - dt.timedelta(days=LOOKBACK_DAYS)).isoformat()] * 2
        if contact_ids is not None:
            ids = list(contact_ids)
            where = f"WHERE c.id IN ({', '.join('?' * len(ids))})"
            params += ids
        frame = self._store.query(
            f"""SELECT c.id AS contact_id, c.name,
                       SUM(e.direction = 'gave') AS given,
                       SUM(e.direction = 'received') AS received,
                       SUM(e.direction = 'gave' AND e.on_date >= ?) AS given_lately,
                       SUM(e.direction = 'received' AND e.on_date >= ?) AS received_lately,
                       MAX(e.on_date) AS last_exchange,
                       MAX(CASE WHEN e.direction = 'gave' THEN e.on_date END) AS last_given
                FROM contacts c JOIN exchanges e ON e.contact_id = c.id
                {where}
                GROUP BY c.id""",
            params,
        )
        return add_days_since(frame.reindex(columns=BALANCE_COLUMNS), today)
