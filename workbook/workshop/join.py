"""What learners get before and after a workshop: a join page (the link, its QR code, what to do if
the page does not load, where their data lives), the pre-workshop email and the feedback form.

`materials(...)` fills all three from one set of details; `write(folder, materials)` saves them.
The email and the form are Markdown templates (workbook/workshop/templates/); the join page is one
self-contained HTML file that prints on one page. Every value the instructor gives is shown as
text: escaped in HTML, and in Markdown stripped of anything that would become markup."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import string
from pathlib import Path

from .. import agenda as agenda_module
from .. import course
from ..files import atomic_write
from . import paper, qr
from .links import COURSE_TITLE, COURSE_URL

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_FIELD = 200

DATA_PLACES = (
    ("On your own laptop", "in one file in your user folder (the command python -m workbook where prints its path)."),
    ("On the workshop's JupyterHub", "in your own home folder on the hub, next to (not inside) your copy of the course."),
    ("On Binder", "in a temporary session that ends when you close it: before you leave, export your workbook "
                  "(chapter 08 shows how) and download the file."),
    ("In the in-browser version", "in this browser on this device; clearing the site's data deletes it, so export it to keep a copy."),
)

TROUBLE = (
    "Check the link letter by letter, or scan the QR code again.",
    "Try another up-to-date browser (Firefox, Chrome, Edge or Safari).",
    "If the page says it is starting or building, wait two minutes: the first start is the slowest.",
    "A work laptop may block the site: try your phone's hotspot, or share a screen with a neighbour for now.",
    "Still stuck? Put your hand up. You lose nothing by starting a few minutes late.",
)


class JoinError(ValueError):
    """A detail for the join page cannot be used; the message names it and says what to give."""


@dataclasses.dataclass(frozen=True)
class Details:
    link: str
    date: str
    start: str = "09:00"
    place: str = "to be confirmed"
    instructor: str = "Your instructor"
    title: str = COURSE_TITLE
    format_key: str = "90min"
    course_url: str = COURSE_URL


@dataclasses.dataclass(frozen=True)
class Materials:
    join_html: str
    email_md: str
    feedback_md: str


def _field(name: str, value: str) -> str:
    text = " ".join(str(value).split())  # one line: no line breaks can start Markdown blocks
    if not text:
        raise JoinError(f"--{name} is empty; give a value.")
    if len(text) > MAX_FIELD:
        raise JoinError(f"--{name} is {len(text)} characters long; keep it under {MAX_FIELD}.")
    return text


def _md_text(text: str) -> str:
    """Text for Markdown that stays text: every character that could start markup (HTML tags and
    entities included) backslashed, which CommonMark shows as the character itself."""
    return "".join("\\" + ch if ch in "\\`*_[]#|!<>&" else ch for ch in text)


def _link(name: str, value: str) -> str:
    link = _field(name, value)
    if not link.startswith(("https://", "http://")) or any(ch in link for ch in ' <>"'):
        raise JoinError(f"--{name} {link!r} is not a web address; give the full https:// link.")
    return link


def _date(value: str) -> str:
    text = _field("date", value)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise JoinError(f"--date {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-03-04.") from None
    return f"{day:%A} {day.day} {day:%B %Y}"


def materials(details: Details, *, paper_size: str = "A4") -> Materials:
    link = _link("link", details.link)
    course_url = _link("course-url", details.course_url) if details.course_url else ""
    date = _date(details.date)
    try:
        agenda = agenda_module.build(details.format_key, details.start)
    except agenda_module.AgendaError as error:
        raise JoinError(str(error)) from None
    title, place, instructor = (_field(n, v) for n, v in (("title", details.title), ("place", details.place),
                                                           ("instructor", details.instructor)))
    fmt = agenda.format
    reading = ""
    if fmt.pre_reading:
        names = ", ".join(f"chapter {n} ({course.chapter(n).title}, about {course.chapter(n).minutes} minutes)" for n in fmt.pre_reading)
        reading = f"\n**Reading, if you have time:** {names}, from the same link.\n"
    values = {
        "title": _md_text(title),
        "date": date,
        "start": agenda.clock(0),
        "end": agenda.clock(agenda.minutes),
        "place": _md_text(place),
        "instructor": _md_text(instructor),
        "link": link,
        "format_title": fmt.title.lower(),
        "pre_reading": reading,
        "data_place": "on your own laptop, your own space on the workshop's server, or your browser",
        "blocks": "\n" + "\n".join(f"- ☐ {_md_text(b.title)}" for b in agenda.blocks
                                    if b.kind in ("chapter", "activity")) + "\n",
    }
    email = string.Template((TEMPLATES / "pre-workshop-email.md").read_text(encoding="utf-8")).substitute(values)
    feedback = string.Template((TEMPLATES / "feedback-form.md").read_text(encoding="utf-8")).substitute(values)
    page = join_page(title=title, date=date, start=agenda.clock(0), place=place, link=link, course_url=course_url,
                     paper_size=paper_size)
    return Materials(page, email, feedback)


def join_page(*, title: str, date: str, start: str, place: str, link: str, course_url: str, paper_size: str) -> str:
    def e(text: str) -> str:
        return html.escape(text, quote=True)

    source_line = f'<p>The course and everything in it: <a href="{e(course_url)}">{e(course_url)}</a></p>' if course_url else ""

    trouble = "".join(f"<li>{e(t)}</li>" for t in TROUBLE)
    places = "".join(f"<li><strong>{e(where)}:</strong> {e(what)}</li>" for where, what in DATA_PLACES)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join: {e(title)}</title>
<style>
  html {{ font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; line-height: 1.4; }}
  body {{ max-width: 46em; margin: 1.5em auto; padding: 0 1em; }}
  h1 {{ font-size: 1.7em; margin: 0 0 0.2em; }}
  h2 {{ font-size: 1.15em; margin: 1.2em 0 0.3em; border-bottom: 2px solid #1a1a1a; }}
  .when {{ color: #333; margin: 0 0 1em; }}
  .join {{ display: flex; gap: 1.5em; align-items: center; flex-wrap: wrap; }}
  .join > div:first-child {{ flex: none; }}
  .join > div:last-child {{ flex: 1 1 18em; }}
  .join svg {{ width: 13em; height: 13em; display: block; }}
  .link {{ font-size: 1.2em; word-break: break-all; }}
  a {{ color: #1f5fa8; }}
  @page {{ size: {paper.SIZES[paper_size][2]}; margin: 12mm; }}
  @media print {{ body {{ margin: 0; max-width: none; }} }}
</style>
</head>
<body>
<main>
<h1>{e(title)}</h1>
<p class="when">{e(date)}, from {e(start)} · {e(place)}</p>
<h2>1. Open the course</h2>
<div class="join">
<div>{qr.svg(link, title="QR code of the course link")}</div>
<div><p>Scan the code with your phone's camera, or type this link on your laptop:</p>
<p class="link"><a href="{e(link)}">{e(link)}</a></p>
<p>Wait until chapter 00, “Start here”, appears. Then help your neighbour.</p></div>
</div>
<h2>2. If the page does not load</h2>
<ol>{trouble}</ol>
<h2>3. Where your notes live</h2>
<p>What you type into the course's tools is saved in your own workbook, never sent to the
instructor or anyone else:</p>
<ul>{places}</ul>
{source_line}
</main>
</body>
</html>
"""


def write(folder: Path, made: Materials) -> list[Path]:
    """Save the join page, the email and the form into `folder` (all or nothing per file)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in (("join.html", made.join_html), ("pre-workshop-email.md", made.email_md),
                       ("feedback-form.md", made.feedback_md)):
        out.append(atomic_write(folder / name, text))
    return out
