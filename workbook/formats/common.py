"""What every reader and writer shares: the error type, decoding bytes into text, CSV rows with
line numbers, the record an imported contact becomes, stable source keys, and atomic writes."""

from __future__ import annotations

import codecs
import collections
import csv
import dataclasses
import datetime as dt
import io
import operator
import re
from collections.abc import Callable, Iterable, Iterator

from ..domain.contacts import CIRCLES, Contact
from ..domain.validation import MAX_NAME, MAX_NOTE, MAX_SHORT, ValidationError, clean_date, clean_text

MAX_BYTES = 50 * 1024 * 1024  # a 30,000-row LinkedIn export is about 4 MB
HEADER_SCAN = 30  # how many records may come before the header row (LinkedIn puts notes there)

# The contact columns an import fills in. `circle` is set only on new contacts: the learner may
# have moved someone to another circle since, and a re-import should not undo that.
IMPORTED_FIELDS = ("name", "company", "position", "email", "url", "phone", "interests", "how_met", "met_on", "notes")
# The columns an import writes for a new contact, in the order ContactRecord.row() gives them.
INSERT_COLUMNS = ("source_key", "circle", *IMPORTED_FIELDS)
_INSERT_VALUES = operator.attrgetter(*INSERT_COLUMNS)  # one C-level call per row: an import makes 30,000

# File signatures of binary formats people save with a .csv name by mistake, and what to do.
BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (an Excel .xlsx, or LinkedIn's whole data archive: unzip it and import Connections.csv)",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook (save it as CSV UTF-8 first)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"SQLite format 3\x00": "an SQLite database (perhaps a workbook data file: export it as JSON instead)",
}


class FormatError(ValueError):
    """A file the workbook refuses to read or write. The message names the file and, where there
    is one, the line, and says what to do."""

    def __init__(self, message: str, *, filename: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line

    def __str__(self) -> str:
        where = [self.filename or "the file"]
        if self.line is not None:
            where.append(f"line {self.line}")
        return ": ".join(where + [self.message])


def shown(text: str, limit: int = 80) -> str:
    """Text from a file, safe to quote in a message: cut short, and with control and invisible
    characters (terminal escapes, bidi overrides) written as escapes instead of acting."""
    cut = text[:limit]
    escaped = "".join(char if char.isprintable() else repr(char)[1:-1] for char in cut)
    return escaped + ("…" if len(text) > limit else "")


class SkipRow(Exception):
    """A row left out of an import, with the reason; the rest of the file still goes in."""


@dataclasses.dataclass(frozen=True)
class Problem:
    """Something wrong with one row or card. A fatal problem stops the whole import; any other
    leaves the row out (`skipped`), or only notes what was left out of a row that went in."""

    line: int | None
    message: str
    fatal: bool
    skipped: bool = True

    def describe(self, filename: str) -> str:
        where = f"{filename}: line {self.line}" if self.line is not None else filename
        return f"{where}: {self.message}"


@dataclasses.dataclass(slots=True)  # slots: no dict beside each record, and a 30,000-row file makes 60,000 records
class ContactRecord:
    """One contact read from a file, before it is matched against the workbook."""

    line: int | None
    source_key: str
    name: str
    circle: str = "both"
    company: str = ""
    position: str = ""
    email: str = ""
    url: str = ""
    phone: str = ""
    interests: str = ""
    how_met: str = ""
    met_on: str | None = None
    notes: str = ""
    remarks: tuple[str, ...] = ()  # what was left out of this row, for the report

    def validated(self) -> ContactRecord:
        """The same checks a contact typed into a widget gets; raises ValidationError."""
        contact = Contact(
            self.name, self.circle, self.company, self.position, self.email, self.interests, self.how_met, self.notes
        ).validated()
        return ContactRecord(
            self.line,
            self.source_key,
            contact.name,
            contact.circle,
            contact.company,
            contact.position,
            contact.email,
            url=clean_text(self.url, "web address", limit=MAX_SHORT, multiline=False),
            phone=clean_text(self.phone, "phone", limit=MAX_SHORT, multiline=False),
            interests=contact.interests,
            how_met=contact.how_met,
            met_on=clean_date(self.met_on, "met on", today=dt.date.today()).isoformat() if self.met_on else None,
            notes=contact.notes,
            remarks=self.remarks,
        )

    def row(self) -> tuple:
        """The values of INSERT_COLUMNS."""
        return _INSERT_VALUES(self)


# The limits ContactRecord.validated holds each text field to. A value with none of these
# characters (controls, line breaks, tabs), within its limit, comes through those checks as
# itself, stripped; tests/test_formats_properties.py holds the two paths to the same result.
TEXT_LIMITS = {"name": MAX_NAME, "company": MAX_SHORT, "position": MAX_SHORT, "email": MAX_SHORT,
               "interests": MAX_SHORT, "how_met": MAX_SHORT, "notes": MAX_NOTE, "url": MAX_SHORT, "phone": MAX_SHORT}
_NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LIST_SEPARATORS = re.compile(r"[,;]")  # interests are split on these (and line breaks) and joined again


def validate_all(records: list[ContactRecord]) -> list[ContactRecord | ValidationError]:
    """Each record checked as ContactRecord.validated checks it, in the order given. The text of a
    whole file is screened a column at a time; only a row the screen cannot clear goes through the
    checks one by one (which say what is wrong with it)."""
    flagged = set()
    for name, limit in TEXT_LIMITS.items():
        flagged |= _needs_checking(list(map(operator.attrgetter(name), records)), limit)
    days: dict = {}  # met_on as given -> as written: thousands of rows share a few days
    out: list[ContactRecord | ValidationError] = []
    for i, record in enumerate(records):
        if record.met_on not in days:
            days[record.met_on] = _screened_date(record.met_on)
        if (i not in flagged and (name := record.name.strip()) and record.circle in CIRCLES
                and not _LIST_SEPARATORS.search(record.interests)
                and (met_on := days[record.met_on]) is not _CHECK_ON_ITS_OWN):
            out.append(ContactRecord(
                record.line, record.source_key, name, record.circle, record.company.strip(), record.position.strip(),
                record.email.strip(), record.url.strip(), record.phone.strip(), record.interests.strip(),
                record.how_met.strip(), met_on, record.notes.strip(), record.remarks,
            ))
            continue
        try:
            out.append(record.validated())
        except ValidationError as error:
            out.append(error)
    return out


_CHECK_ON_ITS_OWN = object()  # a value only ContactRecord.validated can judge


def _needs_checking(values: list, limit: int) -> set[int]:
    """The rows of a column the screen cannot clear: not text, too long, or holding a control
    character or a line break. One search over the whole column when it is clean (the usual case)."""
    try:
        clean = _NOT_PLAIN.search(" ".join(values)) is None and max(map(len, values), default=0) <= limit
    except TypeError:  # a value that is not text: every row of the column is checked on its own
        return set(range(len(values)))
    if clean:
        return set()
    return {i for i, value in enumerate(values) if len(value) > limit or _NOT_PLAIN.search(value)}


def _screened_date(value):
    """met_on as ContactRecord.validated writes it, or _CHECK_ON_ITS_OWN."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except (AttributeError, ValueError):
        return _CHECK_ON_ITS_OWN


Parsed = tuple[list[ContactRecord], list[Problem]]


def collect(rows: Iterable[tuple[int, object]], build: Callable[[int, object], ContactRecord]) -> Parsed:
    """Turn rows into checked records; a bad row becomes a problem with its line number."""
    built: list[ContactRecord | Problem] = []
    for line, row in rows:
        try:
            built.append(build(line, row))
        except SkipRow as skip:
            built.append(Problem(line, str(skip), fatal=False))
        except ValidationError as error:
            built.append(_invalid(line, error))
    checked = iter(validate_all([item for item in built if isinstance(item, ContactRecord)]))
    records, problems = [], []
    for item in built:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        record = next(checked)
        if isinstance(record, ValidationError):
            problems.append(_invalid(item.line, record))
            continue
        records.append(record)
        problems += [Problem(item.line, remark, fatal=False, skipped=False) for remark in record.remarks]
    return records, problems


def _invalid(line: int, error: ValidationError) -> Problem:
    # Messages may quote the file's text: keep a hostile value from flooding or driving a terminal.
    return Problem(line, f"{shown(error.message, 300)} Fix it in the file and import again.", fatal=True)


# --- bytes to text --------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str | None]:
    """The file's text, and a notice when it was not UTF-8 and we fell back to another encoding.
    Refuses empty files, binary files, and text with NUL bytes."""
    if len(data) > MAX_BYTES:
        raise FormatError(
            f"the file is larger than {MAX_BYTES // 2**20} MB, more than any contacts export; check you chose the right file."
        )
    notice = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data)
    else:
        _refuse_binary(data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data.removeprefix(codecs.BOM_UTF8))  # a BOM, then bytes that are not UTF-8
            notice = "the file is not UTF-8; read it as Windows-1252 (Latin-1). Check that accented names look right."
    if not text.strip():
        raise FormatError("the file is empty; export your contacts again and import the new file.")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise FormatError("contains a NUL byte, so the file is damaged or not plain text; export it again.", line=line)
    return text, notice


def _utf16_without_bom(sample: bytes) -> bool:
    """Mostly ASCII text in UTF-16 has a NUL in every other byte (the odd ones little-endian)."""
    halves = sample[0::2], sample[1::2]
    return len(sample) >= 8 and any(half.count(0) > 0.9 * len(half) for half in halves)


def _decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise FormatError("starts like UTF-16 text but is damaged; export it again as UTF-8.") from None


def _decode_legacy(data: bytes) -> str:
    # Excel on Windows saves "CSV" in Windows-1252, a superset of Latin-1's printable characters;
    # Latin-1 itself decodes any byte, so it is the last resort.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _refuse_binary(data: bytes) -> None:
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise FormatError(f"this is {what}, not a contacts export.")
    sample = data[:4096]
    if _utf16_without_bom(sample):
        raise FormatError(
            "this looks like UTF-16 text without a byte order mark, which cannot be read safely; "
            "open it in a spreadsheet, save it as CSV UTF-8 and import that file."
        )
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f") + sample.count(127)
    if sample and controls / len(sample) > 0.1:
        raise FormatError("this is a binary file, not a text export; choose the CSV, vCard or JSON file itself.")


# --- CSV --------------------------------------------------------------------------------------


def csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank CSV record with the line it starts on. Strict parsing, so a stray or missing
    quote is reported where it is instead of silently swallowing the rest of the file."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FormatError(_csv_problem(error), line=line) from None
        if "".join(row).strip():  # a record with any text in it
            yield line, row
        line = reader.line_num + 1


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return (
            f"a field is longer than {csv.field_size_limit():,} characters, far more than any contact needs; "
            "the file is damaged or not a contacts export."
        )
    if "unexpected end of data" in text:
        return "a quoted field that starts in the row on this line is never closed; fix the quotes and import again."
    return f"the row starting on this line is not valid CSV ({text}); fix the quotes on that row and import again."


def csv_table(text: str, is_header: Callable[[list[str]], bool], what: str):
    """Find the header row by scanning the first records; return its line, its cell names, and an
    iterator over the rows after it."""
    records = csv_records(text)
    for count, (line, row) in enumerate(records):
        if is_header(row):
            header = [cell.strip() for cell in row]
            _refuse_repeated_columns(header, line, what)
            return line, header, records
        if count >= HEADER_SCAN:
            break
    raise FormatError(f"no {what} header row in the first {HEADER_SCAN} rows; export the file again without editing it.")


def _refuse_repeated_columns(header: list[str], line: int, what: str) -> None:
    # With a column twice, which one holds the value is a guess: refuse rather than pick one.
    repeated = [name for name, count in collections.Counter(header).items() if name and count > 1]
    if repeated:
        names = ", ".join(f"'{shown(name)}'" for name in repeated[:5])
        raise FormatError(
            f"the {what} header repeats the column(s) {names}; keep one of each and import again.", line=line
        )


def require_columns(header: list[str], needed: Iterable[str], line: int, what: str) -> None:
    missing = [name for name in needed if name not in header]
    if missing:
        names = ", ".join(repr(name) for name in missing)
        raise FormatError(
            f"the {what} header has no {names} column; export the file again without editing it.", line=line
        )


def as_dict(header: list[str], row: list[str]) -> dict[str, str]:
    if len(row) != len(header):
        raise ValidationError(
            "row",
            f"this row has {len(row)} fields but the header has {len(header)}; "
            "a comma inside a field is probably missing its quotes.",
        )
    return dict(zip(header, row))


# --- identity -----------------------------------------------------------------------------------


def identity(name: str, company: str) -> str:
    """Name and company, case and spacing ignored: how two mentions of one person are matched."""
    return "|".join(" ".join(part.casefold().split()) for part in (name, company))


def source_key(source: str, *, url: str = "", email: str = "", name: str = "", company: str = "") -> str:
    """A stable key for an imported contact: profile URL, else email, else name and company."""
    if url.strip():
        address = url.strip().casefold().rstrip("/")
        for prefix in ("https://", "http://", "www."):
            address = address.removeprefix(prefix)
        return f"{source}:{address}"
    if email.strip():
        return f"{source}:mailto:{email.strip().casefold()}"
    return f"{source}:name:{identity(name, company)}"


# Labels people give groups of contacts that say which circle they belong to. Other labels are
# taken as interests.
CIRCLE_LABELS = {
    "family": "personal",
    "friends": "personal",
    "coworkers": "professional",
    "colleagues": "professional",
    "work": "professional",
    "business": "professional",
    "clients": "professional",
}


def circle_and_interests(labels: Iterable[str]) -> tuple[str, str]:
    """Labels or categories split into a circle ('both' unless the labels say otherwise) and interests."""
    circles, interests = set(), []
    for label in labels:
        label = label.strip()
        if not label or label.startswith("*"):  # "* myContacts", "* starred": Google's system groups
            continue
        if label.casefold() in CIRCLE_LABELS:
            circles.add(CIRCLE_LABELS[label.casefold()])
        elif label.casefold() != "mycontacts":
            interests.append(label)
    circle = circles.pop() if len(circles) == 1 else "both"
    return circle, ", ".join(interests)
