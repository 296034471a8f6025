"""The iCalendar export: open follow-ups as events with reminders (or to-dos, for task apps),
time blocks as weekly events."""

import datetime as dt

import icalendar
import pytest

from workbook.cli import main
from workbook.domain.contacts import Contact
from workbook.formats import export_ics
from workbook.formats.ics import FollowUp, TimeBlock, calendar

NOW = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.timezone.utc)


def components(data: bytes, name: str):
    return [c for c in icalendar.Calendar.from_ical(data).walk(name)]


@pytest.fixture
def promises(store):
    """Theo's open follow-ups: one on a day, one at a time he chose, one with no date; and a done one."""
    who = store.contacts.add(Contact("Theo Brandt"))
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO follow_ups (contact_id, owner, promise, due, done_on) VALUES (?, ?, ?, ?, ?)",
            [(who, "me", "Send the notebook", "2026-07-08", None),
             (who, "them", "Invite me to the guild", "2026-07-15T14:30", None),
             (who, "me", "Ask about the meetup", None, None),
             (who, "me", "Introduce Wen Li", "2026-06-01", "2026-05-30")],
        )
    return store


def test_dated_follow_ups_become_events_all_day_or_at_the_chosen_time(promises, tmp_path):
    path = tmp_path / "follow-ups.ics"
    assert export_ics(promises, path, now=NOW) == (
        f"Wrote 2 open follow-ups as events and 0 weekly time blocks to {path}; 1 follow-up(s) with no date were "
        "left out, since a calendar event needs a day: give them a date, or export with --todo for a task app")
    assert not components(path.read_bytes(), "VTODO")
    day, timed = components(path.read_bytes(), "VEVENT")
    assert str(day["SUMMARY"]) == "Follow up with Theo Brandt: Send the notebook"
    assert (day["DTSTART"].dt, day["DTEND"].dt, str(day["TRANSP"])) == (dt.date(2026, 7, 8), dt.date(2026, 7, 9), "TRANSPARENT")
    assert str(timed["SUMMARY"]) == "Check in with Theo Brandt, who promised: Invite me to the guild"
    assert (timed["DTSTART"].dt, timed["DTEND"].dt) == (dt.datetime(2026, 7, 15, 14, 30), dt.datetime(2026, 7, 15, 15, 0))
    [day_alarm], [timed_alarm] = day.walk("VALARM"), timed.walk("VALARM")
    assert day_alarm["ACTION"] == "DISPLAY" and day_alarm["TRIGGER"].dt == dt.timedelta(hours=-15)  # 9:00 the day before
    assert timed_alarm["TRIGGER"].dt == dt.timedelta(hours=-1)
    assert all(e["DTSTAMP"].dt == NOW for e in (day, timed)) and len({str(e["UID"]) for e in (day, timed)}) == 2


def test_todo_form_for_task_apps_keeps_every_open_follow_up(promises, tmp_path):
    path = tmp_path / "tasks.ics"
    assert export_ics(promises, path, now=NOW, follow_ups_as="todos") == (
        f"Wrote 3 open follow-ups as to-dos and 0 weekly time blocks to {path}")
    todos = components(path.read_bytes(), "VTODO")
    assert [str(t["SUMMARY"]) for t in todos] == [
        "Follow up with Theo Brandt: Send the notebook",
        "Check in with Theo Brandt, who promised: Invite me to the guild",
        "Follow up with Theo Brandt: Ask about the meetup",
    ]
    assert todos[0]["DUE"].dt == dt.date(2026, 7, 8) and todos[1]["DUE"].dt == dt.datetime(2026, 7, 15, 14, 30)
    [alarm] = todos[0].walk("VALARM")
    assert alarm["TRIGGER"].dt == dt.timedelta(days=-1) and alarm["TRIGGER"].params["RELATED"] == "END"
    assert "DUE" not in todos[2] and not todos[2].walk("VALARM")
    assert not components(path.read_bytes(), "VEVENT")


def test_the_same_follow_up_keeps_its_uid_in_both_forms_and_every_export():
    follow_up = FollowUp(7, "Ana", "me", "Call back", dt.date(2026, 7, 2))
    [event] = components(calendar([follow_up], now=NOW), "VEVENT")
    [todo] = components(calendar([follow_up], now=NOW, follow_ups_as="todos"), "VTODO")
    assert str(event["UID"]) == str(todo["UID"]) == "follow-up-7@networking-workbook"
    assert calendar([follow_up], now=NOW) == calendar([follow_up], now=NOW)


def test_the_command_line_writes_events_or_with_todo_to_dos(promises, tmp_path, capsys):
    assert main(["export", "ics", str(tmp_path / "a.ics")]) == 0
    assert len(components((tmp_path / "a.ics").read_bytes(), "VEVENT")) == 2
    assert main(["export", "ics", str(tmp_path / "b.ics"), "--todo"]) == 0
    assert len(components((tmp_path / "b.ics").read_bytes(), "VTODO")) == 3
    assert "as to-dos" in capsys.readouterr().out
    assert main(["export", "vcard", str(tmp_path / "c.vcf"), "--todo"]) == 2
    assert "--todo is for the ics (calendar) export only" in capsys.readouterr().err
    assert not (tmp_path / "c.vcf").exists()


def test_time_blocks_become_weekly_events_from_the_first_matching_day():
    block = TimeBlock("Networking time", 2, dt.time(8, 30), dt.time(9, 0), dt.date(2026, 7, 1))  # a Wednesday
    later = TimeBlock("Coffee chats", 4, dt.time(16, 0), dt.time(17, 0), dt.date(2026, 7, 1))
    data = calendar([], [block, later], now=NOW)
    events = components(data, "VEVENT")
    assert [e["DTSTART"].dt for e in events] == [dt.datetime(2026, 7, 1, 8, 30), dt.datetime(2026, 7, 3, 16, 0)]
    assert events[0]["DTEND"].dt == dt.datetime(2026, 7, 1, 9, 0)
    assert events[0]["RRULE"]["FREQ"] == ["WEEKLY"] and events[0]["RRULE"]["BYDAY"] == ["WE"]
    assert all(e["UID"] and e["DTSTAMP"].dt == NOW for e in events)
    assert calendar([], [block], now=NOW) == calendar([], [block], now=NOW)  # stable UIDs


def test_the_store_time_blocks_table_is_exported(store, tmp_path):
    with store.transaction() as db:
        db.execute("INSERT INTO time_blocks (label, weekday, start_time, end_time, starts_on) VALUES ('Reach out', 0, '12:00', '12:30', '2026-07-01')")
    export_ics(store, tmp_path / "c.ics", now=NOW)
    [event] = components((tmp_path / "c.ics").read_bytes(), "VEVENT")
    assert (str(event["SUMMARY"]), event["DTSTART"].dt) == ("Reach out", dt.datetime(2026, 7, 6, 12, 0))


def test_nothing_to_export_is_still_a_valid_calendar(store, tmp_path):
    export_ics(store, tmp_path / "empty.ics", now=NOW)
    cal = icalendar.Calendar.from_ical((tmp_path / "empty.ics").read_bytes())
    assert cal["PRODID"] and not cal.subcomponents
