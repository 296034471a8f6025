"""Regular networking time: a weekly block, how one is checked, and how long the week's blocks are.
Plain Python: no I/O."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .validation import MAX_NAME, ValidationError, clean_date, clean_text

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MIN_BLOCK_MINUTES = 10
MAX_BLOCK_MINUTES = 4 * 60  # longer than a half day is not a habit, it is an event


def parse_time(value, field: str) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(field, f"the {field} time is empty; pick a time such as 12:30.")
    try:
        parsed = dt.time.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"{text!r} is not a time; use the form HH:MM, such as 12:30.") from None
    return parsed.replace(second=0, microsecond=0)


@dataclasses.dataclass
class TimeBlock:
    """Regular networking time: every `weekday` (0 = Monday) from `start` to `end`, from `starts_on`."""

    label: str
    weekday: int
    start: dt.time
    end: dt.time
    starts_on: dt.date
    id: int | None = None

    def validated(self, today: dt.date) -> TimeBlock:
        label = clean_text(self.label, "label", limit=MAX_NAME, required=True, multiline=False)
        if isinstance(self.weekday, bool) or self.weekday not in range(7):
            raise ValidationError("weekday", f"{self.weekday!r} is not a weekday; pick Monday to Sunday.")
        start = parse_time(self.start, "start")
        end = parse_time(self.end, "end")
        minutes = _minutes(end) - _minutes(start)
        if minutes <= 0:
            raise ValidationError("end", f"it ends at {end:%H:%M}, not after it starts at {start:%H:%M}: pick a later end.")
        if minutes < MIN_BLOCK_MINUTES:
            raise ValidationError("end", f"{minutes} minutes is too short to reach out to anyone: make it at least {MIN_BLOCK_MINUTES}.")
        if minutes > MAX_BLOCK_MINUTES:
            raise ValidationError(
                "end", f"{minutes // 60} h {minutes % 60:02d} min is longer than {MAX_BLOCK_MINUTES // 60} hours: split it or shorten it."
            )
        starts_on = clean_date(self.starts_on, "from", today=today)
        if starts_on is None:
            raise ValidationError("from", "the first date is empty; pick the day this habit starts.")
        return dataclasses.replace(self, label=label, start=start, end=end, starts_on=starts_on)

    @property
    def minutes(self) -> int:
        return _minutes(parse_time(self.end, "end")) - _minutes(parse_time(self.start, "start"))

    def first_on(self) -> dt.date:
        """The first day the block happens: its weekday, on or after starts_on."""
        return self.starts_on + dt.timedelta(days=(self.weekday - self.starts_on.weekday()) % 7)


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def weekly_minutes(blocks: list[TimeBlock]) -> int:
    return sum(block.minutes for block in blocks)
