"""Workshop agendas computed from the chapter timings in `course.CHAPTERS`.

Three formats: a 90-minute session, a half day (3.5 hours) and a full day (6.5 hours). Each is a
list of chapters plus a few room activities; the clock times, the breaks and the lunch are worked
out here from each chapter's teaching and exercise minutes, so an agenda cannot drift from the
course. A selection that does not fit its format raises `AgendaError`.

Why these chapters:

- 90 minutes: 00 (everyone's workbook open, the two big ideas), 07 (reciprocity: the principle the
  rest of the course rests on, with the tracker) and 08 (the plan people leave with). Chapter 01 is
  set as 25 minutes of reading before the session.
- Half day: adds 01 (personal and professional networks), 03 (professional networks, with the
  conversation planner at an event) and 06 (shyness, culture, time: what stops people in a room).
  02, 04 and 05 are self-paced afterwards.
- Full day: every chapter, plus a mock networking round after chapter 06 where pairs practise
  openers and follow-ups with the conversation planner.

Every format ends with a 3-minute slot for handing in the anonymous class summary (optional for
each learner; see workbook/widgets/hand_in.py), then the closing round, which keeps a few minutes
for questions.

Breaks: a break goes between two blocks whenever the next block would take the stretch since the
last break past `max_stretch` minutes (90). No break after the welcome or before the closing round.
In the full day the first break that starts at or after `lunch_after` minutes becomes the lunch.

Plain functions over data: no I/O, no widgets."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from . import course


class AgendaError(ValueError):
    """The chosen chapters do not fit the format; the message says by how much and what to do."""


@dataclasses.dataclass(frozen=True)
class Activity:
    """A room activity that is not a chapter (the welcome, a practice round, the closing round)."""

    key: str
    title: str
    minutes: int


@dataclasses.dataclass(frozen=True)
class Format:
    key: str
    title: str
    minutes: int  # the nominal length of the slot
    tolerance: int  # how many minutes the agenda may run over the nominal length
    items: tuple[str, ...]  # chapter numbers ("07") and activity keys ("practice"), in order
    welcome: int
    closing: int
    break_minutes: int = 15
    max_stretch: int = 90
    lunch_after: int | None = None  # minutes from the start; None: no lunch
    lunch_minutes: int = 60
    pre_reading: tuple[str, ...] = ()  # chapters set as reading before the session
    why: str = ""
    hand_in: int = 3  # minutes for handing in class summaries, just before the closing round


HAND_IN_TITLE = "Hand in class summaries (optional, anonymous)"

ACTIVITIES = {
    "practice": Activity(
        "practice",
        "Practice round: a mock networking event (pairs, conversation planner)",
        25,
    ),
}

FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format(
            "90min",
            "90-minute session",
            minutes=90,
            tolerance=0,
            items=("00", "07", "08"),
            welcome=5,
            closing=7,
            pre_reading=("01",),
            why=(
                "Chapter 00 gets every workbook open; 07 is the principle the rest of the course "
                "rests on and uses the reciprocity tracker; 08 is the plan people leave with. "
                "Chapter 01 is set as reading before the session."
            ),
        ),
        Format(
            "half-day",
            "Half day (3.5 hours)",
            minutes=210,
            tolerance=15,
            items=("00", "01", "03", "06", "07", "08"),
            welcome=15,
            closing=15,
            why=(
                "Adds 01 (the two kinds of network), 03 (professional networks, with the "
                "conversation planner used for an event) and 06 (shyness, culture and time: what "
                "stops people in a room). Chapters 02, 04 and 05 are self-paced afterwards."
            ),
        ),
        Format(
            "full-day",
            "Full day (6.5 hours)",
            minutes=390,
            tolerance=15,
            items=("00", "01", "02", "03", "04", "05", "06", "practice", "07", "08"),
            welcome=15,
            closing=20,
            lunch_after=165,
            why=(
                "Every chapter, with a mock networking round after chapter 06 where pairs "
                "practise openers and follow-ups with the conversation planner."
            ),
        ),
    )
}


@dataclasses.dataclass(frozen=True)
class Block:
    kind: str  # "welcome", "chapter", "activity", "break", "lunch", "hand-in", "closing"
    title: str
    start: int  # minutes from the start of the session
    minutes: int
    chapter: str | None = None
    teach_minutes: int | None = None
    exercise_minutes: int | None = None

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclasses.dataclass(frozen=True)
class Agenda:
    format: Format
    start: dt.time
    blocks: tuple[Block, ...]
    custom: bool = False  # the chapters were chosen by hand, not the format's own selection

    @property
    def minutes(self) -> int:
        return self.blocks[-1].end - self.blocks[0].start if self.blocks else 0

    def clock(self, offset: int) -> str:
        moment = dt.datetime.combine(dt.date(2000, 1, 1), self.start) + dt.timedelta(minutes=offset)
        return moment.strftime("%H:%M")

    def chapters(self) -> list[str]:
        return [b.chapter for b in self.blocks if b.kind == "chapter"]


def parse_start(text: str | dt.time) -> dt.time:
    if isinstance(text, dt.time):
        return text
    try:
        return dt.datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise AgendaError(f"start time {text!r} is not a clock time; write it as HH:MM, e.g. 09:00.") from None


def _items(fmt: Format, chapters: Sequence[str] | None, chapter_list) -> list[Block]:
    known = {c.number: c for c in chapter_list}
    chosen = list(fmt.items) if chapters is None else list(chapters)
    if not chosen:
        raise AgendaError("no chapters chosen; name at least one, e.g. 00,07,08.")
    if len(set(chosen)) != len(chosen):
        raise AgendaError(f"a chapter is listed twice in {','.join(chosen)}; list each once.")
    blocks = []
    for key in chosen:
        if key in known:
            ch = known[key]
            blocks.append(
                Block("chapter", f"{ch.number} {ch.title}", 0, ch.minutes, ch.number, ch.teach_minutes, ch.exercise_minutes)
            )
        elif key in ACTIVITIES:
            act = ACTIVITIES[key]
            blocks.append(Block("activity", act.title, 0, act.minutes))
        else:
            raise AgendaError(
                f"{key!r} is not a chapter or activity; chapters are {', '.join(known)}, "
                f"activities are {', '.join(ACTIVITIES)}."
            )
    return blocks


def build(
    format_key: str,
    start: str | dt.time = "09:00",
    chapters: Sequence[str] | None = None,
    *,
    chapter_list: Iterable[course.Chapter] | None = None,
) -> Agenda:
    """The agenda for one format. `chapters` overrides the format's own selection (chapter
    numbers and activity keys, in order). Raises AgendaError if the result runs past the format's
    length plus its tolerance."""
    if format_key not in FORMATS:
        raise AgendaError(f"unknown format {format_key!r}; choose one of {', '.join(FORMATS)}.")
    fmt = FORMATS[format_key]
    chapter_list = list(course.CHAPTERS if chapter_list is None else chapter_list)
    begin = parse_start(start)
    body = _items(fmt, chapters, chapter_list)

    blocks: list[Block] = []
    clock = 0

    def add(kind, title, minutes, **extra):
        nonlocal clock
        blocks.append(Block(kind, title, clock, minutes, **extra))
        clock += minutes

    add("welcome", "Welcome and launch: everyone opens the course", fmt.welcome)
    stretch = fmt.welcome
    lunch_taken = fmt.lunch_after is None
    for index, item in enumerate(body):
        if item.minutes > fmt.max_stretch:
            raise AgendaError(
                f"{item.title} lasts {item.minutes} minutes, longer than the {fmt.max_stretch}-minute "
                "stretch allowed between breaks; shorten the chapter."
            )
        if index > 0 and stretch + item.minutes > fmt.max_stretch:
            if not lunch_taken and clock >= fmt.lunch_after:
                add("lunch", "Lunch", fmt.lunch_minutes)
                lunch_taken = True
            else:
                add("break", "Break", fmt.break_minutes)
            stretch = 0
        blocks.append(dataclasses.replace(item, start=clock))
        clock += item.minutes
        stretch += item.minutes
    add("hand-in", HAND_IN_TITLE, fmt.hand_in)
    add("closing", "Closing round: one action each, questions, feedback", fmt.closing)

    agenda = Agenda(fmt, begin, tuple(blocks), custom=chapters is not None)
    limit = fmt.minutes + fmt.tolerance
    if agenda.minutes > limit:
        chapter_minutes = sum(b.minutes for b in blocks if b.kind in ("chapter", "activity"))
        raise AgendaError(
            f"the {fmt.title} agenda would last {agenda.minutes} minutes "
            f"({chapter_minutes} of chapters and activities plus welcome, breaks, hand-in and closing), "
            f"{agenda.minutes - limit} more than the {limit} the format allows; "
            "drop a chapter or choose a longer format."
        )
    if fmt.lunch_after is not None and not lunch_taken:
        raise AgendaError(
            f"the {fmt.title} agenda has no break after minute {fmt.lunch_after} to turn into lunch; "
            "add chapters or move lunch_after earlier."
        )
    return agenda


def build_all(start: str | dt.time = "09:00", *, chapter_list=None) -> list[Agenda]:
    return [build(key, start, chapter_list=chapter_list) for key in FORMATS]


def to_markdown(agenda: Agenda, *, heading_level: int = 2) -> str:
    fmt = agenda.format
    lines = [
        f"{'#' * heading_level} {fmt.title}",
        "",
        f"{agenda.clock(0)} to {agenda.clock(agenda.minutes)}: {agenda.minutes} minutes "
        f"(the format allows up to {fmt.minutes + fmt.tolerance})."
        + ("" if agenda.custom else f" {fmt.why}"),
        "",
    ]
    if fmt.pre_reading and not agenda.custom:
        names = ", ".join(f"{course.chapter(n).number} {course.chapter(n).title}" for n in fmt.pre_reading)
        lines += [f"Before the session, learners read: {names}.", ""]
    lines += [
        "| start | end | block | teach | exercises | minutes |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for b in agenda.blocks:
        teach = "" if b.teach_minutes is None else str(b.teach_minutes)
        exercise = "" if b.exercise_minutes is None else str(b.exercise_minutes)
        title = f"**{b.title}**" if b.kind in ("break", "lunch") else b.title
        lines.append(f"| {agenda.clock(b.start)} | {agenda.clock(b.end)} | {title} | {teach} | {exercise} | {b.minutes} |")
    lines.append("")
    return "\n".join(lines)


PAGE_HEADER = """\
# Agendas

<!-- Generated by `python -m workbook agenda --write book/instructors/agendas.md`.
     Do not edit by hand: a test fails when this file differs from what the generator writes. -->

These agendas are computed from each chapter's teaching and exercise minutes (the same numbers the
lesson notebooks and the chapter guides show), so they change when a chapter's timing changes.
Every chapter block lasts exactly its teaching plus exercise minutes. A break goes in wherever the
next block would run past 90 minutes without one; in the full day the first break at least 2 hours 45 minutes
after the start becomes lunch. Each agenda ends with three minutes for learners who want to hand in
their anonymous class summary, then the closing round. The {doc}`runsheets` split every block into
minute-by-minute steps. To print an agenda for another start time or another choice of chapters:

```
python -m workbook agenda --format half-day --start 13:30
python -m workbook agenda --format 90min --chapters 00,06,08
```

A choice that does not fit the format is refused with the number of minutes it runs over.
"""


def page(start: str | dt.time = "09:00", *, chapter_list=None) -> str:
    parts = [PAGE_HEADER]
    for agenda in build_all(start, chapter_list=chapter_list):
        parts.append(to_markdown(agenda))
    return "\n".join(parts)
