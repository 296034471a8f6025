"""Follow-up promises, made by me or by them: what one is, how one is checked, whether it was kept.
Plain Python; pandas only inside the functions whose job is a table."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from .validation import MAX_NAME, ValidationError, clean_date, clean_text

if TYPE_CHECKING:
    import pandas as pd

OWNERS = ("me", "them")
OVERDUE, OPEN, UNDATED, KEPT, LATE = "overdue", "open", "no date", "done on time", "done late"


@dataclasses.dataclass
class FollowUp:
    """A promise to follow up, made by me or by them, with an optional due date."""

    contact_id: int | None
    owner: str
    promise: str
    due: dt.date | None = None

    def validated(self, today: dt.date) -> FollowUp:
        if self.contact_id is None:
            raise ValidationError("contact", "choose one of your contacts (add new people in the contact book).")
        if self.owner not in OWNERS:
            raise ValidationError("who promised", f"{self.owner!r} is not 'me' or 'them'.")
        promise = clean_text(self.promise, "promise", limit=MAX_NAME * 2, required=True, multiline=False)
        due = clean_date(self.due, "due", today=today)
        return dataclasses.replace(self, promise=promise, due=due)


def follow_up_status(frame: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Add `status` and `days_overdue` and sort: overdue (most overdue first), open by due date,
    undated, then done (most recent first). `frame` has due and done_on as ISO dates or None."""
    import pandas as pd

    out = frame.copy()
    due = pd.to_datetime(out["due"])
    done = pd.to_datetime(out["done_on"])
    now = pd.Timestamp(today)
    status = pd.Series(OPEN, index=out.index, dtype="object")
    status[due.isna()] = UNDATED
    status[(due < now) & done.isna()] = OVERDUE
    status[done.notna()] = LATE
    status[done.notna() & (due.isna() | (done <= due))] = KEPT
    out["status"] = status
    out["days_overdue"] = ((now - due).dt.days.where(status == OVERDUE)).astype("Int64")
    rank = status.map({OVERDUE: 0, OPEN: 1, UNDATED: 2, KEPT: 3, LATE: 3})
    out = out.assign(_rank=rank, _due=due, _done=done)
    out = out.sort_values(["_rank", "_due", "_done", "id"], ascending=[True, True, False, True], na_position="last")
    return out.drop(columns=["_rank", "_due", "_done"]).reset_index(drop=True)


def kept_rate(frame: pd.DataFrame, today: dt.date, owner: str = "me") -> float | None:
    """Promises kept on time, as a share of promises whose outcome is known.

    Counted: promises by `owner` with a due date that are either done, or past due (due before
    today) and not done. Kept: done on or before the due date. A promise due today and not yet
    done is not counted (there is still time), nor is one without a due date. None when nothing
    is counted yet."""
    import pandas as pd

    mine = frame[(frame["owner"] == owner) & frame["due"].notna()]
    due = pd.to_datetime(mine["due"])
    done = pd.to_datetime(mine["done_on"])
    counted = done.notna() | (due < pd.Timestamp(today))
    if not counted.any():
        return None
    kept = (done.notna() & (done <= due))[counted]
    return float(kept.sum()) / float(counted.sum())
