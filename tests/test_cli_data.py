"""`python -m workbook import / export / erase` with a temporary WORKBOOK_HOME, so the real user
data folder is never touched. A few cases run in a subprocess, end to end; the rest call the CLI's
main() in this process, which is the same code without a second interpreter's start-up time."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.store import FILE_NAME, Store

DATA = Path(__file__).parent / "data" / "formats"


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    monkeypatch.setenv("WORKBOOK_HOME", str(folder))
    return folder


def in_subprocess(*args):
    return subprocess.run(
        [sys.executable, "-m", "workbook", *map(str, args)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, env=os.environ.copy(), timeout=120,
    )


@pytest.fixture
def workbook(home, capsys, monkeypatch):
    """Run the CLI in this process; stdin is `stdin` (empty means end of file at once)."""

    def run(*args, stdin=""):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        status = main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, status, out, err)

    return run


def contact_count(home) -> int:
    store = Store(home / FILE_NAME)
    count = len(store.backup.records("contacts"))
    store.close()
    return count


def test_dry_run_reports_and_creates_nothing(home):
    result = in_subprocess("import", DATA / "linkedin_connections.csv", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would give 8 new, 0 updated, 0 unchanged, 1 skipped" in result.stdout
    assert "Nothing was written" in result.stdout
    assert "line 9: no first or last name" in result.stderr
    assert not (home / FILE_NAME).exists()


def test_import_then_import_again(home, workbook):
    first = in_subprocess("import", DATA / "linkedin_connections.csv")
    assert first.returncode == 0, first.stderr
    assert f"into {home / FILE_NAME}: 8 new" in first.stdout
    second = workbook("import", DATA / "linkedin_connections.csv")
    assert "0 new, 0 updated, 8 unchanged, 1 skipped" in second.stdout
    assert contact_count(home) == 8


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("linkedin_control_character.csv", "linkedin_control_character.csv: line 5: Company contains control characters (U+0085)"),
        ("truncated.vcf", "truncated.vcf: line 38: the card that begins here has no END:VCARD"),
        ("empty.csv", "empty.csv: the file is empty"),
    ],
)
def test_refusals_exit_2_with_the_file_and_no_traceback(home, workbook, name, expected):
    workbook("import", DATA / "google_contacts.csv")
    before = (home / FILE_NAME).read_bytes()
    result = workbook("import", DATA / name)
    assert result.returncode == 2
    assert f"workbook: {DATA / expected}" in result.stderr
    assert "Traceback" not in result.stderr
    assert (home / FILE_NAME).read_bytes() == before
    assert contact_count(home) == 5


def test_a_binary_file_named_csv_is_refused_end_to_end(home, tmp_path):
    fake = tmp_path / "Connections.csv"
    fake.write_bytes(bytes(range(256)) * 16)
    result = in_subprocess("import", fake)
    assert result.returncode == 2
    assert result.stderr == f"workbook: {fake}: this is a binary file, not a text export; choose the CSV, vCard or JSON file itself.\n"


def test_exports_say_where_they_wrote(home, workbook, tmp_path):
    workbook("import", DATA / "contacts_v3.vcf")
    for kind, name in [("json", "all.json"), ("csv", "sheet.csv"), ("vcard", "cards.vcf"), ("ics", "todo.ics")]:
        result = workbook("export", kind, tmp_path / name)
        assert result.returncode == 0, result.stderr
        assert str(tmp_path) in result.stdout
    assert (tmp_path / "sheet-contacts.csv").exists() and (tmp_path / "sheet-exchanges.csv").exists()
    assert (tmp_path / "cards.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 3
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary files


def test_export_to_an_unwritable_place_is_refused(home, workbook, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = workbook("export", "json", blocker / "out.json")
    assert result.returncode == 2 and result.stderr.startswith(f"workbook: cannot write {blocker / 'out.json'}")


def test_json_backup_moves_a_workbook(home, workbook, tmp_path):
    workbook("import", DATA / "google_contacts.csv")
    workbook("export", "json", tmp_path / "backup.json")
    workbook("import", DATA / "contacts_v4.vcf")
    refused = workbook("import", tmp_path / "backup.json")
    assert refused.returncode == 2 and "--replace" in refused.stderr
    restored = workbook("import", tmp_path / "backup.json", "--replace")
    assert restored.returncode == 0, restored.stderr
    assert contact_count(home) == 5


def test_erase_with_yes_removes_the_data_files(home, workbook):
    workbook("import", DATA / "contacts_v4.vcf")
    result = workbook("erase", "--yes")
    assert result.returncode == 0 and str(home / FILE_NAME) in result.stdout
    assert not list(home.glob(f"{FILE_NAME}*"))


def test_erase_asks_and_only_yes_proceeds(home, workbook):
    workbook("import", DATA / "contacts_v4.vcf")
    declined = workbook("erase", stdin="no\n")
    assert declined.returncode == 1 and "Nothing was erased" in declined.stdout
    assert (home / FILE_NAME).exists()
    accepted = workbook("erase", stdin="yes\n")
    assert accepted.returncode == 0 and not (home / FILE_NAME).exists()


def test_erase_without_stdin_refuses(home, workbook):
    workbook("import", DATA / "contacts_v4.vcf")
    result = in_subprocess("erase")
    assert result.returncode == 2 and "nothing was erased" in result.stderr
    assert (home / FILE_NAME).exists()


def test_erase_with_nothing_there(home, workbook):
    result = workbook("erase", "--yes")
    assert result.returncode == 0 and "Nothing to erase" in result.stdout
