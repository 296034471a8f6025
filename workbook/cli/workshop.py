"""Commands for the workshop kit: `runsheet`, `slides` and `join`.

    python -m workbook runsheet [--agenda 90|half-day|full-day] [--start 09:00] [--out FILE.md]
    python -m workbook runsheet --write book/instructors/runsheets.md
    python -m workbook runsheet --guides book/instructors
    python -m workbook slides [--agenda 90] [--link URL] [--paper A4|letter] [--out DIR] [--pdf]
    python -m workbook join --link URL --date YYYY-MM-DD [--start 09:00] [--place TEXT]
                            [--instructor NAME] [--agenda 90] [--paper A4|letter] [--out DIR]

Exit status: 0 done; 2 bad input or a file that cannot be written (message on stderr)."""

from __future__ import annotations

from pathlib import Path

from .. import agenda
from ..files import atomic_write
from ..workshop import links, paper, runsheet
from .classes import fail

AGENDA_HELP = "90, half-day or full-day (default 90)"
PAPER_HELP = "A4 or letter (default: from the locale, else A4)"


def register(commands) -> None:
    p = commands.add_parser("runsheet", help="print minute-by-minute run sheets for the workshop agendas")
    p.add_argument("--agenda", default=None, help=AGENDA_HELP + "; all three when left out")
    p.add_argument("--start", default="09:00", help="start time, HH:MM (default 09:00)")
    p.add_argument("--out", metavar="FILE.md", help="write the run sheet to FILE.md instead of printing it")
    p.add_argument("--write", metavar="FILE", help="write the run sheets page (all three agendas) to FILE")
    p.add_argument("--guides", metavar="DIR", help="update the 'What is open when' section of each chapter guide in DIR")
    p.set_defaults(handler=run_runsheet)

    p = commands.add_parser("slides", help="write the slide deck (HTML, reveal.js) for an agenda, and its run sheet")
    p.add_argument("--agenda", default="90", help=AGENDA_HELP)
    p.add_argument("--link", help="the link learners open: your hub's link, or the in-browser course you serve (see the "
                   "serving guide); without it the title slide asks for one and shows no QR code")
    p.add_argument("--start", default="09:00", help="start time, HH:MM (default 09:00)")
    p.add_argument("--paper", metavar="A4|letter", help=PAPER_HELP)
    p.add_argument("--out", metavar="DIR", default="workshop", help="folder to write into (default: workshop)")
    p.add_argument("--pdf", action="store_true", help="also print the deck to PDF, one slide per page (needs Chromium)")
    p.set_defaults(handler=run_slides)

    p = commands.add_parser("join", help="write the learners' join page, the pre-workshop email and the feedback form")
    p.add_argument("--link", required=True, help="the link learners open")
    p.add_argument("--date", required=True, help="the day of the workshop, YYYY-MM-DD")
    p.add_argument("--start", default="09:00", help="start time, HH:MM (default 09:00)")
    p.add_argument("--place", default="to be confirmed", help="room and building, or 'online'")
    p.add_argument("--instructor", default="Your instructor", help="the name that signs the email")
    p.add_argument("--title", default=links.COURSE_TITLE, help="the session's title")
    p.add_argument("--agenda", default="90", help=AGENDA_HELP)
    p.add_argument("--paper", metavar="A4|letter", help=PAPER_HELP)
    p.add_argument("--out", metavar="DIR", default="workshop", help="folder to write into (default: workshop)")
    p.set_defaults(handler=run_join)


def run_runsheet(args) -> int:
    try:
        if args.guides:
            return write_guides(Path(args.guides))
        if args.write:
            if args.agenda is not None:
                return fail("--write writes the page with all three run sheets; leave out --agenda.")
            target = Path(args.write)
            if not target.parent.is_dir():
                return fail(f"{target.parent} is not a folder; run from the course folder or create it first.")
            atomic_write(target, runsheet.page(args.start))
            print(f"wrote {target}")
            return 0
        keys = list(agenda.FORMATS) if args.agenda is None else [runsheet.agenda_key(args.agenda)]
        text = "\n".join(runsheet.to_markdown(runsheet.build(agenda.build(k, args.start))) for k in keys)
        if args.out:
            atomic_write(Path(args.out), text)
            print(f"wrote {args.out}")
        else:
            print(text, end="")
    except (runsheet.RunSheetError, agenda.AgendaError) as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write {args.write or args.out}: {error.strerror}.")
    return 0


def write_guides(folder: Path) -> int:
    from .. import course

    for number in runsheet.CHAPTER_STEPS:
        guide = folder / f"{course.chapter(number).name}.md"
        if not guide.is_file():
            return fail(f"{guide} is missing; give the folder of the chapter guides (book/instructors).")
        atomic_write(guide, runsheet.with_guide_section(guide.read_text(encoding="utf-8"), number))
        print(f"updated {guide}")
    return 0


MISSING = "{0} is not installed; run python3 -m pip install -r requirements.txt from the course folder."


def run_slides(args) -> int:
    try:
        from ..workshop import printing, slides
    except ImportError as error:
        return fail(MISSING.format(error.name))

    try:
        key = runsheet.agenda_key(args.agenda)
        size = paper.choose(args.paper)
        deck = slides.build(key, link=args.link, paper_size=size, start=args.start)
        folder = Path(args.out)
        path = slides.write(deck, folder)
        sheet = folder / f"runsheet-{key}.md"
        atomic_write(sheet, runsheet.to_markdown(runsheet.build(deck.agenda)))
    except (runsheet.RunSheetError, agenda.AgendaError, slides.SlidesError, ValueError) as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write into {args.out}: {error.strerror}.")
    print(f"wrote {path} ({deck.slides} slides, {size}) and {sheet}")
    print(f"open it in a browser; press F for full screen, Esc for an overview of all slides. To print: open {path.name}?print-pdf")
    if args.pdf:
        browser = printing.find_chromium()
        if browser is None:
            return fail("no Chromium found to print with; install it (apt install chromium) or set WORKBOOK_CHROMIUM.")
        target = path.with_suffix(".pdf")
        try:
            pages = slides.print_deck(browser, path, target)
        except (slides.SlidesError, OSError) as error:
            return fail(str(error))
        print(f"wrote {target} ({pages} pages, one slide each)")
    return 0


def run_join(args) -> int:
    try:
        from ..workshop import join
    except ImportError as error:
        return fail(MISSING.format(error.name))

    try:
        key = runsheet.agenda_key(args.agenda)
        size = paper.choose(args.paper)
        details = join.Details(link=args.link, date=args.date, start=args.start, place=args.place,
                               instructor=args.instructor, title=args.title, format_key=key)
        written = join.write(Path(args.out), join.materials(details, paper_size=size))
    except (join.JoinError, runsheet.RunSheetError, ValueError) as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write into {args.out}: {error.strerror}.")
    for path in written:
        print(f"wrote {path}")
    print("Put join.html on the screen as people arrive (or print it); send the email; share the form at the end.")
    return 0
