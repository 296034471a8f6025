"""The keep-in-touch tools, driven the way a learner drives them: set values, click buttons, then
check the store and what the widget shows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import ipywidgets as widgets
import pytest

import workbook
from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.domain.follow_ups import FollowUp
from workbook.domain.keep_in_touch import DORMANT, IN_TOUCH, KeepInTouch
from workbook.domain.time_blocks import TimeBlock
from workbook.sample import TODAY
from workbook.store import Store
from workbook.widgets import ContactBook, FollowUps, ImportContacts, NetworkMap, PresenceAudit, TimeBlocks

HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]
DATA = Path(__file__).parent / "data" / "formats"


@pytest.fixture
def dated(store):
    store.set_meta("today", TODAY.isoformat())
    return store


def html_of(widget) -> str:
    """Every piece of HTML a widget tree shows."""
    found = []
    if isinstance(widget, widgets.HTML):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found.append(html_of(child))
    return "\n".join(found)


def count(store, table, where="1", params=()):
    return int(store.query(f"SELECT COUNT(*) AS n FROM {table} WHERE {where}", params)["n"][0])


# --- contact book ----------------------------------------------------------------------------------


def test_add_a_contact_with_every_field(dated):
    book = ContactBook(dated)
    book.name.value = "Ines Duarte"
    book.circle.value = "both"
    book.company.value = "Freelance"
    book.position.value = "Designer"
    book.email.value = "ines@example.invalid"
    book.interests.value = "dataviz; typography"
    book.how_met.value = "PyData"
    book.met_on.value = dt.date(2025, 5, 1)
    book.notes.value = "likes maps"
    book.save_button.click()
    cid = book.editing_id
    row = dated.query("SELECT * FROM contacts WHERE id = ?", (cid,)).iloc[0]
    assert (row["name"], row["circle"], row["company"], row["position"]) == ("Ines Duarte", "both", "Freelance", "Designer")
    assert (row["email"], row["interests"], row["how_met"], row["met_on"], row["notes"]) == (
        "ines@example.invalid", "dataviz, typography", "PyData", "2025-05-01", "likes maps"
    )
    assert "Added Ines Duarte" in book.status.text
    assert book.save_button.description == "Save changes"
    assert "no contact logged" in book.due_view.children[0].value
    assert repr(book) == "ContactBook(Store(your workbook): 1 contacts, 0 due)"


def test_the_layer_sets_the_cadence_and_an_override_sticks(dated):
    book = ContactBook(dated)
    book.name.value = "Kim"
    book.layer.value = 15
    assert book.cadence.value == 30
    book.layer.value = 50
    assert book.cadence.value == 90  # still the default, so it follows the layer
    book.cadence.value = 45
    book.layer.value = 15
    assert book.cadence.value == 45  # chosen by the learner: it stays
    book.save_button.click()
    cid = book.editing_id
    assert dated.contacts.keep_in_touch(cid) == KeepInTouch(layer=15, cadence_days=45, met_on=None)
    reopened = ContactBook(dated)
    reopened.find.value = "Kim"
    assert (reopened.layer.value, reopened.cadence.value) == (15, 45)
    reopened.cadence.value = 30  # back to the layer default: stored as following the layer
    reopened.save_button.click()
    assert dated.contacts.keep_in_touch(cid).cadence_days is None


@pytest.mark.parametrize(
    "field, value, error_field",
    [
        ("name", "  ", "name"),
        ("cadence", 0, "cadence"),
        ("cadence", 5000, "cadence"),
        ("email", "a\tb", "email"),
        ("introduced_by", "Nobody We Know", "introduced by"),
        ("met_on", TODAY + dt.timedelta(days=3), "met on"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_written(dated, field, value, error_field):
    dated.contacts.add(Contact("Sid Kapoor"))
    book = ContactBook(dated)
    book.name.value = "Valid Name"
    book.layer.value = 5
    getattr(book, field).value = value
    book.save_button.click()
    assert book.form.errors[error_field].text
    assert "Not saved" in book.status.text
    assert count(dated, "contacts") == 1 and count(dated, "ties") == 0


def test_edit_and_delete_with_confirmation(dated):
    cid = dated.contacts.add(Contact("Theo", company="Old Co"))
    dated.touchpoints.log(cid, TODAY)
    book = ContactBook(dated)
    book.find.value = "Theo"
    assert book.editing_id == cid and book.company.value == "Old Co"
    book.company.value = "Brightline"
    book.save_button.click()
    assert dated.contacts.get(cid).company == "Brightline" and count(dated, "contacts") == 1
    book.delete.delete_button.click()
    assert count(dated, "contacts") == 1  # asked, not deleted
    book.delete.cancel_button.click()
    assert count(dated, "contacts") == 1
    book.delete.delete_button.click()
    book.delete.confirm_button.click()
    assert count(dated, "contacts") == 0 and count(dated, "touchpoints") == 0
    assert "Deleted Theo" in book.status.text and book.editing_id is None


def test_introduced_by_marks_a_tie_and_comes_back(dated):
    sid = dated.contacts.add(Contact("Sid Kapoor"))
    book = ContactBook(dated)
    book.name.value = "Theo Brandt"
    book.introduced_by.value = "Sid Kapoor"
    book.how_met.value = "at the meetup"
    book.save_button.click()
    theo = book.editing_id
    assert dated.contacts.get(theo).how_met == "introduced by Sid Kapoor; at the meetup"
    assert dated.ties.all().values.tolist() == [sorted([sid, theo])]
    fresh = ContactBook(dated)
    fresh.find.value = "Theo Brandt"
    assert (fresh.introduced_by.value, fresh.how_met.value) == ("Sid Kapoor", "at the meetup")


def test_health_comes_from_the_last_interaction(dated):
    old = dated.contacts.save(Contact("Old Friend"), KeepInTouch(layer=150))
    recent = dated.contacts.save(Contact("Colleague"), KeepInTouch(layer=5))
    neighbour = dated.contacts.save(Contact("Neighbour"), KeepInTouch(layer=50))
    dated.touchpoints.log(old, dt.date(2022, 6, 1))  # four years ago
    dated.exchanges.log(Exchange(recent, "gave", "advice", TODAY - dt.timedelta(days=1)))
    dated.touchpoints.log(neighbour, TODAY - dt.timedelta(days=40))
    book = ContactBook(dated)
    status = book.health.set_index("name")["status"]
    assert (status["Old Friend"], status["Colleague"], status["Neighbour"]) == (DORMANT, IN_TOUCH, IN_TOUCH)
    assert list(book.due_table()["Contact"]) == ["Old Friend"]
    # A tighter cadence changes health, but invents no interaction: the cadence date is not one.
    book.find.value = "Neighbour"
    book.cadence.value = 30
    book.save_button.click()
    assert book.health.set_index("name")["status"]["Neighbour"] == "due"
    assert count(dated, "exchanges") == 1 and count(dated, "touchpoints") == 2
    assert list(book.due_table()["Contact"]) == ["Old Friend", "Neighbour"]
    assert book.due_table()["Last interaction"][1] == (TODAY - dt.timedelta(days=40)).isoformat()


def test_we_talked_today_moves_a_contact_off_the_due_list(sample):
    book = ContactBook(sample)
    assert repr(book) == "ContactBook(Store(sample network of Robin Okafor): 40 contacts, 20 due)"
    first = book.due_table()["Contact"][0]
    assert first == "Hiro Sato"  # dormant since 2020: the most overdue
    hiro = next(cid for cid, name in sample.contacts.names().items() if name == "Hiro Sato")
    book.talked_buttons[hiro].click()
    assert "Hiro Sato" not in set(book.due_table()["Contact"])
    assert count(sample, "touchpoints", "contact_id = ? AND on_date = ?", (hiro, TODAY.isoformat())) == 1
    assert book.health.set_index("name")["status"]["Hiro Sato"] == IN_TOUCH
    assert "Logged a conversation with Hiro Sato today" in book.due_status.text
    assert repr(book).endswith("19 due)")


# --- network map -----------------------------------------------------------------------------------


def test_mark_and_remove_who_knows_whom(dated):
    a, b = dated.contacts.add(Contact("Ann")), dated.contacts.add(Contact("Bo"))
    view = NetworkMap(dated)
    view.first.value, view.second.value = "Ann", "Bo"
    view.know_button.click()
    assert dated.ties.all().values.tolist() == [[a, b]]
    assert "Ann and Bo know each other" in view.status.text
    assert "2 contacts, 1 ties" in view.summary()
    view.know_button.click()
    assert "already" in view.status.text and len(dated.ties.all()) == 1
    view.forget_button.click()
    assert dated.ties.all().empty and "no longer" in view.status.text
    view.second.value = "Ann"
    view.know_button.click()
    assert view.form.errors["second"].text == "pick two different people."
    view.second.value = "Stranger"
    view.know_button.click()
    assert "not one of your contacts" in view.form.errors["second"].text and dated.ties.all().empty


def test_the_contact_book_says_its_default_rhythms_are_the_courses_convention(store):
    def shown(widget):
        if isinstance(widget, widgets.HTML):
            yield widget.value
        for child in getattr(widget, "children", ()):
            yield from shown(child)

    help_line = next(text for text in shown(ContactBook(store)) if "Defaults" in text)
    assert "this course's own convention, not a research finding" in help_line
    assert "layer 5: every 7 days" in help_line


def test_the_sample_map(sample):
    view = NetworkMap(sample)
    assert repr(view) == "NetworkMap(Store(sample network of Robin Okafor): 40 contacts, 60 ties, 9 clusters)"
    assert "Sid Kapoor links the clusters" in view.summary()
    chart = view.chart()
    assert chart.alt.startswith("Network map of 40 contacts and 60 ties")
    assert "alt='Network map of 40 contacts" in view.map_view.value
    metrics = view.metrics()
    assert metrics["Contact"][0] == "Sid Kapoor"
    assert "Sid Kapoor" in view.metrics_view.value


# --- follow-ups ------------------------------------------------------------------------------------


def test_follow_ups_from_plans_and_by_hand(sample):
    view = FollowUps(sample)
    assert repr(view) == "FollowUps(Store(sample network of Robin Okafor): 3 open, 3 overdue)"
    assert set(view.table()["Status"]) == {"overdue"}
    assert view.kept_rate() == 0.0  # two promises of mine, both past due
    view.contact.value = "Chidi Obi"
    view.owner.value = "me"
    view.promise.value = "Send the agenda"
    view.due.value = TODAY + dt.timedelta(days=7)
    new_id = view.add()
    assert new_id is not None
    assert sample.query("SELECT owner, promise, due, plan_id FROM follow_ups WHERE id = ?", (new_id,)).iloc[0].tolist() == [
        "me", "Send the agenda", "2026-07-07", None
    ]
    assert list(view.table()["Status"]) == ["overdue", "overdue", "overdue", "open"]
    mine = view.frame[(view.frame["owner"] == "me") & (view.frame["plan_id"].notna())]["id"].tolist()
    view.done_buttons[mine[0]].click()
    assert sample.query("SELECT done_on FROM follow_ups WHERE id = ?", (mine[0],))["done_on"][0] == TODAY.isoformat()
    assert view.kept_rate() == 0.0  # done, but after its due date
    view.done_buttons[new_id].click()  # done a week early
    assert view.kept_rate() == pytest.approx(1 / 3)
    assert "You kept 33% of your promises on time" in view.rate_view.value
    view.show_done.value = True
    view.done_buttons[new_id].click()  # undo
    assert sample.query("SELECT done_on FROM follow_ups WHERE id = ?", (new_id,))["done_on"][0] is None
    assert view.kept_rate() == 0.0


def test_follow_up_form_errors_and_deleting(dated):
    dated.contacts.add(Contact("Ann"))
    view = FollowUps(dated)
    view.add_button.click()
    assert view.form.errors["contact"].text and count(dated, "follow_ups") == 0
    view.contact.value = "Ann"
    view.add_button.click()
    assert "Promise is empty" in view.form.errors["promise"].text and count(dated, "follow_ups") == 0
    view.promise.value = "call"
    view.add_button.click()
    assert count(dated, "follow_ups") == 1
    view.delete.delete_button.click()
    assert count(dated, "follow_ups") == 1
    view.delete.confirm_button.click()
    assert count(dated, "follow_ups") == 0


def test_a_plan_promise_cannot_be_deleted_here(sample):
    view = FollowUps(sample)
    plan_promise = int(view.frame["id"][0])
    view.remove(plan_promise)
    assert "planner" in view.status.text and count(sample, "follow_ups") == 3


# --- presence --------------------------------------------------------------------------------------


def test_presence_audit_saves_each_tick_and_scores(dated):
    audit = PresenceAudit(dated)
    assert repr(audit) == "PresenceAudit(Store(your workbook): 0 of 24 done)"
    audit.checks[("LinkedIn", "photo")].value = True
    audit.checks[("LinkedIn", "headline")].value = True
    audit.not_used["Facebook"].value = True
    assert dated.presence.checked() == {("LinkedIn", "photo"), ("LinkedIn", "headline"), ("Facebook", "not-used")}
    score = audit.score().set_index("network")
    assert score.loc["LinkedIn", "done"] == 2 and "Facebook" not in score.index
    assert score.loc["Overall"].tolist() == [2, 18, 11]
    assert len(audit.suggestions()) == 16
    assert audit.suggestions()[0].startswith("LinkedIn: Write three or four sentences")
    assert "About section" in audit.suggestion_view.value
    audit.checks[("LinkedIn", "photo")].value = False
    reopened = PresenceAudit(dated)
    assert reopened.checks[("LinkedIn", "headline")].value and not reopened.checks[("LinkedIn", "photo")].value
    assert reopened.not_used["Facebook"].value
    assert repr(reopened) == "PresenceAudit(Store(your workbook): 1 of 18 done)"


# --- time blocks -----------------------------------------------------------------------------------


def test_time_blocks_validate_list_delete(dated):
    view = TimeBlocks(dated)
    view.end.value = dt.time(12, 0)
    view.add_button.click()
    assert "not after it starts" in view.form.errors["end"].text and count(dated, "time_blocks") == 0
    view.end.value = dt.time(17, 0)
    view.add_button.click()
    assert "longer than 4 hours" in view.form.errors["end"].text and count(dated, "time_blocks") == 0
    view.label.value = ""
    view.end.value = dt.time(13, 0)
    view.add_button.click()
    assert view.form.errors["label"].text and count(dated, "time_blocks") == 0
    view.label.value = "Coffee chats"
    view.add_button.click()
    assert dated.time_blocks.all()[["label", "weekday", "start_time", "end_time", "starts_on"]].values.tolist() == [
        ["Coffee chats", 1, "12:30", "13:00", TODAY.isoformat()]
    ]
    assert view.table().values.tolist() == [["Coffee chats", "Tuesday", "12:30", "13:00", 30, "2026-06-30"]]
    assert repr(view) == "TimeBlocks(Store(your workbook): 1 block, 30 minutes a week)"
    view.delete.delete_button.click()
    view.delete.confirm_button.click()
    assert count(dated, "time_blocks") == 0


def test_time_blocks_export_weekly_events(dated):
    view = TimeBlocks(dated)
    view.export_button.click()
    assert "Nothing to export" in view.status.text
    view.add_button.click()
    view.weekday.value = 3
    view.start.value, view.end.value = dt.time(8, 0), dt.time(8, 45)
    view.label.value = "Reach out to two people"
    view.add_button.click()
    view.export_button.click()
    path = dated.path.parent / "networking-time.ics"
    text = path.read_text()
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert len(events) == 2
    for event in events:
        assert event["UID"] and event["DTSTAMP"]
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in text and "RRULE:FREQ=WEEKLY;BYDAY=TH" in text
    assert "DTSTART:20260630T123000" in text and "DTSTART:20260702T080000" in text  # the first Thursday on or after
    assert "data:text/calendar;base64," in view.download.value
    uids = {str(e["UID"]) for e in events}
    assert uids == {str(e["UID"]) for e in icalendar.Calendar.from_ical(view.ics()).walk("VEVENT")}  # stable


# --- import ----------------------------------------------------------------------------------------


def test_import_previews_then_imports_all_or_nothing(dated):
    view = ImportContacts(dated)
    data = (DATA / "linkedin_connections.csv").read_bytes()
    view.upload.value = (
        {"name": "Connections.csv", "type": "text/csv", "size": len(data), "content": memoryview(data),
         "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},
    )
    assert count(dated, "contacts") == 0  # a dry run writes nothing
    assert "Would import" in view.report_view.value and "line 9" in view.report_view.value
    assert not view.import_button.disabled
    view.import_button.click()
    assert count(dated, "contacts") == 8  # nine rows, one without a name skipped
    assert "Imported Connections.csv" in view.status.text and view.import_button.disabled


def test_import_refuses_a_file_with_problems(dated):
    view = ImportContacts(dated)
    report = view.preview((DATA / "linkedin_control_character.csv").read_bytes(), "bad.csv")
    assert not report.ok and view.import_button.disabled
    assert "bad.csv: line 5: Company contains control characters" in view.report_view.value
    view.run()
    assert count(dated, "contacts") == 0
    assert view.preview(b"just some words", "notes.txt") is None
    assert "notes.txt" in view.report_view.value and count(dated, "contacts") == 0


# --- safety and defaults ---------------------------------------------------------------------------


def test_hostile_names_are_shown_as_text_everywhere(dated):
    ids = [dated.contacts.save(Contact(name, interests=name), KeepInTouch(layer=5)) for name in HOSTILE]
    dated.touchpoints.log(ids[0], dt.date(2020, 1, 1))
    dated.exchanges.log(Exchange(ids[1], "gave", "advice", TODAY - dt.timedelta(days=30)))
    dated.ties.set(ids[0], ids[1], True)
    dated.follow_ups.add(FollowUp(ids[0], "me", HOSTILE[1], TODAY - dt.timedelta(days=1)))
    dated.time_blocks.add(TimeBlock(HOSTILE[0], 1, "12:30", "13:00", TODAY))
    book = ContactBook(dated)
    book.find.value = HOSTILE[0]
    book.save_button.click()
    tools = [book, NetworkMap(dated), FollowUps(dated), PresenceAudit(dated), TimeBlocks(dated)]
    tools[-1].export_button.click()
    shown = "\n".join(html_of(tool) for tool in tools)
    assert "<script" not in shown and "<img src=x" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    for tool in tools[:3]:
        assert "&lt;img src=x" in html_of(tool)
    assert re.search(r"alt='[^']*&lt;img src=x", tools[1].map_view.value)


def test_no_store_opens_your_own_workbook(own_home):
    book = workbook.ContactBook()
    assert book.store.path == own_home / "workbook.sqlite3"
    for tool in (workbook.NetworkMap, workbook.FollowUps, workbook.PresenceAudit, workbook.TimeBlocks, workbook.ImportContacts):
        assert isinstance(tool(), widgets.VBox)
    assert repr(workbook.NetworkMap()) == "NetworkMap(Store(your workbook): 0 contacts, 0 ties, 0 clusters)"
    assert "No contacts yet" in workbook.NetworkMap().summary()
    assert repr(workbook.FollowUps()) == "FollowUps(Store(your workbook): 0 open, 0 overdue)"
    assert repr(workbook.ImportContacts()) == "ImportContacts(Store(your workbook): no file chosen)"
    Store(own_home / "workbook.sqlite3").close()
