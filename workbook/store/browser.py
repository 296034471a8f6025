"""Keeping the learner's workbook in the in-browser course (JupyterLite, Pyodide). Desktop Python
never uses this module: `ACTIVE` is false there and the store works on its file as before.

SQLite cannot work on JupyterLite's persistent `/drive` (jupyterlite/pyodide-kernel#35: "disk I/O
error" in WAL mode, "malformed" otherwise). So the database lives in Pyodide's memory file system,
and this module copies it:
- in, from the drive, when the first store of the kernel opens (a copy that is not a readable
  workbook is refused with a message and a way out, never loaded);
- out, to the drive, after each committed transaction: a new file, then a rename, so the saved
  file is always a whole workbook;
- in again before a write, when another tab saved since this kernel last read or wrote the file,
  so a second tab adds to the first one's entries instead of overwriting them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..files import atomic_write
from .errors import StoreError

ACTIVE = sys.platform == "emscripten"
DRIVE_FOLDER = Path("/drive/my-workbook")  # "my-workbook" in the course's file browser
MEMORY_HOME = Path("/home/pyodide/networking-workbook")
SQLITE_HEADER = b"SQLite format 3\x00"

_synced_digest: str | None = None  # sha256 of the drive copy as this kernel last read or wrote it
# What the learner sees hooks in here (workbook/browser_note.py), so this layer shows nothing:
on_load: list[Callable[[], None]] = []  # called once the saved workbook is in memory
on_save: list[Callable[[Any], None]] = []  # called with the store after each save


def saved_path(memory_path: Path) -> Path:
    return DRIVE_FOLDER / memory_path.name


def mirrors(path: Path) -> bool:
    """Whether the store at `path` is the learner's own workbook in the browser (the sample
    network and other explicit files stay in memory only)."""
    return ACTIVE and Path(path).parent == MEMORY_HOME


def _standalone(data: bytes) -> bytes:
    """The database as one self-contained file. A WAL-mode header (bytes 18-19 set to 2) makes
    SQLite look for a -wal file that a copy does not have, and refuse to open it from memory; the
    copy already holds every committed page, so mark it as a rollback-journal database."""
    if data[18:20] == b"\x02\x02":
        data = data[:18] + b"\x01\x01" + data[20:]
    return data


def _digest(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _read_saved(path: Path) -> bytes | None:
    try:
        return _standalone(path.read_bytes())
    except FileNotFoundError:
        return None


def _check_readable(data: bytes, saved: Path) -> None:
    problem = None
    if not data.startswith(SQLITE_HEADER):
        problem = "it is not a SQLite database"
    else:
        probe = sqlite3.connect(":memory:")
        try:
            probe.deserialize(data)
            result = probe.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                problem = f"SQLite found damage in it ({result})"
        except sqlite3.DatabaseError as error:
            problem = f"SQLite cannot read it ({error})"
        finally:
            probe.close()
    if problem:
        raise StoreError(
            f"The workbook saved in this browser ({saved.parent.name}/{saved.name}) cannot be opened: {problem}. "
            f"Nothing was changed. To keep it, right-click {saved.name} in the my-workbook folder of the "
            "file browser and choose Download. To start again with an empty workbook, run "
            "workbook.store.browser.start_fresh() (the unreadable file is kept beside it)."
        )


def load(memory_path: Path) -> None:
    """Before the first store of this kernel opens: bring the saved workbook into memory, and
    say (before the learner types anything) where it is kept."""
    global _synced_digest
    if memory_path.exists():  # another store of this kernel already loaded it
        return
    memory_path.parent.mkdir(parents=True, exist_ok=True)
    saved = saved_path(memory_path)
    data = _read_saved(saved)
    if data is not None:
        _check_readable(data, saved)
        memory_path.write_bytes(data)
    _synced_digest = _digest(data)
    for listener in list(on_load):
        listener()


def before_write(connection: sqlite3.Connection, memory_path: Path) -> None:
    """Another tab saved since we last read or wrote: load its copy first, so this write adds to it."""
    global _synced_digest
    saved = saved_path(memory_path)
    data = _read_saved(saved)
    if data is None or _digest(data) == _synced_digest:
        return
    _check_readable(data, saved)
    newer = sqlite3.connect(":memory:")
    try:
        newer.deserialize(data)
        newer.backup(connection)  # through SQLite, so every store of this kernel sees it
    finally:
        newer.close()
    _synced_digest = _digest(data)


def after_commit(store) -> None:
    """Write the whole workbook to the drive: a new file, then a rename over the old one."""
    global _synced_digest
    data = _standalone(store.serialize())
    saved = saved_path(store.path)
    atomic_write(saved, data)
    _synced_digest = _digest(data)
    for listener in list(on_save):
        listener(store)


def start_fresh(memory_path: Path | None = None) -> str:
    """Set an unreadable saved workbook aside (kept, renamed) so the next store starts empty."""
    global _synced_digest
    from .core import default_path

    memory_path = memory_path or default_path()
    saved = saved_path(memory_path)
    if saved.exists():
        kept = saved.with_name(f"unreadable-{dt.datetime.now():%Y%m%d-%H%M%S}-{saved.name}")
        os.replace(saved, kept)
        message = f"Set the old file aside as my-workbook/{kept.name}. Run the notebook again to start with an empty workbook."
    else:
        message = "There was no saved workbook. Run the notebook again to start with an empty workbook."
    memory_path.unlink(missing_ok=True)
    _synced_digest = None
    return message
