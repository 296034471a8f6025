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
import threading
import time
import weakref
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd
import platformdirs

from . import browser_storage
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
    CREATE INDEX exchanges_by_date ON exchanges(on_date, id);
    CREATE TABLE goals (
        id INTEGER PRIMARY KEY,
        horizon INTEGER NOT NULL CHECK (horizon IN (30, 60, 90)),
        goal TEXT NOT NULL,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        done_on TEXT,
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    """,
    # 4: a message drafted from the message bank travels with its conversation plan
    """
    ALTER TABLE plans ADD COLUMN message TEXT NOT NULL DEFAULT '';
    """,
    # 5: reflections keyed by a stable prompt id (workbook.prompts), so rewording a prompt keeps
    # the answers. The wordings known at this version map to their ids, for the rows written so
    # far and for backups written before it; any other prompt is its own id.
    """
    ALTER TABLE reflections ADD COLUMN prompt_id TEXT;
    CREATE TABLE reflection_prompt_ids (
        chapter TEXT NOT NULL,
        prompt TEXT NOT NULL,
        prompt_id TEXT NOT NULL,
        PRIMARY KEY (chapter, prompt)
    );
    INSERT INTO reflection_prompt_ids (chapter, prompt, prompt_id) VALUES
        ('00', 'What would you like your network to help you with this year?', 'network-goal'),
        ('01', 'When did a personal connection lead to something at work, or the other way round? Who was the bridge?', 'bridge'),
        ('02', 'Pick one interest of yours. Where could you do it every week with the same people, and who might come along?', 'weekly-interest'),
        ('03', 'Which professional group could you join or help run in the next month, and what would you volunteer to do?', 'volunteer'),
        ('04', 'Search for yourself as an employer would. What would they conclude, and what one change would make the picture more accurate?', 'search-yourself'),
        ('05', 'Which relationship has faded since you stopped seeing the person in person? Draft the first two lines of a message.', 'faded-tie'),
        ('06', 'What is your main obstacle to networking, and what is one strategy you will try?', 'main-obstacle'),
        ('06', 'Think of a conversation you felt went badly. How might the other person remember it, and what follow-up could you send?', 'liking-gap'),
        ('07', 'Who has helped you more than you have helped them, and what could you offer them this month?', 'give-back'),
        ('08', 'Who is one person you have lost touch with that you would like to hear from? Write the message you will send this week.', 'lost-touch');
    UPDATE reflections SET prompt_id = (
        SELECT k.prompt_id FROM reflection_prompt_ids k WHERE k.chapter = reflections.chapter AND k.prompt = reflections.prompt
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
    if browser_storage.ACTIVE:  # the in-browser course: kept in memory, copied to the browser's storage
        return browser_storage.MEMORY_HOME
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def where_saved() -> str:
    """Where the learner's entries live, in words for the tools to say."""
    return "on this computer"


def default_path() -> Path:
    return data_home() / FILE_NAME


_SHARED: dict[Path, "Store"] = {}
_SHARED_LOCK = threading.Lock()


def shared(store: "Store | None" = None) -> "Store":
    """`store` itself, or the learner's own workbook as this kernel shares it between tools.

    Every tool opened without a store gets the same `Store` object for the same file, so a contact
    added in one tool reaches every picker and table of the others at once (see `Store.subscribe`)."""
    if store is not None:
        return store
    path = default_path().resolve()
    with _SHARED_LOCK:
        if path not in _SHARED:
            _SHARED[path] = Store(path)
        return _SHARED[path]


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
        self._conn = None
        # Widget callbacks may run on another thread than the notebook's cells: JupyterLab 4.6
        # sends widget messages over a kernel subshell, which ipykernel 7 serves on its own
        # thread. So the connection is shared between threads (sqlite3 serializes the calls), and
        # this lock keeps one thread's transaction from running into another's.
        self._lock = threading.RLock()
        self._listeners: list[weakref.ref] = []
        self.revision = 0  # counts the commits this object has seen (its own and, once synced, others')
        self._data_version: int | None = None
        self._mirrored = browser_storage.mirrors(self.path)
        if self._mirrored:
            browser_storage.load(self.path)
        try:
            self._conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            self._conn.row_factory = sqlite3.Row
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            self._use_wal()
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._upgrade()
            self._data_version = self._read_data_version()
        except sqlite3.DatabaseError as error:
            if self._conn is not None:
                self._conn.close()
            if _is_busy(error):
                raise StoreError(
                    f"{self.path} is in use: another notebook or program kept it locked for {BUSY_TIMEOUT_S} s. "
                    "Finish or restart what is running there and open the workbook again."
                ) from error
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
                try:
                    for statement in _statements(MIGRATIONS[number]):
                        self._conn.execute(statement)
                except sqlite3.DatabaseError as error:
                    # Raised inside the transaction, so every step of the upgrade is rolled back.
                    raise StoreError(
                        f"could not upgrade {self.path} to schema {number + 1} ({error}). Nothing was changed: "
                        f"your data is still there, at schema {version}. Check there is free disk space and "
                        "open the workbook again; if this keeps happening, report it with this message."
                    ) from error
                self._conn.execute(f"PRAGMA user_version = {number + 1}")

    def _use_wal(self) -> None:
        """Switch to WAL mode (a no-op once the file is in it). When two processes open a brand-new
        file at once, the switch can fail with 'database is locked' straight away, without waiting
        for the busy timeout, so wait here instead, as long as the timeout would."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or time.monotonic() > deadline:
                    raise
            time.sleep(0.01)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit at the end of the block, roll back if it raises.
        BEGIN IMMEDIATE takes the write lock up front, so a second kernel waits instead of failing;
        the thread lock does the same for a second thread of this kernel."""
        with self._lock:
            if self._conn.in_transaction:  # nested in this thread's block: the outer block commits
                yield self._conn
                return
            if self._mirrored:
                browser_storage.before_write(self._conn, self.path)
            self._conn.execute("BEGIN IMMEDIATE")
            changes = self._conn.total_changes
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself fails: otherwise later writes would count as nested and
                # never be committed.
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            if self._mirrored:
                browser_storage.after_commit(self)
            wrote = self._conn.total_changes != changes
            if wrote:
                self.revision += 1
                self._data_version = self._read_data_version()
        if wrote:  # outside the lock: listeners read the store, possibly from another thread
            self._notify()

    # --- live updates: every tool on this store sees every change -------------------------------

    def subscribe(self, callback: Callable[[], None]) -> None:
        """Call `callback()` after every committed change, whoever made it. Held weakly, so a tool
        that is closed and forgotten stops listening by itself."""
        ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else weakref.ref(callback)
        with self._lock:
            self._listeners.append(ref)

    def sync(self) -> bool:
        """Notice changes another process (a second notebook's kernel) committed since we last looked,
        and tell the listeners. Tools call this before they save or refresh. True if there were any."""
        with self._lock:
            version = self._read_data_version()
            if version == self._data_version:
                return False
            self._data_version = version
            self.revision += 1
        self._notify()
        return True

    def _read_data_version(self) -> int:
        # PRAGMA data_version changes when another connection commits, never for our own commits.
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def _notify(self) -> None:
        with self._lock:
            live = [ref for ref in self._listeners if ref() is not None]
            self._listeners = live
        for ref in live:
            callback = ref()
            if callback is not None:
                callback()

    def query(self, sql: str, params=()) -> pd.DataFrame:
        with self._lock:
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

    def contact_directory(self) -> pd.DataFrame:
        """What a picker needs to name each contact, and to tell apart people who share a name."""
        return self.query("SELECT id, name, company, how_met, email FROM contacts ORDER BY name COLLATE NOCASE, id")

    def contact_names(self) -> dict[int, str]:
        return dict(self._conn.execute("SELECT id, name FROM contacts ORDER BY name COLLATE NOCASE, id"))

    def contact_interests(self, contact_ids) -> dict[int, str]:
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

    def describe_file(self, path: Path) -> str:
        """Where a file the tools wrote lives, in words a learner can follow."""
        if self.get_meta("persona"):
            return f"{path.name} in the sample's temporary folder (deleted when the notebook closes)"
        return f"{path.name} in your workbook folder, {path.parent}"

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

    # A reflection's id: its prompt_id, else the id its wording had at schema 4, else its wording.
    _REFLECTION_ID = """COALESCE(r.prompt_id,
        (SELECT k.prompt_id FROM reflection_prompt_ids k WHERE k.chapter = r.chapter AND k.prompt = r.prompt), r.prompt)"""

    def save_reflection(self, chapter: str, prompt_id: str, text: str, prompt: str | None = None) -> None:
        """Save the answer to a prompt (by its id; `prompt` is the wording shown, default the id),
        replacing any earlier answer saved under that id or an older wording of it."""
        with self.transaction() as db:
            db.execute(f"DELETE FROM reflections AS r WHERE r.chapter = ? AND {self._REFLECTION_ID} = ?", (chapter, prompt_id))
            db.execute(
                "INSERT INTO reflections (chapter, prompt, text, prompt_id) VALUES (?, ?, ?, ?)",
                (chapter, prompt if prompt is not None else prompt_id, text, prompt_id),
            )

    def reflection(self, chapter: str, prompt_id: str) -> str:
        """The answer saved for a prompt id ('' if none)."""
        row = self._conn.execute(
            f"SELECT r.text FROM reflections AS r WHERE r.chapter = ? AND {self._REFLECTION_ID} = ? ORDER BY r.rowid DESC",
            (chapter, prompt_id),
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

    def erase(self) -> None:
        """Delete every entry in one transaction; the file and its schema stay, so open tools keep working."""
        with self.transaction() as db:
            for name in reversed(TABLES):
                db.execute(f"DELETE FROM {name}")

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


    # --- course: goals, progress and export --------------------------------------------------

    GOAL_HORIZONS = (30, 60, 90)

    def add_goal(self, horizon: int, goal: str, contact_id: int | None = None) -> int:
        """A goal for the next 30, 60 or 90 days, optionally with a contact. Returns its id."""
        from .model import MAX_SHORT, ValidationError, clean_text

        if horizon not in self.GOAL_HORIZONS:
            raise ValidationError("horizon", f"{horizon!r} is not 30, 60 or 90 days.")
        text = clean_text(goal, "goal", limit=MAX_SHORT, required=True, multiline=False)
        with self.transaction() as db:
            if contact_id is not None:
                self._require_contact(db, contact_id)
            cur = db.execute("INSERT INTO goals (horizon, goal, contact_id) VALUES (?, ?, ?)", (horizon, text, contact_id))
        return cur.lastrowid

    def set_goal_done(self, goal_id: int, done: bool = True) -> None:
        """Mark a goal done today (the store's today), or not done again."""
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE goals SET done_on = ? WHERE id = ?", (self.today().isoformat() if done else None, goal_id)
            )
            if cur.rowcount == 0:
                raise KeyError(f"no goal with id {goal_id}; it may have been deleted in another notebook")

    def delete_goal(self, goal_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM goals WHERE id = ?", (goal_id,))

    def goals(self) -> pd.DataFrame:
        """Every goal with its contact's name: id, horizon, goal, contact_id, name, done_on."""
        return self.query(
            """SELECT g.id, g.horizon, g.goal, g.contact_id, COALESCE(c.name, '') AS name, g.done_on
               FROM goals g LEFT JOIN contacts c ON c.id = g.contact_id
               ORDER BY g.horizon, g.id"""
        )

    def last_contact(self) -> pd.DataFrame:
        """Per contact: id, name, circle, layer, cadence_days and the date of the latest exchange or
        touchpoint (None when nothing is logged)."""
        return self.query(
            """SELECT c.id AS contact_id, c.name, c.circle, c.layer, c.cadence_days,
                      (SELECT MAX(d) FROM (SELECT MAX(on_date) AS d FROM exchanges WHERE contact_id = c.id
                                           UNION ALL
                                           SELECT MAX(on_date) FROM touchpoints WHERE contact_id = c.id)) AS last_contact
               FROM contacts c ORDER BY c.name COLLATE NOCASE, c.id"""
        )

    def open_follow_ups(self) -> pd.DataFrame:
        """Promises not yet kept, with who they involve: id, owner, promise, due, contact_id, name."""
        return self.query(
            """SELECT f.id, f.owner, f.promise, f.due, f.contact_id, c.name
               FROM follow_ups f JOIN contacts c ON c.id = f.contact_id
               WHERE f.done_on IS NULL ORDER BY COALESCE(f.due, '9999'), f.id"""
        )

    # --- tools: contact book, network map, follow-ups, presence, time blocks

    _KEEP_FIELDS = ("layer", "cadence_days", "met_on")

    def save_contact_details(self, contact: Contact, keep, *, introduced_by: int | None = None) -> int:
        """Add or change a contact with its keep-in-touch settings (a network.KeepInTouch), in one
        transaction; with `introduced_by`, also note that the two know each other. Returns the id."""
        c = contact.validated()
        k = keep.validated(self.today())
        cols = self._CONTACT_FIELDS
        values = [getattr(c, name) for name in cols] + [k.layer, k.cadence_days, _iso(k.met_on)]
        with self.transaction() as db:
            if c.id is None:
                every = [*cols, *self._KEEP_FIELDS]
                cur = db.execute(f"INSERT INTO contacts ({', '.join(every)}) VALUES ({', '.join('?' * len(every))})", values)
                contact_id = cur.lastrowid
            else:
                cur = db.execute(
                    f"UPDATE contacts SET {', '.join(f'{name} = ?' for name in (*cols, *self._KEEP_FIELDS))} WHERE id = ?",
                    values + [c.id],
                )
                if cur.rowcount == 0:
                    raise KeyError(f"no contact with id {c.id}; it may have been deleted in another notebook")
                contact_id = c.id
            if introduced_by is not None and introduced_by != contact_id:
                self._require_contact(db, introduced_by)
                db.execute("INSERT OR IGNORE INTO ties (a, b) VALUES (?, ?)", sorted((introduced_by, contact_id)))
        return contact_id

    def keep_in_touch_settings(self, contact_id: int) -> dict:
        """layer, cadence_days (None: the layer's default) and met_on (a date or None)."""
        row = self._conn.execute("SELECT layer, cadence_days, met_on FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        if row is None:
            raise KeyError(f"no contact with id {contact_id}")
        return {"layer": row["layer"], "cadence_days": row["cadence_days"], "met_on": _date(row["met_on"])}

    def last_interactions(self) -> pd.DataFrame:
        """Per contact: contact_id, name, circle, layer, cadence_days, last_interaction. The last
        interaction is the latest of an exchange, a touchpoint, a conversation plan's date and a
        follow-up's done date, none of them after today (a planned conversation has not happened
        yet); None when nothing is logged. Never the day the contact or its cadence was set."""
        today = self.today().isoformat()
        return self.query(
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
            {"today": today},
        )

    def log_touchpoint(self, contact_id: int, on_date: dt.date, channel: str = "", note: str = "") -> int:
        """A contact you were in touch with (a chat, a call, a message) that was not an exchange."""
        with self.transaction() as db:
            self._require_contact(db, contact_id)
            cur = db.execute(
                "INSERT INTO touchpoints (contact_id, on_date, channel, note) VALUES (?, ?, ?, ?)",
                (contact_id, on_date.isoformat(), channel, note),
            )
        return cur.lastrowid

    def ties(self) -> pd.DataFrame:
        """Who knows whom among your contacts: a, b (a < b)."""
        return self.query("SELECT a, b FROM ties ORDER BY a, b")

    def set_tie(self, first: int, second: int, know_each_other: bool) -> bool:
        """Mark (or unmark) that two contacts know each other. Returns whether anything changed."""
        if first == second:
            raise ValueError("a contact cannot be tied to themselves; pick two different people.")
        a, b = sorted((first, second))
        with self.transaction() as db:
            self._require_contact(db, a)
            self._require_contact(db, b)
            if know_each_other:
                cur = db.execute("INSERT OR IGNORE INTO ties (a, b) VALUES (?, ?)", (a, b))
            else:
                cur = db.execute("DELETE FROM ties WHERE a = ? AND b = ?", (a, b))
        return cur.rowcount > 0

    def follow_ups(self) -> pd.DataFrame:
        """Every promise: id, contact_id, name, owner, promise, due, done_on, plan_id, occasion."""
        return self.query(
            """SELECT f.id, f.contact_id, c.name, f.owner, f.promise, f.due, f.done_on, f.plan_id,
                      COALESCE(p.occasion || COALESCE(' on ' || p.planned_for, ''), '') AS occasion
               FROM follow_ups f JOIN contacts c ON c.id = f.contact_id
               LEFT JOIN plans p ON p.id = f.plan_id
               ORDER BY f.id"""
        )

    def add_follow_up(self, follow_up) -> int:
        """An ad-hoc promise (a network.FollowUp), not tied to a conversation plan."""
        f = follow_up.validated(self.today())
        with self.transaction() as db:
            self._require_contact(db, f.contact_id)
            cur = db.execute(
                "INSERT INTO follow_ups (contact_id, owner, promise, due) VALUES (?, ?, ?, ?)",
                (f.contact_id, f.owner, f.promise, _iso(f.due)),
            )
        return cur.lastrowid

    def set_follow_up_done(self, follow_up_id: int, done: bool = True) -> None:
        """Done today (the store's today), or open again."""
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE follow_ups SET done_on = ? WHERE id = ?", (self.today().isoformat() if done else None, follow_up_id)
            )
            if cur.rowcount == 0:
                raise KeyError(f"no follow-up with id {follow_up_id}; it may have been deleted in another notebook")

    def delete_follow_up(self, follow_up_id: int) -> None:
        """Delete an ad-hoc promise. A plan's promises change with the plan, in the planner."""
        with self.transaction() as db:
            row = db.execute("SELECT plan_id FROM follow_ups WHERE id = ?", (follow_up_id,)).fetchone()
            if row is None:
                raise KeyError(f"no follow-up with id {follow_up_id}; it may have been deleted in another notebook")
            if row["plan_id"] is not None:
                raise ValueError("this promise comes from a conversation plan: change or remove it in the planner.")
            db.execute("DELETE FROM follow_ups WHERE id = ?", (follow_up_id,))

    def presence_checks(self) -> set[tuple[str, str]]:
        """The (network, item) pairs ticked in the online presence audit."""
        return {(r["network"], r["item"]) for r in self._conn.execute("SELECT network, item FROM presence_audit WHERE checked")}

    def set_presence_check(self, network: str, item: str, checked: bool) -> None:
        with self.transaction() as db:
            db.execute(
                """INSERT INTO presence_audit (network, item, checked) VALUES (?, ?, ?)
                   ON CONFLICT(network, item) DO UPDATE SET checked = excluded.checked, updated_at = datetime('now')""",
                (network, item, int(checked)),
            )

    def add_time_block(self, block) -> int:
        """Regular networking time (a network.TimeBlock). Returns its id."""
        b = block.validated(self.today())
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO time_blocks (label, weekday, start_time, end_time, starts_on) VALUES (?, ?, ?, ?, ?)",
                (b.label, b.weekday, f"{b.start:%H:%M}", f"{b.end:%H:%M}", b.starts_on.isoformat()),
            )
        return cur.lastrowid

    def time_blocks(self) -> pd.DataFrame:
        """id, label, weekday (0 = Monday), start_time, end_time ('HH:MM'), starts_on; in week order."""
        return self.query("SELECT id, label, weekday, start_time, end_time, starts_on FROM time_blocks ORDER BY weekday, start_time, id")

    def delete_time_block(self, block_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM time_blocks WHERE id = ?", (block_id,))


def _is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the lock (SQLITE_BUSY or one of its extended codes)."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY


def _statements(script: str) -> list[str]:
    """Split a migration into statements; executescript() would commit mid-transaction."""
    return [s.strip() for s in script.split(";") if s.strip()]
