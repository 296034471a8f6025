"""`import`, `export` and `erase`: the learner's data in and out of the workbook.

    python -m workbook import PATH [--dry-run] [--replace]
    python -m workbook export {json,csv,vcard,ics} PATH [--todo]
    python -m workbook erase [--yes]

Exit status: 0 done, 1 declined at the prompt, 2 refused (the message says why)."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

from ..formats import EXPORTERS, FormatError, ImportReport, apply_import, plan_import
from ..store import FILE_NAME, Store, StoreError, default_path

MAX_MESSAGES = 20  # a file with thousands of bad rows should not flood the terminal


def register(commands) -> None:
    importing = commands.add_parser("import", help="import contacts (LinkedIn, Google, vCard) or a workbook backup")
    importing.add_argument("path", metavar="PATH", help="the file to import")
    importing.add_argument("--dry-run", action="store_true", help="check the file and say what would change; write nothing")
    importing.add_argument("--replace", action="store_true", help="let a JSON backup replace a workbook that has data")
    importing.set_defaults(handler=run_import)

    exporting = commands.add_parser("export", help="export your data as json (everything), csv, vcard or ics")
    exporting.add_argument("format", choices=sorted(EXPORTERS))
    exporting.add_argument("path", metavar="PATH", help="where to write (csv writes PATH-contacts.csv and PATH-exchanges.csv)")
    exporting.add_argument("--todo", action="store_true",
                           help="ics only: write follow-ups as to-dos for a task app, instead of calendar events")
    exporting.set_defaults(handler=run_export)

    erasing = commands.add_parser("erase", help="delete your workbook data file")
    erasing.add_argument("--yes", action="store_true", help="do not ask first")
    erasing.set_defaults(handler=run_erase)


def fail(message: str) -> int:
    print(f"workbook: {message}", file=sys.stderr)
    return 2


def run_import(args) -> int:
    try:
        with _store(dry_run=args.dry_run) as store:
            report = plan_import(args.path, None, store, replace=args.replace)
            _show_messages(report)
            if args.dry_run:
                return _dry_run_result(report)
            report = apply_import(report, store)
    except (FormatError, StoreError) as error:
        return fail(str(error))
    print(f"Imported {report.filename} ({report.label}) into {default_path()}: {report.summary()}.")
    return 0


@contextlib.contextmanager
def _store(*, dry_run: bool):
    """The learner's store; for a dry run with no workbook yet, an empty throwaway one, so a dry
    run never creates a file."""
    if dry_run and not default_path().exists():
        with tempfile.TemporaryDirectory(prefix="workbook-dry-run-") as folder:
            store = Store(Path(folder) / FILE_NAME)
            try:
                yield store
            finally:
                store.close()
        return
    store = Store()
    try:
        yield store
    finally:
        store.close()


def _show_messages(report: ImportReport) -> None:
    messages = report.messages()
    for message in messages[:MAX_MESSAGES]:
        print(f"workbook: {message}", file=sys.stderr)
    if len(messages) > MAX_MESSAGES:
        print(f"workbook: ... and {len(messages) - MAX_MESSAGES} more", file=sys.stderr)


def _dry_run_result(report: ImportReport) -> int:
    print(f"Dry run: {report.filename} ({report.label}) into {default_path()} would give {report.summary()}.")
    if not report.ok:
        return fail(f"{report.filename}: the import would be refused, because of the problems listed above.")
    print("Nothing was written. Run again without --dry-run to import.")
    return 0


def run_export(args) -> int:
    if args.todo and args.format != "ics":
        return fail("--todo is for the ics (calendar) export only; leave it out for other formats.")
    options = {"follow_ups_as": "todos" if args.todo else "events"} if args.format == "ics" else {}
    try:
        with _store(dry_run=False) as store:
            print(EXPORTERS[args.format](store, args.path, **options))
    except (FormatError, StoreError) as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write {args.path} ({error.strerror}); choose a folder you can write to.")
    return 0


def run_erase(args) -> int:
    path = default_path()
    files = [p for p in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))) if p.exists()]
    if not files:
        print(f"Nothing to erase: there is no workbook at {path}.")
        return 0
    if not args.yes:
        try:
            answer = input(f"This deletes all your workbook data in {path}. Type yes to continue: ")
        except EOFError:
            return fail(f"no answer to the question, so nothing was erased at {path}; run 'erase --yes' to erase without asking.")
        if answer.strip().casefold() != "yes":
            print("Nothing was erased.")
            return 1
    for file in files:
        file.unlink()
    print(f"Erased your workbook data at {path}.")
    return 0
