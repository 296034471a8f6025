"""How learner text and dates are checked before anything is saved: one ValidationError naming
the field, so a form can show the message beside it. Plain Python: no I/O."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

MAX_NAME = 200
MAX_SHORT = 500  # one-line fields: goal, occasion details, company
MAX_NOTE = 5_000  # free text: notes, openers, what we talked about

# C0 controls other than tab and line breaks, DEL, and the C1 controls U+0080-U+009F, which in
# text almost always mean bytes decoded with the wrong character set (Latin-1 for Windows-1252).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAK = re.compile(r"[\n\r\t]")


class ValidationError(ValueError):
    """Bad input for one field. `field` names it so a form can show the message beside it."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def clean_text(value, field: str, *, limit: int, required: bool = False, multiline: bool = True) -> str:
    """Strip a piece of learner text and check it; raise ValidationError naming the field."""
    text = "" if value is None else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    text = text.strip()
    if required and not text:
        raise ValidationError(field, f"{sentence_case(field)} is empty: type at least one character.")
    if len(text) > limit:
        raise ValidationError(
            field, f"{sentence_case(field)} is {len(text):,} characters long: keep it under {limit:,}."
        )
    if control := _CONTROL.search(text):
        if control[0] >= "\x80":
            raise ValidationError(field, (
                f"{sentence_case(field)} contains control characters (U+{ord(control[0]):04X}), which usually means text "
                "saved in one character set was read as another: save it as UTF-8 and try again."))
        raise ValidationError(field, f"{sentence_case(field)} contains control characters: remove them.")
    # A lone carriage return counts too: exports such as vCard would write it as a line break.
    if not multiline and _BREAK.search(text):
        raise ValidationError(
            field, f"{sentence_case(field)} contains a line break or tab, and line breaks belong only in notes: keep it on one line."
        )
    return text


def clean_date(value, field: str, *, today: dt.date, allow_future: bool = True) -> dt.date | None:
    """Accept a date, a datetime or an ISO string; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, f"{value!r} is not a date; use the form YYYY-MM-DD.") from None
    if not isinstance(value, dt.date):
        raise ValidationError(field, f"{value!r} is not a date.")
    if not allow_future and value > today:
        raise ValidationError(
            field, f"{value.isoformat()} is in the future; log exchanges once they have happened."
        )
    return value


def split_list(text: str | Iterable[str] | None) -> list[str]:
    """Interests and similar lists: comma or newline separated text, or already a list."""
    if text is None:
        return []
    parts = re.split(r"[,\n;]", text) if isinstance(text, str) else list(text)
    return [p.strip() for p in parts if p and p.strip()]


def sentence_case(label: str) -> str:
    """A label with its first letter capitalised and the rest as written ("what I can offer" ->
    "What I can offer"; str.capitalize would give "What i can offer")."""
    return label[:1].upper() + label[1:]


def name_key(name: str) -> str:
    """How two typed names are compared: case and spacing do not matter."""
    return " ".join(str(name).split()).casefold()

