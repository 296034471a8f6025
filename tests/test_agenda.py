"""Workshop agendas: computed from course.CHAPTERS, contiguous, with breaks, and kept in step with
the committed agendas page and the chapter guides."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from workbook import agenda, course
from workbook.cli import main

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "book" / "instructors"
# An agenda may end up to this many minutes before its nominal length (and up to the format's
# own tolerance after it): 90 -> 90..90, half day 210 -> 195..225, full day 390 -> 375..405.
UNDER_TOLERANCE = 15


@pytest.mark.parametrize("key", list(agenda.FORMATS))
def test_total_matches_the_format_length(key):
    fmt = agenda.FORMATS[key]
    a = agenda.build(key)
    assert fmt.minutes - UNDER_TOLERANCE <= a.minutes <= fmt.minutes + fmt.tolerance
    assert a.clock(0) == "09:00"


def test_ninety_minutes_is_exactly_ninety():
    a = agenda.build("90min")
    assert a.minutes == 90
    assert a.chapters() == ["00", "07", "08"]


@pytest.mark.parametrize("key", list(agenda.FORMATS))
def test_blocks_are_contiguous_and_in_order(key):
    a = agenda.build(key, "08:30")
    assert a.blocks[0].kind == "welcome" and a.blocks[0].start == 0
    assert a.blocks[-1].kind == "closing"
    for before, after in zip(a.blocks, a.blocks[1:]):
        assert after.start == before.end, (before, after)
    assert all(b.minutes > 0 for b in a.blocks)
    assert a.clock(a.blocks[-1].end) == (dt.datetime(2000, 1, 1, 8, 30) + dt.timedelta(minutes=a.minutes)).strftime("%H:%M")


@pytest.mark.parametrize("key", list(agenda.FORMATS))
def test_every_chapter_block_has_the_course_minutes(key):
    by_number = {c.number: c for c in course.CHAPTERS}
    a = agenda.build(key)
    chapters = [b for b in a.blocks if b.kind == "chapter"]
    assert chapters
    for block in chapters:
        ch = by_number[block.chapter]
        assert block.teach_minutes == ch.teach_minutes
        assert block.exercise_minutes == ch.exercise_minutes
        assert block.minutes == ch.teach_minutes + ch.exercise_minutes


def test_full_day_has_every_chapter_breaks_and_lunch():
    a = agenda.build("full-day")
    assert a.chapters() == [c.number for c in course.CHAPTERS]
    kinds = [b.kind for b in a.blocks]
    assert kinds.count("lunch") == 1
    assert kinds.count("break") >= 2
    lunch = next(b for b in a.blocks if b.kind == "lunch")
    assert "11:30" <= a.clock(lunch.start) <= "13:00"


def test_half_day_has_a_break():
    assert any(b.kind == "break" for b in agenda.build("half-day").blocks)


@pytest.mark.parametrize("key", list(agenda.FORMATS))
def test_no_stretch_without_a_break_is_longer_than_the_limit(key):
    a = agenda.build(key)
    stretch = 0
    for b in a.blocks:
        if b.kind in ("break", "lunch"):
            stretch = 0
        elif b.kind not in ("hand-in", "closing"):  # the hand-in opens the closing round
            stretch += b.minutes
            assert stretch <= a.format.max_stretch


def test_changing_a_chapter_changes_the_agenda(monkeypatch):
    before = agenda.build("full-day")
    page_before = agenda.page()
    longer = [dataclasses.replace(c, exercise_minutes=c.exercise_minutes + 5) if c.number == "02" else c for c in course.CHAPTERS]
    monkeypatch.setattr(course, "CHAPTERS", longer)
    after = agenda.build("full-day")
    block = next(b for b in after.blocks if b.chapter == "02")
    assert block.exercise_minutes == 20 and block.minutes == 35
    assert after.minutes == before.minutes + 5
    assert agenda.page() != page_before  # so the committed-page test would fail until regenerated


def test_a_selection_too_long_for_the_format_is_refused():
    with pytest.raises(agenda.AgendaError, match=r"90-minute session .* 130 minutes .* 40 more than the 90"):
        agenda.build("90min", chapters=["00", "01", "07", "08"])


def test_growing_chapters_past_the_format_is_refused(monkeypatch):
    grown = [dataclasses.replace(c, teach_minutes=c.teach_minutes + 10) for c in course.CHAPTERS]
    monkeypatch.setattr(course, "CHAPTERS", grown)
    for key in agenda.FORMATS:
        with pytest.raises(agenda.AgendaError, match="drop a chapter"):
            agenda.build(key)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(format_key="weekend"), "unknown format"),
        (dict(format_key="90min", start="9 o'clock"), "HH:MM"),
        (dict(format_key="90min", chapters=["07", "07"]), "twice"),
        (dict(format_key="90min", chapters=["99"]), "not a chapter"),
        (dict(format_key="90min", chapters=[]), "no chapters"),
    ],
)
def test_bad_choices_are_explained(kwargs, message):
    with pytest.raises(agenda.AgendaError, match=message):
        agenda.build(**kwargs)


def test_markdown_table_lists_every_block():
    a = agenda.build("half-day", "13:30")
    text = agenda.to_markdown(a)
    rows = [line for line in text.splitlines() if re.match(r"\| \d\d:\d\d \|", line)]
    assert len(rows) == len(a.blocks)
    assert rows[0].startswith("| 13:30 | 13:45 |")
    assert "**Break**" in text


def test_committed_agendas_page_is_what_the_generator_writes():
    committed = (GUIDE / "agendas.md").read_text(encoding="utf-8")
    assert committed == agenda.page(), (
        "book/instructors/agendas.md is out of date: run "
        "`python -m workbook agenda --write book/instructors/agendas.md` and commit it."
    )


MINUTES_LINE = re.compile(r"\*\*Time:\*\* (\d+) minutes teaching, (\d+) minutes exercises")


@pytest.mark.parametrize("chapter", course.CHAPTERS, ids=lambda c: c.number)
def test_chapter_guide_states_the_course_minutes(chapter):
    page = GUIDE / f"{chapter.number}-{chapter.slug}.md"
    assert page.exists(), f"no facilitator guide page {page.name}"
    found = MINUTES_LINE.findall(page.read_text(encoding="utf-8"))
    assert found, f"{page.name} has no '**Time:** N minutes teaching, M minutes exercises' line"
    assert {(int(t), int(e)) for t, e in found} == {(chapter.teach_minutes, chapter.exercise_minutes)}, (
        f"{page.name} states {found}; course.CHAPTERS says {chapter.teach_minutes} teaching, "
        f"{chapter.exercise_minutes} exercises"
    )


def test_cli_prints_and_refuses(capsys):
    assert main(["agenda", "--format", "90min", "--start", "10:00"]) == 0
    out = capsys.readouterr().out
    assert "| 10:00 | 10:05 |" in out and "| 11:23 | 11:30 |" in out
    assert main(["agenda", "--format", "90min", "--chapters", "00,01,07,08"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbook: ") and "Traceback" not in err
    assert main(["agenda", "--start", "25:99"]) == 2


def test_cli_write(tmp_path, capsys):
    target = tmp_path / "agendas.md"
    assert main(["agenda", "--write", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == agenda.page()
    assert main(["agenda", "--write", str(tmp_path / "missing" / "a.md")]) == 2
    assert main(["agenda", "--write", str(target), "--chapters", "00"]) == 2


# --- printable handouts (workshop materials) ------------------------------------------------------

HANDOUTS = ROOT / "book" / "handouts"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.parametrize("name", ["conversation-card.html", "plan-30-60-90.html"])
def test_handout_is_well_formed_and_has_print_css(name):
    import xml.etree.ElementTree as ET

    path = HANDOUTS / name
    root = ET.parse(path).getroot()  # polyglot XHTML: any unclosed or crossed tag fails here
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    assert root.get("lang") == "en"
    assert root.find("h:head/h:title", ns).text.strip()
    assert root.find("h:head/h:meta[@charset='utf-8']", ns) is not None
    css = root.find("h:head/h:style", ns).text
    assert "@media print" in css and "@page" in css
    assert re.search(r"@media print \{[^@]*\.screen-only \{ display: none; \}", css)
    assert len(root.findall(".//h:h1", ns)) == 1


def test_handouts_command_lists_them(capsys):
    assert main(["handouts"]) == 0
    listed = capsys.readouterr().out.split()
    assert [Path(p).name for p in listed] == ["conversation-card.html", "plan-30-60-90.html"]


def test_handouts_pdf_without_chromium_says_what_to_do(tmp_path, monkeypatch, capsys):
    from workbook.cli import classes

    monkeypatch.setattr(classes, "find_chromium", lambda: None)
    assert main(["handouts", "--pdf", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbook: no Chromium found") and "print them" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium (/usr/bin/chromium) is not installed")
def test_handouts_print_to_one_page_pdfs(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CHROMIUM", str(CHROMIUM))
    assert main(["handouts", "--pdf", str(tmp_path / "pdf")]) == 0
    for name in ("conversation-card.pdf", "plan-30-60-90.pdf"):
        data = (tmp_path / "pdf" / name).read_bytes()
        assert data.startswith(b"%PDF-")
        pages = re.findall(rb"/Type\s*/Page(?!s)", data)
        assert len(pages) == 1, f"{name} prints on {len(pages)} pages; it should fit on one"
