"""Files as the programs people use write them, each imported through `python -m workbook import`
in its own process, as a learner would: the names, text and counts that land in the workbook, and
the report lines (file, line, whose card, why). The fixtures in tests/data/formats were written for
this project from the specifications (vCard 2.1; RFC 2425, 2426 and 6350; RFC 2045 for
quoted-printable) and from what the platforms document about their exports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbook.store import Store, default_path

DATA = Path(__file__).parent / "data" / "formats"


def workbook(*args) -> subprocess.CompletedProcess:
    """The command line in a second interpreter, on this test's own WORKBOOK_HOME."""
    return subprocess.run([sys.executable, "-m", "workbook", *map(str, args)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


def imported(name: str) -> tuple[subprocess.CompletedProcess, dict[str, dict]]:
    """Dry run, then the import: both must say the same; returns the import and who is stored."""
    path = DATA / name
    dry = workbook("import", path, "--dry-run")
    result = workbook("import", path)
    assert result.returncode == 0 == dry.returncode, result.stderr
    assert dry.stderr == result.stderr  # the dry run shows the report before anything is written
    assert "Traceback" not in result.stderr
    store = Store(default_path())
    people = {row["name"]: row for row in store.backup.records("contacts")}
    store.close()
    return result, people


@pytest.fixture(autouse=True)
def _own_workbook(own_home):
    """Every test imports into a fresh workbook of its own."""


def test_vcard_21_from_outlook_and_android_with_quoted_printable(tmp_path):
    result, people = imported("vcard21_outlook_android.vcf")
    assert "(vCard 2.1) into" in result.stdout and "2 new, 0 updated, 0 unchanged, 0 skipped" in result.stdout
    juergen = people["Dr. Jürgen Müller"]  # Windows-1252 quoted-printable
    assert juergen["company"] == "Kessler; Partner GmbH"  # 2.1 escapes the semicolon in a structured value
    assert (juergen["position"], juergen["email"]) == ("Leiter Vertrieb", "j.mueller@kessler.example.de")
    assert juergen["phone"] == "+49 170 5550 987"  # the bare 2.1 PREF parameter
    assert juergen["notes"] == (  # a soft line break joins, =0D=0A is a line break, a 2.1 backslash is text
        "Met at the Hannover trade fair; asked about our logistics pilot.\n"
        "Follow up in spring — he prefers calls before 10am.\nPath on the share: C:\\new\\plans")
    asa = people["Åsa Åberg"]
    assert asa["notes"] == "Kayak club treasurer; met on the spring paddle.\nOffered to introduce me to the harbour office."
    assert "Per Lind" not in people and len(people) == 2  # the AGENT card inside is not one of your contacts
    assert (f"{DATA / 'vcard21_outlook_android.vcf'}: line 17: the card for 'Åsa Åberg': it holds another card inside it"
            in result.stderr)


def test_charsets_the_cards_declare_are_decoded():
    result, people = imported("vcard21_charsets.vcf")
    assert "2 new" in result.stdout and result.stderr == ""
    kenji = people["渡辺 健二"]  # raw Shift_JIS bytes
    assert kenji["company"] == "ソニー開発"  # its second byte is a backslash: decoded before unescaping
    assert kenji["notes"] == "大阪の勉強会で会った"  # Shift_JIS in quoted-printable
    renee = people["Renée Dupré"]  # labelled ISO-8859-1, bytes of Windows-1252: what the writer meant
    assert renee["notes"] == "Said “call me any time”; owes me €20 for lunch."


def test_iphone_export_with_cr_cr_lf_grouped_properties_and_escaped_colons():
    result, people = imported("vcard30_iphone_cr_cr_lf.vcf")
    assert "2 new, 0 updated, 0 unchanged, 0 skipped" in result.stdout and result.stderr == ""
    assert "(vCard 3.0, from Apple Inc. iOS 6.1.3)" in result.stdout  # what kind of file it looks like
    chidi = people["Chidi Okonkwo"]
    assert (chidi["email"], chidi["phone"]) == ("chidi@robotics.example.ng", "+234 555 010 2030")  # item1.EMAIL
    assert chidi["url"] == "http://robotics.example.ng/chidi"  # http\: unescaped
    assert (chidi["circle"], chidi["interests"]) == ("professional", "Robotics, drones")  # the escaped comma is text
    assert chidi["notes"] == "Builds line-following robots with school clubs.\nAsk him about the Lagos maker faire; he runs the booth."
    assert people["Layla Haddad"]["phone"] == "+961 1 555 040"


def test_lotus_notes_profile_line():
    result, people = imported("vcard30_lotus_notes.vcf")
    assert "1 new" in result.stdout and result.stderr == ""
    siobhan = people["Siobhan Fitzgerald"]
    assert siobhan["company"] == "Corrib Insurance, Ltd."
    assert siobhan["notes"] == "Back\\slash, comma; semicolon\nand a second line"


def test_a_phone_export_with_damaged_cards_imports_the_rest_and_says_why():
    path = DATA / "vcard_phone_export_with_damage.vcf"
    result, people = imported(path.name)
    assert "2 new, 0 updated, 0 unchanged, 3 skipped" in result.stdout
    assert sorted(people) == ["Ines Duarte", "Mateus Costa"]
    assert people["Ines Duarte"]["phone"] == "+351-555-0102"
    assert result.stderr.splitlines() == [
        f"workbook: {path}: line 1: the card for 'Mateus Costa': its photo is damaged; the card was imported without it "
        "(the workbook keeps no photos).",
        f"workbook: {path}: line 7: the card for 'Broken Line' cannot be read: line 10 has no ':' between the property "
        "name and its value: 'this line has no colon'; that card was left out and the others imported.",
        f"workbook: {path}: line 12: a card cannot be read: its name (N) is in a character set the workbook does not know "
        "('X-UNHEARD-OF'); that card was left out and the others imported.",
        f"workbook: {path}: line 16: the card for 'Nel\\x85Control' cannot be imported: Name contains control characters "
        "(U+0085), which usually means text saved in one character set was read as another: save it as UTF-8 and try "
        "again; that card was left out and the others imported.",
    ]


def test_a_file_where_no_card_can_be_read_is_refused(tmp_path):
    path = tmp_path / "all-broken.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Only One\r\nno colon here\r\nEND:VCARD\r\n")
    result = workbook("import", path)
    assert result.returncode == 2
    store = Store(default_path())
    assert store.backup.records("contacts") == []
    store.close()
    assert f"{path}: line 1: the card for 'Only One' cannot be read" in result.stderr
    assert "No card in this file could be read, so nothing was imported." in result.stderr


def test_linkedin_archive_from_before_2021_with_spreadsheet_dates():
    path = DATA / "linkedin_before_2021.csv"
    result, people = imported(path.name)
    assert "5 new, 0 updated, 0 unchanged, 0 skipped" in result.stdout
    assert {name: row["met_on"] for name, row in people.items()} == {
        "Grace Hopper": "2024-01-15", "Alan Turing": "2024-01-15", "Katherine Johnson": "2024-01-15",
        "Dorothy Vaughan": None, "Mary Jackson": "2020-03-12"}
    assert people["Grace Hopper"]["source_key"] == "linkedin:mailto:grace@example.org"  # no URL: email, else name
    assert people["Alan Turing"]["source_key"] == "linkedin:name:alan turing|bletchley analytics"
    assert result.stderr == (f"workbook: {path}: line 8: 'Connected On' is '3/4/2024', which could be 4 March or "
                             "3 April; it cannot be read for certain. The connection was imported without the date.\n")


def test_a_newer_linkedin_archive_takes_over_the_contacts_of_an_older_one(tmp_path):
    imported("linkedin_before_2021.csv")
    newer = tmp_path / "Connections.csv"
    newer.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,grace@example.org,Navy Computing Lab,Commodore,15 Jan 2024\r\n"
        "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Bletchley Analytics,Cryptanalyst,15 Jan 2024\r\n",
        encoding="utf-8")
    result = workbook("import", newer)
    assert "0 new, 2 updated, 0 unchanged, 0 skipped" in result.stdout, result.stderr
    store = Store(default_path())
    people = {row["name"]: row for row in store.backup.records("contacts")}
    store.close()
    assert len(people) == 5 and people["Grace Hopper"]["position"] == "Commodore"
    assert people["Alan Turing"]["source_key"] == "linkedin:linkedin.com/in/alan-turing"
    again = workbook("import", DATA / "linkedin_before_2021.csv")  # and the old archive again changes nothing new
    assert "0 new" in again.stdout


def test_google_rows_sharing_an_address_are_different_people_unless_the_names_agree():
    path = DATA / "google_shared_addresses.csv"
    result, people = imported(path.name)
    assert "6 new, 0 updated, 0 unchanged, 1 skipped" in result.stdout
    assert result.stderr == f"workbook: {path}: line 8: the same person as line 3; skipped.\n"
    assert {"Tomás Ruiz Jr.", "Elena Ruiz", "Front Desk Team", "Dr. Amal Saleh"} <= set(people)  # the Name column
    assert people["Elena Ruiz"]["email"] == people["Tomás Ruiz Jr."]["email"] == "ruizfamily@example.com"
    store = Store(default_path())
    sams = [row for row in store.backup.records("contacts") if row["name"] == "Sam Lee"]
    store.close()
    assert sorted(row["notes"] for row in sams) == ["Sam from the book club", "Sam from the climbing gym"]
    assert "6 new" not in workbook("import", path).stdout  # importing again matches every one


def test_a_byte_order_mark_before_cards_in_other_charsets(tmp_path):
    """Windows programs put a UTF-8 byte order mark first even when the cards then say SHIFT_JIS."""
    path = tmp_path / "with-bom.vcf"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "vcard21_charsets.vcf").read_bytes())
    result = workbook("import", path)
    assert result.returncode == 0 and "(vCard 2.1)" in result.stdout and "2 new" in result.stdout, result.stderr
    store = Store(default_path())
    assert sorted(row["name"] for row in store.backup.records("contacts")) == ["Renée Dupré", "渡辺 健二"]
    store.close()
