"""LinkedIn's "Connections.csv" (Settings > Data privacy > Get a copy of your data).

A few lines of notes come before the header, so the header is found by scanning. Archives from
before about 2021 have no URL column (`First Name,Last Name,Email Address,Company,Position,
Connected On`): their contacts are keyed on email, else name and company, and a later archive with
URLs takes them over (see importer.match). Everyone imported here lands in the professional
circle, with how and when you connected.

'Connected On' is optional: a file opened and saved again in a spreadsheet may hold it as
'15-Jan-24', '2024-01-15' or '1/15/2024', and all of those are read. A date that cannot be read
for certain is left empty and reported; it never stops the import."""

from __future__ import annotations

import datetime as dt
import re

from .common import ContactRecord, Parsed, SkipRow, as_dict, collect, csv_table, require_columns, shown, source_key

LABEL = "LinkedIn connections"
COLUMNS = ("First Name", "Last Name", "Email Address", "Company", "Position", "Connected On")  # URL: newer archives
_ONLY_LINKEDIN = {"URL", "Email Address", "Company", "Position", "Connected On"}
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
MONTHS = {name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)} | {
    name: number for number, name in enumerate(MONTH_NAMES, start=1)} | {"sept": 9}
# ASCII digits only, and few of them: \d and int() read other scripts' digits too, and a long run
# of digits overflows date() with OverflowError, not ValueError.
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[ -]([A-Za-z]{3,9})\.?[ -]([0-9]{2}|[0-9]{4})")  # 12 Mar 2024, 15-Jan-24
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.? ([0-9]{1,2}),? ([0-9]{4})")  # Mar 12, 2024
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")  # 2024-01-15
_SLASHED = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4}|[0-9]{2})")  # 1/15/2024 or 15/1/2024


class UnreadableDate(ValueError):
    """'Connected On' holds something that is not a date, or not one we can read for certain."""


def is_header(row: list[str]) -> bool:
    cells = {cell.strip() for cell in row}
    return bool(cells & {"First Name", "Last Name"}) and len(cells & _ONLY_LINKEDIN) >= 2


def read(text: str) -> Parsed:
    line, header, rows = csv_table(text, is_header, "LinkedIn")
    require_columns(header, COLUMNS, line, "LinkedIn")
    days: dict[str, str | None] = {}  # 'Connected On' -> ISO date: thousands of rows share a few days
    return collect(rows, lambda _line, row: _record(_line, as_dict(header, row), days))


def _record(line: int, row: dict[str, str], days: dict[str, str | None]) -> ContactRecord:
    name = " ".join(filter(None, (row["First Name"].strip(), row["Last Name"].strip())))
    if not name:
        raise SkipRow("no first or last name (LinkedIn blanks members who hide their details); skipped.")
    remarks, text = (), row["Connected On"]
    if text in days:
        connected = days[text]
    else:
        try:
            connected = days[text] = _iso(connected_on(text))
        except UnreadableDate as problem:
            connected, remarks = None, (f"{problem} The connection was imported without the date.",)
    company, url = row["Company"].strip(), row.get("URL", "")
    return ContactRecord(
        line=line,
        source_key=source_key("linkedin", url=url, email=row["Email Address"], name=name, company=company),
        name=name,
        circle="professional",
        company=company,
        position=row["Position"],
        email=row["Email Address"],
        url=url,
        how_met=f"LinkedIn, connected {connected}" if connected else "LinkedIn",
        met_on=connected,
        remarks=remarks,
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def connected_on(text: str) -> dt.date | None:
    """The date of 'Connected On' in the forms LinkedIn and spreadsheets write; None when empty.
    Month names are matched by hand: strptime's %b follows the locale."""
    text = text.strip()
    if not text:
        return None
    try:
        return _date(text)
    except UnreadableDate as problem:
        quoted = f"'Connected On' is '{shown(text, 40)}'"
        raise UnreadableDate(f"{quoted}, {problem}") from None


def _date(text: str) -> dt.date:
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match[1], _month(match[2]), match[3]
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = _month(match[1]), match[2], match[3]
    elif match := _ISO.fullmatch(text):
        year, month, day = match[1], int(match[2]), match[3]
    elif match := _SLASHED.fullmatch(text):
        first, second, year = int(match[1]), int(match[2]), match[3]
        if first <= 12 and second <= 12 and first != second:
            one, other = (f"{day} {MONTH_NAMES[month - 1].capitalize()}" for month, day in ((first, second), (second, first)))
            raise UnreadableDate(f"which could be {one} or {other}; it cannot be read for certain.")
        month, day = (second, str(first)) if first > 12 else (first, str(second))
    else:
        month = None
    if not month:
        raise UnreadableDate("not a date like '12 Mar 2024'.")
    try:
        return dt.date(_full_year(year), month, int(day))
    except ValueError:
        raise UnreadableDate("which is not a real date.") from None


def _month(name: str) -> int | None:
    """'Mar', 'March' or 'Sept', in any case; None for anything else."""
    return MONTHS.get(name.casefold())


def _full_year(year: str) -> int:
    """'24' is 2024: LinkedIn began in 2003, so a two-digit year is this century unless that is
    still to come."""
    if len(year) == 4:
        return int(year)
    full = 2000 + int(year)
    return full if full <= dt.date.today().year else full - 100
