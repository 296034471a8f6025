"""Google Contacts CSV, current and older exports, mapped by header name."""

from pathlib import Path

from workbook.formats import apply_import, plan_import

DATA = Path(__file__).parent / "data" / "formats"


def imported(path, store):
    report = apply_import(plan_import(path, None, store), store)
    return report, {row["name"]: row for row in store.backup.records("contacts")}


def test_current_export(store):
    report, people = imported(DATA / "google_contacts.csv", store)
    assert report.kind == "google"
    assert (report.new, report.skipped) == (5, 1)
    ingrid = people["Ingrid Solberg"]
    assert (ingrid["company"], ingrid["position"]) == ("Fjordline Shipping", "Logistics Planner")
    assert ingrid["email"] == "ingrid.solberg@example.com"  # E-mail 1 comes before E-mail 2
    assert ingrid["phone"] == "+47 555 01 234"
    assert ingrid["notes"] == "Met at the harbour open day; loves sailing"
    assert ingrid["circle"] == "professional" and ingrid["interests"] == ""
    assert ingrid["source_key"] == "google:mailto:ingrid.solberg@example.com"


def test_labels_decide_the_circle_and_the_rest_become_interests(store):
    _, people = imported(DATA / "google_contacts.csv", store)
    assert (people["Jamal K. Brooks"]["circle"], people["Jamal K. Brooks"]["interests"]) == ("personal", "Running club")
    assert (people["Mei Tanaka"]["circle"], people["Mei Tanaka"]["interests"]) == ("both", "Python meetup, Open source")
    assert people["Lucía María Fernández"]["circle"] == "personal"


def test_cells_holding_several_values_give_the_first(store):
    _, people = imported(DATA / "google_contacts.csv", store)
    assert people["Jamal K. Brooks"]["email"] == "jamal.brooks@example.com"
    assert people["Jamal K. Brooks"]["phone"] == "+1 555 0142"


def test_multiline_notes_quotes_and_websites(store):
    _, people = imported(DATA / "google_contacts.csv", store)
    assert people["Lucía María Fernández"]["notes"] == 'Said "call me Lu", prefers voice notes.\nBirthday party every June.'
    assert people["Mei Tanaka"]["url"] == "https://mei.example.dev"
    assert people["=2+5 Formula"]["notes"] == "@SUM(A1:A3) -- looks like a formula, is a name"


def test_a_company_without_a_person_is_skipped_with_its_line(store):
    report = plan_import(DATA / "google_contacts.csv", None, store)
    [problem] = report.problems
    assert problem.line == 6 and not problem.fatal and "no name" in problem.message


def test_older_export_with_given_and_family_names(store):
    report, people = imported(DATA / "google_contacts_old.csv", store)
    assert report.kind == "google" and report.new == 3
    nikolai = people["Nikolai Petrov"]
    assert (nikolai["company"], nikolai["position"], nikolai["circle"]) == ("Volga Data", "Analyst", "professional")
    assert nikolai["phone"] == "+7 555 010 2030"
    assert (people["Olu Adebayo"]["interests"], people["Olu Adebayo"]["url"]) == ("Chess", "https://olu.example.org")
    assert people["Priya"]["circle"] == "both"  # only the system group, so no circle label


def test_columns_in_another_order_map_by_name(store):
    text = "E-mail 1 - Value,Labels,Last Name,First Name\r\nana@example.com,Work,Lima,Ana\r\n"
    report = apply_import(plan_import(text.encode(), "contacts.csv", store), store)
    [ana] = store.backup.records("contacts")
    assert report.new == 1 and (ana["name"], ana["email"], ana["circle"]) == ("Ana Lima", "ana@example.com", "professional")


def test_reimport_updates(store):
    imported(DATA / "google_contacts.csv", store)
    again = plan_import(DATA / "google_contacts.csv", None, store)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
