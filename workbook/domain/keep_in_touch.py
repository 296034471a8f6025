"""Keeping in touch: Dunbar layers and cadences, a contact's last interaction, keep-in-touch health
and the one dormant rule every tool, check and suggestion uses. Plain Python; pandas only inside
the functions whose job is a table."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from .validation import ValidationError, clean_date

if TYPE_CHECKING:
    import pandas as pd

# Dunbar's layers (Zhou, Sornette, Hill & Dunbar 2005): about 5 closest, 15 good friends, 50
# friends, 150 meaningful contacts. The default cadence per layer is this course's own convention,
# not a research finding (the lessons and the contact book say so): weekly for the closest five,
# monthly for the fifteen, quarterly for the fifty, yearly for the hundred and fifty. A learner can
# change it per contact.
LAYERS = (5, 15, 50, 150)
DEFAULT_CADENCE = {5: 7, 15: 30, 50: 90, 150: 365}
LAYER_NAMES = {5: "about 5: closest", 15: "about 15: good friends", 50: "about 50: friends", 150: "about 150: wider circle"}
# A contact not yet placed in a layer is treated like the outer layer: a yearly check-in.
UNPLACED_CADENCE = DEFAULT_CADENCE[150]
MAX_CADENCE = 3 * 365  # beyond three years a tie is dormant whatever the cadence says
DORMANT_YEARS = 3  # Levin, Walter & Murnighan (2011): ties out of touch for three years or more

# A contact's last interaction is the latest of: an exchange, a touchpoint, a conversation plan's
# date and a follow-up's done date, none of them after today (a planned conversation has not
# happened yet); None when nothing is logged. Never the day the contact or its cadence was set.
# The store computes it (store.contacts.last_interactions()) for every tool, check and suggestion.

IN_TOUCH, DUE, DRIFTING, DORMANT, NO_CONTACT = "in touch", "due", "drifting", "dormant", "no contact logged"
NEEDS_ATTENTION = (DUE, DRIFTING, DORMANT)


@dataclasses.dataclass
class KeepInTouch:
    """A contact's keep-in-touch settings: Dunbar layer, cadence (None follows the layer's
    default) and the day you met."""

    layer: int | None = None
    cadence_days: int | None = None
    met_on: dt.date | None = None

    def validated(self, today: dt.date) -> KeepInTouch:
        if self.layer is not None and self.layer not in LAYERS:
            raise ValidationError("layer", f"{self.layer!r} is not a layer; pick one of {', '.join(map(str, LAYERS))}.")
        cadence = self.cadence_days
        if cadence is not None:
            if isinstance(cadence, bool) or not isinstance(cadence, int):
                raise ValidationError("cadence", f"{cadence!r} is not a whole number of days.")
            if not 1 <= cadence <= MAX_CADENCE:
                raise ValidationError(
                    "cadence", f"every {cadence} days is out of range: pick between 1 and {MAX_CADENCE} days."
                )
        met_on = clean_date(self.met_on, "met on", today=today, allow_future=False)
        return dataclasses.replace(self, met_on=met_on)

    @property
    def effective_cadence(self) -> int:
        return effective_cadence(self.layer, self.cadence_days)


def effective_cadence(layer: int | None, cadence_days: int | None) -> int:
    """The cadence a contact is held to: their own, else their layer's default."""
    if not _missing(cadence_days):
        return int(cadence_days)
    if not _missing(layer):
        return DEFAULT_CADENCE[int(layer)]
    return UNPLACED_CADENCE


def _missing(value) -> bool:
    """None, NaN or pandas' NA (a table's empty cell), told apart without importing pandas."""
    try:
        return value is None or bool(value != value)
    except TypeError:  # pandas.NA has no truth value
        return True


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def dormant_since(today: dt.date) -> dt.date:
    """The latest last interaction that makes a tie dormant: DORMANT_YEARS years before today.
    Three years or more, as the course says: a tie last in touch exactly three years ago is dormant."""
    return years_before(today, DORMANT_YEARS)


def is_dormant(last: dt.date, today: dt.date) -> bool:
    return last <= dormant_since(today)


def health(last: dt.date | None, cadence_days: int, today: dt.date) -> str:
    """Keep-in-touch health from the last logged interaction (never from when a contact or its
    cadence was set): in touch within the cadence, due up to twice the cadence, drifting beyond
    that, dormant after three years or more, and 'no contact logged' when nothing is logged."""
    if last is None:
        return NO_CONTACT
    if is_dormant(last, today):
        return DORMANT
    days = (today - last).days
    if days <= cadence_days:
        return IN_TOUCH
    if days <= 2 * cadence_days:
        return DUE
    return DRIFTING


KEEP_IN_TOUCH_COLUMNS = [
    "contact_id", "name", "circle", "layer", "cadence_days", "cadence_source",
    "last_interaction", "days_since", "overdue_days", "status",
]


def keep_in_touch(contacts: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Per contact: effective cadence, last interaction, days since, days overdue and health.

    `contacts` has columns contact_id, name, circle, layer, cadence_days and last_interaction
    (an ISO date or None: see the last interaction above)."""
    import pandas as pd

    frame = contacts.copy()
    if frame.empty:
        return pd.DataFrame(columns=KEEP_IN_TOUCH_COLUMNS)
    layer = frame["layer"].astype("Int64")
    own = frame["cadence_days"].astype("Int64")
    frame["layer"] = layer
    frame["cadence_source"] = own.isna().map({True: "layer default", False: "your choice"})
    frame.loc[own.isna() & layer.isna(), "cadence_source"] = "not placed yet"
    defaults = layer.map(DEFAULT_CADENCE, na_action="ignore").astype("Int64").fillna(UNPLACED_CADENCE)
    frame["cadence_days"] = own.fillna(defaults).astype("int64")
    last = pd.to_datetime(frame["last_interaction"])
    frame["days_since"] = (pd.Timestamp(today) - last).dt.days.astype("Int64")
    frame["overdue_days"] = (frame["days_since"] - frame["cadence_days"]).astype("Int64")
    dormant_cutoff = pd.Timestamp(dormant_since(today))
    since, cadence = frame["days_since"], frame["cadence_days"]
    status = pd.Series(DRIFTING, index=frame.index, dtype="object")
    status[(since <= 2 * cadence).fillna(False)] = DUE
    status[(since <= cadence).fillna(False)] = IN_TOUCH
    status[(last <= dormant_cutoff).fillna(False)] = DORMANT
    status[last.isna()] = NO_CONTACT
    frame["status"] = status
    return frame[KEEP_IN_TOUCH_COLUMNS].reset_index(drop=True)


def due_list(health_frame: pd.DataFrame) -> pd.DataFrame:
    """Contacts that are due, drifting or dormant, most overdue (in days) first."""
    due = health_frame[health_frame["status"].isin(NEEDS_ATTENTION)]
    return due.sort_values(["overdue_days", "name", "contact_id"], ascending=[False, True, True]).reset_index(drop=True)


def dormant_ties(health_frame: pd.DataFrame) -> pd.DataFrame:
    """The dormant contacts of a keep_in_touch() frame, longest silence first, with `years` since
    their last interaction. Contacts with nothing logged are left out: we cannot tell how long it
    has been."""
    dormant = health_frame[health_frame["status"] == DORMANT].copy()
    dormant["years"] = [round(int(days) / 365.25, 1) for days in dormant["days_since"]]
    return dormant.sort_values(["last_interaction", "name"]).reset_index(drop=True)
