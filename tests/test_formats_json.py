"""The JSON backup: every table out, every table back, and care not to overwrite by accident."""

import datetime as dt
import json

import pytest

from workbook.domain.contacts import Contact
from workbook.formats import FormatError, ImportRefused, apply_import, export_json, plan_import
from workbook.sample import populate
from workbook.store import Store, TABLES

NOW = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def backup(store, tmp_path):
    populate(store)
    path = tmp_path / "backup.json"
    export_json(store, path, now=NOW)
    return path


def test_one_object_with_a_header_and_every_table(store, backup):
    document = json.loads(backup.read_text(encoding="utf-8"))
    assert (document["format"], document["version"], document["exported_at"]) == ("networking-workbook", 1, "2026-07-01T09:30:00+00:00")
    assert document["schema_version"] == store.schema_version
    assert set(TABLES) <= set(document)
    assert len(document["contacts"]) == 40 and document["contacts"][0]["name"] == "Ada Okafor"
    assert document["contacts"][0]["layer"] == 5 and document["contacts"][0]["met_on"] is None


def test_restore_into_an_empty_workbook_gives_back_every_table(store, backup, tmp_path):
    target = Store(tmp_path / "new" / "workbook.sqlite3")
    report = apply_import(plan_import(backup, None, target), target)
    assert report.kind == "json" and report.new == sum(map(len, store.backup.dump().values()))
    assert target.backup.dump() == store.backup.dump()
    target.close()


def test_restore_over_data_needs_replace(store, backup):
    store.contacts.add(Contact("Someone new"))
    report = plan_import(backup, None, store)
    assert not report.ok
    assert "--replace" in report.messages()[0]
    with pytest.raises(ImportRefused):
        apply_import(report, store)
    assert len(store.backup.records("contacts")) == 41
    apply_import(plan_import(backup, None, store, replace=True), store)
    assert len(store.backup.records("contacts")) == 40


def test_a_table_this_workbook_lacks_is_left_out_with_a_notice(store, backup):
    document = json.loads(backup.read_text(encoding="utf-8"))
    document["from_the_future"] = [{"x": 1}]
    report = plan_import(json.dumps(document).encode(), "b.json", store, replace=True)
    assert report.ok and "b.json: left out the 'from_the_future' table" in report.messages()[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["contacts"][0].update(hair_colour="red"), "the 'contacts' table has columns this workbook does not know (hair_colour)"),
        (lambda d: d.update(version=99), "this export has format version 99"),
        (lambda d: d.update(contacts={"id": 1}), "'contacts' in this export is not a list of records"),
        (lambda d: d["contacts"][0].update(name=["a", "list"]), "record 1 of 'contacts' is not a flat record"),
    ],
)
def test_exports_that_do_not_fit_are_refused(store, backup, change, expected):
    document = json.loads(backup.read_text(encoding="utf-8"))
    change(document)
    with pytest.raises(FormatError) as refused:
        plan_import(json.dumps(document).encode(), "b.json", store, replace=True)
    assert str(refused.value).startswith(f"b.json: {expected}")
    assert len(store.backup.records("contacts")) == 40


def test_records_that_break_the_schema_roll_back(store, backup):
    document = json.loads(backup.read_text(encoding="utf-8"))
    document["exchanges"][0]["contact_id"] = 9999  # no such contact
    before = store.backup.dump()
    report = plan_import(json.dumps(document).encode(), "b.json", store, replace=True)
    with pytest.raises(ImportRefused, match="b.json: the backup's records do not fit together"):
        apply_import(report, store)
    assert store.backup.dump() == before


def test_a_value_sqlite_cannot_store_is_refused_even_past_the_reader_checks(store, backup):
    """The reader refuses whole numbers beyond 64 bits; if one reached the restore anyway (a
    report built by other code), the restore still refuses and rolls back."""
    before = store.backup.dump()
    report = plan_import(backup, "b.json", store, replace=True)
    report.backup["contacts"][0]["cadence_days"] = 2**70
    with pytest.raises(ImportRefused, match=r"b.json: the backup could not be restored \(.*\); nothing was changed"):
        apply_import(report, store)
    assert store.backup.dump() == before
