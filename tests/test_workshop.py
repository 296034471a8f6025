"""The workshop kit: run sheets add up to their agendas and name only pages that exist; slide decks
and the join page carry a QR code that decodes back to the link, open in Chromium with nothing
leaving the machine, and print one slide per page on the paper asked for."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from browser import require_chromium
from workbook import agenda, course
from workbook.cli import main
from workbook.workshop import join, lessons, paper, qr, runsheet, slides

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
LINK = "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fx%2Fy&urlpath=lab%2Ftree%2Fy%2Fnotebooks%2F00-start-here.ipynb"


# --- run sheets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(agenda.FORMATS))
def test_run_sheet_blocks_add_up_to_the_agenda(key):
    a = agenda.build(key)
    sheet = runsheet.build(a)
    assert [b.block for b in sheet.blocks] == list(a.blocks)
    for b in sheet.blocks:
        assert sum(s.minutes for s in b.steps) == b.block.minutes, b.block.title
    assert sheet.minutes == a.minutes


@pytest.mark.parametrize("key", list(agenda.FORMATS))
def test_run_sheet_has_launch_and_questions_buffers_and_the_hand_in(key):
    sheet = runsheet.build(agenda.build(key))
    first, last = sheet.blocks[0], sheet.blocks[-1]
    assert any(s.kind == "buffer" and "Launch" in s.title for s in first.steps)
    assert any(s.kind == "buffer" and "Questions" in s.title for s in last.steps)
    hand_in = sheet.blocks[-2]
    assert hand_in.block.kind == "hand-in" and hand_in.block.minutes == 3
    assert hand_in.steps[0].open.path == "lessons/08-networking-plan.ipynb"


def test_every_chapter_block_has_talk_and_an_activity_in_the_learners_own_tools():
    for number, steps in runsheet.CHAPTER_STEPS.items():
        kinds = {s.kind for s in steps}
        assert kinds & {"talk", "demo"} and kinds & {"individual", "pair", "group"}, number
        assert sum(s.minutes for s in steps) == course.chapter(number).minutes, number
        own = [s for s in steps if s.open.section and ("Your turn" in s.open.section or "Plan a conversation" in s.open.section)]
        assert own or number == "00", f"chapter {number} never opens the learner's own tools"


def test_a_block_that_does_not_add_up_is_refused(monkeypatch):
    shorter = runsheet.CHAPTER_STEPS["07"][:-1]
    monkeypatch.setitem(runsheet.CHAPTER_STEPS, "07", shorter)
    with pytest.raises(runsheet.RunSheetError, match=r"07 Reciprocity.*28 minutes.*30"):
        runsheet.build(agenda.build("90min"))


@pytest.mark.parametrize("key", list(agenda.FORMATS))
def test_every_page_a_run_sheet_names_exists(key):
    sheet = runsheet.build(agenda.build(key))
    assert runsheet.missing_pages(sheet) == []
    named = {p.path for p in runsheet.pages(sheet)}
    assert runsheet.SLIDES in named and runsheet.JOIN in named
    assert any(p.startswith("lessons/") for p in named)


def test_a_missing_notebook_or_section_is_reported(monkeypatch):
    steps = list(runsheet.CHAPTER_STEPS["08"])
    steps[0] = dataclasses.replace(steps[0], open=runsheet.Page("lessons/08-networking-plan.ipynb", "9. No such section"))
    steps[1] = dataclasses.replace(steps[1], open=runsheet.Page("exercises/00-start-here.ipynb"))
    monkeypatch.setitem(runsheet.CHAPTER_STEPS, "08", tuple(steps))
    problems = runsheet.missing_pages(runsheet.build(agenda.build("90min")))
    assert problems == [
        "lessons/08-networking-plan.ipynb has no section headed '9. No such section'",
        "exercises/00-start-here.ipynb does not exist",
    ]


def test_committed_run_sheets_page_is_what_the_generator_writes():
    committed = (ROOT / "book" / "instructors" / "runsheets.md").read_text(encoding="utf-8")
    assert committed == runsheet.page(), "regenerate: python -m workbook runsheet --write book/instructors/runsheets.md"


def test_runsheet_command(capsys, tmp_path):
    assert main(["runsheet", "--agenda", "90", "--start", "13:30"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## 90-minute session") and "13:30–13:35 Welcome" in out and "Questions buffer" in out
    assert main(["runsheet", "--agenda", "weekend"]) == 2
    assert "choose 90, half-day or full-day" in capsys.readouterr().err
    assert main(["runsheet", "--agenda", "full-day", "--out", str(tmp_path / "r.md")]) == 0
    assert "Practice round" in (tmp_path / "r.md").read_text()


# --- paper ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "A4"),
        ({"LC_PAPER": "es_MX.UTF-8", "LANG": "de_DE.UTF-8"}, "letter"),
        ({"LC_ALL": "fr_FR.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "A4"),
        ({"LANG": "C.UTF-8"}, "A4"),
        ({}, "A4"),
    ],
)
def test_paper_defaults_from_the_locale_else_a4(environ, expected):
    assert paper.default(environ) == expected


def test_paper_choice_is_checked():
    assert paper.choose("a4") == "A4" and paper.choose("Letter") == "letter"
    with pytest.raises(ValueError, match="choose A4 or letter"):
        paper.choose("A5")


# --- QR codes ------------------------------------------------------------------------------------


def decode_qr(image_path: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(image_path)) if r.format == zxingcpp.BarcodeFormat.QRCode]


def test_qr_code_decodes_back_to_the_link(tmp_path):
    qr.png(LINK, tmp_path / "code.png")
    assert decode_qr(tmp_path / "code.png") == [LINK]


# --- slides --------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(agenda.FORMATS))
def test_deck_has_a_slide_per_step_and_the_lessons_key_points(key):
    deck = slides.build(key, link=LINK)
    sheet = runsheet.build(deck.agenda)
    assert len(deck.step_ids) == sum(len(b.steps) for b in sheet.blocks)
    for ident in deck.step_ids:
        assert f'id="{ident}"' in deck.html
    for number in deck.agenda.chapters():
        for point in lessons.key_points(number):
            assert lessons.inline(point) in deck.html
    assert deck.html.count("<section") == deck.slides
    # the research the key points cite appears with its source
    assert "(Regan, 1971)" in deck.html and "Regan, D. T. (1971)" in deck.html
    assert 'src="reveal.js/reveal.js"' in deck.html and "https://cdn" not in deck.html


def test_deck_refuses_a_link_that_is_not_a_web_address():
    with pytest.raises(slides.SlidesError, match="not a web address"):
        slides.build("90min", link="javascript:alert(1)")


def test_lesson_text_on_slides_cannot_become_markup():
    assert lessons.inline("<img src=x onerror=alert(1)> *ok*") == "&lt;img src=x onerror=alert(1)&gt; <em>ok</em>"
    assert "href" not in lessons.inline("[x](javascript:alert(1))")  # left as text, never a link


def test_no_default_sends_a_room_to_an_address_that_does_not_exist():
    config = (ROOT / "book" / "_config.yml").read_text()
    assert f'url: "{slides.COURSE_URL}"' in config or f"url: {slides.COURSE_URL}" in config  # set in one place
    deck = slides.build("90min")  # the website's copy: no link of its own, no QR code
    title = deck.html.split('id="title"')[1].split("</section>")[0]
    assert "python -m workbook slides --link URL" in title and "<svg" not in title


def test_vendored_reveal_is_the_named_release_with_its_licence():
    for name in slides.REVEAL_FILES:
        assert (slides.VENDOR / name).is_file(), name
    assert "MIT" in (slides.VENDOR / "LICENSE").read_text() or "Permission is hereby granted" in (slides.VENDOR / "LICENSE").read_text()
    assert (slides.VENDOR / "reveal.js").read_text().startswith("/*!\n * reveal.js")
    assert "fonts.googleapis" not in (slides.VENDOR / "theme" / "white.css").read_text()


def open_offline(url: str, page_action):
    """Open `url` in Debian's Chromium with every request that would leave the machine refused;
    return what `page_action(page)` returns, plus the refused requests and script errors."""
    from playwright.sync_api import sync_playwright

    refused, errors = [], []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})

            def route(request_route):
                if request_route.request.url.startswith("file:"):
                    return request_route.continue_()
                refused.append(request_route.request.url)
                return request_route.abort()

            page.route("**/*", route)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
            page.goto(url)
            result = page_action(page)
        finally:
            browser.close()
    return result, refused, errors


def test_slides_command_writes_a_deck_that_opens_offline_with_a_working_qr_code(tmp_path, capsys):
    require_chromium()
    assert main(["slides", "--agenda", "90", "--link", LINK, "--out", str(tmp_path), "--paper", "A4"]) == 0
    assert re.search(r"\(\d+ slides, A4\)", capsys.readouterr().out)
    deck = tmp_path / "slides-90min.html"
    assert (tmp_path / "runsheet-90min.md").is_file()
    assert (tmp_path / "reveal.js" / "LICENSE").is_file()
    shot = tmp_path / "title.png"

    def look(page):
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        page.screenshot(path=str(shot))
        total = page.evaluate("() => Reveal.getTotalSlides()")
        page.evaluate("() => Reveal.slide(Reveal.getSlides().findIndex(s => s.querySelector('.timer')))")
        page.wait_for_timeout(1500)
        timer = page.locator(".present .timer").inner_text()
        return total, timer

    (total, timer), refused, errors = open_offline(deck.resolve().as_uri(), look)
    assert refused == [] and errors == []
    assert total == deck.read_text().count("<section")
    assert re.fullmatch(r"\d+:\d\d", timer) and not timer.endswith(":00"), f"the countdown did not run: {timer}"
    assert decode_qr(shot) == [LINK]


@pytest.mark.parametrize("size, points", [("A4", (842, 595)), ("letter", (792, 612))])
def test_slides_print_one_slide_per_page_on_the_paper_asked_for(tmp_path, capsys, size, points):
    require_chromium()
    import pypdf

    assert main(["slides", "--agenda", "90", "--link", LINK, "--out", str(tmp_path), "--paper", size, "--pdf"]) == 0
    out = capsys.readouterr().out
    sections = (tmp_path / "slides-90min.html").read_text().count("<section")
    reader = pypdf.PdfReader(tmp_path / "slides-90min.pdf")
    assert len(reader.pages) == sections, out
    for page in (reader.pages[0], reader.pages[-1]):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - points[0]) <= 2 and abs(height - points[1]) <= 2, (width, height)
    assert "Build and keep your network" in reader.pages[0].extract_text()
    assert "Giving round" in "".join(p.extract_text() for p in reader.pages)


def test_slides_command_rejects_bad_input(tmp_path, capsys):
    assert main(["slides", "--agenda", "90", "--paper", "A3", "--link", LINK, "--out", str(tmp_path)]) == 2
    assert "choose A4 or letter" in capsys.readouterr().err
    assert main(["slides", "--link", "hub.example.org", "--out", str(tmp_path)]) == 2
    assert "not a web address" in capsys.readouterr().err
    assert not (tmp_path / "slides-90min.html").exists()


def test_handouts_print_on_a4_when_asked(tmp_path, monkeypatch):
    require_chromium()
    import pypdf

    monkeypatch.setenv("WORKBOOK_CHROMIUM", CHROMIUM)
    assert main(["handouts", "--pdf", str(tmp_path), "--paper", "A4"]) == 0
    for name in ("conversation-card.pdf", "plan-30-60-90.pdf"):
        reader = pypdf.PdfReader(tmp_path / name)
        box = reader.pages[0].mediabox
        assert len(reader.pages) == 1 and (round(float(box.width)), round(float(box.height))) == (595, 842), name
    assert main(["handouts", "--pdf", str(tmp_path), "--paper", "legal"]) == 2


# --- join page, email, feedback form -------------------------------------------------------------


def test_join_command_fills_the_page_email_and_form(tmp_path, capsys):
    assert main(["join", "--link", LINK, "--date", "2027-03-04", "--start", "13:30", "--place", "Room 2 <script>x</script>",
                 "--instructor", "Sam *Lee*", "--out", str(tmp_path)]) == 0
    page = (tmp_path / "join.html").read_text()
    email = (tmp_path / "pre-workshop-email.md").read_text()
    form = (tmp_path / "feedback-form.md").read_text()
    assert "<script>x" not in page and "Room 2 &lt;script&gt;x&lt;/script&gt;" in page
    assert "If the page does not load" in page and "Where your notes live" in page and LINK.replace("&", "&amp;") in page
    assert "Thursday 4 March 2027, 13:30 to 15:00" in email and f"<{LINK}>" in email
    assert "Room 2 \\<script\\>x\\</script\\>" in email and "Sam \\*Lee\\*" in email
    assert "chapter 01 (Understanding networking" in email  # the 90-minute format's pre-reading
    assert "$" not in email + form  # every placeholder filled
    for block in ("00 Start here", "07 Reciprocity: giving and receiving", "08 Your networking plan"):
        assert block in form


@pytest.mark.parametrize(
    "args, message",
    [
        (["--link", "not a link", "--date", "2027-03-04"], "not a web address"),
        (["--link", LINK, "--date", "04/03/2027"], "YYYY-MM-DD"),
        (["--link", LINK, "--date", "2027-03-04", "--place", "x" * 300], "keep it under 200"),
        (["--link", LINK, "--date", "2027-03-04", "--start", "9am"], "HH:MM"),
    ],
)
def test_join_command_names_bad_input(tmp_path, capsys, args, message):
    assert main(["join", *args, "--out", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "join.html").exists()


def test_join_page_opens_offline_and_its_qr_code_decodes_to_the_link(tmp_path):
    require_chromium()
    made = join.materials(join.Details(link=LINK, date="2027-03-04"))
    join.write(tmp_path, made)
    shot = tmp_path / "join.png"
    _, refused, errors = open_offline((tmp_path / "join.html").resolve().as_uri(),
                                      lambda page: page.screenshot(path=str(shot), full_page=True))
    assert refused == [] and errors == []
    assert decode_qr(shot) == [LINK]


# --- the chapter guides ---------------------------------------------------------------------------


@pytest.mark.parametrize("number", list(runsheet.CHAPTER_STEPS))
def test_each_guide_says_what_is_open_when(number):
    guide = (ROOT / "book" / "instructors" / f"{course.chapter(number).name}.md").read_text(encoding="utf-8")
    assert runsheet.guide_section(number) in guide, "regenerate: python -m workbook runsheet --guides book/instructors"


def test_guides_name_only_notebooks_that_exist():
    named = set()
    for guide in (ROOT / "book" / "instructors").glob("*.md"):
        named |= {(guide.name, m) for m in re.findall(r"(?:lessons|exercises|solutions|instructors)/[\w.-]+\.ipynb", guide.read_text())}
    assert named
    missing = sorted(f"{guide} names {path}" for guide, path in named if not (ROOT / "book" / path).is_file())
    assert not missing, missing


# --- the instructor notebook on the website ---------------------------------------------------------


def test_instructor_notebook_shows_html_tables_not_pipe_text():
    import nbformat

    notebook = nbformat.read(ROOT / "book" / "instructors" / "class-report.ipynb", as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not any("text/markdown" in o.get("data", {}) for o in outputs), "Markdown output shows as raw pipes on the website"
    html = "".join(o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}) and "<caption" in o["data"]["text/html"])
    assert html.count("<table") == 8 and "Contacts by circle</caption>" in html and "| category |" not in html


def test_report_html_escapes_and_hides_like_the_markdown(tmp_path):
    from workbook import class_summary

    class_summary.write_examples(tmp_path, 6)
    report = class_summary.aggregate(tmp_path)
    report.tables[0].cells[0].category = "<script>x</script>"
    report.tables[0].cells[1].hidden = True
    html = report.to_html()
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert html.count("<td>fewer than 5</td><td>hidden</td>") == report.to_markdown().count("| fewer than 5 | hidden |")
