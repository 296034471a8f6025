"""iCalendar (.ics) for a calendar app: open follow-ups as to-dos, networking time as weekly events.

A follow-up becomes a VTODO due on its date with a reminder (VALARM) the day before; one with no
date becomes a VTODO without DUE or reminder. A time block becomes a VEVENT repeating weekly
(RRULE) from its first weekday on or after `starts_on`. Every component has a UID, stable across
exports so a calendar app updates instead of duplicating, and a DTSTAMP."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import icalendar

LABEL = "iCalendar"
PRODID = "-//networking-workbook//follow-ups//EN"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index = date.weekday()
UID_NAMESPACE = uuid.UUID("6f1c2a8e-3b7d-4e55-9a0c-1d2e3f405162")


@dataclasses.dataclass(frozen=True)
class FollowUp:
    id: int
    name: str  # who it is with
    owner: str  # 'me' or 'them'
    promise: str
    due: dt.date | None


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
                 dt.date.fromisoformat(row["due"]) if row["due"] else None)
        for row in follow_ups
        if not row["done_on"]
    ]


def calendar(follow_ups: list[FollowUp], blocks: list[TimeBlock] = (), *, now: dt.datetime | None = None) -> bytes:
    stamp = now or dt.datetime.now(dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for follow_up in follow_ups:
        cal.add_component(_todo(follow_up, stamp))
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
    if follow_up.owner == "me":
        summary = f"Follow up with {follow_up.name}: {follow_up.promise}"
    else:
        summary = f"Check in with {follow_up.name}, who promised: {follow_up.promise}"
    todo = icalendar.Todo()
    todo.add("uid", f"follow-up-{follow_up.id}@networking-workbook")
    todo.add("dtstamp", stamp)
    todo.add("summary", _Text(summary))
    todo.add("status", "NEEDS-ACTION")
    if follow_up.due:
        todo.add("due", follow_up.due)
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _Text(summary))
        alarm.add("trigger", dt.timedelta(days=-1), parameters={"RELATED": "END"})
        todo.add_component(alarm)
    return todo


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
