"""vCard files (.vcf) with any number of cards: read 3.0 and 4.0, write 3.0.

vobject parses both versions' syntax (folding, escapes, parameters) but knows only 3.0's meaning,
so three 4.0 habits are handled here: PREF=1 marks the preferred email or phone (3.0 used
TYPE=pref), phone numbers may be 'tel:' URIs, and PHOTO may be a data: URI (ignored, like every
photo). Cards are split on BEGIN/END lines here, so each problem can name the line its card
starts on and a cut-off file is refused rather than half read.

Fields the workbook has and vCard does not travel as X-WORKBOOK-CIRCLE, X-WORKBOOK-HOW-MET and
X-WORKBOOK-MET-ON; a card's UID carries the contact's source key."""

from __future__ import annotations

from typing import Iterator

import vobject

from ..model import CIRCLES, ValidationError
from .common import ContactRecord, FormatError, Parsed, SkipRow, circle_and_interests, collect, source_key

LABEL = "vCard"
SOURCES = ("linkedin:", "google:", "vcard:", "csv:")  # keys this workbook made: kept as they are


def is_vcard(text: str) -> bool:
    return text.lstrip().upper().startswith("BEGIN:VCARD")


def read(text: str) -> Parsed:
    return collect(cards(text), _record)


def cards(text: str) -> Iterator[tuple[int, str]]:
    """Each card's text with the line its BEGIN:VCARD is on."""
    start, lines = None, []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        marker = raw.strip().upper()
        if start is None:
            if marker == "BEGIN:VCARD":
                start, lines = number, [raw]
            elif marker:
                raise FormatError("this line is outside any BEGIN:VCARD ... END:VCARD card; remove it or export again.", line=number)
            continue
        if marker == "BEGIN:VCARD":
            raise FormatError("this card has no END:VCARD before the next card begins; export the file again.", line=start)
        lines.append(raw)
        if marker == "END:VCARD":
            yield start, "\r\n".join(lines) + "\r\n"
            start = None
    if start is not None:
        raise FormatError("the card that begins here has no END:VCARD, so the file is cut off; export it again.", line=start)


def _record(line: int, text: str) -> ContactRecord:
    try:
        card = vobject.readOne(text)
    except RecursionError:
        raise ValidationError("card", "this card nests BEGIN ... END blocks too deeply to read.") from None
    except Exception as error:  # vobject raises several unrelated types for malformed cards
        raise ValidationError("card", f"this card cannot be read ({_reason(error)}).") from None
    name = _text(card, "fn") or _name_from_n(card)
    if not name:
        raise SkipRow("this card has no name (FN or N); skipped.")
    company, email = _text(card, "org"), _preferred(card, "email")
    circle = _text(card, "x-workbook-circle")
    if circle in CIRCLES:  # the workbook's own export: categories are all interests
        interests = ", ".join(_categories(card))
    else:
        circle, interests = circle_and_interests(_categories(card))
    return ContactRecord(
        line=line,
        source_key=_key(card, name=name, company=company, email=email),
        name=name,
        circle=circle,
        company=company,
        position=_text(card, "title"),
        email=email,
        phone=_preferred(card, "tel").removeprefix("tel:"),
        url=_text(card, "url"),
        interests=interests,
        how_met=_text(card, "x-workbook-how-met"),
        met_on=_text(card, "x-workbook-met-on") or None,
        notes=_text(card, "note"),
    )


def _reason(error: Exception) -> str:
    # vobject's "At line N" counts lines inside the card, and not the way an editor does: the
    # problem already names the line the card starts on, so keep only the reason.
    if isinstance(error, vobject.base.VObjectError) and error.args:
        return str(error.args[0])
    return str(error)


def _values(card, name: str) -> list:
    return [line.value for line in card.contents.get(name, [])]


def _text(card, name: str) -> str:
    """The first value of a property as text; structured values (ORG) give their first part."""
    for value in _values(card, name):
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _name_from_n(card) -> str:
    for value in _values(card, "n"):
        parts = [value.prefix, value.given, value.additional, value.family, value.suffix]
        words = [" ".join(p) if isinstance(p, list) else p for p in parts]
        return " ".join(w.strip() for w in words if w and w.strip())
    return ""


def _preferred(card, name: str) -> str:
    """The preferred value: PREF=1 (4.0) or TYPE=pref (3.0), else the first."""
    lines = [line for line in card.contents.get(name, []) if isinstance(line.value, str) and line.value.strip()]
    for line in lines:
        types = {t.casefold() for value in line.params.get("TYPE", []) for t in value.split(",")}
        if "pref" in types or line.params.get("PREF", ["0"])[0] == "1":
            return line.value.strip()
    return lines[0].value.strip() if lines else ""


def _categories(card) -> list[str]:
    found = []
    for value in _values(card, "categories"):
        found += value if isinstance(value, list) else value.split(",")
    return found


def _key(card, *, name: str, company: str, email: str) -> str:
    uid = _text(card, "uid")
    if uid.startswith(SOURCES):
        return uid
    if uid:
        return f"vcard:uid:{uid}"
    return source_key("vcard", email=email, name=name, company=company)


# --- writing ---------------------------------------------------------------------------------


def write(contacts: list[dict]) -> str:
    """vCard 3.0 text for contacts given as rows of the contacts table."""
    return "".join(_card(contact).serialize() for contact in contacts)


def _card(contact: dict):
    card = vobject.vCard()
    given, _, family = contact["name"].rpartition(" ")
    card.add("fn").value = contact["name"]
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact["source_key"]:
        card.add("uid").value = contact["source_key"]
    simple = {"org": "company", "title": "position", "email": "email", "tel": "phone", "url": "url", "note": "notes"}
    for prop, column in simple.items():
        if contact[column]:
            card.add(prop).value = [contact[column]] if prop == "org" else contact[column]
    if contact["interests"]:
        card.add("categories").value = [i.strip() for i in contact["interests"].split(",") if i.strip()]
    card.add("x-workbook-circle").value = contact["circle"]
    for prop, column in {"x-workbook-how-met": "how_met", "x-workbook-met-on": "met_on"}.items():
        if contact[column]:
            card.add(prop).value = contact[column]
    return card
