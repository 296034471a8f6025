"""The workbook in the in-browser course (workbook/store/browser.py; its note: workbook/browser_note.py),
driven on desktop Python with the browser's two file systems stood in by two folders: memory (Pyodide's, lost on reload)
and the drive (the browser's storage, kept). A kernel's life is simulated by forgetting memory."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

import workbook.store.browser as storage
from workbook import browser_note
from workbook.domain.contacts import Contact
from workbook.store import FILE_NAME, Store, StoreError, data_home


@pytest.fixture
def browser(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBOOK_HOME", raising=False)
    monkeypatch.setattr(storage, "ACTIVE", True)
    monkeypatch.setattr(storage, "MEMORY_HOME", tmp_path / "memory")
    monkeypatch.setattr(storage, "DRIVE_FOLDER", tmp_path / "drive" / "my-workbook")
    monkeypatch.setattr(storage, "_synced_digest", None)
    monkeypatch.setattr(storage, "on_save", [])
    monkeypatch.setattr(storage, "on_load", [])
    return tmp_path


def new_kernel(browser) -> Store:
    """A reload: memory is gone, the drive stays."""
    shutil.rmtree(browser / "memory", ignore_errors=True)
    storage._synced_digest = None
    return Store()


def saved(browser):
    return browser / "drive" / "my-workbook" / FILE_NAME


def names(store: Store) -> list[str]:
    return sorted(store.contacts.names().values())


def test_in_the_browser_the_workbook_lives_in_memory_and_is_saved_to_the_drive(browser):
    assert data_home() == browser / "memory"
    store = Store()
    store.contacts.add(Contact("Ada"))
    assert saved(browser).exists() and not list(saved(browser).parent.glob(".*saving"))
    # the saved copy is a whole database on its own, readable without its -wal file
    copy = sqlite3.connect(":memory:")
    copy.deserialize(saved(browser).read_bytes())
    assert copy.execute("SELECT name FROM contacts").fetchall() == [("Ada",)]
    store.close()
    assert names(new_kernel(browser)) == ["Ada"]


def test_every_store_of_a_kernel_shares_one_workbook(browser):
    first, second = Store(), Store()
    first.contacts.add(Contact("Ada"))
    assert names(second) == ["Ada"]


def test_a_second_tab_adds_to_the_first_tabs_entries_instead_of_overwriting_them(browser):
    tab_one = Store()
    tab_one.contacts.add(Contact("Ada"))
    # Meanwhile another tab (its own kernel, its own memory) opened the same saved workbook and
    # saved an entry of its own: stand it in by writing the drive copy it would leave.
    other = sqlite3.connect(browser / "other-tab.sqlite3")
    other.deserialize(saved(browser).read_bytes())
    other.execute("INSERT INTO contacts (name, circle) VALUES ('Bo', 'personal')")
    other.commit()
    saved(browser).write_bytes(other.serialize())
    tab_one.contacts.add(Contact("Cy"))
    assert names(tab_one) == ["Ada", "Bo", "Cy"]
    assert names(new_kernel(browser)) == ["Ada", "Bo", "Cy"]


def test_a_corrupted_saved_workbook_is_refused_with_a_way_out(browser):
    Store().contacts.add(Contact("Ada"))
    saved(browser).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 500)
    with pytest.raises(StoreError) as refused:
        new_kernel(browser)
    message = str(refused.value)
    assert "my-workbook/workbook.sqlite3" in message and "Download" in message and "start_fresh()" in message
    assert saved(browser).read_bytes().endswith(b"garbage")  # nothing was changed

    said = storage.start_fresh(browser / "memory" / FILE_NAME)
    assert "unreadable-" in said
    kept = list(saved(browser).parent.glob("unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes().endswith(b"garbage")
    assert names(new_kernel(browser)) == []


def test_a_file_that_is_not_sqlite_at_all_is_refused_too(browser):
    saved(browser).parent.mkdir(parents=True)
    saved(browser).write_text("not a database")
    with pytest.raises(StoreError, match="it is not a SQLite database"):
        Store()


def test_the_backup_link_downloads_the_json_backup_of_everything(browser):
    import base64
    import json

    store = Store()
    store.contacts.add(Contact("Ada"))
    link = browser_note.backup_link(store)
    assert f'download="{browser_note.BACKUP_NAME}"' in link
    backup = json.loads(base64.b64decode(link.split("base64,", 1)[1].split('"', 1)[0]))
    assert [row["name"] for row in backup["contacts"]] == ["Ada"]


def test_explicit_files_such_as_the_sample_network_are_never_mirrored(browser):
    Store(browser / "elsewhere" / "sample.sqlite3").contacts.add(Contact("Sample"))
    assert not saved(browser).exists()


def test_on_desktop_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path))
    assert storage.ACTIVE is False
    Store().contacts.add(Contact("Ada"))
    assert (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize("kept", [True, False])
def test_the_note_says_where_entries_are_kept_or_that_they_are_not(browser, monkeypatch, kept):
    import asyncio

    async def answer() -> bool:
        return kept

    monkeypatch.setattr(browser_note, "storage_is_kept", answer)

    async def open_a_chapter():
        store = Store()  # the first store of the kernel loads the workbook (and shows a note)
        shown = browser_note.note()
        store.contacts.add(Contact("Ada"))  # a save: the backup link appears
        for _ in range(3):
            await asyncio.sleep(0)
        return shown

    shown = asyncio.run(open_a_chapter())
    if kept:
        assert browser_note.KEPT_NOTE in shown.value
    else:
        assert browser_note.NOT_KEPT_NOTE in shown.value and "lost when you close this tab" in shown.value
    assert "Download a backup of your workbook</a>" in shown.value
