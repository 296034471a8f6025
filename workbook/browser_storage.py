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
import logging
import os
import sqlite3
import sys
from pathlib import Path

ACTIVE = sys.platform == "emscripten"
DRIVE_FOLDER = Path("/drive/my-workbook")  # "my-workbook" in the course's file browser
MEMORY_HOME = Path("/home/pyodide/networking-workbook")
SQLITE_HEADER = b"SQLite format 3\x00"

if ACTIVE:
    # Matplotlib's font cache lives in Pyodide's memory, so it is rebuilt on every visit, and its
    # warning about that ("building the font cache") would greet the learner in red each time.
    # Set here, when `import workbook` loads this module, before anything imports matplotlib.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

_synced_digest: str | None = None  # sha256 of the drive copy as this kernel last read or wrote it
_listeners: list = []  # called after each save, e.g. to refresh the backup link


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
        from .store import StoreError

        raise StoreError(
            f"The workbook saved in this browser ({saved.parent.name}/{saved.name}) cannot be opened: {problem}. "
            f"Nothing was changed. To keep it, right-click {saved.name} in the my-workbook folder of the "
            "file browser and choose Download. To start again with an empty workbook, run "
            "workbook.browser_storage.start_fresh() (the unreadable file is kept beside it)."
        )


def load(memory_path: Path) -> None:
    """Before the first store of this kernel opens: bring the saved workbook into memory, and
    say (before the learner types anything) where it is kept."""
    global _synced_digest
    if memory_path.exists():  # another store of this kernel already loaded it
        return
    _show_store_errors_plainly()
    memory_path.parent.mkdir(parents=True, exist_ok=True)
    saved = saved_path(memory_path)
    data = _read_saved(saved)
    if data is not None:
        _check_readable(data, saved)
        memory_path.write_bytes(data)
    _synced_digest = _digest(data)
    _show_note()


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
    saved.parent.mkdir(parents=True, exist_ok=True)
    temp = saved.with_name(f".{saved.name}.saving")
    temp.write_bytes(data)
    os.replace(temp, saved)
    _synced_digest = _digest(data)
    for listener in list(_listeners):
        listener(store)


def start_fresh(memory_path: Path | None = None) -> str:
    """Set an unreadable saved workbook aside (kept, renamed) so the next store starts empty."""
    global _synced_digest
    from .store import default_path

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


async def storage_is_kept() -> bool:
    """Whether this browser lets the site keep data: it opens a small IndexedDB database, the
    storage JupyterLite keeps the course's files in. A private window or storage turned off for
    the site refuses it (JupyterLite then keeps the files in memory, for this tab only)."""
    import asyncio

    import js  # Pyodide's bridge to the browser
    from pyodide.ffi import create_once_callable

    answer = asyncio.get_event_loop().create_future()
    try:
        request = js.indexedDB.open("networking-workbook-storage-check")
    except Exception:  # no IndexedDB at all, or access refused at once
        return False
    request.onsuccess = create_once_callable(lambda event: answer.done() or answer.set_result(True))
    request.onerror = create_once_callable(lambda event: answer.done() or answer.set_result(False))
    try:
        return await asyncio.wait_for(answer, timeout=10)
    except asyncio.TimeoutError:
        return False


# --- what the learner sees ---------------------------------------------------------------------

BACKUP_NAME = "my-networking-workbook-backup.json"
KEPT_NOTE = (
    "<b>Your entries are kept in this browser only</b> (on this computer, in this browser's storage "
    "for this site). Clearing the browser's data, or the browser making room, deletes them. "
    "Download a backup now and then: it imports into the course anywhere (here on another computer, "
    "or installed on your own)."
)
NOT_KEPT_NOTE = (
    "<b>This browser is not keeping the course's files</b> (a private window, or storage turned off "
    "for this site): what you type now is lost when you close this tab. Open the course in a normal "
    "window to keep your work, or download a backup before you leave."
)


def backup_link(store) -> str:
    """One click downloads the whole workbook as the JSON backup `python -m workbook export json` writes."""
    import base64
    import html

    from .formats import jsonfile

    data = jsonfile.write(store.backup.dump(), store.schema_version)
    return (f'<a download="{BACKUP_NAME}" href="data:application/json;base64,{base64.b64encode(data).decode()}" '
            'style="color: var(--jp-content-link-color); text-decoration: underline">'
            f"{html.escape('Download a backup of your workbook')}</a>")


def note():
    """The note shown once per kernel, with a backup link that follows every save. It says the
    entries are kept in this browser; if the browser turns out to keep nothing, it says that
    instead, at once (the check takes a moment, long before anyone has typed)."""
    import ipywidgets

    shown = ipywidgets.HTML(layout=ipywidgets.Layout(border="1px solid var(--jp-border-color1)", padding="4px 8px"))
    shown.add_class("workbook-browser-note")
    state = {"text": KEPT_NOTE, "link": ""}

    def draw() -> None:
        shown.value = f'<div style="line-height: 1.5">{state["text"]} {state["link"]}</div>'

    def refresh(store) -> None:
        state["link"] = backup_link(store)
        draw()

    async def check_storage() -> None:
        kept = await storage_is_kept()
        if not kept:
            state["text"] = NOT_KEPT_NOTE
            draw()
        shown.add_class("workbook-storage-kept" if kept else "workbook-storage-not-kept")

    draw()
    _listeners[:] = [refresh]
    _soon(check_storage())
    return shown


def _soon(coroutine) -> None:
    """Run `coroutine` on the kernel's event loop (Pyodide's runs between cells), if there is one."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.get_event_loop() if ACTIVE and sys.platform == "emscripten" else None
    if loop is None:
        coroutine.close()
    else:
        loop.create_task(coroutine)


def _show_note() -> None:
    try:
        from IPython.display import display
    except ImportError:
        return
    display(note())


def _show_store_errors_plainly() -> None:
    """A workbook that cannot be opened is a message for the learner, not a traceback."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    from .store import StoreError

    def plainly(shell, kind, error, traceback, tb_offset=None):
        print(f"Your workbook could not be opened. {error}", file=sys.stderr)

    shell.set_custom_exc((StoreError,), plainly)
