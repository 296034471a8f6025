"""Every kind of bad input is refused with one clear line naming the file (and line), and the
store is left exactly as it was."""

from pathlib import Path

import pytest

from workbook.formats import FormatError, ImportRefused, apply_import, plan_import
from workbook.store import Store

DATA = Path(__file__).parent / "data" / "formats"
GOOD = (DATA / "linkedin_connections.csv").read_bytes()
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path))
    opened = Store()
    apply_import(plan_import(DATA / "google_contacts.csv", None, opened), opened)
    yield opened
    opened.close()


def snapshot(store):
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    return store.backup.dump(), [f.read_bytes() if f.exists() else None for f in files]


def refusal(source, filename, store) -> str:
    """The one-line message a refused import gives, whether refused at reading or at writing."""
    try:
        apply_import(plan_import(source, filename, store), store)
    except FormatError as error:
        return str(error)
    raise AssertionError("the import was not refused")


def first_problem(source, filename, store) -> str:
    report = plan_import(source, filename, store)
    fatal = [p for p in report.problems if p.fatal]
    with pytest.raises(ImportRefused):
        apply_import(report, store)
    return fatal[0].describe(filename)


CASES = {
    "not a known format": (
        (DATA / "not_contacts.txt").read_bytes(), "list.csv", "list.csv: this is not a LinkedIn Connections.csv",
    ),
    "empty file": (b"", "Connections.csv", "Connections.csv: the file is empty"),
    "only whitespace and a BOM": (b"\xef\xbb\xbf \r\n\r\n", "Connections.csv", "Connections.csv: the file is empty"),
    "truncated vCard": ((DATA / "truncated.vcf").read_bytes(), "c.vcf", "c.vcf: line 38: the card that begins here has no END:VCARD"),
    "binary file named .csv": (bytes(range(256)) * 40, "Connections.csv", "Connections.csv: this is a binary file"),
    "xlsx named .csv": (b"PK\x03\x04" + b"\x00" * 200, "Connections.csv", "Connections.csv: this is a ZIP archive"),
    "missing header column": (
        (DATA / "linkedin_missing_column.csv").read_bytes(), "c.csv", "c.csv: line 4: the LinkedIn header has no 'Connected On' column",
    ),
    "unbalanced quotes": (
        (DATA / "linkedin_unbalanced_quotes.csv").read_bytes(), "c.csv", "c.csv: line 6: the row starting on this line is not valid CSV",
    ),
    "quote never closed": (
        HEADER + b'Ana,"Lima,https://www.linkedin.com/in/ana,,,,02 Jan 2020\r\nBo,Ek,u,,,,03 Jan 2020\r\n',
        "c.csv",
        "c.csv: line 2: a quoted field that starts in the row on this line is never closed",
    ),
    "2 MB field": (
        HEADER + b"Ana,Lima,https://www.linkedin.com/in/ana,," + b"x" * 2_000_000 + b",Boss,02 Jan 2020\r\n",
        "c.csv",
        "c.csv: line 2: a field is longer than 131,072 characters",
    ),
    "NUL bytes": (GOOD.replace(b"Lumen Labs", b"Lumen\x00Labs"), "c.csv", "c.csv: line 7: contains a NUL byte"),
    "JSON that is not a workbook export": (b'{"contacts": []}', "backup.json", "backup.json: this JSON file is not a workbook export"),
    "broken JSON": (b'{"format": "networking-workbook",\n "version": 1,\n', "backup.json", "backup.json: line 3: the JSON is broken here"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_files_are_refused_with_one_line_naming_the_file(case, store):
    data, filename, expected = CASES[case]
    before = snapshot(store)
    message = refusal(data, filename, store)
    assert message.startswith(expected)
    assert "\n" not in message and "Traceback" not in message
    assert snapshot(store) == before


ROW_CASES = {
    "2 MB vCard note": (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nNOTE:" + b"y" * 2_000_000 + b"\r\nEND:VCARD\r\n",
        "line 1: ",  # the wording of length limits is the model's; the line is ours

    ),
    "control character in a name": (GOOD.replace(b"Amelia", b"Ame\x07lia"), "line 5: "),
    "the only card cannot be read": (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nthis line has no colon\r\nEND:VCARD\r\n",
                                     "line 1: the card for 'Ana' cannot be read: line 4 has no ':'"),
}


@pytest.mark.parametrize("case", ROW_CASES, ids=list(ROW_CASES))
def test_bad_rows_refuse_the_import_naming_the_line(case, store):
    data, expected = ROW_CASES[case]
    before = snapshot(store)
    assert first_problem(data, "in.txt", store).startswith(f"in.txt: {expected}")
    assert snapshot(store) == before


def test_latin1_text_is_read_with_a_notice(store):
    report = plan_import(DATA / "linkedin_latin1.csv", "old.csv", store)
    assert report.ok
    assert report.records[0].name == "Zoë Müller" and report.records[0].company == "Café Größe"
    assert report.messages() == [
        "old.csv: the file is not UTF-8; read it as Windows-1252 (Latin-1). Check that accented names look right."
    ]


def test_utf16_text_is_read(store):
    text = (DATA / "linkedin_connections.csv").read_text(encoding="utf-8-sig")
    report = plan_import(text.encode("utf-16"), "c.csv", store)
    assert report.ok and report.new == 8


def test_names_that_look_like_code_pass_through_untouched(store):
    row = '"<img src=x onerror=alert(1)>","\'; DELETE FROM contacts; --",https://www.linkedin.com/in/x,,"=1+1",@mention,02 Jan 2020\r\n'
    apply_import(plan_import(HEADER + row.encode(), "c.csv", store), store)
    [contact] = [c for c in store.backup.records("contacts") if c["source_key"] == "linkedin:linkedin.com/in/x"]
    assert contact["name"] == "<img src=x onerror=alert(1)> '; DELETE FROM contacts; --"
    assert (contact["company"], contact["position"]) == ("=1+1", "@mention")


def test_a_file_too_large_to_be_an_export_is_refused(store):
    huge = HEADER + b"x" * (50 * 2**20)
    assert refusal(huge, "big.csv", store) == (
        "big.csv: the file is larger than 50 MB, more than any contacts export; check you chose the right file."
    )
