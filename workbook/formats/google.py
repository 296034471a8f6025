"""Google Contacts CSV, in both shapes Google has exported: the current one ("First Name",
"Organization Name", "Labels", "E-mail 1 - Value") and the older one ("Given Name", "Family Name",
"Group Membership", "Organization 1 - Name"). Columns are found by name, never by position; the
numbered groups (E-mail 1, E-mail 2, ...) vary from file to file.

Circle: 'personal' or 'professional' when the contact's labels say so (Family, Friends, Coworkers...),
otherwise 'both'. The other labels become interests."""

from __future__ import annotations

import re

from .common import (
    ContactRecord,
    FormatError,
    Parsed,
    SkipRow,
    as_dict,
    circle_and_interests,
    collect,
    csv_table,
    identity,
    source_key,
)

LABEL = "Google Contacts"
SEPARATOR = " ::: "  # how Google joins several values in one cell
_MARKERS = {
    "Given Name", "Family Name", "Additional Name", "Group Membership", "Labels", "Middle Name", "File As",
    "Organization Name", "Organization Title", "Organization 1 - Name", "E-mail 1 - Value", "Phone 1 - Value",
}
NAME_PARTS = (("First Name", "Middle Name", "Last Name"), ("Given Name", "Additional Name", "Family Name"))
COMPANY = ("Organization Name", "Organization 1 - Name")
POSITION = ("Organization Title", "Organization 1 - Title")
LABELS = ("Labels", "Group Membership")


def is_header(row: list[str]) -> bool:
    return len({cell.strip() for cell in row} & _MARKERS) >= 2


def read(text: str) -> Parsed:
    records, problems = _read(text)
    return _told_apart(records), problems


def _read(text: str) -> Parsed:
    line, header, rows = csv_table(text, is_header, "Google Contacts")
    if not {"Name", "Nickname"}.union(*NAME_PARTS) & set(header):
        raise FormatError(
            "the Google Contacts header has no name column ('First Name' or 'Given Name'); "
            "export the file again without editing it.",
            line=line,
        )
    columns = {
        "email": _numbered(header, "E-mail"),
        "phone": _numbered(header, "Phone"),
        "url": _numbered(header, "Website"),
    }
    return collect(rows, lambda _line, row: _record(_line, as_dict(header, row), columns))


def _numbered(header: list[str], group: str) -> list[str]:
    """'E-mail 1 - Value', 'E-mail 2 - Value', ... in number order."""
    pattern = re.compile(rf"{re.escape(group)} (\d+) - Value")
    found = [(int(m.group(1)), name) for name in header if (m := pattern.fullmatch(name))]
    return [name for _, name in sorted(found)]


def _first(row: dict[str, str], columns) -> str:
    """The first non-empty value in the first of `columns` that has one."""
    for column in columns:
        for value in row.get(column, "").split(SEPARATOR):
            if value.strip():
                return value.strip()
    return ""


def _name(row: dict[str, str]) -> str:
    """The older export's 'Name' is the name as the person chose to show it (with a suffix, or a
    display name unlike the parts), so it comes first; otherwise the parts, then a nickname."""
    if row.get("Name", "").strip():
        return row["Name"].strip()
    for parts in NAME_PARTS:
        name = " ".join(row.get(part, "").strip() for part in parts if row.get(part, "").strip())
        if name:
            return name
    return row.get("Nickname", "").strip()


def _record(line: int, row: dict[str, str], columns: dict[str, list[str]]) -> ContactRecord:
    name = _name(row)
    if not name:
        raise SkipRow("no name (perhaps a company-only entry); skipped. Give it a name in Google Contacts to import it.")
    company, email = _first(row, COMPANY), _first(row, columns["email"])
    labels = _first_cell(row, LABELS).split(SEPARATOR)
    circle, interests = circle_and_interests(labels)
    return ContactRecord(
        line=line,
        source_key=source_key("google", email=email, name=name, company=company),
        name=name,
        circle=circle,
        company=company,
        position=_first(row, POSITION),
        email=email,
        phone=_first(row, columns["phone"]),
        url=_first(row, columns["url"]),
        interests=interests,
        notes=row.get("Notes", ""),
    )


def _first_cell(row: dict[str, str], columns) -> str:
    return next((row[c] for c in columns if row.get(c, "").strip()), "")


def _told_apart(records: list[ContactRecord]) -> list[ContactRecord]:
    """Rows share a key when they share an email (a family's or an office's) or, with no email,
    a name and company. They are the same person only when the names agree too and their phone
    numbers do not differ; otherwise each later row gets a key of its own, made from what tells
    it apart, so it is imported as someone else. A row that is the same person keeps the shared
    key, and the import reports it as a repeat and leaves it out."""
    first: dict[str, ContactRecord] = {}
    for record in records:
        earlier = first.setdefault(record.source_key, record)
        if earlier is record or _same_person(earlier, record):
            continue
        record.source_key += f"|name:{' '.join(record.name.casefold().split())}|tel:{_digits(record.phone)}"
    return records


def _same_person(one: ContactRecord, other: ContactRecord) -> bool:
    phones = {_digits(one.phone), _digits(other.phone)} - {""}
    return identity(one.name, "") == identity(other.name, "") and len(phones) <= 1


def _digits(phone: str) -> str:
    return "".join(char for char in phone if char.isdigit())
