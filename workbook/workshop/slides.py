"""Slides for a workshop: one reveal.js deck per agenda, built from the run sheet and the lessons.

The deck opens with a title slide (the course link, the link learners open and a QR code of it)
and the agenda; then, per block, a title slide, the chapter's key points (with their citations) as
the lesson states them, one slide per run-sheet step (the room's instructions, which page is open,
and a countdown for activities and buffers), and the chapter's references.

reveal.js ships with the package (workbook/workshop/vendor/reveal.js, MIT licence) and is copied
beside the deck, so a deck opens and prints with no network. Printing uses reveal.js's own print
view (`?print-pdf`): one slide per page, the page the size of the paper chosen (A4 or US Letter,
landscape), because the deck's slide size is set to that paper.

Everything the deck shows comes from the course's own files; lesson text is Markdown rendered with
markdown-it-py with raw HTML turned off, so nothing in a notebook can inject markup."""

from __future__ import annotations

import dataclasses
import html
import json
import shutil
from pathlib import Path

from .. import agenda as agenda_module
from ..files import atomic_write
from . import lessons, paper, qr, runsheet
from .links import COURSE_TITLE, COURSE_URL

REVEAL_VERSION = "6.0.2"
VENDOR = Path(__file__).resolve().parent / "vendor" / "reveal.js"
REVEAL_FOLDER = "reveal.js"  # the copy beside each deck
REVEAL_FILES = ("reveal.js", "reveal.css", "theme/white.css", "LICENSE")

MARGIN = 0.04  # reveal.js's margin around each slide, as a share of its size
PRINT_WAIT_MS = 30_000

STYLE = """
:root { --r-heading-text-transform: none; --r-main-font-size: 34px; --r-link-color: #1f5fa8; }
.reveal h1 { font-size: 1.9em; } .reveal h2 { font-size: 1.3em; }
.reveal .slides section { text-align: left; }
.reveal .kind { font-size: 0.6em; text-transform: uppercase; letter-spacing: 0.08em; color: #555; margin: 0; }
.reveal .open { font-size: 0.6em; color: #333; border-left: 4px solid #1f5fa8; padding-left: 0.5em; }
.reveal .small, .reveal .refs li { font-size: 0.55em; }
.reveal .timer { font-size: 1.6em; font-variant-numeric: tabular-nums; font-weight: 600; color: #1b5e20; }
.reveal .timer.done { color: #b00020; }
.reveal table { font-size: 0.55em; margin: 0; }
.reveal .title-grid { display: grid; grid-template-columns: 1fr auto; gap: 1em; align-items: center; }
.reveal .qr svg { width: 9em; height: 9em; }
.reveal .url { font-size: 0.5em; word-break: break-all; }
"""

# A countdown on each timed slide: starts when the slide is shown, restarts on a click.
TIMER_SCRIPT = """
(function () {
  let tick = null;
  function show(el, left) {
    const m = Math.floor(left / 60), s = left % 60;
    el.textContent = m + ":" + String(s).padStart(2, "0");
    el.classList.toggle("done", left === 0);
  }
  function start(slide) {
    clearInterval(tick);
    const el = slide && slide.querySelector(".timer");
    if (!el) return;
    let left = Number(el.dataset.seconds);
    show(el, left);
    tick = setInterval(function () { left = Math.max(0, left - 1); show(el, left); if (!left) clearInterval(tick); }, 1000);
  }
  Reveal.on("ready", function (event) { start(event.currentSlide); });
  Reveal.on("slidechanged", function (event) { start(event.currentSlide); });
  document.addEventListener("click", function (event) {
    if (event.target.classList && event.target.classList.contains("timer")) start(Reveal.getCurrentSlide());
  });
})();
"""


class SlidesError(ValueError):
    """The deck cannot be made or written; the message says what to do."""


@dataclasses.dataclass(frozen=True)
class Deck:
    agenda: agenda_module.Agenda
    link: str | None
    paper: str
    html: str
    slides: int
    step_ids: tuple[str, ...]  # the id of each step's slide, in run-sheet order


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _section(body: str, *, ident: str | None = None, label: str | None = None) -> str:
    attrs = f' id="{esc(ident)}"' if ident else ""
    attrs += f' aria-label="{esc(label)}"' if label else ""
    return f"<section{attrs}>\n{body}\n</section>"


def step_id(block_index: int, step_index: int) -> str:
    return f"b{block_index + 1}-s{step_index + 1}"


def title_slide(agenda: agenda_module.Agenda, link: str | None, course_url: str) -> str:
    if link is None:  # the website's copy: each instructor writes their own with their link
        opening = (
            "<p>Open the course at the link your instructor gives you.</p>"
            "<p class='small'>Instructors: <code>python -m workbook slides --link URL</code> writes this deck "
            "with your link and its QR code.</p>"
        )
        code = ""
    else:
        opening = (
            f"<p>Open the course: <a href='{esc(link)}'>scan the code or type the link</a></p>"
            f"<p class='url'>{esc(link)}</p>"
        )
        code = qr.svg(link, title="QR code of the course link")
    source = f"<p class='small'>The course and its source: <a href='{esc(course_url)}'>{esc(course_url)}</a></p>" if course_url else ""
    return _section(
        f"<p class='kind'>{esc(agenda.format.title)} · {esc(agenda.clock(0))}–{esc(agenda.clock(agenda.minutes))}</p>"
        f"<h1>{esc(COURSE_TITLE)}</h1>"
        "<div class='title-grid'><div>"
        + opening
        + source
        + "<p class='small'>What you type stays in your own workbook. Nobody collects it.</p>"
        f"</div><div class='qr'>{code}</div></div>",
        ident="title",
        label="Title",
    )


def agenda_slide(agenda: agenda_module.Agenda) -> str:
    rows = "".join(
        f"<tr><td>{esc(agenda.clock(b.start))}</td><td>{esc(b.title)}</td><td>{b.minutes} min</td></tr>"
        for b in agenda.blocks
    )
    return _section(
        f"<h2>Today</h2><table><thead><tr><th scope='col'>start</th><th scope='col'>block</th>"
        f"<th scope='col'>length</th></tr></thead><tbody>{rows}</tbody></table>",
        ident="agenda",
        label="Agenda",
    )


def block_slides(agenda: agenda_module.Agenda, index: int, sheet_block: runsheet.SheetBlock) -> list[str]:
    block = sheet_block.block
    out = []
    steps = "".join(
        f"<li>{esc(runsheet.KINDS[s.kind])}: {esc(s.title)} ({s.minutes} min)</li>" for s in sheet_block.steps
    )
    out.append(
        _section(
            f"<p class='kind'>{esc(agenda.clock(block.start))}–{esc(agenda.clock(block.end))} · {block.minutes} min</p>"
            f"<h1>{esc(block.title)}</h1><ul class='small'>{steps}</ul>",
            ident=f"b{index + 1}",
            label=block.title,
        )
    )
    if block.kind == "chapter":
        points = lessons.key_points(block.chapter)
        out.append(
            _section(
                f"<p class='kind'>{esc(block.title)}</p><h2>Key points</h2><ul>"
                + "".join(f"<li>{lessons.inline(p)}</li>" for p in points)
                + "</ul>",
                label=f"{block.title}: key points",
            )
        )
    clock = block.start
    for s_index, step in enumerate(sheet_block.steps):
        timer = (
            f"<p class='timer' data-seconds='{step.minutes * 60}' role='timer' aria-label='time left'>{step.minutes}:00</p>"
            if step.kind in runsheet.TIMED
            else ""
        )
        opened = "" if step.open.path == runsheet.SLIDES else f"<p class='open'>Open: {esc(step.open.for_learners())}</p>"
        out.append(
            _section(
                f"<p class='kind'>{esc(agenda.clock(clock))} · {esc(runsheet.KINDS[step.kind])} · {step.minutes} min</p>"
                f"<h2>{esc(step.title)}</h2><p>{lessons.inline(step.room)}</p>{opened}{timer}",
                ident=step_id(index, s_index),
                label=step.title,
            )
        )
        clock += step.minutes
    if block.kind == "chapter":
        refs = lessons.references(block.chapter)
        if refs:
            out.append(
                _section(
                    f"<p class='kind'>{esc(block.title)}</p><h2>Sources</h2><ul class='refs'>"
                    + "".join(f"<li>{lessons.inline(r)}</li>" for r in refs)
                    + "</ul>",
                    label=f"{block.title}: sources",
                )
            )
    return out


def build(format_key: str, *, link: str | None = None, course_url: str = COURSE_URL, paper_size: str = "A4",
          start: str = "09:00") -> Deck:
    """The deck for one agenda format; with no `link`, the title slide asks for the instructor's."""
    if link is not None and not link.startswith(("https://", "http://")):
        raise SlidesError(f"the link {link!r} is not a web address; give the full https:// link learners open.")
    agenda = agenda_module.build(format_key, start)
    sheet = runsheet.build(agenda)
    # reveal.js prints each slide on a page of the slide's size plus its margin: size the slides
    # so that the page comes out as the paper, in landscape.
    paper_width, paper_height, _ = paper.SIZES[paper_size]
    width, height = round(paper_width / (1 + MARGIN)), round(paper_height / (1 + MARGIN))
    sections = [title_slide(agenda, link, course_url), agenda_slide(agenda)]
    ids = []
    for index, sheet_block in enumerate(sheet.blocks):
        sections += block_slides(agenda, index, sheet_block)
        ids += [step_id(index, s) for s in range(len(sheet_block.steps))]
    config = {
        "width": width,
        "height": height,
        "margin": MARGIN,
        "hash": True,
        # No slide numbers: reveal.js draws them as links to its own "#/slide" routes, which are
        # not anchors in the page (the book's link check reads them as broken).
        "slideNumber": False,
        "transition": "none",
        "pdfMaxPagesPerSlide": 1,
        "pdfSeparateFragments": False,
    }
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(COURSE_TITLE)}: {esc(agenda.format.title)}</title>
<link rel="stylesheet" href="{REVEAL_FOLDER}/reveal.css">
<link rel="stylesheet" href="{REVEAL_FOLDER}/theme/white.css">
<style>{STYLE}</style>
</head>
<body>
<main class="reveal"><div class="slides">
{chr(10).join(sections)}
</div></main>
<script src="{REVEAL_FOLDER}/reveal.js"></script>
<script>
Reveal.initialize({json.dumps(config)});
{TIMER_SCRIPT}
</script>
</body>
</html>
"""
    return Deck(agenda, link, paper_size, page, len(sections), tuple(ids))


def deck_name(format_key: str) -> str:
    return f"slides-{format_key}.html"


def copy_reveal(folder: Path) -> None:
    """Put the vendored reveal.js files beside a deck (replacing an older copy)."""
    for name in REVEAL_FILES:
        source = VENDOR / name
        if not source.is_file():
            raise SlidesError(f"{source} is missing from the package; reinstall it from a full checkout.")
        target = folder / REVEAL_FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def write(deck: Deck, folder: Path) -> Path:
    """Write the deck and its copy of reveal.js into `folder`; return the deck's path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    copy_reveal(folder)
    target = folder / deck_name(deck.agenda.format.key)
    atomic_write(target, deck.html)
    return target


def print_deck(browser: str, deck_path: Path, target: Path) -> int:
    """Print a written deck to PDF, one slide per page, with reveal.js's print view; return the
    number of pages. Chromium's own --print-to-pdf prints before reveal.js has laid the slides out
    (it waits for animation frames), so the browser is driven with Playwright, which waits for the
    layout; every request that would leave this machine is refused."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SlidesError(
            "printing slides needs Playwright (python3 -m pip install playwright); or open "
            f"{deck_path.name}?print-pdf in Chromium or Chrome and print it to PDF."
        ) from None
    url = Path(deck_path).resolve().as_uri() + "?print-pdf"
    try:
        with sync_playwright() as driver:
            browser_app = driver.chromium.launch(executable_path=browser, args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser_app.new_page()
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
                page.goto(url, wait_until="load")  # every stylesheet in, including reveal's print rules
                # reveal.js wraps each slide in a .pdf-page when its print layout is done; on a busy
                # machine the fonts and a last layout pass can still follow, so wait for those too.
                page.wait_for_function(
                    "() => document.documentElement.classList.contains('reveal-print')"
                    " && document.querySelectorAll('.pdf-page').length === document.querySelectorAll('.slides section').length",
                    timeout=PRINT_WAIT_MS,
                )
                page.evaluate("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))")
                page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
                return page.evaluate("() => document.querySelectorAll('.pdf-page').length")
            finally:
                browser_app.close()
    except PlaywrightError as error:
        raise SlidesError(f"Chromium could not print {deck_path.name}: {str(error).splitlines()[0][:200]}") from None
