"""Contacts: the people in the workbook, their keep-in-touch settings, and each one's last
interaction (the definition in domain.keep_in_touch, computed here for every tool)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..domain.contacts import Contact
from ..domain.keep_in_touch import KeepInTouch
from .errors import NotFound
from .repository import Repository, date, insert_sql, iso, known_columns, require_changed, require_contact, update_sql

if TYPE_CHECKING:
    import pandas as pd

FIELDS = [f.name for f in dataclasses.fields(Contact) if f.name != "id"]
KEEP_FIELDS = ["layer", "cadence_days", "met_on"]
# What an import matches against: keys, names and the columns an import may change.
IMPORT_COLUMNS = ["id", "source_key", "name", "company", "position", "email", "url", "phone", "interests", "how_met", "met_on", "notes"]


class Contacts(Repository):
    def add(self, contact: Contact) -> int:
        c = contact.validated()
        with self._store.transaction() as db:
            cur = db.execute(insert_sql("contacts", FIELDS), [getattr(c, k) for k in FIELDS])
        return cur.lastrowid

    def save(self, contact: Contact, keep: KeepInTouch, *, introduced_by: int | None = None) -> int:
        """Add or change a contact with its keep-in-touch settings, in one transaction; with
        `introduced_by`, also note that the two know each other. Returns the id."""
        c = contact.validated()
        k = keep.validated(self._store.today())
        values = [getattr(c, name) for name in FIELDS] + [k.layer, k.cadence_days, iso(k.met_on)]
        with self._store.transaction() as db:
            if c.id is None:
                contact_id = db.execute(insert_sql("contacts", FIELDS + KEEP_FIELDS), values).lastrowid
            else:
                cur = db.execute(update_sql("contacts", FIELDS + KEEP_FIELDS), values + [c.id])
                require_changed(cur.rowcount, "contact", c.id)
                contact_id = c.id
            if introduced_by is not None and introduced_by != contact_id:
                require_contact(db, introduced_by)
                db.execute("INSERT OR IGNORE INTO ties (a, b) VALUES (?, ?)", sorted((introduced_by, contact_id)))
        return contact_id

    def get(self, contact_id: int) -> Contact:
        row = self._store._row(f"SELECT id, {', '.join(FIELDS)} FROM contacts WHERE id = ?", (contact_id,))
        if row is None:
            raise NotFound(f"no contact with id {contact_id}")
        return Contact(**dict(row))

    def keep_in_touch(self, contact_id: int) -> KeepInTouch:
        """The contact's layer, cadence (None: the layer's default) and the day you met."""
        row = self._store._row("SELECT layer, cadence_days, met_on FROM contacts WHERE id = ?", (contact_id,))
        if row is None:
            raise NotFound(f"no contact with id {contact_id}")
        return KeepInTouch(layer=row["layer"], cadence_days=row["cadence_days"], met_on=date(row["met_on"]))

    def delete(self, contact_id: int) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    def directory(self) -> pd.DataFrame:
        """Every contact by name: id, name, circle, layer, company, position, how_met, email; what a
        picker needs to tell apart people who share a name, and what the lists and checks show."""
        return self._store.query(
            "SELECT id, name, circle, layer, company, position, how_met, email FROM contacts ORDER BY name COLLATE NOCASE, id"
        )

    def names(self) -> dict[int, str]:
        return {row[0]: row[1] for row in self._store._rows("SELECT id, name FROM contacts ORDER BY name COLLATE NOCASE, id")}

    def interests(self, contact_ids: Iterable[int]) -> dict[int, str]:
        ids = list(contact_ids)
        rows = self._store._rows(f"SELECT id, interests FROM contacts WHERE id IN ({', '.join('?' * len(ids))})", ids)
        return {row[0]: row[1] for row in rows}

    def last_interactions(self) -> pd.DataFrame:
        """Per contact: contact_id, name, circle, layer, cadence_days, last_interaction (as
        domain.keep_in_touch defines it: the latest exchange, touchpoint, conversation plan date or
        follow-up done date, none of them after today; None when nothing is logged)."""
        return self._store.query(
            # The latest per table first, then the latest of those: a 10,000-contact workbook's
            # union shrinks from every exchange to a row per contact and table.
            """WITH happened (contact_id, on_date) AS (
                   SELECT contact_id, MAX(on_date) FROM exchanges WHERE on_date <= :today GROUP BY contact_id
                   UNION ALL SELECT contact_id, MAX(on_date) FROM touchpoints WHERE on_date <= :today GROUP BY contact_id
                   UNION ALL SELECT contact_id, MAX(planned_for) FROM plans
                             WHERE contact_id IS NOT NULL AND planned_for IS NOT NULL AND planned_for <= :today
                             GROUP BY contact_id
                   UNION ALL SELECT contact_id, MAX(done_on) FROM follow_ups
                             WHERE done_on IS NOT NULL AND done_on <= :today GROUP BY contact_id
               ), latest AS (SELECT contact_id, MAX(on_date) AS last_interaction FROM happened GROUP BY contact_id)
               SELECT c.id AS contact_id, c.name, c.circle, c.layer, c.cadence_days, l.last_interaction
               FROM contacts c LEFT JOIN latest l ON l.contact_id = c.id
               ORDER BY c.name COLLATE NOCASE, c.id""",
            {"today": self._store.today().isoformat()},
        )

    # --- import (formats): plain Python values, no pandas

    def for_import(self) -> list[dict]:
        """What an import matches against: keys, names and the columns an import may change."""
        return [dict(row) for row in self._store._rows(f"SELECT {', '.join(IMPORT_COLUMNS)} FROM contacts")]

    def write_imported(self, updates: list[dict], *, columns: Sequence[str] = (), inserts: Iterable[Sequence] = ()) -> None:
        """Add and change imported contacts in one transaction. Rows are already validated by
        formats: each of `inserts` holds the values of `columns` for a new contact; each update is
        {"id": ..., column: value, ...} holding only what changed."""
        with self._store.transaction() as db:
            if columns:
                db.executemany(insert_sql("contacts", known_columns(db, "contacts", columns)), inserts)
            for change in updates:
                columns = known_columns(db, "contacts", [c for c in change if c != "id"])
                db.execute(update_sql("contacts", columns), [change[c] for c in columns] + [change["id"]])
