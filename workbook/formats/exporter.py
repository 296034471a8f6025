"""Writing the learner's data out: each function writes atomically and says what it wrote."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..files import atomic_write
from . import csvfile, jsonfile, vcard


def export_json(store, path: str | os.PathLike, *, now: dt.datetime | None = None) -> str:
    tables = store.backup.dump()
    atomic_write(path, jsonfile.write(tables, store.schema_version, now=now))
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in tables.items())
    return f"Wrote every table ({counts}) to {path}"


def export_csv(store, path: str | os.PathLike) -> str:
    contacts_path, exchanges_path = csvfile.paths(path)
    contacts = store.backup.records("contacts")
    exchanges = csvfile.exchange_rows(store.backup.records("exchanges"), store.contacts.names())
    contact_columns = store.backup.columns()["contacts"]
    exchange_columns = ["id", "contact_id", "contact", "direction", "kind", "on_date", "note", "created_at"]
    atomic_write(contacts_path, csvfile.table_csv(contact_columns, contacts))
    atomic_write(exchanges_path, csvfile.table_csv(exchange_columns, exchanges))
    return f"Wrote {len(contacts)} contacts to {contacts_path} and {len(exchanges)} exchanges to {exchanges_path}"


def export_vcard(store, path: str | os.PathLike, *, now: dt.datetime | None = None) -> str:
    contacts = store.backup.records("contacts")
    atomic_write(path, vcard.write(contacts, now=now).encode("utf-8"))
    return f"Wrote {len(contacts)} contacts as vCard 3.0 to {path}"


def export_ics(store, path: str | os.PathLike, *, now: dt.datetime | None = None, follow_ups_as: str = "events") -> str:
    """Open follow-ups as events (or to-dos, for a task app), and the weekly networking time
    blocks as repeating events."""
    from . import ics  # icalendar takes a tenth of a second to load: only the calendar export needs it

    follow_ups = ics.open_follow_ups(store.backup.records("follow_ups"), store.contacts.names())
    blocks = ics.time_blocks(store.backup.records("time_blocks"))
    atomic_write(path, ics.calendar(follow_ups, blocks, now=now, follow_ups_as=follow_ups_as))
    if follow_ups_as == "todos":
        return f"Wrote {len(follow_ups)} open follow-ups as to-dos and {len(blocks)} weekly time blocks to {Path(path)}"
    dated = [follow_up for follow_up in follow_ups if follow_up.due is not None]
    written = f"Wrote {len(dated)} open follow-ups as events and {len(blocks)} weekly time blocks to {Path(path)}"
    if len(dated) < len(follow_ups):
        written += (f"; {len(follow_ups) - len(dated)} follow-up(s) with no date were left out, since a calendar "
                    "event needs a day: give them a date, or export with --todo for a task app")
    return written


EXPORTERS = {"json": export_json, "csv": export_csv, "vcard": export_vcard, "ics": export_ics}
