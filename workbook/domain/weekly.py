"""My network this week: the page a learner comes back to after the course. What it lists comes
from the tools they already use; this module picks it, as pure functions of plain tables.

- who is due a word (keep-in-touch health, domain.keep_in_touch), topped up with close people who have
  nothing logged yet, so a new workbook is never empty;
- promises, theirs and mine, overdue or due in the next seven days (follow-ups);
- one giving idea (the reciprocity nudges, domain.exchanges);
- the next open step of the 30/60/90-day plan (goals);
- the networking time blocks that fall in the next seven days, and the weekly review itself.

The weekly review is a time block like any other (so the calendar export repeats it every week);
the workbook remembers which block it is under the meta key REVIEW_KEY."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from .exchanges import Nudge
from .follow_ups import OVERDUE, follow_up_status
from .keep_in_touch import NO_CONTACT, due_list
from .time_blocks import TimeBlock

WINDOW_DAYS = 7
DUE_SHOWN = 5
REVIEW_KEY = "this_week_review_block"
REVIEW_LABEL = "My network this week (open lessons/this-week.ipynb)"
REVIEW_MINUTES = 15
NOTHING_LOGGED = "nothing logged yet"
CALENDAR_FILE = "my-network.ics"
CALENDAR_KEY = "calendar_file"  # meta: where the calendar file was last written
CALENDAR_REVIEW_KEY = "calendar_file_review"  # meta: the weekly review block it carried


@dataclasses.dataclass
class Week:
    today: dt.date
    due: pd.DataFrame  # contact_id, name, status, last_interaction, days_since
    promises: pd.DataFrame  # id, owner, promise, due, name, status, days_overdue
    giving: Nudge | None
    next_step: dict | None  # id, horizon, goal, name
    blocks: list[tuple[TimeBlock, dt.date]]  # networking time in the window, with its date
    review: tuple[TimeBlock, dt.date] | None  # the weekly review, next occurrence

    @property
    def last_day(self) -> dt.date:
        return self.today + dt.timedelta(days=WINDOW_DAYS - 1)


def day_text(day: dt.date) -> str:
    """'Monday 7 December'."""
    return f"{day:%A} {day.day} {day:%B}"


def due_this_week(health: pd.DataFrame, shown: int = DUE_SHOWN) -> pd.DataFrame:
    """The most overdue contacts; if fewer than `shown`, then the closest placed contacts with
    nothing logged (layer 5 first), so a new workbook still suggests someone."""
    columns = ["contact_id", "name", "status", "last_interaction", "days_since"]
    due = due_list(health).head(shown)
    never = health[(health["status"] == NO_CONTACT) & health["layer"].notna()]
    never = never.sort_values(["layer", "name", "contact_id"]).head(shown - len(due)).assign(status=NOTHING_LOGGED)
    return pd.concat([due[columns], never[columns]], ignore_index=True) if len(never) else due[columns].reset_index(drop=True)


def promises_this_week(follow_ups: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Open promises (mine and theirs) that are overdue or due within the window, most urgent first.
    `follow_ups` has id, owner, promise, due, done_on, name."""
    frame = follow_up_status(follow_ups, today)
    last = (today + dt.timedelta(days=WINDOW_DAYS - 1)).isoformat()
    open_dated = frame["done_on"].isna() & frame["due"].notna()
    return frame[open_dated & (frame["due"].fillna("") <= last)].reset_index(drop=True)


def next_step(goals: pd.DataFrame) -> dict | None:
    """The first open goal of the plan: the nearest horizon, then the order added."""
    open_goals = goals[goals["done_on"].isna()].sort_values(["horizon", "id"])
    if open_goals.empty:
        return None
    row = open_goals.iloc[0]
    return {"id": int(row["id"]), "horizon": int(row["horizon"]), "goal": row["goal"], "name": row["name"] or ""}


def next_occurrence(block: TimeBlock, today: dt.date) -> dt.date:
    """The block's next day on or after today (or after it starts, if that is later)."""
    start = max(today, block.starts_on)
    return start + dt.timedelta(days=(block.weekday - start.weekday()) % 7)


def this_week(
    health: pd.DataFrame,
    follow_ups: pd.DataFrame,
    nudge_list: list[Nudge],
    goals: pd.DataFrame,
    blocks: list[TimeBlock],
    today: dt.date,
    review_block_id: int | None = None,
) -> Week:
    """Everything the weekly page shows, from the tools' tables."""
    last = today + dt.timedelta(days=WINDOW_DAYS - 1)
    timed = sorted(((b, next_occurrence(b, today)) for b in blocks), key=lambda pair: (pair[1], pair[0].start))
    review = next((pair for pair in timed if pair[0].id == review_block_id), None) if review_block_id is not None else None
    networking = [pair for pair in timed if pair[0].id != review_block_id and pair[1] <= last]
    return Week(
        today=today,
        due=due_this_week(health),
        promises=promises_this_week(follow_ups, today),
        giving=nudge_list[0] if nudge_list else None,
        next_step=next_step(goals),
        blocks=networking,
        review=review,
    )


def describe(week: Week) -> list[str]:
    """The week in plain sentences, one per part, for a page without a kernel or a screen reader."""
    lines = []
    if week.due.empty:
        lines.append("Nobody is due a word this week.")
    else:
        lines.append("Due a word: " + ", ".join(f"{r.name} ({r.status})" for r in week.due.itertuples(index=False)) + ".")
    if week.promises.empty:
        lines.append("No promise is due in the next seven days.")
    for r in week.promises.itertuples(index=False):
        who = f"My promise to {r.name}" if r.owner == "me" else f"{r.name} promised"
        late = f", {r.days_overdue} days late" if r.status == OVERDUE else ""
        lines.append(f"{who}: {r.promise} (due {r.due}{late}).")
    if week.giving is not None:
        lines.append(f"Giving idea for {week.giving.name}: {week.giving.suggestion}.")
    else:
        lines.append("No giving idea this week: log what you give and receive in the reciprocity tracker.")
    if week.next_step is not None:
        step = week.next_step
        lines.append(f"Next step of your plan ({step['horizon']} days): {step['goal']}" + (f" (with {step['name']})" if step["name"] else "") + ".")
    else:
        lines.append("Your 30/60/90-day plan has no open step: add one in chapter 08.")
    for block, day in week.blocks:
        lines.append(f"Networking time: {block.label}, {day_text(day)} {block.start:%H:%M}-{block.end:%H:%M}.")
    if not week.blocks:
        lines.append("No networking time booked in the next seven days.")
    if week.review is not None:
        block, day = week.review
        lines.append(f"Next weekly review: {day_text(day)} at {block.start:%H:%M}.")
    return lines
