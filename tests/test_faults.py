"""Data safety under faults: an import killed with SIGKILL part-way, and processes writing the same
workbook at once. (Schema upgrades that keep every row are in test_store.py.)

Each test runs real processes on a real file, as a terminal or a second notebook would, and
watches them from outside (the file's WAL, a reader's view of the data): the product has no
test-only hooks."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.sample import linkedin_export
from workbook.store import FILE_NAME, SCHEMA_VERSION, Store, StoreError
from workbook.store import core as store_core

IMPORT_ROWS = 30_000
PATIENCE_S = 120  # how long to wait for a process before calling it stuck; never reached when all is well


def workbook_cli(home: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "workbook", *args],
        env={**os.environ, "WORKBOOK_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def python_script(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> None:
    """Wait for a process that should succeed."""
    _, err = process.communicate(timeout=PATIENCE_S)
    assert process.returncode == 0, err


def add_originals(store: Store) -> dict[str, list[dict]]:
    """Data typed in by hand before any import (no source key); returns the store's dump."""
    ada = store.contacts.add(Contact("Original Ada", "personal", notes="typed by hand"))
    bo = store.contacts.add(Contact("Original Bo", "both", "Quayside", interests="chess"))
    store.exchanges.log(Exchange(ada, "gave", "advice", dt.date(2026, 1, 5), "kept"))
    store.exchanges.log(Exchange(bo, "received", "time", dt.date(2026, 2, 7)))
    store.ties.set(ada, bo, True)
    return store.backup.dump()


def assert_sound(store: Store) -> None:
    assert store.query("PRAGMA integrity_check").iloc[0, 0] == "ok"
    assert store.query("PRAGMA foreign_key_check").empty


def assert_originals_intact(store: Store, originals: dict[str, list[dict]]) -> None:
    now = store.backup.dump()
    now["contacts"] = [row for row in now["contacts"] if row["source_key"] is None]
    assert now == originals


def imported_count(store: Store) -> int:
    """Imported contacts, each a different person (distinct URLs)."""
    count, distinct = store.query(
        "SELECT COUNT(*), COUNT(DISTINCT url) FROM contacts WHERE source_key IS NOT NULL"
    ).iloc[0]
    assert count == distinct
    return int(count)


# --- kill -9 in the middle of a 30,000-row import --------------------------------------------------


@pytest.fixture(scope="module")
def big_export(tmp_path_factory) -> Path:
    return linkedin_export(tmp_path_factory.mktemp("export") / "Connections.csv", IMPORT_ROWS)


# When to kill, judged from outside. The import writes its rows in one transaction of about 8 MiB;
# SQLite spills pages to the WAL before the commit once its cache fills, so a growing WAL that a
# reader does not yet see as rows means the import is half-way through writing.
MOMENTS = {
    "first-pages-written": lambda wal_bytes, visible: wal_bytes > 0 and not visible,
    "half-written": lambda wal_bytes, visible: wal_bytes >= 4 * 2**20 and not visible,
    "just-committed": lambda wal_bytes, visible: visible,  # the killed process is checkpointing or exiting
}


@pytest.mark.parametrize("moment", MOMENTS)
def test_an_import_killed_part_way_leaves_all_or_nothing(moment, big_export, own_home):
    store = Store()
    originals = add_originals(store)
    store.close()
    known = len(originals["contacts"])
    path = own_home / FILE_NAME
    wal = path.with_name(path.name + "-wal")
    importer = workbook_cli(own_home, "import", str(big_export))
    reader = sqlite3.connect(path, timeout=PATIENCE_S)  # a second notebook looking on
    deadline = time.monotonic() + PATIENCE_S
    while True:
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        visible = reader.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] > known
        if MOMENTS[moment](wal_bytes, visible):
            break
        assert importer.poll() is None, f"the import ended before the moment to kill it:\n{importer.stderr.read()}"
        assert time.monotonic() < deadline, "the import is stuck"
        time.sleep(0.001)
    importer.send_signal(signal.SIGKILL)
    reader.close()
    assert importer.wait(timeout=PATIENCE_S) == -signal.SIGKILL  # killed, not finished

    store = Store()  # as the learner opens it next: SQLite recovers what the killed process left
    try:
        assert_sound(store)
        assert imported_count(store) in ({IMPORT_ROWS} if moment == "just-committed" else {0, IMPORT_ROWS})
        assert_originals_intact(store, originals)
    finally:
        store.close()


# --- two processes writing at once ----------------------------------------------------------------


def test_two_imports_at_once_keep_both(tmp_path, own_home):
    store = Store()
    originals = add_originals(store)
    store.close()
    # Different people in each file (numbered apart), and a different mix of names and companies.
    exports = [linkedin_export(tmp_path / f"export{n}.csv", 3000, first=n * 3000, seed=n) for n in range(2)]
    importers = [workbook_cli(own_home, "import", str(export)) for export in exports]
    for importer in importers:
        finish(importer)

    store = Store()
    try:
        assert_sound(store)
        assert imported_count(store) == 6000
        assert_originals_intact(store, originals)
    finally:
        store.close()


# Processes that must act at the same moment meet at a barrier: each says it is ready, then waits
# for the test to say go, which it does once all are ready.
BARRIER = """
import sys

def barrier():
    print("ready", flush=True)
    sys.stdin.readline()
"""


def release_together(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        assert process.stdout.readline() == "ready\n", process.stderr.read()
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()


# A second kernel logging exchanges as the reciprocity tracker does: one Store, one log_exchange per save.
LOG_EXCHANGES = BARRIER + """
import datetime as dt
from workbook.domain.exchanges import Exchange
from workbook.store import Store

direction, count, contacts = sys.argv[1], int(sys.argv[2]), [int(c) for c in sys.argv[3:]]
store = Store()
barrier()
for number in range(count):
    store.exchanges.log(Exchange(contacts[number % 2], direction, "advice", dt.date(2026, 1, 1), f"{direction} {number}"))
store.close()
"""


def test_two_kernels_logging_exchanges_at_once_lose_nothing(store):
    per_kernel = 100
    ada, bo = store.contacts.add(Contact("Ada")), store.contacts.add(Contact("Bo"))
    kernels = [python_script(LOG_EXCHANGES, direction, per_kernel, ada, bo) for direction in ("gave", "received")]
    release_together(kernels)
    for kernel in kernels:
        finish(kernel)

    notes = store.query("SELECT note FROM exchanges")["note"]
    assert sorted(notes) == sorted(f"{d} {n}" for d in ("gave", "received") for n in range(per_kernel))
    balances = store.exchanges.balances().set_index("name")
    half = per_kernel // 2
    assert balances.loc[["Ada", "Bo"], ["given", "received"]].values.tolist() == [[half, half], [half, half]]
    assert store.query("PRAGMA journal_mode").iloc[0, 0] == "wal"


def hold_write_lock(path: Path, journal_mode: str, locked: threading.Event, release: threading.Event) -> None:
    """Another connection's write transaction, held until `release` is set."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute(f"PRAGMA journal_mode = {journal_mode}")
    other.execute("BEGIN IMMEDIATE")
    locked.set()
    release.wait(PATIENCE_S)
    other.execute("ROLLBACK")
    other.close()


def test_opening_a_new_workbook_while_another_notebook_creates_it_waits(tmp_path):
    # Two notebooks started together both create the workbook. While one holds the lock to set the
    # new file up, the other's switch to WAL failed at once with "database is locked" (SQLite does
    # not wait on the busy timeout there): it must wait like any other write.
    path = tmp_path / FILE_NAME
    locked, release = threading.Event(), threading.Event()
    creator = threading.Thread(target=hold_write_lock, args=(path, "DELETE", locked, release))
    creator.start()
    assert locked.wait(PATIENCE_S)
    threading.Timer(0.2, release.set).start()  # the other process finishes in a moment
    try:
        store = Store(path)
    finally:
        release.set()
        creator.join()
    assert store.schema_version == SCHEMA_VERSION
    assert store.query("PRAGMA journal_mode").iloc[0, 0] == "wal"
    store.close()


def test_a_workbook_locked_for_too_long_gets_advice_to_finish_the_other_work(tmp_path, monkeypatch):
    monkeypatch.setattr(store_core, "BUSY_TIMEOUT_S", 0.1)
    path = tmp_path / FILE_NAME
    Store(path).close()
    locked, release = threading.Event(), threading.Event()
    other_notebook = threading.Thread(target=hold_write_lock, args=(path, "WAL", locked, release))
    other_notebook.start()
    assert locked.wait(PATIENCE_S)
    try:
        with pytest.raises(StoreError, match="is in use: another notebook or program") as error:
            Store(path)
    finally:
        release.set()
        other_notebook.join()
    assert "Move it aside" not in str(error.value)
