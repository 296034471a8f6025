"""The iCalendar export: open follow-ups as to-dos with reminders, time blocks as weekly events."""

import datetime as dt

import icalendar

from workbook.formats import export_ics
from workbook.formats.ics import FollowUp, TimeBlock, calendar
from workbook.model import Contact

NOW = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.timezone.utc)


def components(data: bytes, name: str):
    return [c for c in icalendar.Calendar.from_ical(data).walk(name)]


def test_open_follow_ups_become_todos_with_due_and_alarm(store, tmp_path):
    who = store.add_contact(Contact("Theo Brandt"))
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO follow_ups (contact_id, owner, promise, due, done_on) VALUES (?, ?, ?, ?, ?)",
            [(who, "me", "Send the notebook", "2026-07-08", None),
             (who, "them", "Invite me to the guild", "2026-07-15", None),
             (who, "me", "Introduce Wen Li", "2026-06-01", "2026-05-30")],
        )
    path = tmp_path / "follow-ups.ics"
    assert export_ics(store, path, now=NOW) == f"Wrote 2 open follow-ups and 0 weekly time blocks to {path}"
    todos = components(path.read_bytes(), "VTODO")
    assert [str(t["SUMMARY"]) for t in todos] == [
        "Follow up with Theo Brandt: Send the notebook",
        "Check in with Theo Brandt, who promised: Invite me to the guild",
    ]
    for todo in todos:
        assert todo["UID"] and todo["DTSTAMP"].dt == NOW
        [alarm] = todo.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt == dt.timedelta(days=-1)
        assert alarm["TRIGGER"].params["RELATED"] == "END"
    assert todos[0]["DUE"].dt == dt.date(2026, 7, 8)
    assert len({str(t["UID"]) for t in todos}) == 2


def test_a_follow_up_without_a_date_has_no_due_or_alarm():
    data = calendar([FollowUp(7, "Ana", "me", "Call back", None)], now=NOW)
    [todo] = components(data, "VTODO")
    assert "DUE" not in todo and not todo.walk("VALARM")
    assert str(todo["UID"]) == "follow-up-7@networking-workbook"


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
