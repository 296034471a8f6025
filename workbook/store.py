"""The one place that reads and writes the learner's data: a single SQLite file.

Why SQLite: every write is a transaction, so a killed kernel leaves the old state or the new one;
WAL mode and a busy timeout let two notebooks (two kernels) write at once; and the file lives in
the learner's own data folder, never in the course repository.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path
from typing import Iterator

import pandas as pd
import platformdirs

from .model import BALANCE_COLUMNS, LOOKBACK_DAYS, Contact, Exchange, Plan, add_days_since, conversation_card

FILE_NAME = "workbook.sqlite3"
APP_NAME = "networking-workbook"
BUSY_TIMEOUT_S = 30

# Append-only: each entry upgrades the schema by one version. Never edit a released entry.
MIGRATIONS: list[str] = [
    # 1: the two core tools
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        circle TEXT NOT NULL DEFAULT 'professional' CHECK (circle IN ('personal', 'professional', 'both')),
        company TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        interests TEXT NOT NULL DEFAULT '',
        how_met TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE exchanges (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('gave', 'received')),
        kind TEXT NOT NULL,
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE INDEX exchanges_by_contact ON exchanges(contact_id, direction, on_date);
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
        occasion TEXT NOT NULL,
        planned_for TEXT,
        goal TEXT NOT NULL DEFAULT '',
        openers TEXT NOT NULL DEFAULT '',
        questions TEXT NOT NULL DEFAULT '',
        offer TEXT NOT NULL DEFAULT '',
        cultural_notes TEXT NOT NULL DEFAULT '',
        talked_about TEXT NOT NULL DEFAULT '',
        my_promises TEXT NOT NULL DEFAULT '',
        their_promises TEXT NOT NULL DEFAULT '',
        follow_up_on TEXT,
        created_at TEXT NOT NULL DEFAULT (datetime('now')),
        updated_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE follow_ups (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER REFERENCES plans(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        owner TEXT NOT NULL CHECK (owner IN ('me', 'them')),
        promise TEXT NOT NULL,
        due TEXT,
        done_on TEXT
    );
    """,
    # 2: room for the chapters: keep-in-touch, who-knows-whom, quizzes, progress, reflections
    """
    ALTER TABLE contacts ADD COLUMN layer INTEGER CHECK (layer IN (5, 15, 50, 150));
    ALTER TABLE contacts ADD COLUMN cadence_days INTEGER;
    ALTER TABLE contacts ADD COLUMN met_on TEXT;
    ALTER TABLE contacts ADD COLUMN url TEXT NOT NULL DEFAULT '';
    ALTER TABLE contacts ADD COLUMN phone TEXT NOT NULL DEFAULT '';
    ALTER TABLE contacts ADD COLUMN source_key TEXT;
    CREATE UNIQUE INDEX contacts_by_source_key ON contacts(source_key) WHERE source_key IS NOT NULL;
    CREATE TABLE touchpoints (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        on_date TEXT NOT NULL,
        channel TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX touchpoints_by_contact ON touchpoints(contact_id, on_date);
    CREATE TABLE ties (
        a INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    );
    CREATE TABLE quiz_answers (
        chapter TEXT NOT NULL,
        question TEXT NOT NULL,
        choice TEXT NOT NULL,
        correct INTEGER NOT NULL,
        answered_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (chapter, question)
    );
    CREATE TABLE progress (
        chapter TEXT NOT NULL,
        item TEXT NOT NULL,
        done_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (chapter, item)
    );
    CREATE TABLE reflections (
        chapter TEXT NOT NULL,
        prompt TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (chapter, prompt)
    );
    """,
    # 3: the planning tools: online presence audit, regular networking time, 30/60/90-day goals
    """
    CREATE TABLE presence_audit (
        network TEXT NOT NULL,
        item TEXT NOT NULL,
        checked INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (network, item)
    );
    CREATE TABLE time_blocks (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL DEFAULT 'Networking time',
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
        start_time TEXT NOT NULL,
        end_time TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        CHECK (start_time < end_time)
    );
    CREATE TABLE goals (
        id INTEGER PRIMARY KEY,
        horizon INTEGER NOT NULL CHECK (horizon IN (30, 60, 90)),
        goal TEXT NOT NULL,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        done_on TEXT,
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# The tables a learner may analyse, in the order an export lists them.
TABLES = (
    "contacts",
    "exchanges",
    "plans",
    "follow_ups",
    "touchpoints",
    "ties",
    "quiz_answers",
    "progress",
    "reflections",
    "presence_audit",
    "time_blocks",
    "goals",
)


class StoreError(RuntimeError):
    """The data file cannot be used; the message says which file and what to do."""


def data_home() -> Path:
    """The folder that holds the learner's data: $WORKBOOK_HOME, else the platform's data folder."""
    override = os.environ.get("WORKBOOK_HOME", "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_path() -> Path:
    return data_home() / FILE_NAME


def write_text_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing: a crash mid-write leaves the old file (or none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Store:
    """The learner's workbook. `Store()` opens (and if needed creates) the default file."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._upgrade()
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.path} is not a workbook data file SQLite can read ({error}). "
                "Move it aside (or restore a backup) and open the workbook again."
            ) from error

    def __repr__(self) -> str:
        persona = self.get_meta("persona")
        return f"Store(sample network of {persona})" if persona else "Store(your workbook)"

    def close(self) -> None:
        self._conn.close()

    # --- schema -----------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def _upgrade(self) -> None:
        with self.transaction():
            version = self.schema_version
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} was written by a newer version of the workbook (schema {version}, "
                    f"this one knows {SCHEMA_VERSION}). Upgrade the course: pip install -r requirements.txt."
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {number + 1}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit at the end of the block, roll back if it raises.
        BEGIN IMMEDIATE takes the write lock up front, so a second kernel waits instead of failing."""
        if self._conn.in_transaction:  # nested: the outer block commits
            yield self._conn
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def query(self, sql: str, params=()) -> pd.DataFrame:
        return pd.read_sql_query(sql, self._conn, params=params)

    # --- meta ---------------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def today(self) -> dt.date:
        """Today's date, except in the sample workbook, which lives on a fixed day so lessons are repeatable."""
        frozen = self.get_meta("today")
        return dt.date.fromisoformat(frozen) if frozen else dt.date.today()

    # --- contacts -------------------------------------------------------------------------

    _CONTACT_FIELDS = [f.name for f in dataclasses.fields(Contact) if f.name != "id"]

    def add_contact(self, contact: Contact) -> int:
        c = contact.validated()
        cols = self._CONTACT_FIELDS
        with self.transaction() as db:
            cur = db.execute(
                f"INSERT INTO contacts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [getattr(c, k) for k in cols],
            )
        return cur.lastrowid

    def update_contact(self, contact: Contact) -> None:
        c = contact.validated()
        cols = self._CONTACT_FIELDS
        with self.transaction() as db:
            db.execute(
                f"UPDATE contacts SET {', '.join(f'{k} = ?' for k in cols)} WHERE id = ?",
                [getattr(c, k) for k in cols] + [c.id],
            )

    def get_contact(self, contact_id: int) -> Contact:
        row = self._conn.execute(
            f"SELECT id, {', '.join(self._CONTACT_FIELDS)} FROM contacts WHERE id = ?", (contact_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no contact with id {contact_id}")
        return Contact(**dict(row))

    def delete_contact(self, contact_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    def contact_names(self) -> dict[int, str]:
        return dict(self._conn.execute("SELECT id, name FROM contacts ORDER BY name COLLATE NOCASE, id"))

    def contact_interests(self, contact_ids=None) -> dict[int, str]:
        if contact_ids is None:
            return dict(self._conn.execute("SELECT id, interests FROM contacts"))
        ids = list(contact_ids)
        return dict(
            self._conn.execute(
                f"SELECT id, interests FROM contacts WHERE id IN ({', '.join('?' * len(ids))})", ids
            )
        )

    # --- exchanges ------------------------------------------------------------------------

    def log_exchange(self, exchange: Exchange) -> int:
        e = exchange.validated(self.today())
        with self.transaction() as db:
            self._require_contact(db, e.contact_id)
            cur = db.execute(
                "INSERT INTO exchanges (contact_id, direction, kind, on_date, note) VALUES (?, ?, ?, ?, ?)",
                (e.contact_id, e.direction, e.kind, e.on_date.isoformat(), e.note),
            )
        return cur.lastrowid

    def update_exchange(self, exchange: Exchange) -> None:
        e = exchange.validated(self.today())
        with self.transaction() as db:
            self._require_contact(db, e.contact_id)
            db.execute(
                "UPDATE exchanges SET contact_id = ?, direction = ?, kind = ?, on_date = ?, note = ? WHERE id = ?",
                (e.contact_id, e.direction, e.kind, e.on_date.isoformat(), e.note, e.id),
            )

    def get_exchange(self, exchange_id: int) -> Exchange:
        row = self._conn.execute(
            "SELECT id, contact_id, direction, kind, on_date, note FROM exchanges WHERE id = ?", (exchange_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no exchange with id {exchange_id}")
        return Exchange(**{**dict(row), "on_date": _date(row["on_date"])})

    def delete_exchange(self, exchange_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM exchanges WHERE id = ?", (exchange_id,))

    def recent_exchanges(self, limit: int = 20) -> pd.DataFrame:
        return self.query(
            """SELECT e.id, e.on_date, c.name, e.direction, e.kind, e.note, e.contact_id
               FROM exchanges e JOIN contacts c ON c.id = e.contact_id
               ORDER BY e.on_date DESC, e.id DESC LIMIT ?""",
            (limit,),
        )

    def balances(self, contact_ids=None) -> pd.DataFrame:
        """Per contact with at least one exchange: given, received, the same over the last
        LOOKBACK_DAYS days, the last exchange either way, the last time you gave, and days since."""
        today = self.today()
        where, params = "", [(today - dt.timedelta(days=LOOKBACK_DAYS)).isoformat()] * 2
        if contact_ids is not None:
            ids = list(contact_ids)
            where = f"WHERE c.id IN ({', '.join('?' * len(ids))})"
            params += ids
        frame = self.query(
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
        frame = frame.reindex(columns=BALANCE_COLUMNS)
        return add_days_since(frame, today)

    # --- plans ----------------------------------------------------------------------------

    _PLAN_FIELDS = [f.name for f in dataclasses.fields(Plan) if f.name != "id"]

    def save_plan(self, plan: Plan) -> int:
        """Insert a new plan or update an existing one; returns its id."""
        p = plan.validated(self.today())
        values = [_iso(v) if isinstance(v, dt.date) else v for v in (getattr(p, k) for k in self._PLAN_FIELDS)]
        with self.transaction() as db:
            self._require_contact(db, p.contact_id)
            if p.id is None:
                cur = db.execute(
                    f"INSERT INTO plans ({', '.join(self._PLAN_FIELDS)}) VALUES ({', '.join('?' * len(values))})",
                    values,
                )
                plan_id = cur.lastrowid
            else:
                cur = db.execute(
                    f"UPDATE plans SET {', '.join(f'{k} = ?' for k in self._PLAN_FIELDS)}, updated_at = datetime('now') WHERE id = ?",
                    values + [p.id],
                )
                if cur.rowcount == 0:
                    raise KeyError(f"no plan with id {p.id}; it may have been deleted in another notebook")
                plan_id = p.id
            self._sync_promises(db, plan_id, p)
        return plan_id

    @staticmethod
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
                (plan_id, plan.contact_id, owner, promise, _iso(plan.follow_up_on)),
            )
        db.execute(
            "UPDATE follow_ups SET due = ?, contact_id = ? WHERE plan_id = ? AND done_on IS NULL",
            (_iso(plan.follow_up_on), plan.contact_id, plan_id),
        )

    def get_plan(self, plan_id: int) -> Plan:
        row = self._conn.execute(
            f"SELECT id, {', '.join(self._PLAN_FIELDS)} FROM plans WHERE id = ?", (plan_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no plan with id {plan_id}")
        data = dict(row)
        for key in ("planned_for", "follow_up_on"):
            data[key] = _date(data[key])
        return Plan(**data)

    def delete_plan(self, plan_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM plans WHERE id = ?", (plan_id,))

    def card_markdown(self, plan_id: int) -> str:
        plan = self.get_plan(plan_id)
        return conversation_card(plan, self.get_contact(plan.contact_id))

    def export_card(self, plan_id: int) -> Path:
        """Write a plan's one-page conversation card as Markdown beside the data file."""
        plan = self.get_plan(plan_id)
        contact = self.get_contact(plan.contact_id)
        slug = re.sub(r"[^a-z0-9]+", "-", contact.name.casefold()).strip("-")[:40] or "contact"
        when = plan.planned_for.isoformat() if plan.planned_for else "undated"
        path = self.path.parent / "cards" / f"{when}-{slug}-plan{plan_id}.md"
        write_text_atomic(path, self.card_markdown(plan_id))
        return path

    def plan_list(self) -> pd.DataFrame:
        """Past and upcoming plans, newest first: id, date, who, occasion, goal."""
        return self.query(
            """SELECT p.id, p.planned_for, c.name, p.occasion, p.goal, p.follow_up_on
               FROM plans p LEFT JOIN contacts c ON c.id = p.contact_id
               ORDER BY COALESCE(p.planned_for, p.created_at) DESC, p.id DESC"""
        )

    # --- the course: quiz answers, progress, reflections -----------------------------------------

    def record_answer(self, chapter: str, question: str, choice: str, correct: bool) -> None:
        """Keep the latest answer to each question: a retry replaces the earlier one."""
        with self.transaction() as db:
            db.execute(
                """INSERT INTO quiz_answers (chapter, question, choice, correct) VALUES (?, ?, ?, ?)
                   ON CONFLICT(chapter, question) DO UPDATE SET choice = excluded.choice,
                   correct = excluded.correct, answered_at = datetime('now')""",
                (chapter, question, choice, int(correct)),
            )

    def quiz_answers(self, chapter: str) -> dict[str, tuple[str, bool]]:
        rows = self._conn.execute("SELECT question, choice, correct FROM quiz_answers WHERE chapter = ?", (chapter,))
        return {r["question"]: (r["choice"], bool(r["correct"])) for r in rows}

    def mark_done(self, chapter: str, item: str) -> None:
        """Note that something in a chapter happened (visited, an exercise attempted); first time wins."""
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO progress (chapter, item) VALUES (?, ?)", (chapter, item))

    def save_reflection(self, chapter: str, prompt: str, text: str) -> None:
        with self.transaction() as db:
            db.execute(
                """INSERT INTO reflections (chapter, prompt, text) VALUES (?, ?, ?)
                   ON CONFLICT(chapter, prompt) DO UPDATE SET text = excluded.text, updated_at = datetime('now')""",
                (chapter, prompt, text),
            )

    def reflection(self, chapter: str, prompt: str) -> str:
        row = self._conn.execute(
            "SELECT text FROM reflections WHERE chapter = ? AND prompt = ?", (chapter, prompt)
        ).fetchone()
        return row[0] if row else ""

    # --- everything, for analysis and export -------------------------------------------------

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"{name!r} is not a workbook table; the tables are {', '.join(TABLES)}.")
        return self.query(f"SELECT * FROM {name}")

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: self.table(name) for name in TABLES}

    @staticmethod
    def _require_contact(db: sqlite3.Connection, contact_id: int) -> None:
        if db.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is None:
            raise KeyError(f"no contact with id {contact_id}; it may have been deleted in another notebook")

    # --- import and export (formats)

    def has_table(self, name: str) -> bool:
        return self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None

    def records(self, name: str) -> list[dict]:
        """Every row of a table as plain Python values (no pandas dtypes: NULL stays None, ints
        stay ints), in id order. Any table that exists, so later tables such as time_blocks work."""
        if not self.has_table(name):
            raise KeyError(f"{name!r} is not a table in this workbook.")
        return [dict(row) for row in self._conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')]

    def dump(self) -> dict[str, list[dict]]:
        """Every workbook table, for a backup that can be restored exactly."""
        return {name: self.records(name) for name in TABLES}

    def table_columns(self) -> dict[str, list[str]]:
        return {name: [row["name"] for row in self._conn.execute(f'PRAGMA table_info("{name}")')] for name in TABLES}

    def is_empty(self) -> bool:
        """True when no workbook table holds a row."""
        return not any(self._conn.execute(f"SELECT 1 FROM {name} LIMIT 1").fetchone() for name in TABLES)

    _IMPORT_COLUMNS = ("id", "source_key", "name", "company", "position", "email", "url", "phone",
                       "interests", "how_met", "met_on", "notes")

    def contacts_for_import(self) -> list[dict]:
        """What an import matches against: keys, names and the columns an import may change."""
        return [dict(row) for row in self._conn.execute(f"SELECT {', '.join(self._IMPORT_COLUMNS)} FROM contacts")]

    def write_imported_contacts(self, inserts: list[dict], updates: list[dict]) -> None:
        """Add and change imported contacts in one transaction. Rows are already validated by
        formats; each update is {"id": ..., column: value, ...} holding only what changed."""
        with self.transaction() as db:
            if inserts:
                columns = self._known_columns("contacts", inserts[0])
                db.executemany(
                    f"INSERT INTO contacts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [[row[c] for c in columns] for row in inserts],
                )
            for change in updates:
                columns = self._known_columns("contacts", [c for c in change if c != "id"])
                db.execute(
                    f"UPDATE contacts SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                    [change[c] for c in columns] + [change["id"]],
                )

    def restore(self, tables: dict[str, list[dict]]) -> None:
        """Replace every workbook table with the given records (a backup), all or nothing."""
        with self.transaction() as db:
            for name in reversed(TABLES):
                db.execute(f"DELETE FROM {name}")
            for name in TABLES:
                for row in tables.get(name, []):
                    columns = self._known_columns(name, row)
                    db.execute(
                        f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                        [row[c] for c in columns],
                    )

    def _known_columns(self, table: str, names) -> list[str]:
        """Column names checked against the table, since they end up inside SQL text."""
        known = {row["name"] for row in self._conn.execute(f'PRAGMA table_info("{table}")')}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise KeyError(f"{table} has no column {', '.join(map(repr, unknown))}")
        return list(names)


def _statements(script: str) -> list[str]:
    """Split a migration into statements; executescript() would commit mid-transaction."""
    return [s.strip() for s in script.split(";") if s.strip()]
