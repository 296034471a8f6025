"""LinkedIn Connections.csv: reading, matching on re-import, dry runs and all-or-nothing writes."""

from pathlib import Path

import pytest

from workbook.formats import FormatError, apply_import, plan_import

DATA = Path(__file__).parent / "data" / "formats"
CONNECTIONS = DATA / "linkedin_connections.csv"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def by_name(store):
    return {row["name"]: row for row in store.backup.records("contacts")}


def snapshot(store):
    """Everything that shows whether a store changed: its tables and its files' bytes."""
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    return store.backup.dump(), [f.read_bytes() if f.exists() else None for f in files]


def test_connections_are_read_with_bom_crlf_preamble_and_quoted_fields(store):
    report = plan_import(CONNECTIONS, None, store)
    assert report.kind == "linkedin" and report.ok
    assert (report.new, report.updated, report.unchanged, report.skipped) == (8, 0, 0, 1)
    apply_import(report, store)
    people = by_name(store)
    amelia = people["Amelia Hartwell"]
    assert amelia["company"] == "Hartwell & Sons, Ltd."
    assert amelia["circle"] == "professional"
    assert amelia["met_on"] == "2024-03-12"
    assert amelia["how_met"] == "LinkedIn, connected 2024-03-12"
    assert amelia["email"] == ""
    assert amelia["source_key"] == "linkedin:linkedin.com/in/amelia-hartwell-3a9b1"
    assert people['Bartholomew O\'Connell "Bart"']["position"] == "Director, Data Science"
    assert people["Dolores Ibáñez"]["url"] == "https://www.linkedin.com/in/dolores-ibanez"
    assert people["Wei Chen"]["met_on"] == "2024-02-29"  # a leap day is a real date


def test_row_without_a_name_is_skipped_and_reported_with_its_line(store):
    report = plan_import(CONNECTIONS, None, store)
    [problem] = report.problems
    assert not problem.fatal and problem.line == 9
    assert report.messages() == [f"{CONNECTIONS}: line 9: {problem.message}"]


def test_html_sql_and_formulas_are_stored_as_plain_text(store):
    apply_import(plan_import(CONNECTIONS, None, store), store)
    people = by_name(store)
    assert people["Eitan Mizrahi"]["company"] == '=HYPERLINK("http://example.com","click")'
    assert people["<b>Fatima</b> Zahra"]["company"] == "Robert'); DROP TABLE contacts;--"
    assert len(people) == 8


def test_importing_the_same_file_again_updates_instead_of_duplicating(store):
    apply_import(plan_import(CONNECTIONS, None, store), store)
    again = plan_import(CONNECTIONS, None, store)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 8)
    changed = CONNECTIONS.read_bytes().replace(b"Research Engineer", b"Staff Research Engineer")
    report = apply_import(plan_import(changed, "Connections.csv", store), store)
    assert (report.new, report.updated, report.unchanged) == (0, 1, 7)
    assert by_name(store)["Wei Chen"]["position"] == "Staff Research Engineer"
    assert len(store.backup.records("contacts")) == 8


def test_reimport_keeps_the_learners_circle_and_notes(store):
    apply_import(plan_import(CONNECTIONS, None, store), store)
    wei = by_name(store)["Wei Chen"]
    store.contacts.write_imported([{"id": wei["id"], "circle": "both", "notes": "my own words"}])
    changed = CONNECTIONS.read_bytes().replace(b"Lumen Labs", b"Lumen Labs GmbH")
    apply_import(plan_import(changed, "Connections.csv", store), store)
    wei = by_name(store)["Wei Chen"]
    assert (wei["circle"], wei["notes"], wei["company"]) == ("both", "my own words", "Lumen Labs GmbH")


def test_a_hand_typed_contact_is_adopted_by_name_and_company(store):
    with store.transaction() as db:
        db.execute("INSERT INTO contacts (name, company, notes) VALUES ('wei  chen', 'LUMEN LABS', 'met at a meetup')")
    report = apply_import(plan_import(CONNECTIONS, None, store), store)
    assert (report.new, report.updated) == (7, 1)
    wei = by_name(store)["Wei Chen"]
    assert wei["source_key"] == "linkedin:linkedin.com/in/chen-wei-88" and wei["notes"] == "met at a meetup"


def test_dry_run_changes_nothing(store):
    apply_import(plan_import(DATA / "google_contacts.csv", None, store), store)
    before = snapshot(store)
    report = plan_import(CONNECTIONS, None, store)
    assert report.new == 8
    assert snapshot(store) == before


def test_the_header_is_found_after_any_number_of_preamble_lines(store):
    text = "Notes:\nsomething\n\nmore notes\n\n\n" + HEADER + "\nAna,Lima,https://www.linkedin.com/in/ana-lima,,,,02 Jan 2020\n"
    report = plan_import(text.encode(), "Connections.csv", store)
    assert report.new == 1 and report.records[0].line == 8
    bare = (HEADER + "\nAna,Lima,https://www.linkedin.com/in/ana-lima,,,,02 Jan 2020\n").encode()
    assert plan_import(bare, "Connections.csv", store).new == 1


def test_the_same_person_twice_in_one_file_is_skipped_once(store):
    row = "Ana,Lima,https://www.linkedin.com/in/ana-lima,,,,02 Jan 2020"
    report = plan_import(f"{HEADER}\n{row}\n{row}\n".encode(), "c.csv", store)
    assert (report.new, report.skipped) == (1, 1)
    assert report.problems[0].line == 3 and "line 2" in report.problems[0].message


def test_an_impossible_date_is_left_empty_and_reported_not_fatal(store):
    report = plan_import(DATA / "linkedin_bad_date.csv", None, store)
    assert report.ok and (report.new, report.skipped) == (8, 1)
    [note] = [p for p in report.problems if not p.skipped]
    assert (note.line, note.fatal) == (5, False)
    assert note.message == "'Connected On' is '31 Feb 2024', which is not a real date. The connection was imported without the date."
    apply_import(report, store)
    amelia = by_name(store)["Amelia Hartwell"]
    assert (amelia["met_on"], amelia["how_met"], amelia["company"]) == (None, "LinkedIn", "Hartwell & Sons, Ltd.")


def test_a_row_with_too_many_fields_names_its_line(store):
    text = f"{HEADER}\nAna,Lima,https://www.linkedin.com/in/ana-lima,,Acme, Inc,Founder,02 Jan 2020\n"
    report = plan_import(text.encode(), "c.csv", store)
    assert not report.ok
    assert report.messages() == [
        "c.csv: line 2: this row has 8 fields but the header has 7; a comma inside a field is probably "
        "missing its quotes. Fix it in the file and import again."
    ]


def test_a_failed_write_rolls_back_every_row(store, monkeypatch):
    report = plan_import(CONNECTIONS, None, store)
    original = store.contacts.write_imported

    def write_then_fail(updates, **inserts):
        original(updates, **inserts)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.contacts, "write_imported", write_then_fail)
    with pytest.raises(RuntimeError):
        apply_import(report, store)
    assert store.backup.records("contacts") == []


def test_an_unreadable_path_is_a_format_error(store, tmp_path):
    with pytest.raises(FormatError, match=r"nowhere\.csv: cannot read it"):
        plan_import(tmp_path / "nowhere.csv", None, store)
