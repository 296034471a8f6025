"""The store's core: the one place that connects to the learner's data file, upgrades its schema,
runs transactions and tells the tools about changes. What is stored lives in the repositories, one
per area, reached as attributes: `store.contacts.add(contact)`, `store.plans.save(plan)`.

Why SQLite: every write is a transaction, so a killed kernel leaves the old state or the new one;
WAL mode and a busy timeout let two notebooks (two kernels) write at once; and the file lives in
the learner's own data folder, never in the course repository.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from . import browser, migrations
from .backup import Backup
from .contacts import Contacts
from .counts import Counts
from .errors import NotFound, StoreError
from .exchanges import Exchanges
from .follow_ups import FollowUps
from .goals import Goals
from .migrations import SCHEMA_VERSION, TABLES
from .plans import Plans
from .presence import PresenceAudit
from .progress import Progress
from .quiz import Quiz
from .reflections import Reflections
from .ties import Ties
from .time_blocks import TimeBlocks
from .touchpoints import Touchpoints

if TYPE_CHECKING:
    import pandas as pd

FILE_NAME = "workbook.sqlite3"
APP_NAME = "networking-workbook"
BUSY_TIMEOUT_S = 30


def data_home() -> Path:
    """The folder that holds the learner's data: $WORKBOOK_HOME, else the platform's data folder."""
    override = os.environ.get("WORKBOOK_HOME", "").strip()
    if override:
        return Path(override).expanduser()
    if browser.ACTIVE:  # the in-browser course: kept in memory, copied to the browser's storage
        return browser.MEMORY_HOME
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def where_saved() -> str:
    """Where the learner's entries live, in words for the tools to say."""
    return "on this computer"


def default_path() -> Path:
    return data_home() / FILE_NAME


_SHARED: dict[Path, Store] = {}
_SHARED_LOCK = threading.Lock()


def shared(store: Store | None = None) -> Store:
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


class Store:
    """The learner's workbook. `Store()` opens (and if needed creates) the default file;
    `Store(":memory:", files_folder=...)` a workbook held in memory.

    `files_folder` is where the tools write files for the learner (conversation cards, the
    calendar, the readable copy): beside the data file unless told."""

    def __init__(self, path: str | os.PathLike | None = None, *, files_folder: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.files_folder = Path(files_folder) if files_folder is not None else self.path.parent
        if str(path) != ":memory:":
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
        # What is stored, one repository per area; each holds all of its area's SQL. Set
        # first: the in-browser copy may read through them while the schema is upgraded.
        self.contacts = Contacts(self)
        self.touchpoints = Touchpoints(self)
        self.ties = Ties(self)
        self.exchanges = Exchanges(self)
        self.plans = Plans(self)
        self.follow_ups = FollowUps(self)
        self.presence = PresenceAudit(self)
        self.time_blocks = TimeBlocks(self)
        self.goals = Goals(self)
        self.quiz = Quiz(self)
        self.progress = Progress(self)
        self.reflections = Reflections(self)
        self.counts = Counts(self)
        self.backup = Backup(self)
        self._mirrored = browser.mirrors(self.path)
        if self._mirrored:
            browser.load(self.path)
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
                    for statement in _statements(migrations.MIGRATIONS[number]):
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
                browser.before_write(self._conn, self.path)
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
                browser.after_commit(self)
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

    # --- reading ------------------------------------------------------------------------------

    def query(self, sql: str, params=()) -> pd.DataFrame:
        """Read-only SQL for your own analysis (and the tests); the package reads through the
        repositories, which keep all of its SQL inside workbook.store."""
        import pandas as pd  # here: importing contacts from a file must not load pandas

        with self._lock:
            return pd.read_sql_query(sql, self._conn, params=params)

    def _rows(self, sql: str, params=()) -> list[sqlite3.Row]:
        """Rows for the repositories, read under the lock like every other use of the connection."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _row(self, sql: str, params=()) -> sqlite3.Row | None:
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    def serialize(self) -> bytes:
        """The whole database as bytes, for the in-browser course's copy in the browser's storage."""
        with self._lock:
            return self._conn.serialize()

    def table(self, name: str) -> pd.DataFrame:
        """A whole workbook table, to analyse in a notebook: `sample.table("exchanges")`."""
        if name not in TABLES:
            raise NotFound(f"{name!r} is not a workbook table; the tables are {', '.join(TABLES)}.")
        return self.query(f"SELECT * FROM {name}")

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: self.table(name) for name in TABLES}

    # --- meta ---------------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self._row("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def today(self) -> dt.date:
        """Today's date, except in the sample workbook, which lives on a fixed day so lessons are repeatable."""
        frozen = self.get_meta("today")
        return dt.date.fromisoformat(frozen) if frozen else dt.date.today()

    def describe_file(self, path: Path) -> str:
        """Where a file the tools wrote lives, in words a learner can follow."""
        if self.get_meta("persona"):
            return f"{path.name} in the sample's temporary folder (deleted when the notebook closes)"
        return f"{path.name} in your workbook folder, {path.parent}"


def _is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the lock (SQLITE_BUSY or one of its extended codes)."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY


def _statements(script: str) -> list[str]:
    """Split a migration into statements; executescript() would commit mid-transaction."""
    return [s.strip() for s in script.split(";") if s.strip()]
