"""What an exchange is (something given to or received from a contact), how one is checked, and
what the reciprocity numbers mean. Plain Python; pandas only inside the functions whose job is a
table."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from .validation import MAX_NOTE, ValidationError, clean_date, clean_text, split_list

if TYPE_CHECKING:
    import pandas as pd

DIRECTIONS = ("gave", "received")
KINDS = ("introduction", "referral", "advice", "feedback", "endorsement", "time", "resource", "other")
LOOKBACK_DAYS = 180  # "lately", for the asked-more-than-offered nudge


@dataclasses.dataclass
class Exchange:
    """Something given to or received from a contact: the unit of the reciprocity tracker."""

    contact_id: int
    direction: str
    kind: str
    on_date: dt.date
    note: str = ""
    id: int | None = None

    def validated(self, today: dt.date) -> Exchange:
        if self.contact_id is None:
            raise ValidationError("contact", "choose a contact, or type a new name.")
        if self.direction not in DIRECTIONS:
            raise ValidationError("direction", f"{self.direction!r} is not 'gave' or 'received'.")
        if self.kind not in KINDS:
            raise ValidationError("kind", f"{self.kind!r} is not a known kind; pick one of {', '.join(KINDS)}.")
        on_date = clean_date(self.on_date, "date", today=today, allow_future=False)
        if on_date is None:
            raise ValidationError("date", "the date is empty; pick the day it happened.")
        note = clean_text(self.note, "note", limit=MAX_NOTE)
        return dataclasses.replace(self, on_date=on_date, note=note)


# --- reciprocity -----------------------------------------------------------------------------

BALANCE_COLUMNS = ["contact_id", "name", "given", "received", "given_lately", "received_lately", "last_exchange", "last_given"]


def add_days_since(balances: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Add `days_since` (since the last exchange either way) to a frame of per-contact balances."""
    import pandas as pd

    out = balances.copy()
    last = pd.to_datetime(out["last_exchange"])
    out["days_since"] = (pd.Timestamp(today) - last).dt.days.astype("Int64")
    return out


@dataclasses.dataclass(frozen=True)
class Nudge:
    contact_id: int
    name: str
    reason: str
    suggestion: str


# Small, concrete ways to give, matched to what the contact cares about where we can.
GIVING_IDEAS = (
    "send them an article or talk about {interest} with a line on why it made you think of them",
    "introduce them to someone in your network who shares their interest in {interest}",
    "ask how things are going with {interest}, and listen",
    "write a short public endorsement or recommendation of their work",
    "offer 20 minutes of your time to give feedback on something they are building",
    "congratulate them on a recent milestone and mean it",
)
# For someone whose interests you have not noted yet: ideas that need none.
IDEAS_WITHOUT_INTERESTS = (
    "ask what they are working on at the moment, and listen",
    "write a short public endorsement or recommendation of their work",
    "offer 20 minutes of your time to give feedback on something they are building",
    "congratulate them on a recent milestone and mean it",
    "send a short note about something you remember from your last conversation",
    "share an opportunity (an event, a job, a call for speakers) that could suit them",
)


def giving_ideas(contact_id: int, interests: str, count: int) -> list[str]:
    """`count` concrete small ways to give, from the contact's interests when you have noted
    some; deterministic per contact so the advice does not flicker."""
    topics = split_list(interests)
    pool = GIVING_IDEAS if topics else IDEAS_WITHOUT_INTERESTS
    return [pool[(contact_id + i) % len(pool)].format(interest=topics[i % len(topics)] if topics else "") for i in range(count)]


def giving_idea(contact_id: int, interests: str) -> str:
    return giving_ideas(contact_id, interests, 1)[0]


def top_rows(frame: pd.DataFrame, keys: list[str], ascending: list[bool], n: int | None) -> pd.DataFrame:
    """The first n rows of `frame` sorted by `keys`, without sorting every row on every key:
    only rows that can reach the top n on the first key (ties included) are fully sorted."""
    import pandas as pd

    first, up = keys[0], ascending[0]
    if n is not None and len(frame) > n and pd.api.types.is_numeric_dtype(frame[first]):
        values = frame[first].astype("float64")
        cut = values.nsmallest(n).iloc[-1] if up else values.nlargest(n).iloc[-1]
        frame = frame[values <= cut] if up else frame[values >= cut]
    ordered = frame.sort_values(keys, ascending=ascending, na_position="last")
    return ordered if n is None else ordered.head(n)


def nudges(
    balances: pd.DataFrame,
    today: dt.date,
    interests_of: Callable[[list[int]], dict[int, str]],
    *,
    months_without_giving: int = 6,
    limit: int | None = None,
) -> list[Nudge]:
    """Relationships worth a thought: where you have lately asked more than you offered, and where
    you have given nothing for `months_without_giving` months. Reflection, not scorekeeping.
    The biggest recent imbalance comes first, then the longest time without giving.
    `interests_of(ids)` gives the interests of the chosen contacts, for the giving ideas."""
    cutoff = (today - dt.timedelta(days=round(months_without_giving * 30.44))).isoformat()
    lean = balances["received_lately"] - balances["given_lately"]
    last_given = balances["last_given"]
    no_giving = last_given.isna() | (last_given.fillna("") < cutoff)
    chosen = balances.assign(lean=lean, gave_last=last_given.fillna(""))[(lean > 0) | no_giving]
    chosen = top_rows(chosen, ["lean", "gave_last", "name"], [False, True, True], limit)
    interests = interests_of([int(i) for i in chosen["contact_id"]])
    found = []
    for row in chosen.itertuples(index=False):
        if row.lean > 0:
            reason = (
                f"in the last {LOOKBACK_DAYS} days you received {row.received_lately} "
                f"and gave {row.given_lately}"
            )
        elif row.gave_last:
            reason = f"you have not given them anything since {row.gave_last}"
        else:
            reason = "you have never logged giving them anything"
        contact_id = int(row.contact_id)
        found.append(Nudge(contact_id, row.name, reason, giving_idea(contact_id, interests.get(contact_id, ""))))
    return found


def monthly_flow(exchanges: pd.DataFrame) -> pd.DataFrame:
    """Exchanges per calendar month and direction: rows are months, columns 'gave' and 'received'."""
    import pandas as pd

    if exchanges.empty:
        return pd.DataFrame(columns=list(DIRECTIONS), dtype="int64")
    months = pd.to_datetime(exchanges["on_date"]).dt.to_period("M")
    table = pd.crosstab(months, exchanges["direction"]).reindex(columns=list(DIRECTIONS), fill_value=0)
    full = pd.period_range(table.index.min(), table.index.max(), freq="M")
    return table.reindex(full, fill_value=0).rename_axis("month")


