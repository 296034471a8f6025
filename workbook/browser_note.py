"""What the learner sees of the in-browser course's storage (workbook/store/browser.py keeps the
workbook): a note, once per kernel, that says the entries are kept in this browser, with a backup
link that follows every save; and a workbook that cannot be opened shown as a message, not a
traceback. `install()` runs when `import workbook` finds itself in the browser."""

from __future__ import annotations

import logging
import sys

from .store import StoreError, browser


async def storage_is_kept() -> bool:
    """Whether this browser lets the site keep data: it opens a small IndexedDB database, the
    storage JupyterLite keeps the course's files in. A private window or storage turned off for
    the site refuses it (JupyterLite then keeps the files in memory, for this tab only)."""
    import asyncio

    from pyodide.ffi import create_once_callable

    import js  # Pyodide's bridge to the browser

    answer = asyncio.get_event_loop().create_future()
    try:
        request = js.indexedDB.open("networking-workbook-storage-check")
    except Exception:  # no IndexedDB at all, or access refused at once
        return False
    request.onsuccess = create_once_callable(lambda event: answer.done() or answer.set_result(True))
    request.onerror = create_once_callable(lambda event: answer.done() or answer.set_result(False))
    try:
        return await asyncio.wait_for(answer, timeout=10)
    except TimeoutError:
        return False


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
    browser.on_save[:] = [refresh]
    _soon(check_storage())
    return shown


def _soon(coroutine) -> None:
    """Run `coroutine` on the kernel's event loop (Pyodide's runs between cells), if there is one."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.get_event_loop() if browser.ACTIVE and sys.platform == "emscripten" else None
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

    def plainly(shell, kind, error, traceback, tb_offset=None):
        print(f"Your workbook could not be opened. {error}", file=sys.stderr)

    shell.set_custom_exc((StoreError,), plainly)


def install() -> None:
    # Matplotlib's font cache lives in Pyodide's memory, so it is rebuilt on every visit, and its
    # warning about that ("building the font cache") would greet the learner in red each time.
    # Set at `import workbook`, before anything imports matplotlib.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    _show_store_errors_plainly()
    browser.on_load[:] = [_show_note]
