"""Text the slides take from the lesson notebooks: each chapter's key points and references, and
the headings a run sheet may name. Read with nbformat; rendered with markdown-it-py, raw HTML off."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt

from .. import course

# The book's folder in a checkout: the course folder learners open in JupyterLab. Instructors run
# the workshop commands from a clone, so the lessons are read where they are.
BOOK = Path(__file__).resolve().parents[2] / "book"
NOTEBOOKS = BOOK / "lessons"
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# "js-default" is CommonMark with raw HTML disabled: a notebook's text can never become markup.
_MARKDOWN = MarkdownIt("js-default")


def notebook_path(number: str) -> Path:
    return NOTEBOOKS / f"{course.chapter(number).name}.ipynb"


@functools.cache
def _markdown_lines(path: Path) -> tuple[str, ...]:
    notebook = nbformat.read(path, as_version=4)
    lines: list[str] = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            lines += cell.source.splitlines() + [""]
    return tuple(lines)


def headings(path: Path) -> list[str]:
    """Every Markdown heading's text in a notebook, in order."""
    return [m.group(2) for line in _markdown_lines(path) if (m := HEADING.match(line))]


def _section_lines(number: str, title: str) -> list[str]:
    lines = _markdown_lines(notebook_path(number))
    out, inside = [], False
    for line in lines:
        match = HEADING.match(line)
        if match:
            if inside:
                break
            inside = match.group(2) == title
            continue
        if inside:
            out.append(line)
    return out


def _bullets(lines: list[str]) -> list[str]:
    """The top-level list items of a Markdown section, each joined onto one line."""
    items: list[str] = []
    for line in lines:
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
        elif items and not line.strip():
            continue
        elif items:
            break
    return items


def key_points(number: str) -> list[str]:
    points = _bullets(_section_lines(number, "Key points"))
    if not points:
        raise ValueError(f"{notebook_path(number).name} has no 'Key points' list; the slides need one.")
    return points


def references(number: str) -> list[str]:
    return _bullets(_section_lines(number, "References"))


def inline(text: str) -> str:
    """One line of Markdown as HTML (emphasis, code, links), every other character escaped."""
    return _MARKDOWN.renderInline(text)
