"""vCard 3.0 and 4.0 files with many cards; the vCard export."""

from pathlib import Path

import vobject

from workbook.formats import apply_import, export_vcard, plan_import, vcard
from workbook.sample import populate

DATA = Path(__file__).parent / "data" / "formats"


def imported(path, store):
    report = apply_import(plan_import(path, None, store), store)
    return report, {row["name"]: row for row in store.backup.records("contacts")}


def test_version_3_cards(store):
    report, people = imported(DATA / "contacts_v3.vcf", store)
    assert report.kind == "vcard" and (report.new, report.skipped) == (3, 1)
    rosalind = people["Dr. Rosalind Quint"]
    assert rosalind["company"] == "Quint, Bell & Partners"  # escaped comma, first ORG part
    assert rosalind["position"] == "Principal Investigator"
    assert rosalind["email"] == "rosalind.quint@example.net"  # TYPE=pref wins over the first
    assert rosalind["phone"] == "+1-555-0107"
    assert rosalind["url"] == "https://quintbell.example.com/people/rquint"
    assert (rosalind["circle"], rosalind["interests"]) == ("professional", "Epidemiology, Mentors")
    assert rosalind["notes"] == (
        "Co-authored the 2022 survey paper; offered to review my grant draft.\nPrefers email to calls. Back\\slash kept."
    )
    assert rosalind["source_key"] == "vcard:uid:3b1f6c2e-9a47-4d2b-8f0e-5c1d2e3f4a5b"


def test_folded_lines_are_joined(store):
    _, people = imported(DATA / "contacts_v3.vcf", store)
    assert people["Tobias Sørensen"]["notes"].endswith("every meetup — the good ones from the corner bakery.")


def test_a_card_without_a_name_is_skipped_with_its_line(store):
    report = plan_import(DATA / "contacts_v3.vcf", None, store)
    [problem] = report.problems
    assert (problem.line, problem.fatal) == (32, False)


def test_markup_and_formulas_stay_plain_text(store):
    _, people = imported(DATA / "contacts_v3.vcf", store)
    assert people["Uchenna Umeh"]["email"] == "<script>alert('hi')</script>@example.com"
    assert people["Uchenna Umeh"]["notes"] == "=cmd|' /C calc'!A0"


def test_version_4_cards(store):
    report, people = imported(DATA / "contacts_v4.vcf", store)
    assert (report.new, report.skipped, report.problems) == (3, 0, [])
    valentina = people["Valentina Rossi"]
    assert valentina["email"] == "v.rossi@aurorabikes.example.com"  # PREF=1
    assert valentina["phone"] == "+39-555-010-2233"  # tel: URI
    assert valentina["company"] == "Aurora Bikes"
    assert valentina["interests"] == "cycling, materials science, 3D printing"
    assert valentina["notes"] == "Met at the Turin maker fair. Semicolons; commas, and backslashes \\ all survive."
    kenji = people["渡辺 健二"]
    assert (kenji["phone"], kenji["circle"], kenji["interests"]) == ("+81-3-5550-1234", "professional", "kubernetes")


def test_reimport_matches_on_uid_or_email(store):
    imported(DATA / "contacts_v4.vcf", store)
    changed = (DATA / "contacts_v4.vcf").read_bytes().replace(b"TITLE:SRE", b"TITLE:Staff SRE")
    report = apply_import(plan_import(changed, "contacts.vcf", store), store)
    assert (report.new, report.updated, report.unchanged) == (0, 1, 2)


def test_export_is_vcard_3_with_every_card_field(store):
    populate(store)
    store.contacts.write_imported([{"id": 1, "url": "https://ada.example.org", "phone": "+44 1632 960000",
                                    "met_on": "1990-05-01", "source_key": "google:mailto:ada@example.org"}])
    path = store.path.parent / "out.vcf"
    message = export_vcard(store, path)
    assert message == f"Wrote 40 contacts as vCard 3.0 to {path}"
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert len(cards) == 40
    ada = cards[0]
    assert ada.version.value == "3.0"
    assert (ada.fn.value, ada.n.value.family, ada.n.value.given) == ("Ada Okafor", "Okafor", "Ada")
    assert (ada.tel.value, ada.url.value) == ("+44 1632 960000", "https://ada.example.org")
    assert ada.x_workbook_source_key.value == "google:mailto:ada@example.org"
    assert {card.uid.value for card in cards} == {vcard.uid(contact) for contact in store.backup.records("contacts")}
    assert len({card.uid.value for card in cards}) == 40 and all(card.rev.value for card in cards)
    assert ada.categories.value == ["gardening", "crosswords"]
    assert ada.x_workbook_circle.value == "personal" and ada.x_workbook_met_on.value == "1990-05-01"


def test_a_contact_from_a_card_keeps_that_cards_uid_so_its_address_book_updates_it(store, tmp_path):
    imported(DATA / "contacts_v3.vcf", store)
    export_vcard(store, tmp_path / "out.vcf")
    cards = {card.fn.value: card for card in vobject.readComponents((tmp_path / "out.vcf").read_text(encoding="utf-8"))}
    assert cards["Dr. Rosalind Quint"].uid.value == "3b1f6c2e-9a47-4d2b-8f0e-5c1d2e3f4a5b"
    report = apply_import(plan_import(tmp_path / "out.vcf", None, store), store)  # and reading it back changes nothing
    assert (report.new, report.updated, report.unchanged) == (0, 0, 3)
