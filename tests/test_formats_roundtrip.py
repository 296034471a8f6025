"""Property tests: what the workbook exports, it reads back the same, for any contact text."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.domain.contacts import CIRCLES, Contact
from workbook.domain.exchanges import DIRECTIONS, KINDS
from workbook.formats import apply_import, export_csv, export_json, export_vcard, plan_import
from workbook.formats.common import identity
from workbook.store import Store

pytestmark = pytest.mark.slow

CARD_FIELDS = ("name", "circle", "company", "position", "email", "url", "phone", "interests", "how_met", "met_on", "notes")
SETTINGS = settings(max_examples=40, deadline=None, database=None)

one_line = st.characters(blacklist_categories=("Cc", "Cs"))
any_text = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
# A lone carriage return is left out: vCard has one kind of line break, so it comes back as \n.
free_text = st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t")

contact_specs = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.text(one_line, min_size=1, max_size=40).filter(str.strip),
            "circle": st.sampled_from(CIRCLES),
            "company": st.text(one_line, max_size=30),
            "position": st.text(one_line, max_size=30),
            "has_email": st.booleans(),
            "keyed": st.booleans(),
            "url": st.text(one_line, max_size=40),
            "phone": st.text(one_line, max_size=20),
            "interests": st.lists(st.text(one_line, max_size=12), max_size=3).map(", ".join),
            "how_met": st.text(free_text, max_size=60),
            "met_on": st.none() | st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)),
            "notes": st.text(free_text, max_size=200),
        }
    ),
    min_size=1,  # an export of no contacts is an empty file, which import rightly refuses
    max_size=6,
    unique_by=lambda spec: identity(spec["name"], spec["company"]),
)


def new_store(folder) -> Store:
    return Store(Path(folder) / "workbook.sqlite3")


def fill(store: Store, specs: list[dict]) -> None:
    """Contacts as a learner would have them: typed in (so cleaned), some imported (so keyed)."""
    for number, spec in enumerate(specs):
        contact_id = store.contacts.add(
            Contact(spec["name"], spec["circle"], spec["company"], spec["position"],
                    f"person{number}@example.com" if spec["has_email"] else "",
                    spec["interests"], spec["how_met"], spec["notes"])
        )
        extra = {"url": spec["url"].strip(), "phone": spec["phone"].strip(),
                 "met_on": spec["met_on"].isoformat() if spec["met_on"] else None}
        if spec["keyed"]:
            extra["source_key"] = f"linkedin:linkedin.com/in/person{number}"
        store.contacts.write_imported([{"id": contact_id, **extra}])


def cards(store: Store) -> dict[str, dict]:
    return {identity(row["name"], row["company"]): row for row in store.backup.records("contacts")}


def assert_same_cards(before: dict, after: dict) -> None:
    assert before.keys() == after.keys()
    for key, row in before.items():
        assert {f: row[f] for f in CARD_FIELDS} == {f: after[key][f] for f in CARD_FIELDS}
        if row["source_key"]:
            assert after[key]["source_key"] == row["source_key"]


def export_then_import(specs, export, filename) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory() as folder:
        source, target = new_store(Path(folder) / "a"), new_store(Path(folder) / "b")
        fill(source, specs)
        export(source, Path(folder) / filename)
        exported = Path(folder) / (filename.replace(".csv", "-contacts.csv"))
        report = apply_import(plan_import(exported, None, target), target)
        before, after = cards(source), cards(target)
        again = plan_import(exported, None, target)
        source.close(), target.close()
    assert report.new == len(specs) and report.skipped == 0
    assert (again.new, again.updated, again.unchanged) == (0, 0, len(specs))
    return before, after


@SETTINGS
@given(contact_specs)
def test_vcard_export_reads_back_the_same(specs):
    assert_same_cards(*export_then_import(specs, export_vcard, "contacts.vcf"))


@SETTINGS
@given(contact_specs)
def test_csv_contacts_export_reads_back_the_same(specs):
    assert_same_cards(*export_then_import(specs, export_csv, "workbook.csv"))


whole_workbooks = st.fixed_dictionaries(
    {
        "contacts": st.lists(st.tuples(st.text(any_text, min_size=1, max_size=30), st.sampled_from(CIRCLES),
                                       st.text(any_text, max_size=80), st.none() | st.sampled_from((5, 15, 50, 150))),
                             min_size=1, max_size=5),
        "exchanges": st.lists(st.tuples(st.integers(0, 4), st.sampled_from(DIRECTIONS), st.sampled_from(KINDS),
                                        st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)), st.text(any_text, max_size=80)),
                              max_size=8),
        "reflections": st.dictionaries(st.tuples(st.sampled_from(("00", "07")), st.text(any_text, min_size=1, max_size=10)),
                                       st.text(any_text, max_size=200), max_size=3),
    }
)


def fill_raw(store: Store, workbook: dict) -> None:
    """Rows written straight to the tables, the way a JSON backup must carry them: any text at all."""
    with store.transaction() as db:
        ids = [db.execute("INSERT INTO contacts (name, circle, notes, layer) VALUES (?, ?, ?, ?)", row).lastrowid
               for row in workbook["contacts"]]
        for who, direction, kind, day, note in workbook["exchanges"]:
            db.execute("INSERT INTO exchanges (contact_id, direction, kind, on_date, note) VALUES (?, ?, ?, ?, ?)",
                       (ids[who % len(ids)], direction, kind, day.isoformat(), note))
        for (chapter, prompt), text in workbook["reflections"].items():
            db.execute("INSERT INTO reflections (chapter, prompt, text) VALUES (?, ?, ?)", (chapter, prompt, text))
        if len(ids) > 1:
            db.execute("INSERT INTO ties (a, b) VALUES (?, ?)", (ids[0], ids[-1]))


@SETTINGS
@given(whole_workbooks)
def test_json_export_restores_every_table(workbook):
    with tempfile.TemporaryDirectory() as folder:
        source, target = new_store(Path(folder) / "a"), new_store(Path(folder) / "b")
        fill_raw(source, workbook)
        export_json(source, Path(folder) / "backup.json")
        report = apply_import(plan_import(Path(folder) / "backup.json", None, target), target)
        assert report.kind == "json"
        assert target.backup.dump() == source.backup.dump()
        source.close(), target.close()
