"""The readable copy of my workbook: everything you entered (conversation plans, reflections, self-check results,
30/60/90-day goals, a summary of your contacts and exchanges, follow-ups) in one readable document,
HTML or Markdown, to keep or print after the course.

Every piece of your text is escaped for the format (HTML escaping, or `domain.plans.markdown_text`), so a
name such as `<script>` shows as text. The file is written whole or not at all."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..course import CHAPTERS, QUIZZES
from ..domain.plans import markdown_text
from ..files import atomic_write
from ..progress import chapter_table
from ..store import Store, shared

if TYPE_CHECKING:
    import pandas as pd

FORMATS = {"html": "html", "markdown": "md"}
DEFAULT_NAME = "my-networking-workbook"
TOP_BALANCES = 10


def _text(value) -> str:
    import pandas as pd  # here, like every pandas import in formats/: importing contacts does without it

    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return str(value)


class _Doc:
    """A tiny writer with the same calls for both formats; all learner text goes through `cell`/`para`."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.parts: list[str] = []

    def esc(self, value) -> str:
        text = _text(value)
        if self.fmt == "html":
            return html.escape(text, quote=True).replace("\n", "<br>")
        return markdown_text(text).replace("\n", " <br> ")

    def heading(self, text: str, level: int = 2) -> None:
        if self.fmt == "html":
            self.parts.append(f"<h{level}>{self.esc(text)}</h{level}>")
        else:
            self.parts.append(f"{'#' * level} {self.esc(text)}\n")

    def para(self, text: str, *, label: str | None = None) -> None:
        if self.fmt == "html":
            lead = f"<b>{self.esc(label)}:</b> " if label else ""
            self.parts.append(f"<p>{lead}{self.esc(text)}</p>")
        else:
            lead = f"**{self.esc(label)}:** " if label else ""
            self.parts.append(f"{lead}{self.esc(text)}\n")

    def items(self, lines: list[str]) -> None:
        if self.fmt == "html":
            self.parts.append("<ul>" + "".join(f"<li>{self.esc(x)}</li>" for x in lines) + "</ul>")
        else:
            self.parts.append("\n".join(f"- {self.esc(x)}" for x in lines) + "\n")

    def table(self, frame: pd.DataFrame, columns: dict[str, str], empty: str) -> None:
        if frame.empty:
            self.para(empty)
            return
        rows = frame[list(columns)].to_dict("records")
        if self.fmt == "html":
            head = "".join(f"<th scope='col'>{self.esc(h)}</th>" for h in columns.values())
            body = "".join("<tr>" + "".join(f"<td>{self.esc(r[c])}</td>" for c in columns) + "</tr>" for r in rows)
            self.parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        else:
            lines = ["| " + " | ".join(self.esc(h) for h in columns.values()) + " |", "|" + " --- |" * len(columns)]
            lines += ["| " + " | ".join(self.esc(r[c]) for c in columns) + " |" for r in rows]
            self.parts.append("\n".join(lines) + "\n")

    def render(self, title: str) -> str:
        if self.fmt == "html":
            body = "\n".join(self.parts)
            return (
                "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
                f"<title>{self.esc(title)}</title>"
                "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.45}"
                "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:0.2em 0.5em;text-align:left}</style>"
                f"</head><body><main>\n<h1>{self.esc(title)}</h1>\n{body}\n</main></body></html>\n"
            )
        return f"# {self.esc(title)}\n\n" + "\n".join(self.parts)


def render(store: Store, fmt: str = "html") -> str:
    """The whole workbook as one document in `fmt` ("html" or "markdown")."""
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not an export format; use one of {', '.join(FORMATS)}.")
    doc = _Doc(fmt)
    today = store.today().isoformat()
    doc.para(f"Exported on {today}. Everything below is what you entered in the networking workbook.")

    # --- progress and self-checks
    doc.heading("Progress and self-check results")
    progress = chapter_table(store)
    doc.table(progress, {"chapter": "Chapter", "title": "Title", "visited": "Visited", "quiz": "Self-check", "exercises": "Exercises attempted"}, "No chapters yet.")
    answers = store.quiz.all()
    if not answers.empty:
        prompts = {(n, q.id): q.prompt for n, quiz in QUIZZES.items() for q in quiz}
        answers = answers.assign(
            # An answer to a question that has since left the course is kept and labelled as such.
            prompt=[prompts.get((c, q), f"(a question no longer in the course: {q})") for c, q in zip(answers["chapter"], answers["question"])],
            result=answers["correct"].map({1: "right", 0: "not quite"}),
        )
        doc.table(answers, {"chapter": "Chapter", "prompt": "Question", "choice": "Your answer", "result": "Result"}, "")

    # --- goals
    doc.heading("My 30/60/90-day plan")
    goals = store.goals.all()
    goals = goals.assign(
        stage=goals["horizon"].map(lambda h: f"by day {h}"),
        status=goals["done_on"].map(lambda d: f"done {d}" if isinstance(d, str) else "open"),
    )
    doc.table(goals, {"stage": "By", "goal": "Goal", "name": "With", "status": "Status"}, "No goals yet (chapter 08).")

    # --- reflections
    doc.heading("Reflections")
    reflections = store.reflections.written()
    if reflections.empty:
        doc.para("No reflections yet.")
    titles = {ch.number: ch.title for ch in CHAPTERS}
    for r in reflections.itertuples(index=False):
        doc.heading(f"Chapter {r.chapter} ({titles.get(r.chapter, '')}): {r.prompt}", 3)
        doc.para(r.text)

    # --- conversation plans
    doc.heading("Conversation plans")
    plans = store.plans.details()
    if plans.empty:
        doc.para("No conversation plans yet.")
    fields = [
        ("goal", "My goal"), ("openers", "Openers"), ("questions", "Questions"), ("offer", "What I can offer"),
        ("cultural_notes", "Cultural notes"), ("talked_about", "What we talked about"),
        ("my_promises", "Promises I made"), ("their_promises", "Promises they made"), ("follow_up_on", "Follow up on"),
        ("message", "Message to send"),
    ]
    for p in plans.to_dict("records"):
        doc.heading(f"{p['name']}: {p['occasion']}, {_text(p['planned_for']) or 'date not set'}", 3)
        for key, label in fields:
            if _text(p[key]).strip():
                doc.para(p[key], label=label)

    # --- follow-ups
    doc.heading("Follow-ups")
    follow_ups = store.follow_ups.all()
    follow_ups = follow_ups.assign(_due=follow_ups["due"].fillna("9999")).sort_values(["_due", "id"])
    follow_ups = follow_ups.assign(
        who=follow_ups["owner"].map({"me": "me", "them": "them"}),
        status=follow_ups["done_on"].map(lambda d: f"kept {d}" if isinstance(d, str) else "open"),
    )
    doc.table(follow_ups, {"name": "With", "promise": "Promise", "who": "Whose", "due": "Due", "status": "Status"}, "No follow-ups yet.")

    # --- contacts
    doc.heading("Contacts")
    contacts = store.contacts.directory()
    if contacts.empty:
        doc.para("No contacts yet.")
    else:
        circles = contacts["circle"].value_counts()
        doc.para(
            f"{len(contacts)} contacts: "
            + ", ".join(f"{int(circles.get(c, 0))} {c}" for c in ("personal", "professional", "both"))
            + "."
        )
        contacts = contacts.assign(layer=contacts["layer"].map(lambda v: "" if _text(v) == "" else str(int(v))))
        doc.table(contacts, {"name": "Name", "circle": "Circle", "layer": "Layer", "company": "Company", "position": "Position"}, "")

    # --- exchanges
    doc.heading("Giving and receiving")
    balances = store.exchanges.balances()
    if balances.empty:
        doc.para("No exchanges logged yet.")
    else:
        doc.para(f"{int(balances['given'].sum())} things given and {int(balances['received'].sum())} received, with {len(balances)} people.")
        top = balances.assign(total=balances["given"] + balances["received"]).sort_values(["total", "name"], ascending=[False, True])
        doc.table(top.head(TOP_BALANCES), {"name": "With", "given": "Given", "received": "Received", "last_exchange": "Last exchange"}, "")
    return doc.render("My networking workbook")


def default_export_path(store: Store, fmt: str = "html") -> Path:
    return store.files_folder / f"{DEFAULT_NAME}.{FORMATS[fmt]}"


class ExportedPath(type(Path())):
    """The written path; shown in a notebook by its name only, so no folder of this machine is printed."""

    def __repr__(self) -> str:
        return f"Exported your workbook to {self.name} (in your workbook's data folder unless you chose a path)"


def export_workbook(path: str | os.PathLike | None = None, store: Store | None = None, format: str = "html") -> Path:
    """Write everything you entered into one readable document; returns its path.
    The default path is beside your data file: my-networking-workbook.html (or .md)."""
    if format not in FORMATS:
        raise ValueError(f"{format!r} is not an export format; use one of {', '.join(FORMATS)}.")
    store = shared(store)
    target = Path(path) if path is not None else default_export_path(store, format)
    atomic_write(target, render(store, format))
    return ExportedPath(target)
