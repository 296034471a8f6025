"""My progress and export my workbook: what they count, and that learner text shows as text."""

from __future__ import annotations

import html
import re

import pytest

import workbook
from workbook.course import CHAPTERS, QUIZZES
from workbook.domain.contacts import Contact
from workbook.domain.goals import Goal
from workbook.domain.plans import Plan
from workbook.formats.readable_copy import export_workbook, render
from workbook.progress import progress
from workbook.sample import sample_store
from workbook.store import Store

HOSTILE_NAME = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def mine(home):
    return Store()


def hostile_store(store: Store) -> Store:
    cid = store.contacts.add(Contact(HOSTILE_NAME, circle="both", company=FORMULA))
    store.plans.save(Plan(cid, occasion="meetup", goal=f"ask about {HOSTILE_NAME}", my_promises="Send *the* [link](http://x)"))
    store.reflections.save("02", "A prompt <b>bold</b>?", f"I wrote {FORMULA} and {HOSTILE_NAME}")
    store.goals.add(Goal(30, FORMULA, cid))
    store.quiz.record("01", QUIZZES["01"][0].id, QUIZZES["01"][0].options[1], True)
    return store


def test_progress_counts_visits_quiz_and_exercises(mine):
    workbook.start("03")
    mine.quiz.record("03", QUIZZES["03"][0].id, "x", True)
    mine.quiz.record("03", QUIZZES["03"][1].id, "y", False)
    mine.progress.mark_done("03", "exercise:broker")
    mine.progress.mark_done("03", "exercise:groups")
    shown = progress()
    row = shown.chapters.set_index("chapter").loc["03"]
    assert (row["visited"], row["quiz"], row["exercises"]) == ("yes", f"1 / {len(QUIZZES['03'])}", 2)
    assert shown.chapters["chapter"].tolist() == [c.number for c in CHAPTERS]
    assert (shown.chapters.set_index("chapter").drop("03")["visited"] == "no").all()
    assert shown.visited == 1
    text = repr(shown)
    assert text.startswith(f"My progress: 1 of {len(CHAPTERS)} chapters visited")
    n = len(QUIZZES["03"])
    assert f"03 Building a professional network: visited yes, self-check 1 / {n}, 2 exercises attempted" in text
    assert f"chapter 03 1 of {n}" in shown.chart().alt


def test_answers_to_retired_questions_are_kept_out_of_progress_and_exported_as_retired(mine):
    # "pillars" left chapter 08's quiz; a learner who answered it keeps the answer, but it no longer counts.
    mine.quiz.record("08", "pillars", "Steady effort", True)
    mine.quiz.record("08", QUIZZES["08"][0].id, "x", False)
    row = progress(mine).chapters.set_index("chapter").loc["08"]
    assert (row["right"], row["answered"], row["quiz"]) == (0, 1, f"0 / {len(QUIZZES['08'])}")
    text = export_workbook(store=mine, format="markdown").read_text(encoding="utf-8")
    assert "a question no longer in the course: pillars" in text and "Steady effort" in text


def test_progress_totals_on_sample():
    counts = progress(sample_store()).counts
    assert counts["contacts"] == 40
    assert counts["conversation plans"] == 3
    assert counts["exchanges logged"] == 323
    assert counts["follow-ups kept"] == 0 and counts["follow-ups open"] == 3


def test_progress_html_escapes_and_has_chart_alt(mine):
    page = progress(hostile_store(mine))._repr_html_()
    assert "<table" in page and "alt='Bar chart of self-check scores" in page
    assert "<script>" not in page
    assert "30/60/90-day goals: 1" in page


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_export_contains_everything(mine, fmt):
    store = hostile_store(mine)
    path = export_workbook(store=store, format=fmt)
    assert path.parent == store.path.parent and path.suffix == (".html" if fmt == "html" else ".md")
    text = path.read_text(encoding="utf-8")
    for section in ("Progress and self-check results", "My 30/60/90-day plan", "Reflections", "Conversation plans",
                    "Follow-ups", "Contacts", "Giving and receiving"):
        assert section in text
    assert QUIZZES["01"][0].prompt.split(",")[0] in text
    assert "1 contacts: 0 personal, 0 professional, 1 both." in text
    assert "meetup" in text


def test_export_html_shows_hostile_text_as_text(mine):
    text = render(hostile_store(mine), "html")
    assert HOSTILE_NAME not in text
    assert html.escape(HOSTILE_NAME) in text
    assert "<b>bold</b>" not in text and "&lt;b&gt;bold&lt;/b&gt;" in text
    assert html.escape(FORMULA, quote=True) in text
    # every tag in the document is one of ours
    assert set(re.findall(r"<([a-z0-9]+)", text)) <= {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3",
                                                     "p", "b", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "br"}


def test_export_markdown_shows_hostile_text_as_text(mine):
    text = render(hostile_store(mine), "markdown")
    assert HOSTILE_NAME not in text and "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in text
    assert "[link](http://x)" not in text and "\\[link\\]\\(http://x\\)" in text
    assert "*the*" not in text
    assert '=HYPERLINK\\("http://evil.example","click"\\)' in text


def test_export_to_chosen_path_is_atomic_and_refuses_unknown_format(mine, tmp_path):
    target = tmp_path / "out" / "mine.md"
    written = export_workbook(target, store=mine, format="markdown")
    assert written == target and target.read_text(encoding="utf-8").startswith("# My networking workbook")
    assert not list(target.parent.glob(".*tmp"))
    assert "mine.md" in repr(written) and str(tmp_path) not in repr(written)
    with pytest.raises(ValueError):
        export_workbook(store=mine, format="pdf")


def test_export_of_empty_workbook_says_so(mine):
    text = render(mine, "markdown")
    for line in ("No goals yet", "No reflections yet.", "No conversation plans yet.", "No follow-ups yet.",
                 "No contacts yet.", "No exchanges logged yet."):
        assert line in text
