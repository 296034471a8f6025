"""A fictional sample network for the lessons: Robin Okafor, a data analyst who moved to a new city
three years ago, with 40 contacts and two years of exchanges. Everything here is invented.

The sample lives on a fixed "today", so every lesson and the book build give the same numbers on
every machine. It ships as data (data/sample.json, written by maintainer/sample_data.py), and each
copy of it is restored into memory: it never touches the learner's own workbook, and leaves
nothing on disk behind it."""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import json
import os
import shutil
import tempfile
from pathlib import Path

from .store import Store

PERSONA = "Robin Okafor"
TODAY = dt.date(2026, 6, 30)
DATA_FILE = Path(__file__).with_name("data") / "sample.json"


@functools.cache
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def populate(store: Store) -> Store:
    """Fill an empty store with the sample network, in one transaction."""
    data = _data()
    with store.transaction():
        for key, value in data["meta"].items():
            store.set_meta(key, value)
        store.backup.restore(data["tables"])
    return store


def _files_folder() -> Path:
    """Where the tools write files from a sample copy (a conversation card, a calendar): a folder
    of this process's, made by the first such file and removed when Python exits."""
    return Path(tempfile.gettempdir()) / f"workbook-sample-{os.getpid()}"


def sample_store() -> Store:
    """A fresh copy of the sample network, in memory: nothing to save, nothing to clean up. Files
    a tool writes from it go to _files_folder(), which stays unmade until one does."""
    return populate(Store(":memory:", files_folder=_files_folder()))


@atexit.register
def _remove_files_folder() -> None:
    shutil.rmtree(_files_folder(), ignore_errors=True)
