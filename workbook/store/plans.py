"""Conversation plans, and the follow-up promises each plan's lines become."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.plans import Plan, conversation_card
from ..files import atomic_write
from .errors import NotFound
from .repository import Repository, date, insert_sql, iso, require_changed, require_contact, update_sql

if TYPE_CHECKING:
    import pandas as pd

FIELDS = [f.name for f in dataclasses.fields(Plan) if f.name != "id"]


class Plans(Repository):
    def save(self, plan: Plan) -> int:
        """Insert a new plan or update an existing one; returns its id."""
        p = plan.validated(self._store.today())
        values = [iso(v) if isinstance(v, dt.date) else v for v in (getattr(p, k) for k in FIELDS)]
        with self._store.transaction() as db:
            require_contact(db, p.contact_id)
            if p.id is None:
                plan_id = db.execute(insert_sql("plans", FIELDS), values).lastrowid
            else:
                cur = db.execute(update_sql("plans", FIELDS, "updated_at = datetime('now')"), values + [p.id])
                require_changed(cur.rowcount, "plan", p.id)
                plan_id = p.id
            _sync_promises(db, plan_id, p)
        return plan_id

    def get(self, plan_id: int) -> Plan:
        row = self._store._row(f"SELECT id, {', '.join(FIELDS)} FROM plans WHERE id = ?", (plan_id,))
        if row is None:
            raise NotFound(f"no plan with id {plan_id}")
        data = dict(row)
        for key in ("planned_for", "follow_up_on"):
            data[key] = date(data[key])
        return Plan(**data)

    def delete(self, plan_id: int) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM plans WHERE id = ?", (plan_id,))

    def all(self) -> pd.DataFrame:
        """Past and upcoming plans, newest first: id, planned_for, name, occasion, goal, follow_up_on."""
        return self._store.query(
            """SELECT p.id, p.planned_for, c.name, p.occasion, p.goal, p.follow_up_on
               FROM plans p LEFT JOIN contacts c ON c.id = p.contact_id
               ORDER BY COALESCE(p.planned_for, p.created_at) DESC, p.id DESC"""
        )

    def details(self) -> pd.DataFrame:
        """Every plan with all its fields and the contact's name ('' if none), oldest first."""
        return self._store.query(
            """SELECT p.*, COALESCE(c.name, '') AS name FROM plans p LEFT JOIN contacts c ON c.id = p.contact_id
               ORDER BY COALESCE(p.planned_for, p.created_at), p.id"""
        )

    def card_markdown(self, plan_id: int) -> str:
        plan = self.get(plan_id)
        return conversation_card(plan, self._store.contacts.get(plan.contact_id))

    def export_card(self, plan_id: int) -> Path:
        """Write a plan's one-page conversation card as Markdown beside the data file."""
        plan = self.get(plan_id)
        contact = self._store.contacts.get(plan.contact_id)
        slug = re.sub(r"[^a-z0-9]+", "-", contact.name.casefold()).strip("-")[:40] or "contact"
        when = plan.planned_for.isoformat() if plan.planned_for else "undated"
        path = self._store.files_folder / "cards" / f"{when}-{slug}-plan{plan_id}.md"
        atomic_write(path, conversation_card(plan, contact))
        return path


def _sync_promises(db: sqlite3.Connection, plan_id: int, plan: Plan) -> None:
    """Each line of a plan's promises is a follow-up, due on the follow-up date. Lines removed
    from the plan go, unless already done: a kept promise stays kept."""
    wanted = {
        (owner, line.strip())
        for owner, text in (("me", plan.my_promises), ("them", plan.their_promises))
        for line in text.splitlines()
        if line.strip()
    }
    existing = {
        (row["owner"], row["promise"]): row["id"]
        for row in db.execute("SELECT id, owner, promise FROM follow_ups WHERE plan_id = ?", (plan_id,))
    }
    for key, follow_up_id in existing.items():
        if key not in wanted:
            db.execute("DELETE FROM follow_ups WHERE id = ? AND done_on IS NULL", (follow_up_id,))
    for owner, promise in sorted(wanted - existing.keys()):
        db.execute(
            "INSERT INTO follow_ups (plan_id, contact_id, owner, promise, due) VALUES (?, ?, ?, ?, ?)",
            (plan_id, plan.contact_id, owner, promise, iso(plan.follow_up_on)),
        )
    db.execute(
        "UPDATE follow_ups SET due = ?, contact_id = ? WHERE plan_id = ? AND done_on IS NULL",
        (iso(plan.follow_up_on), plan.contact_id, plan_id),
    )
