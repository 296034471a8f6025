"""Property tests for every reader and writer, one format at a time, on awkward text: markup,
spreadsheet formula prefixes, quotes, commas, semicolons, colons, backslashes, Google's ' ::: ',
line breaks, bidi and zero-width characters, and any other Unicode.

Writers (vCard, workbook CSV, JSON, iCalendar): what one writes, the matching reader gives back;
the iCalendar export, which the workbook does not read, is parsed back with the icalendar
library. Readers of files only others write (LinkedIn, Google): a tiny generator here renders the
data the way those services do (Google in both its current and older shape), and the reader must
return the same contacts.
tests/test_formats_roundtrip.py covers whole workbooks through the store; these stay at one format,
so each example is cheap."""

import binascii
import csv
import datetime as dt
import io
import string

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.domain.contacts import CIRCLES
from workbook.domain.validation import MAX_NAME, MAX_NOTE, MAX_SHORT
from workbook.formats import csvfile, export_ics, jsonfile, plan_import, vcard
from workbook.formats.common import CIRCLE_LABELS, source_key
from workbook.formats.csvfile import FORMULA_STARTS, restored
from workbook.formats.ics import WEEKDAYS
from workbook.store import Store

SETTINGS = settings(max_examples=50, deadline=None, database=None)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CONTACT_TEXT = ("name", "company", "position", "email", "url", "phone", "interests", "how_met", "notes")

HOSTILE_PIECES = (
    "=", "+", "-", "@", "'", '"', ",", ";", ":", "\\", "|", " ::: ", "=HYPERLINK(\"http://evil.example\",\"x\")",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "\u202e", "\u200b", "Zoë", "渡辺", "🙂",
)
# Any character a learner could type into a one-line field (the model refuses control characters).
typed = st.characters(blacklist_categories=("Cc", "Cs"))


def texts(*, max_size: int, lines: bool = False, pieces=HOSTILE_PIECES, min_size: int = 0):
    """Text as the model stores it (stripped, within its limit), built from hostile pieces and
    random characters; `lines` allows line breaks and tabs, as in notes."""
    extra = ("\n", "\t", "\n\n") if lines else ()
    piece = st.sampled_from(pieces + extra) | st.text(typed, min_size=1, max_size=6)
    return (st.lists(piece, max_size=8).map("".join).map(str.strip)
            .filter(lambda text: min_size <= len(text) <= max_size))


one_line = texts(max_size=60)
# Google joins several values in a cell with ' ::: ', so a value cannot hold it.
single_values = one_line.filter(lambda text: " ::: " not in text)
words = texts(max_size=20, pieces=tuple(p for p in HOSTILE_PIECES if p not in (",", ";", " ::: "))).filter(
    lambda word: word and " ::: " not in word and not set(word) & set(",;"))  # interests split on , and ;
interest_lists = st.lists(words, max_size=3).map(", ".join)
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    """Planning an import needs a store to match against; nothing is ever written to this one."""
    store = Store(tmp_path_factory.mktemp("empty") / "workbook.sqlite3")
    yield store
    store.close()


def planned(data: bytes, filename: str, store) -> list:
    """The contacts the real import path reads from a file (decoding and format detection included)."""
    report = plan_import(data, filename, store)
    assert report.ok and not report.problems, report.messages()
    return report.records


# --- the workbook's own writers ---------------------------------------------------------------------

contact_rows = st.lists(
    st.fixed_dictionaries({
        "name": texts(max_size=MAX_NAME, min_size=1),
        "circle": st.sampled_from(CIRCLES),
        "company": one_line,
        "position": one_line,
        "email": one_line,
        "url": one_line,
        "phone": one_line.filter(lambda p: not p.startswith("tel:")),  # vCard 4.0's tel: URI prefix is dropped
        "interests": interest_lists,
        "how_met": texts(max_size=MAX_SHORT, lines=True),
        "met_on": st.none() | dates.map(dt.date.isoformat),
        "notes": texts(max_size=MAX_NOTE, lines=True),
        "source_key": st.none() | one_line.map(lambda key: f"linkedin:{key}"),
    }),
    min_size=1, max_size=5,
    unique_by=lambda row: source_key("any", email=row["email"], name=row["name"], company=row["company"]),  # else one is skipped
).map(lambda rows: [{**row, "source_key": row["source_key"] and f"{row['source_key']}#{n}"} for n, row in enumerate(rows)])


def as_stored(rows: list[dict], columns: list[str]) -> list[dict]:
    """Rows as the contacts table gives them to a writer: every column, those an import never sets empty."""
    return [{column: {"id": n + 1, **row}.get(column) for column in columns} for n, row in enumerate(rows)]


def assert_same_contacts(rows: list[dict], records: list) -> None:
    assert [{f: getattr(r, f) for f in ("circle", *CONTACT_TEXT, "met_on")} for r in records] == [
        {f: row[f] for f in ("circle", *CONTACT_TEXT, "met_on")} for row in rows]
    for row, record in zip(rows, records):
        if row["source_key"]:
            assert record.source_key == row["source_key"]


@SETTINGS
@given(contact_rows)
def test_vcard_writer_and_reader(empty_store, rows):
    data = vcard.write(as_stored(rows, empty_store.backup.columns()["contacts"])).encode("utf-8")
    assert_same_contacts(rows, planned(data, "contacts.vcf", empty_store))


@SETTINGS
@given(contact_rows)
def test_workbook_csv_writer_and_reader(empty_store, rows):
    columns = empty_store.backup.columns()["contacts"]
    data = csvfile.table_csv(columns, as_stored(rows, columns))
    assert_same_contacts(rows, planned(data, "mine-contacts.csv", empty_store))


cells = st.none() | st.integers(-(2**63), 2**63 - 1) | texts(max_size=80, lines=True) | st.text(max_size=20)


@SETTINGS
@given(st.lists(st.text(string.ascii_lowercase + "_", min_size=1, max_size=8), min_size=1, max_size=6, unique=True)
       .flatmap(lambda columns: st.tuples(st.just(columns), st.lists(st.lists(cells, min_size=len(columns), max_size=len(columns)), max_size=5))))
def test_csv_writer_cells_are_inert_and_read_back(table):
    """Any table the spreadsheet export writes (the exchanges sheet has no reader): no cell would
    run as a formula, and taking off the one protective quote gives every value back."""
    columns, rows = table
    data = csvfile.table_csv(columns, [dict(zip(columns, row)) for row in rows])
    header, *written = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert header == columns
    pairs = [(value, cell) for row, written_row in zip(rows, written) for value, cell in zip(row, written_row)]
    assert not [cell for value, cell in pairs if isinstance(value, str) and cell.startswith(FORMULA_STARTS)]
    assert [[restored(cell) for cell in row] for row in written] == [
        ["" if value is None else str(value) for value in row] for row in rows]


json_values = (st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
               | st.floats(allow_nan=False, allow_infinity=False) | st.text(st.characters(blacklist_categories=("Cs",))))
json_tables = st.dictionaries(
    st.text(min_size=1, max_size=12).filter(lambda name: name not in jsonfile.HEADER),
    st.lists(st.dictionaries(st.text(max_size=10).map(lambda column: f"x_{column}"), json_values, min_size=1, max_size=4), max_size=3),
    min_size=1, max_size=4,
)


@SETTINGS
@given(json_tables)
def test_json_writer_and_reader(tables):
    """Every table, name and value, any text and any number SQLite can hold, comes back exactly."""
    assert jsonfile.read(jsonfile.write(tables, 3).decode("utf-8"), 3) == tables


follow_up_rows = st.lists(
    st.fixed_dictionaries({
        "owner": st.sampled_from(("me", "them")),
        "promise": texts(max_size=200, lines=True, min_size=1),
        "due": st.none() | dates.map(dt.date.isoformat),
        "done_on": st.none() | dates.map(dt.date.isoformat),
    }),
    max_size=4,
)
times = st.times().map(lambda t: t.replace(second=0, microsecond=0))
time_block_rows = st.lists(
    st.tuples(texts(max_size=60, min_size=1), st.integers(0, 6), times, times, dates).filter(lambda b: b[2] < b[3]),
    max_size=3,
)


@pytest.fixture(scope="module")
def calendar_store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("calendar") / "workbook.sqlite3")
    yield store
    store.close()


@SETTINGS
@given(texts(max_size=60, min_size=1), follow_up_rows, time_block_rows)
def test_ics_writer_read_back_with_icalendar(calendar_store, name, follow_ups, blocks):
    store = calendar_store
    with store.transaction() as db:
        for table in ("follow_ups", "time_blocks", "contacts"):
            db.execute(f"DELETE FROM {table}")
        who = db.execute("INSERT INTO contacts (name) VALUES (?)", (name,)).lastrowid
        for row in follow_ups:
            db.execute("INSERT INTO follow_ups (contact_id, owner, promise, due, done_on) VALUES (?, ?, ?, ?, ?)",
                       (who, row["owner"], row["promise"], row["due"], row["done_on"]))
        for label, weekday, start, end, starts_on in blocks:
            db.execute("INSERT INTO time_blocks (label, weekday, start_time, end_time, starts_on) VALUES (?, ?, ?, ?, ?)",
                       (label, weekday, f"{start:%H:%M}", f"{end:%H:%M}", starts_on.isoformat()))
    path = store.path.parent / "calendar.ics"
    export_ics(store, path, follow_ups_as="todos")
    calendar = icalendar.Calendar.from_ical(path.read_bytes())

    todos = calendar.walk("VTODO")
    open_ones = [row for row in follow_ups if not row["done_on"]]
    assert [str(todo["SUMMARY"]) for todo in todos] == [
        f"Follow up with {name}: {row['promise']}" if row["owner"] == "me"
        else f"Check in with {name}, who promised: {row['promise']}" for row in open_ones]
    assert [todo["DUE"].dt.isoformat() if "DUE" in todo else None for todo in todos] == [row["due"] for row in open_ones]

    events = calendar.walk("VEVENT")
    assert len(events) == len(blocks)
    for event, (label, weekday, start, end, starts_on) in zip(events, blocks):
        first, last = event["DTSTART"].dt, event["DTEND"].dt
        assert str(event["SUMMARY"]) == label
        assert (first.weekday(), first.time(), last.time(), last.date()) == (weekday, start, end, first.date())
        assert dt.timedelta(0) <= first.date() - starts_on < dt.timedelta(days=7)
        assert event["RRULE"]["BYDAY"] == [WEEKDAYS[weekday]]


# --- readers of files others write: rendered here the way those services write them --------------

def render_csv(header: list[str], rows: list[dict], *, preamble: str = "") -> bytes:
    out = io.StringIO(newline="")
    out.write(preamble)
    writer = csv.DictWriter(out, header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


LINKEDIN_NOTES = 'Notes:\r\n"When exporting your connection data, some email addresses may be missing."\r\n\r\n'
linkedin_people = st.lists(
    st.fixed_dictionaries({
        "first": texts(max_size=90, min_size=1), "last": texts(max_size=90),
        "profile": one_line, "email": one_line, "company": one_line, "position": one_line,
        "connected": st.none() | st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)),
    }),
    min_size=1, max_size=5,
)


@SETTINGS
@given(linkedin_people, st.permutations(("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")))
def test_linkedin_reader(empty_store, people, header):
    rows = [{
        "First Name": p["first"], "Last Name": p["last"],
        "URL": f"https://www.linkedin.com/in/person-{n}-{p['profile']}", "Email Address": p["email"],
        "Company": p["company"], "Position": p["position"],
        "Connected On": f"{p['connected'].day:02d} {MONTHS[p['connected'].month - 1]} {p['connected'].year}" if p["connected"] else "",
    } for n, p in enumerate(people)]
    records = planned(render_csv(list(header), rows, preamble=LINKEDIN_NOTES), "Connections.csv", empty_store)
    expected = [{
        "name": " ".join(part for part in (p["first"], p["last"]) if part), "circle": "professional",
        "company": p["company"], "position": p["position"], "email": p["email"], "url": row["URL"],
        "met_on": p["connected"].isoformat() if p["connected"] else None,
        "how_met": f"LinkedIn, connected {p['connected'].isoformat()}" if p["connected"] else "LinkedIn",
    } for p, row in zip(people, rows)]
    assert [{f: getattr(r, f) for f in expected[0]} for r in records] == expected


GOOGLE_COLUMNS = ("First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title", "Notes", "Labels",
                  "E-mail 1 - Value", "E-mail 2 - Value", "Phone 1 - Value", "Website 1 - Value")
OLDER_GOOGLE_NAMES = {"First Name": "Given Name", "Middle Name": "Additional Name", "Last Name": "Family Name",
                      "Organization Name": "Organization 1 - Name", "Organization Title": "Organization 1 - Title",
                      "Labels": "Group Membership"}
label_names = st.sampled_from(sorted(CIRCLE_LABELS)) | words.filter(  # '*' starts Google's system groups
    lambda word: not word.startswith("*") and word.casefold() not in {*CIRCLE_LABELS, "mycontacts"})
google_people = st.lists(
    st.fixed_dictionaries({
        "first": single_values.filter(bool), "middle": single_values, "last": single_values,
        "company": single_values, "title": single_values,
        "notes": texts(max_size=MAX_NOTE, lines=True), "labels": st.lists(label_names, max_size=4, unique_by=str.casefold),
        "first_email_empty": st.booleans(), "email": single_values, "phone": single_values, "website": single_values,
    }),
    min_size=1, max_size=5,
)


@SETTINGS
@given(google_people, st.permutations(GOOGLE_COLUMNS), st.booleans())
def test_google_reader(empty_store, people, header, older):
    rows = []
    for n, p in enumerate(people):
        second = f"person{n}.{p['email']}"  # always there and unique, so no row matches another
        rows.append({
            "First Name": p["first"], "Middle Name": p["middle"], "Last Name": p["last"],
            "Organization Name": p["company"], "Organization Title": p["title"], "Notes": p["notes"],
            "Labels": " ::: ".join(["* myContacts", *p["labels"]]),
            "E-mail 1 - Value": "" if p["first_email_empty"] else f"first{n} ::: {second}",
            "E-mail 2 - Value": second, "Phone 1 - Value": p["phone"], "Website 1 - Value": p["website"],
        })
    if older:
        header = [OLDER_GOOGLE_NAMES.get(column, column) for column in header]
        rows = [{OLDER_GOOGLE_NAMES.get(column, column): value for column, value in row.items()} for row in rows]
    records = planned(render_csv(list(header), rows), "contacts.csv", empty_store)
    expected = []
    for n, p in enumerate(people):
        circles = {CIRCLE_LABELS[label.casefold()] for label in p["labels"] if label.casefold() in CIRCLE_LABELS}
        expected.append({
            "name": " ".join(part for part in (p["first"], p["middle"], p["last"]) if part),
            "circle": circles.pop() if len(circles) == 1 else "both",
            "interests": ", ".join(label for label in p["labels"] if label.casefold() not in CIRCLE_LABELS),
            "company": p["company"], "position": p["title"], "notes": p["notes"],
            "email": f"person{n}.{p['email']}" if p["first_email_empty"] else f"first{n}",
            "phone": p["phone"], "url": p["website"],
        })
    assert [{f: getattr(r, f) for f in expected[0]} for r in records] == expected


# --- vCard encodings: quoted-printable and escapes, at the reader's own level ---------------------

any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


def only_property(card_text: str):
    [card] = vcard.cards(card_text)
    [prop] = [p for p in card.properties if p.name == "NOTE"]
    return card, prop


@SETTINGS
@given(text=any_text, charset=st.sampled_from(["UTF-8", "UTF-16-LE", "GB18030"]), crlf=st.sampled_from(["\r\n", "\n", "\r\r\n"]))
def test_quoted_printable_with_soft_line_breaks_round_trips(text, charset, crlf):
    """Any text in a charset that can hold it, quoted-printable encoded with soft line breaks (RFC
    2045 6.7: lines of at most 76 characters, each but the last ending in '='), comes back as it was,
    whatever the file's line ends."""
    encoded = binascii.b2a_qp(text.encode(charset), quotetabs=True, istext=False).decode("ascii")
    body = encoded.replace("=\n", "=" + crlf)
    card_text = crlf.join(["BEGIN:VCARD", "VERSION:2.1", "FN:Someone",
                           f"NOTE;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{body}", "END:VCARD", ""])
    _, prop = only_property(card_text)
    assert vcard.Decoder("2.1", raw=False).text(prop, "note") == text


def escape_3(text: str) -> str:
    """RFC 6350 3.4 / RFC 2426 5: backslash, comma, semicolon and line breaks are escaped."""
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\n").replace("\n", "\\n")


def fold(line: str, width: int = 75) -> str:
    """RFC 6350 3.2: a line break and one space, anywhere (here: every `width` characters)."""
    return "\r\n ".join(line[i:i + width] for i in range(0, len(line), width)) or line


@SETTINGS
@given(text=any_text.map(lambda t: t.replace("\r", "")), version=st.sampled_from(["3.0", "4.0"]))
def test_escaped_and_folded_text_round_trips(text, version):
    card_text = "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", "FN:Someone", fold("NOTE:" + escape_3(text)), "END:VCARD", ""])
    _, prop = only_property(card_text)
    decoder = vcard.Decoder(version, raw=False)
    assert decoder.unescape(decoder.text(prop, "note")) == text


@SETTINGS
@given(parts=st.lists(any_text.map(lambda t: t.replace("\r", "")), min_size=1, max_size=6),
       version=st.sampled_from(["3.0", "4.0"]))
def test_structured_and_list_values_split_only_on_unescaped_separators(parts, version):
    decoder = vcard.Decoder(version, raw=False)
    assert decoder.parts(";".join(escape_3(part) for part in parts), ";") == parts
    assert decoder.parts(",".join(escape_3(part) for part in parts), ",") == parts


@SETTINGS
@given(text=any_text.filter(lambda t: "\\" not in t and "\n" not in t and "\r" not in t))
def test_version_21_unescapes_only_its_own_escapes(text):
    """2.1 escapes the semicolon (and writers the comma, colon and backslash); a backslash before
    anything else, such as 'n', is text: 2.1 line breaks travel as quoted-printable."""
    decoder = vcard.Decoder("2.1", raw=False)
    escaped = text.replace(";", "\\;").replace(",", "\\,")
    assert decoder.unescape(escaped) == text
    assert decoder.unescape("C:\\new\\" + escaped) == "C:\\new\\" + text
