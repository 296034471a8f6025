"""Commands for running a class: `agenda`, `handouts` and `class-summary`.

    python -m workbook agenda [--format 90min|half-day|full-day] [--start 09:00] [--chapters 00,07,08]
    python -m workbook agenda --write book/instructors/agendas.md
    python -m workbook handouts [--pdf DIR] [--paper A4|letter]
    python -m workbook class-summary export PATH [--new-id]
    python -m workbook class-summary aggregate DIR [--out FILE.md]
    python -m workbook class-summary examples DIR [--count N]

Exit status: 0 done; 1 the class summary refused to report (fewer than 5 valid summaries);
2 bad input or a file that cannot be written (message on stderr, starting `workbook:`)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .. import agenda, class_summary
from ..files import atomic_write
from ..store import Store, StoreError, default_path
from ..workshop import paper
from ..workshop.printing import find_chromium, print_pdf

REPO_ROOT = Path(__file__).resolve().parents[2]
HANDOUTS_DIR = REPO_ROOT / "book" / "handouts"
HANDOUTS = ("conversation-card.html", "plan-30-60-90.html")


def fail(message: str, status: int = 2) -> int:
    print(f"workbook: {message}", file=sys.stderr)
    return status


def register(commands) -> None:
    p = commands.add_parser("agenda", help="print workshop agendas computed from the chapter timings")
    p.add_argument("--format", choices=list(agenda.FORMATS) + ["all"], default="all")
    p.add_argument("--start", default="09:00", help="start time, HH:MM (default 09:00)")
    p.add_argument("--chapters", help="comma-separated chapter numbers (and 'practice') in order, e.g. 00,07,08")
    p.add_argument("--write", metavar="FILE", help="write the agendas page (all three formats) to FILE")
    p.set_defaults(handler=run_agenda)

    p = commands.add_parser("handouts", help="list the printable handouts, or print them to PDF with Chromium")
    p.add_argument("--pdf", metavar="DIR", help="write one PDF per handout into DIR (needs Chromium)")
    p.add_argument("--paper", metavar="A4|letter", help="paper size for --pdf (default: from the locale, else A4)")
    p.set_defaults(handler=run_handouts)

    p = commands.add_parser("class-summary", help="anonymous class summaries: export yours, aggregate a class")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    e = sub.add_parser("export", help="write your anonymous summary (counts only) to PATH")
    e.add_argument("path", metavar="PATH", help="a .json file, or a folder to put one in")
    e.add_argument("--new-id", action="store_true", help="draw a fresh random summary id first")
    e.set_defaults(handler=run_export)
    a = sub.add_parser("aggregate", help="check every *.json summary in DIR and print the class tables")
    a.add_argument("folder", metavar="DIR")
    a.add_argument("--out", metavar="FILE.md", help="write the tables to FILE.md instead of printing them")
    a.set_defaults(handler=run_aggregate)
    x = sub.add_parser("examples", help="write fictional example summaries into DIR")
    x.add_argument("folder", metavar="DIR")
    x.add_argument("--count", type=int, default=12)
    x.set_defaults(handler=run_examples)


# --- agenda -------------------------------------------------------------------------------------


def run_agenda(args) -> int:
    chapters = [c.strip() for c in args.chapters.split(",") if c.strip()] if args.chapters else None
    try:
        if args.write:
            if chapters is not None or args.format != "all":
                return fail("--write writes the page with all three standard agendas; leave out --format and --chapters.")
            text = agenda.page(args.start)
            target = Path(args.write)
            if not target.parent.is_dir():
                return fail(f"{target.parent} is not a folder; run from the course folder or create it first.")
            atomic_write(target, text)
            print(f"wrote {target}")
            return 0
        if args.format == "all":
            if chapters is not None:
                return fail("--chapters needs a --format to fit them into (90min, half-day or full-day).")
            print("\n".join(agenda.to_markdown(a) for a in agenda.build_all(args.start)), end="")
        else:
            print(agenda.to_markdown(agenda.build(args.format, args.start, chapters)), end="")
    except agenda.AgendaError as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write {args.write}: {error.strerror}.")
    return 0


# --- handouts -----------------------------------------------------------------------------------


def run_handouts(args) -> int:
    sources = [HANDOUTS_DIR / name for name in HANDOUTS]
    missing = [s for s in sources if not s.is_file()]
    if missing:
        return fail(f"handout {missing[0]} is missing; run this from a full checkout of the course.")
    if not args.pdf:
        for source in sources:
            print(source)
        return 0
    try:
        size = paper.choose(args.paper)
    except ValueError as error:
        return fail(str(error))
    browser = find_chromium()
    if browser is None:
        return fail(
            "no Chromium found to print with; install it (apt install chromium) or set WORKBOOK_CHROMIUM, "
            "or open the HTML handouts in any browser and print them."
        )
    folder = Path(args.pdf)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return fail(f"cannot create {folder}: {error.strerror}.")
    with tempfile.TemporaryDirectory(prefix="workbook-handouts-") as scratch:
        for source in sources:
            target = folder / (source.stem + ".pdf")
            # The handouts name no paper size, so each is printed from a copy that does.
            sized = Path(scratch) / source.name
            sized.write_text(with_paper(source.read_text(encoding="utf-8"), size), encoding="utf-8")
            try:
                print_pdf(browser, sized, target)
            except (RuntimeError, OSError) as error:
                return fail(str(error))
            print(f"wrote {target} ({size})")
    return 0


def with_paper(page: str, size: str) -> str:
    """The handout's HTML with a print rule for the paper size, just before </head>."""
    head_end = page.index("</head>")
    return page[:head_end] + f"<style>{paper.page_css(size)}</style>\n" + page[head_end:]


# --- class summary ------------------------------------------------------------------------------


def run_export(args) -> int:
    path = default_path()
    if not path.exists():
        return fail(f"no workbook at {path} yet; open a chapter and use a tool first (or set WORKBOOK_HOME).")
    try:
        store = Store(path)
    except StoreError as error:
        return fail(str(error))
    try:
        written = class_summary.export(store, args.path, renew=args.new_id)
    except class_summary.SummaryError as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write {args.path}: {error.strerror}; choose a folder you can write to.")
    finally:
        store.close()
    print(f"wrote {written}: counts only, no names or notes. Hand this file in; it is yours to check first.")
    return 0


def run_aggregate(args) -> int:
    try:
        loaded = class_summary.load_folder(args.folder)
    except class_summary.SummaryError as error:
        return fail(str(error))
    for name, reason in loaded.skipped:
        print(f"workbook: skipped {name}: {reason}", file=sys.stderr)
    try:
        report = class_summary.build_report(loaded)
    except class_summary.SummaryError as error:
        return fail(f"{args.folder}: {error}", status=1)
    text = report.to_markdown()
    if args.out:
        if not Path(args.out).parent.is_dir():  # a mistyped folder is refused, not created
            return fail(f"{Path(args.out).parent} is not a folder; create it first or choose another path.")
        try:
            atomic_write(Path(args.out), text)
        except OSError as error:
            return fail(f"cannot write {args.out}: {error.strerror}.")
        print(f"wrote {args.out} from {report.learners} summaries")
    else:
        print(text, end="")
    return 0


def run_examples(args) -> int:
    if not 1 <= args.count <= 200:
        return fail("--count must be between 1 and 200.")
    try:
        paths = class_summary.write_examples(args.folder, args.count)
    except OSError as error:
        return fail(f"cannot write into {args.folder}: {error.strerror}.")
    print(f"wrote {len(paths)} fictional summaries into {args.folder}")
    return 0
