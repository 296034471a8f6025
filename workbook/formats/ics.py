"""iCalendar (.ics) for a calendar app: open follow-ups as events, networking time as weekly events.

A follow-up with a due date becomes an event on that day: all day (marked free, so it does not
block the day) when only a date was chosen, or half an hour from the time the learner chose, with
a reminder (VALARM) at 9:00 the day before, or an hour before a timed one. Common calendar
services and programs such as khal import events only, so events are the default; task apps want
to-dos, so `follow_ups_as="todos"` writes each as a VTODO due on its date (reminder the day
before) instead, and one with no date as a VTODO without DUE. A follow-up with no date cannot be
an event: it is left out of an events export, and the export says how many.

A time block becomes a VEVENT repeating weekly (RRULE) from its first weekday on or after
`starts_on`. Every component has a UID, stable across exports so a calendar app updates instead
of duplicating, and a DTSTAMP."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import icalendar

LABEL = "iCalendar"
PRODID = "-//networking-workbook//follow-ups//EN"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index = date.weekday()
UID_NAMESPACE = uuid.UUID("6f1c2a8e-3b7d-4e55-9a0c-1d2e3f405162")
FOLLOW_UP_FORMS = ("events", "todos")
TIMED_LENGTH = dt.timedelta(minutes=30)
ALL_DAY_REMINDER = dt.timedelta(hours=-15)  # from the day's midnight: 9:00 the day before
TIMED_REMINDER = dt.timedelta(hours=-1)


@dataclasses.dataclass(frozen=True)
class FollowUp:
    id: int
    name: str  # who it is with
    owner: str  # 'me' or 'them'
    promise: str
    due: dt.date | dt.datetime | None  # a datetime when the learner chose a time

    @property
    def summary(self) -> str:
        if self.owner == "me":
            return f"Follow up with {self.name}: {self.promise}"
        return f"Check in with {self.name}, who promised: {self.promise}"


@dataclasses.dataclass(frozen=True)
class TimeBlock:
    summary: str
    weekday: int  # 0 = Monday, as date.weekday()
    start: dt.time
    end: dt.time
    starts_on: dt.date


def open_follow_ups(follow_ups: list[dict], names: dict[int, str]) -> list[FollowUp]:
    """Rows of the follow_ups table not yet done, as FollowUp."""
    return [
        FollowUp(row["id"], names.get(row["contact_id"], "someone"), row["owner"], row["promise"],
                 _due(row["due"]))
        for row in follow_ups
        if not row["done_on"]
    ]


def _due(text: str | None) -> dt.date | dt.datetime | None:
    """'2026-07-08' is a day; '2026-07-08T14:30' (or with a space) is a time on it."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)


def calendar(follow_ups: list[FollowUp], blocks: list[TimeBlock] = (), *, now: dt.datetime | None = None,
             follow_ups_as: str = "events") -> bytes:
    """The calendar; with events, follow-ups without a date are left out (see dated())."""
    if follow_ups_as not in FOLLOW_UP_FORMS:
        raise ValueError(f"follow_ups_as is {follow_ups_as!r}, not one of {FOLLOW_UP_FORMS}")
    stamp = now or dt.datetime.now(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for follow_up in follow_ups:
        if follow_ups_as == "todos":
            cal.add_component(_todo(follow_up, stamp))
        elif follow_up.due is not None:
            cal.add_component(_follow_up_event(follow_up, stamp))
    for block in blocks:
        cal.add_component(_event(block, stamp))
    return cal.to_ical()


class _Text(icalendar.vText):
    """A TEXT value escaped exactly as RFC 5545 says. icalendar turns a backslash followed by N
    into a line break before escaping, so a promise like 'save it in C:\\New' would change."""

    def to_ical(self) -> bytes:
        text = str(self).replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", r"\n").encode("utf-8")


def _todo(follow_up: FollowUp, stamp: dt.datetime) -> icalendar.Todo:
    todo = icalendar.Todo()
    todo.add("uid", f"follow-up-{follow_up.id}@networking-workbook")
    todo.add("dtstamp", stamp)
    todo.add("summary", _Text(follow_up.summary))
    todo.add("status", "NEEDS-ACTION")
    if follow_up.due:
        todo.add("due", follow_up.due)
        todo.add_component(_alarm(follow_up.summary, dt.timedelta(days=-1), related="END"))
    return todo


def _follow_up_event(follow_up: FollowUp, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"follow-up-{follow_up.id}@networking-workbook")
    event.add("dtstamp", stamp)
    event.add("summary", _Text(follow_up.summary))
    if isinstance(follow_up.due, dt.datetime):
        event.add("dtstart", follow_up.due)
        event.add("dtend", follow_up.due + TIMED_LENGTH)
        event.add_component(_alarm(follow_up.summary, TIMED_REMINDER))
    else:
        event.add("dtstart", follow_up.due)
        event.add("dtend", follow_up.due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder of a promise, not time taken
        event.add_component(_alarm(follow_up.summary, ALL_DAY_REMINDER))
    return event


def _alarm(summary: str, before: dt.timedelta, *, related: str = "START") -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _Text(summary))
    alarm.add("trigger", before, parameters={"RELATED": related} if related != "START" else None)
    return alarm


def _event(block: TimeBlock, stamp: dt.datetime) -> icalendar.Event:
    first = block.starts_on + dt.timedelta(days=(block.weekday - block.starts_on.weekday()) % 7)
    identity = f"{block.summary}|{block.weekday}|{block.start}|{block.end}|{block.starts_on}"
    event = icalendar.Event()
    event.add("uid", f"{uuid.uuid5(UID_NAMESPACE, identity)}@networking-workbook")
    event.add("dtstamp", stamp)
    event.add("summary", _Text(block.summary))
    event.add("dtstart", dt.datetime.combine(first, block.start))
    event.add("dtend", dt.datetime.combine(first, block.end))
    event.add("rrule", {"freq": "weekly", "byday": WEEKDAYS[block.weekday]})
    return event


def time_blocks(rows: list[dict]) -> list[TimeBlock]:
    """Rows of the time_blocks table (label, weekday 0 = Monday, start_time and end_time 'HH:MM',
    starts_on an ISO date) as TimeBlock."""
    return [
        TimeBlock(row["label"], row["weekday"], dt.time.fromisoformat(row["start_time"]),
                  dt.time.fromisoformat(row["end_time"]), dt.date.fromisoformat(row["starts_on"]))
        for row in rows
    ]
