"""What a contact is, how one is checked, and how people who share a name are told apart. Plain
Python: no I/O."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from .validation import MAX_NAME, MAX_NOTE, MAX_SHORT, ValidationError, clean_text, name_key, split_list

if TYPE_CHECKING:
    import pandas as pd

CIRCLES = ("personal", "professional", "both")


@dataclasses.dataclass
class Contact:
    name: str
    circle: str = "professional"
    company: str = ""
    position: str = ""
    email: str = ""
    interests: str = ""
    how_met: str = ""
    notes: str = ""
    id: int | None = None

    def validated(self) -> Contact:
        name = clean_text(self.name, "name", limit=MAX_NAME, required=True, multiline=False)
        if self.circle not in CIRCLES:
            raise ValidationError("circle", f"{self.circle!r} is not one of {', '.join(CIRCLES)}.")
        return dataclasses.replace(
            self,
            name=name,
            company=clean_text(self.company, "company", limit=MAX_SHORT, multiline=False),
            position=clean_text(self.position, "position", limit=MAX_SHORT, multiline=False),
            email=clean_text(self.email, "email", limit=MAX_SHORT, multiline=False),
            interests=", ".join(split_list(clean_text(self.interests, "interests", limit=MAX_SHORT))),
            how_met=clean_text(self.how_met, "how we met", limit=MAX_SHORT),
            notes=clean_text(self.notes, "notes", limit=MAX_NOTE),
        )


# "How we met" keeps who introduced you as its first words, the way the sample network writes it.
_INTRODUCED = re.compile(r"^introduced by (?P<who>[^;\n]+?)\s*(?:;\s*(?P<rest>.*))?$", re.IGNORECASE | re.DOTALL)


def split_introduction(how_met: str) -> tuple[str, str]:
    """('Sid Kapoor', 'at the meetup') from 'introduced by Sid Kapoor; at the meetup'."""
    found = _INTRODUCED.match(how_met.strip())
    if not found:
        return "", how_met.strip()
    return found["who"].strip(), (found["rest"] or "").strip()


def join_introduction(introducer: str, how_met: str) -> str:
    how_met = how_met.strip()
    if not introducer:
        return how_met
    return f"introduced by {introducer}" + (f"; {how_met}" if how_met else "")



def contact_labels(rows: pd.DataFrame) -> dict[str, int]:
    """Label -> contact id for a picker. A name held by one contact is its own label; people who
    share a name are told apart by something human: their company, how you met, their email."""
    labels: dict[str, int] = {}
    groups = rows.groupby(rows["name"].map(name_key), sort=False) if not rows.empty else []
    for _key, group in groups:
        if len(group) == 1:
            row = group.iloc[0]
            labels[row["name"]] = int(row["id"])
            continue
        for position, row in enumerate(group.itertuples(index=False), start=1):
            detail = next((str(v).strip() for v in (row.company, row.how_met, row.email) if str(v).strip()), "")
            detail = " ".join(detail.split())[:40] or f"the {_ordinal(position)} you added"
            label = f"{row.name} ({detail})"
            while label in labels:  # the same detail twice: still one label each
                label = f"{label[:-1]}, again)"
            labels[label] = int(row.id)
    return labels


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


