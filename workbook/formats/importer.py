"""Importing a file in two steps, so a widget or the CLI can show what will happen first:
`plan_import` reads and checks the file and counts what would change (that is the dry run);
`apply_import` writes it in one transaction, or refuses and writes nothing.

Matching: an imported contact updates the workbook contact with the same source key. Failing that,
it adopts a contact typed in by hand (no source key) with the same name and company, if exactly
one has them; between LinkedIn archives, a key from a profile URL and one from an email or name
(older archives have no URL) adopt each other the same way. Otherwise it is new. An update fills in the fields the file has values for, and
keeps the learner's circle, and their notes when they have written any."""

from __future__ import annotations

import codecs
import dataclasses
import os
import sqlite3
from collections import defaultdict
from pathlib import Path

from . import csvfile, google, jsonfile, linkedin, vcard
from .common import IMPORTED_FIELDS, INSERT_COLUMNS, MAX_BYTES, ContactRecord, FormatError, Problem, decode, identity, shown
from .detect import detect

READERS = {
    "linkedin": (linkedin.LABEL, linkedin.read),
    "google": (google.LABEL, google.read),
    "vcard": (vcard.LABEL, vcard.read),
    "workbook-csv": (csvfile.LABEL, csvfile.read),
}


class ImportRefused(FormatError):
    """apply_import would not write: the report has problems, or the workbook changed meanwhile."""


@dataclasses.dataclass
class ImportReport:
    """What an import would do (from plan_import) or did (from apply_import)."""

    filename: str
    kind: str  # 'linkedin', 'google', 'vcard', 'workbook-csv' or 'json'
    label: str  # the format, for people
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = dataclasses.field(default_factory=list)
    notices: list[str] = dataclasses.field(default_factory=list)
    records: list[ContactRecord] = dataclasses.field(default_factory=list, repr=False)
    backup: dict[str, list[dict]] | None = dataclasses.field(default=None, repr=False)
    replace: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing stops the import (skipped rows do not)."""
        return not any(problem.fatal for problem in self.problems)

    def messages(self) -> list[str]:
        """One line per notice and problem, each naming the file."""
        return [f"{self.filename}: {notice}" for notice in self.notices] + [
            problem.describe(self.filename) for problem in self.problems
        ]

    def summary(self) -> str:
        if self.backup is not None:
            tables = ", ".join(f"{name} {len(rows)}" for name, rows in self.backup.items())
            return f"a restore of {self.new} records ({tables or 'no tables'}), replacing what was there"
        return f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, {self.skipped} skipped"


def plan_import(source: str | os.PathLike | bytes, filename: str | None, store, *, replace: bool = False) -> ImportReport:
    """Read a file (a path, or the bytes of an upload with its `filename`) and say what importing
    it into `store` would do, without writing. Raises FormatError when the file cannot be used at all.
    A workbook JSON backup replaces everything, so it needs `replace=True` unless the store is empty."""
    data, name = _load(source, filename)
    try:
        text, notice = decode(data)
        kind = detect(text)
        if kind == "vcard" and notice:
            # Each card may say which character set its values use: the reader decodes them.
            text, notice = data.removeprefix(codecs.BOM_UTF8).decode("latin-1"), None
            report = _plan_contacts(kind, text, store, raw=True)
        elif kind == "json":
            report = _plan_restore(text, store, replace)
        else:
            report = _plan_contacts(kind, text, store)
    except FormatError as error:
        error.filename = name
        raise
    report.filename = name
    report.notices += [notice] if notice else []
    return report


def apply_import(report: ImportReport, store) -> ImportReport:
    """Write a planned import in one transaction; returns the report with the counts as written."""
    if not report.ok:
        count = sum(problem.fatal for problem in report.problems)
        raise ImportRefused(f"nothing imported, because of the {count} problem(s) listed above.", filename=report.filename)
    if report.backup is not None:
        _restore(report, store)
        return report
    with store.transaction():
        matched = match(report.records, store.contacts.for_import())
        store.contacts.write_imported(
            matched.updates, columns=INSERT_COLUMNS, inserts=[record.row() for record in matched.inserts]
        )
    return dataclasses.replace(
        report, new=len(matched.inserts), updated=len(matched.updates), unchanged=matched.unchanged
    )


def _load(source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), filename or "the uploaded file"
    path = Path(source)
    name = filename or str(path)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1), name
    except OSError as error:
        raise FormatError(f"cannot read it ({error.strerror}); check the path.", filename=name) from None


# --- contacts ----------------------------------------------------------------------------------


def _plan_contacts(kind: str, text: str, store, *, raw: bool = False) -> ImportReport:
    label, read = READERS[kind]
    records, problems = read(text, raw=True) if raw else read(text)
    if kind == "vcard":
        label = vcard.describe(text)
    matched = match(records, store.contacts.for_import())
    problems = sorted(problems + matched.problems, key=lambda p: p.line or 0)
    return ImportReport(
        filename="",
        kind=kind,
        label=label,
        new=len(matched.inserts),
        updated=len(matched.updates),
        unchanged=matched.unchanged,
        skipped=sum(problem.skipped and not problem.fatal for problem in problems),
        problems=problems,
        records=records,
    )


@dataclasses.dataclass
class Matched:
    inserts: list[ContactRecord] = dataclasses.field(default_factory=list)  # made into rows only when written
    updates: list[dict] = dataclasses.field(default_factory=list)  # {"id": ..., changed columns...}
    unchanged: int = 0
    problems: list[Problem] = dataclasses.field(default_factory=list)


def match(records: list[ContactRecord], existing: list[dict]) -> Matched:
    """Decide, for each record, whether it is new, changes a contact, or changes nothing."""
    by_key = {row["source_key"]: row for row in existing if row["source_key"]}
    adoptable = Adoptable(existing)
    matched, seen = Matched(), {}
    for record in records:
        if record.source_key in seen:
            matched.problems.append(Problem(record.line, f"the same person as line {seen[record.source_key]}; skipped.", fatal=False))
            continue
        seen[record.source_key] = record.line
        row = by_key.get(record.source_key) or adoptable.take(record)
        if row is None:
            matched.inserts.append(record)
        elif changes := _changes(row, record):
            matched.updates.append({"id": row["id"], **changes})
        else:
            matched.unchanged += 1
    return matched


def weak_key(key: str | None) -> bool:
    """A key made from an email or a name, not from a profile URL or a card's UID."""
    return bool(key) and (":mailto:" in key or ":name:" in key)


class Adoptable:
    """Contacts a record may take over when no contact has its key: one typed in by hand with the
    same name and company, or, between LinkedIn archives, one whose key came from an email or a
    name (older archives have no URL column) when the other key came from a profile URL."""

    def __init__(self, existing: list[dict]):
        self.existing = existing
        self.by_identity: dict[str, list[dict]] | None = None  # built on first use: identity() is not free on 30,000 rows

    def take(self, record: ContactRecord) -> dict | None:
        if self.by_identity is None:
            self.by_identity = defaultdict(list)
            for row in self.existing:
                if not row["source_key"] or row["source_key"].startswith("linkedin:"):
                    self.by_identity[identity(row["name"], row["company"])].append(row)
        if not self.by_identity:  # the usual case: a first import
            return None
        candidates = [row for row in self.by_identity.get(identity(record.name, record.company), [])
                      if _may_adopt(row["source_key"], record.source_key)]
        if len(candidates) != 1:
            return None
        self.by_identity[identity(record.name, record.company)].remove(candidates[0])
        return candidates[0]


def _may_adopt(existing_key: str | None, new_key: str) -> bool:
    if not existing_key:
        return True
    both_linkedin = existing_key.startswith("linkedin:") and new_key.startswith("linkedin:")
    return both_linkedin and (weak_key(existing_key) or weak_key(new_key))


def _changes(row: dict, record: ContactRecord) -> dict:
    changes = {f: value for f in IMPORTED_FIELDS if (value := getattr(record, f)) not in ("", None) and value != row[f]}
    if row["notes"]:
        changes.pop("notes", None)
    if not row["source_key"] or (weak_key(row["source_key"]) and not weak_key(record.source_key)):
        changes["source_key"] = record.source_key
    return changes


# --- a whole-workbook backup ----------------------------------------------------------------------


def _plan_restore(text: str, store, replace: bool) -> ImportReport:
    tables = jsonfile.read(text, store.schema_version)
    columns = store.backup.columns()
    backup, notices, problems = {}, [], []
    for name, rows in tables.items():
        if name not in columns:
            notices.append(f"left out the '{shown(name)}' table, which this version of the workbook does not have.")
            continue
        unknown = sorted({key for row in rows for key in row} - set(columns[name]))
        if unknown:
            listed = ", ".join(shown(column) for column in unknown[:5])
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            raise FormatError(
                f"the '{name}' table has columns this workbook does not know ({listed}{more}); "
                "upgrade the course (pip install -r requirements.txt) and try again."
            )
        backup[name] = rows
    if not backup:  # restoring would only erase the workbook
        raise FormatError("this export holds none of the workbook's tables; export the workbook again.")
    if not replace and not store.backup.is_empty():
        problems.append(Problem(None, _NOT_EMPTY, fatal=True))
    return ImportReport(
        filename="", kind="json", label=jsonfile.LABEL, new=sum(map(len, backup.values())),
        problems=problems, notices=notices, backup=backup, replace=replace,
    )


_NOT_EMPTY = (
    "this workbook already has data, and restoring a backup replaces all of it; "
    "run again with --replace if that is what you want (or erase the workbook first)."
)


def _restore(report: ImportReport, store) -> None:
    try:
        with store.transaction():
            if not report.replace and not store.backup.is_empty():  # another notebook wrote since the plan
                raise ImportRefused(_NOT_EMPTY, filename=report.filename)
            store.backup.restore(report.backup)
    except sqlite3.IntegrityError as error:
        raise ImportRefused(
            f"the backup's records do not fit together ({error}); it may have been edited. Export it again.",
            filename=report.filename,
        ) from None
    except (sqlite3.Error, OverflowError, UnicodeEncodeError) as error:
        # A second guard behind the checks in jsonfile.read: the transaction has rolled back.
        raise ImportRefused(
            f"the backup could not be restored ({shown(str(error))}); nothing was changed. Export it again.",
            filename=report.filename,
        ) from None
