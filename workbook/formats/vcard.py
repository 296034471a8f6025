"""vCard files (.vcf) with any number of cards: read 2.1, 3.0 and 4.0 as real programs write
them; write 3.0.

Reading is done here rather than by vobject, because the files people have bend the
specifications in ways a strict parser refuses and each of them must be met on purpose:

- vCard 2.1 (Outlook, Android, older phones): QUOTED-PRINTABLE values whose lines end in '='
  and continue on the next line (a soft line break, RFC 2045 6.7), bare parameters (`TEL;WORK;VOICE`),
  and a CHARSET parameter naming how the value's bytes are encoded (SHIFT_JIS, ISO-8859-1...).
  Windows-1252 stands in for ISO-8859-1 and ASCII, as browsers do (WHATWG Encoding), so bytes
  0x80-0x9F mean the letters those writers meant (€, curly quotes) and not control characters.
- Folded lines (a line starting with a space or tab continues the one before, RFC 2425 5.8.1),
  line ends of any kind, and blank lines, which iPhone exports (iOS 5/6: CR CR LF) leave between
  a folded PHOTO's pieces.
- Grouped properties (`item1.EMAIL`, Apple) and `PROFILE:VCard` (Lotus Notes) are read like
  any other line; photos are never kept, so a damaged one only earns a note.
- Escapes follow the card's version: 3.0 and 4.0 (RFC 2426 5, RFC 6350 3.4) unescape `\\n`,
  `\\,`, `\\;` and `\\\\`, plus `\\:`, which Google and Apple write in web addresses; 2.1 has no `\\n`
  (line breaks travel as quoted-printable), so there a backslash and 'n' stay as they are.
- 4.0: PREF=1 marks the preferred email or phone (3.0 used TYPE=pref), phone numbers may be
  'tel:' URIs.

A card that cannot be read is left out with a line in the report saying where it starts, whose
card it is when a name can be found, and why; the rest of the file is imported. Only when no card
at all can be read is the import refused. A file cut off in the middle of a card is refused, since
it is damaged as a whole.

Fields the workbook has and vCard does not travel as X-WORKBOOK-CIRCLE, X-WORKBOOK-HOW-MET,
X-WORKBOOK-MET-ON and X-WORKBOOK-SOURCE-KEY. Every exported card has a UID that stays the same
from one export to the next, and a REV."""

from __future__ import annotations

import base64
import binascii
import codecs
import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Iterator

from ..domain.contacts import CIRCLES
from ..domain.validation import ValidationError
from .common import ContactRecord, FormatError, Parsed, Problem, circle_and_interests, shown, source_key

LABEL = "vCard"
SOURCES = ("linkedin:", "google:", "vcard:", "csv:")  # keys this workbook made: kept as they are
UID_NAMESPACE = uuid.UUID("2d0f6b52-8c1e-4f7a-9b3d-6e5a4c3b2a19")
MAX_DEPTH = 20  # components nested inside a card (2.1 AGENT cards, X- blocks); deeper is junk
PHOTOS = {"PHOTO", "LOGO", "SOUND", "KEY"}  # binary properties: never kept, checked only for a note
# Charsets old writers declare for bytes that are really Windows-1252 (WHATWG Encoding, "labels").
WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}
_LINE_END = re.compile(r"\r\n|\r|\n")
_MARKER = re.compile(r"\s*(BEGIN|END)\s*:\s*(\S+)\s*", re.IGNORECASE)
_NAME = re.compile(r"(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)")
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


def is_vcard(text: str) -> bool:
    return text.lstrip().upper().startswith("BEGIN:VCARD")


_VERSION_LINE = re.compile(r"^VERSION:[ \t]*([0-9.]+)[ \t\r]*$", re.IGNORECASE | re.MULTILINE)
_PRODID_LINE = re.compile(r"^PRODID:[ \t]*(.+?)[ \t\r]*$", re.IGNORECASE | re.MULTILINE)


def describe(text: str) -> str:
    """What kind of vCard file this looks like, for the report: its versions and, when a card
    says so (PRODID), the program that wrote it: 'vCard 2.1 and 3.0, from Apple Inc. iOS 6.1.3'."""
    versions = sorted(set(_VERSION_LINE.findall(text)) & {"2.1", "3.0", "4.0"})
    label = f"{LABEL} {' and '.join(versions)}" if versions else LABEL
    writers = [product for product in dict.fromkeys(_PRODID_LINE.findall(text)) if not product.startswith("-//networking-workbook")]
    if len(writers) == 1:
        parts = [part for part in writers[0].strip("-/").split("//") if part and part.upper() != "EN"]
        label += f", from {shown(' '.join(parts), 60)}"
    return label


class CardError(Exception):
    """Why one card cannot be read; the card is left out."""


@dataclasses.dataclass
class Property:
    line: int
    name: str  # upper case, group dropped
    params: dict[str, list[str]]  # names upper case; bare 2.1 parameters filed under TYPE or ENCODING
    value: str  # as in the file: still encoded and escaped

    def types(self) -> set[str]:
        return {t.strip().casefold() for value in self.params.get("TYPE", []) for t in value.split(",")}


@dataclasses.dataclass
class Card:
    line: int
    properties: list[Property] = dataclasses.field(default_factory=list)
    error: str | None = None  # set while splitting: the card is unreadable as a whole
    nested: int = 0  # lines of components nested inside, ignored

    def named(self, name: str) -> list[Property]:
        return [prop for prop in self.properties if prop.name == name]


# --- lines and cards --------------------------------------------------------------------------


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each content line with the line it starts on: folds joined, quoted-printable soft line
    breaks joined (unless what follows is the card's END, which a broken writer left an '=' before),
    blank lines (and so the extra CR of CR CR LF) dropped. Pieces are joined once, at the end of a
    line, so a value folded thousands of times costs no more than one written on one line."""
    pieces, start, quoted_printable = [], 0, None  # None: the parameters are not all read yet
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if not line.strip():
            continue
        if pieces and quoted_printable is None:
            quoted_printable = _says_quoted_printable("".join(pieces))
        if quoted_printable and pieces[-1].endswith("=") and not _MARKER.fullmatch(line):
            pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
        elif line[0] in " \t":
            if not pieces:
                raise FormatError(
                    "this line starts with a space, which makes it the continuation of a line before it, "
                    "but nothing comes before it; this is not a vCard a contacts program wrote.",
                    line=number,
                )
            pieces.append(line[1:])
        else:
            if pieces:
                yield start, "".join(pieces)
            pieces, start, quoted_printable = [line], number, None
    if pieces:
        yield start, "".join(pieces)


def _says_quoted_printable(head: str) -> bool | None:
    """Whether the parameters (before the first ':') say QUOTED-PRINTABLE; None while the ':' is
    still to come in a folded line, up to a length no real property name and parameters reach."""
    colon = head.find(":")
    if colon < 0:
        return None if len(head) < 1_000 else False
    return "quoted-printable" in head[:colon].casefold()


def cards(text: str) -> Iterator[Card]:
    """The cards of a file, each with the line its BEGIN:VCARD is on. A card with no END before
    the next BEGIN:VCARD is marked unreadable (unless it is a 2.1 AGENT card inside it); a file
    that ends inside a card is refused."""
    card, depth, previous = None, 0, ""
    for number, line in logical_lines(text):
        marker = _MARKER.fullmatch(line)
        kind, what = (marker[1].upper(), marker[2].upper()) if marker else ("", "")
        if card is None:
            if (kind, what) == ("BEGIN", "VCARD"):
                card, depth = Card(number), 0
            elif (kind, what) != ("END", "VCARD"):  # a stray END after a cut card: nothing to read
                raise FormatError(
                    "this line is outside any BEGIN:VCARD ... END:VCARD card, so this is not a vCard file "
                    "a contacts program wrote; remove the line or export the contacts again.",
                    line=number,
                )
            continue
        if kind == "BEGIN":
            if what == "VCARD" and depth == 0 and not _is_agent(previous):
                card.error = f"it has no END:VCARD before the next card begins on line {number}"
                yield card
                card, previous = Card(number), ""
                continue
            depth += 1
            if depth > MAX_DEPTH:
                card.error = "it nests BEGIN ... END blocks too deeply to read"
        elif kind == "END" and depth > 0:
            depth -= 1
        elif kind == "END" and what == "VCARD":
            yield card
            card = None
        elif depth > 0:
            card.nested += 1
        elif card.error is None:
            try:
                card.properties.append(_property(number, line))
            except CardError as error:
                card.error = str(error)
        previous = line
    if card is not None:
        raise FormatError(
            "the card that begins here has no END:VCARD, so the file is cut off; export the contacts again.",
            line=card.line,
        )


def _is_agent(line: str) -> bool:
    """vCard 2.1 embeds an assistant's card after a line 'AGENT:' with no value."""
    head, _, value = line.partition(":")
    match = _NAME.match(head)
    return bool(match and match[1].upper() == "AGENT" and not value.strip())


def _property(number: int, line: str) -> Property:
    """NAME;PARAM=VALUE;BARE:value, with double-quoted parameter values that may hold ; and :."""
    match = _NAME.match(line)
    if not match:
        raise CardError(f"line {number} does not start with a property name: '{shown(line, 60)}'")
    name, position, params = match[1].upper(), match.end(), {}
    while position < len(line) and line[position] == ";":
        position, param = _parameter(line, position + 1)
        key, has_value, values = param.partition("=")
        key = key.strip().upper()
        if has_value:
            params.setdefault(key, []).extend(_unquote(part) for part in _split_quoted(values))
        elif key:  # vCard 2.1: TEL;WORK;VOICE and EMAIL;QUOTED-PRINTABLE
            params.setdefault("ENCODING" if key in _ENCODINGS else "TYPE", []).append(key)
    if position >= len(line) or line[position] != ":":
        raise CardError(f"line {number} has no ':' between the property name and its value: '{shown(line, 60)}'")
    return Property(number, name, params, line[position + 1 :])


def _parameter(line: str, position: int) -> tuple[int, str]:
    quoted, start = False, position
    while position < len(line):
        char = line[position]
        if char == '"':
            quoted = not quoted
        elif char in ";:" and not quoted:
            break
        position += 1
    return position, line[start:position]


def _split_quoted(values: str) -> list[str]:
    parts, current, quoted = [], "", False
    for char in values:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    return parts + [current]


def _unquote(value: str) -> str:
    value = value.strip()
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


# --- values -------------------------------------------------------------------------------------


@dataclasses.dataclass
class Decoder:
    """Turns a property's value into text, by the card's version and the file's encoding.
    `raw` means the file was not UTF-8, so the text holds its bytes one character each (Latin-1)
    and every value is decoded here by its CHARSET. When the whole file is valid UTF-8, its 8-bit
    values already are text, whatever a CHARSET says; CHARSET then applies to quoted-printable
    bytes only."""

    version: str
    raw: bool
    guessed: bool = False  # a value had no CHARSET and was not UTF-8: read as Windows-1252

    def text(self, prop: Property, what: str) -> str:
        """The value with its encoding undone but escapes still in place."""
        value = prop.value
        charset = (prop.params.get("CHARSET") or [""])[0].strip()
        encodings = {e.upper() for e in prop.params.get("ENCODING", [])}
        if "QUOTED-PRINTABLE" in encodings:
            data = binascii.a2b_qp(value.encode("latin-1" if self.raw else "utf-8"))
            return self._decode(data, charset, what)
        if self.raw:
            return self._decode(value.encode("latin-1"), charset, what)
        return value

    def _decode(self, data: bytes, charset: str, what: str) -> str:
        if charset:
            name = "cp1252" if charset.casefold() in WINDOWS_1252_LABELS else charset
            try:
                codecs.lookup(name)
            except LookupError:
                raise CardError(f"its {what} is in a character set the workbook does not know ('{shown(charset, 40)}')") from None
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                raise CardError(f"its {what} is not valid {shown(charset, 40)} text, as the card says it is") from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.guessed = True
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return data.decode("latin-1")

    def unescape(self, text: str) -> str:
        if self.version == "2.1":
            return re.sub(r"\\([\\;,:])", r"\1", text)
        return re.sub(r"\\(.)", _unescape_3, text, flags=re.DOTALL)

    def parts(self, text: str, separator: str) -> list[str]:
        """A structured value (N, ORG: ';') or a list (CATEGORIES: ',') split on the separators
        that are not escaped, each part unescaped."""
        parts, current, position = [], [], 0
        while position < len(text):
            char = text[position]
            if char == "\\" and position + 1 < len(text):
                current.append(text[position : position + 2])
                position += 2
                continue
            if char in separator:
                parts.append("".join(current))
                current = []
            else:
                current.append(char)
            position += 1
        return [self.unescape(part) for part in parts + ["".join(current)]]


def _unescape_3(match: re.Match) -> str:
    char = match[1]
    if char in "nN":
        return "\n"
    return char if char in "\\,;:" else "\\" + char  # an unknown escape (C:\Users) stays as written


# --- a card to a contact --------------------------------------------------------------------------


class NoName(Exception):
    """A card with nothing to call the contact: left out, like a CSV row with no name."""


def read(text: str, *, raw: bool = False) -> Parsed:
    """Records for the cards that can be read, and a problem for each one that cannot (fatal
    only when nothing at all could be read)."""
    records, problems, left_out, guessed = [], [], [], []
    for card in cards(text):
        decoder = Decoder(_version(card), raw)
        name = _safe_name(card, decoder)
        whose = f"the card for '{shown(name, 60)}'" if name else "a card"
        try:
            if card.error:
                raise CardError(card.error)
            record, notes = _record(card, decoder)
            records.append(record.validated())
            problems += [Problem(card.line, f"{whose}: {note}", fatal=False, skipped=False) for note in notes]
        except NoName:
            problems.append(Problem(
                card.line, "a card with no name (FN or N) was left out. Give it a name in your contacts app to import it.",
                fatal=False))
        except CardError as error:
            left_out.append((card.line, f"{whose} cannot be read: {error}"))
        except ValidationError as error:
            left_out.append((card.line, f"{whose} cannot be imported: {shown(error.message, 300).rstrip('.')}"))
        if decoder.guessed:
            guessed.append(card.line)
    nothing_read = not records
    for line, message in left_out:
        if nothing_read:
            problems.append(Problem(line, f"{message}. No card in this file could be read, so nothing was imported.", fatal=True))
        else:
            problems.append(Problem(line, f"{message}; that card was left out and the others imported.", fatal=False))
    if guessed:
        more = f" (and {len(guessed) - 1} more)" if len(guessed) > 1 else ""
        problems.append(Problem(
            guessed[0], f"this card{more} is not UTF-8 and does not say which character set it uses; it was read as "
            "Windows-1252 (Western European). Check that accented names look right.", fatal=False, skipped=False))
    return records, problems


def _version(card: Card) -> str:
    for prop in card.named("VERSION"):
        if prop.value.strip() in ("2.1", "3.0", "4.0"):
            return prop.value.strip()
    return "3.0"  # what the workbook writes, and the most common


def _safe_name(card: Card, decoder: Decoder) -> str:
    """The card's name for a message, or '' when even that cannot be read."""
    try:
        return _name(card, Decoder(decoder.version, decoder.raw))
    except CardError:
        return ""


def _name(card: Card, decoder: Decoder) -> str:
    name = _text(card, "FN", decoder, "name (FN)")
    if name:
        return name
    for prop in card.named("N"):
        family, given, additional, prefix, suffix = (decoder.parts(decoder.text(prop, "name (N)"), ";") + [""] * 5)[:5]
        words = (prefix, given, additional, family, suffix)
        return " ".join(" ".join(w.replace(",", " ").split()) for w in words if w.strip())
    return ""


def _text(card: Card, name: str, decoder: Decoder, what: str) -> str:
    """The first non-empty value of a property, as text."""
    for prop in card.named(name):
        value = decoder.unescape(decoder.text(prop, what)).strip()
        if value:
            return value
    return ""


def _first_part(card: Card, name: str, decoder: Decoder, what: str) -> str:
    for prop in card.named(name):
        value = decoder.parts(decoder.text(prop, what), ";")[0].strip()
        if value:
            return value
    return ""


def _preferred(card: Card, name: str, decoder: Decoder, what: str) -> str:
    """The preferred value: PREF=1 (4.0) or TYPE=pref (3.0, and a bare PREF in 2.1), else the first."""
    values = []
    for prop in card.named(name):
        value = decoder.unescape(decoder.text(prop, what)).strip()
        if value:
            preferred = "pref" in prop.types() or (prop.params.get("PREF") or ["0"])[0].strip() == "1"
            values.append((not preferred, len(values), value))
    return min(values)[2] if values else ""


def _categories(card: Card, decoder: Decoder) -> list[str]:
    found = []
    separators = ",;" if decoder.version == "2.1" else ","
    for prop in card.named("CATEGORIES"):
        found += decoder.parts(decoder.text(prop, "categories"), separators)
    return found


def _record(card: Card, decoder: Decoder) -> tuple[ContactRecord, list[str]]:
    name = _name(card, decoder)
    if not name:
        raise NoName()
    company = _first_part(card, "ORG", decoder, "company (ORG)")
    email = _preferred(card, "EMAIL", decoder, "email")
    circle = _text(card, "X-WORKBOOK-CIRCLE", decoder, "circle")
    if circle in CIRCLES:  # the workbook's own export: categories are all interests
        interests = ", ".join(c.strip() for c in _categories(card, decoder) if c.strip())
    else:
        circle, interests = circle_and_interests(_categories(card, decoder))
    record = ContactRecord(
        line=card.line,
        source_key=_key(card, decoder, name=name, company=company, email=email),
        name=name,
        circle=circle,
        company=company,
        position=_text(card, "TITLE", decoder, "job title (TITLE)"),
        email=email,
        phone=_preferred(card, "TEL", decoder, "phone").removeprefix("tel:"),
        url=_text(card, "URL", decoder, "web address (URL)"),
        interests=interests,
        how_met=_text(card, "X-WORKBOOK-HOW-MET", decoder, "how we met"),
        met_on=_text(card, "X-WORKBOOK-MET-ON", decoder, "met-on date") or None,
        notes=_text(card, "NOTE", decoder, "note"),
    )
    return record, _notes(card)


def _notes(card: Card) -> list[str]:
    """What was left out of a card that was imported, worth a line in the report."""
    notes = [f"its {prop.name.lower()} is damaged; the card was imported without it (the workbook keeps no photos)."
             for prop in card.properties if prop.name in PHOTOS and not _binary_ok(prop)]
    if card.nested:
        notes.append("it holds another card inside it (vCard 2.1 AGENT, an assistant's details), which was left out.")
    return notes


def _binary_ok(prop: Property) -> bool:
    """Whether an inline photo (base64, or a 4.0 data: URI) decodes; a link is not checked."""
    value = "".join(prop.value.split())
    encodings = {e.upper() for e in prop.params.get("ENCODING", [])}
    if value.casefold().startswith("data:"):
        header, _, value = value.partition(",")
        if not header.casefold().endswith(";base64"):
            return True
    elif not encodings & {"B", "BASE64"}:
        return True
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _key(card: Card, decoder: Decoder, *, name: str, company: str, email: str) -> str:
    workbook_key = _text(card, "X-WORKBOOK-SOURCE-KEY", decoder, "source key")
    if workbook_key.startswith(SOURCES):
        return workbook_key
    uid = _text(card, "UID", decoder, "UID")
    if uid.startswith(SOURCES):  # written by workbook versions before X-WORKBOOK-SOURCE-KEY
        return uid
    if uid:
        return f"vcard:uid:{uid}"
    return source_key("vcard", email=email, name=name, company=company)


# --- writing ---------------------------------------------------------------------------------


def uid(contact: dict) -> str:
    """The UID a contact's card carries in every export. A contact that came from a card keeps
    that card's UID, so the address book it came from updates it instead of adding a copy; any
    other gets a UUID made from its id and the moment it was added, which never change."""
    if (contact.get("source_key") or "").startswith("vcard:uid:"):
        return contact["source_key"].removeprefix("vcard:uid:")
    made = f"{contact['id']}|{contact['created_at']}"
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, made)}"


def write(contacts: list[dict], *, now: dt.datetime | None = None) -> str:
    """vCard 3.0 text for contacts given as rows of the contacts table."""
    revision = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return "".join(_card(contact, revision).serialize() for contact in contacts)


def _card(contact: dict, revision: str):
    import vobject  # only writing needs it, and the command line should start quickly for an import

    card = vobject.vCard()
    given, _, family = contact["name"].rpartition(" ")
    card.add("fn").value = contact["name"]
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("uid").value = uid(contact)
    card.add("rev").value = revision
    simple = {"org": "company", "title": "position", "email": "email", "tel": "phone", "url": "url", "note": "notes"}
    for prop, column in simple.items():
        if contact[column]:
            card.add(prop).value = [contact[column]] if prop == "org" else contact[column]
    if contact["interests"]:
        card.add("categories").value = [i.strip() for i in contact["interests"].split(",") if i.strip()]
    card.add("x-workbook-circle").value = contact["circle"]
    for prop, column in {"x-workbook-how-met": "how_met", "x-workbook-met-on": "met_on",
                         "x-workbook-source-key": "source_key"}.items():
        if contact[column]:
            card.add(prop).value = contact[column]
    return card
