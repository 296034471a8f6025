"""Class summaries: what a workshop's learners did, counted, with nobody's private data.

A learner runs `python -m workbook class-summary export PATH` and hands in the file. It holds counts
only: contacts by circle and by Dunbar layer, exchanges by direction and kind, conversation plans,
promises made and kept, quiz answers per chapter and progress per chapter. No names, emails, URLs,
notes, dates, row ids or any other text the learner typed; every file has exactly the same keys.
Its one id is random (kept in the learner's workbook so a second export of the same workbook is
recognised as a duplicate; `--new-id` draws a fresh one).

The instructor runs `python -m workbook class-summary aggregate DIR`. Every file is checked against
the schema (exact keys, whole numbers within bounds, known categories); anything else is named,
skipped with a one-line reason, and never echoed. The report follows one rule, so it never singles
anyone out:

1. With fewer than K_MIN (5) distinct valid summaries it shows nothing at all.
2. Each number belongs to one category (say, "introductions given"). It is shown only if at least
   K_MIN learners contributed to it (had at least one); with 1 to 4 contributors it reads "fewer
   than 5" and its total is hidden. A category nobody used shows 0.
3. No table prints a total across its categories, and in each table that splits one quantity into
   categories (contacts by circle, by layer, exchanges given or received by kind), if exactly one
   category is hidden, the shown category with the fewest contributors is hidden too, so a hidden
   number cannot be worked out by subtraction from another table.

The rule protects what the report shows (a slide, a shared page). It cannot protect the files: whoever
holds the folder could open one. So collect them without names attached and delete them afterwards
(see the instructor guide).

Layers: model and I/O here are separate as elsewhere: `summarize(store)` reads counts from a store,
`validate(data)` checks a parsed file, `aggregate(folder)` reads a folder, `Report` builds tables."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import secrets
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from . import course
from .domain.contacts import CIRCLES
from .domain.exchanges import DIRECTIONS, KINDS
from .domain.follow_ups import FollowUp
from .files import atomic_write

if TYPE_CHECKING:
    import pandas as pd

    from .charts import Chart

FORMAT_NAME = "networking-workbook-class-summary"
FORMAT_VERSION = 1
K_MIN = 5  # the k-anonymity threshold: fewest learners behind any number shown
MAX_COUNT = 100_000  # no learner logs more than this of anything; larger means tampered
MAX_FILE_BYTES = 64 * 1024  # a real summary is about 2 KB
META_KEY = "class_summary_id"

LAYERS = ("5", "15", "50", "150", "none")
LAYER_LABELS = {"5": "5 (closest)", "15": "15", "50": "50", "150": "150", "none": "not yet placed"}
CHAPTER_NUMBERS = tuple(c.number for c in course.CHAPTERS)
PROMISE_KEYS = ("mine_made", "mine_kept", "theirs_made", "theirs_kept")


class SummaryError(ValueError):
    """A summary cannot be written, read or shown; the message says which file and what to do."""


# --- the schema ------------------------------------------------------------------------------


def template() -> dict:
    """The shape every summary has: every key present, every count zero."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "summary_id": "",
        "contacts_by_circle": {c: 0 for c in CIRCLES},
        "contacts_by_layer": {layer: 0 for layer in LAYERS},
        "exchanges": {d: {k: 0 for k in KINDS} for d in DIRECTIONS},
        "plans": 0,
        "promises": {k: 0 for k in PROMISE_KEYS},
        "quiz": {n: {"answered": 0, "correct": 0} for n in CHAPTER_NUMBERS},
        "progress": {n: 0 for n in CHAPTER_NUMBERS},
    }


def _is_id(value) -> bool:
    return isinstance(value, str) and len(value) == 32 and all(ch in "0123456789abcdef" for ch in value)


def _check(expected, actual, where: str) -> None:
    """Walk the template and the data together; raise SummaryError at the first difference.
    Messages never quote the data's own keys or values (they could hold anything)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            raise SummaryError(f"{where or 'the file'} should be an object of counts")
        extra = set(actual) - set(expected)
        if extra:
            raise SummaryError(f"{len(extra)} unexpected key(s) in {where or 'the top level'}")
        missing = [k for k in expected if k not in actual]
        if missing:
            raise SummaryError(f"missing key {'.'.join(filter(None, (where, missing[0])))!r}")
        for key, sub in expected.items():
            _check(sub, actual[key], f"{where}.{key}" if where else key)
        return
    if isinstance(expected, int):
        if isinstance(actual, bool) or not isinstance(actual, int):
            raise SummaryError(f"{where!r} is not a whole number")
        if not 0 <= actual <= MAX_COUNT:
            raise SummaryError(f"{where!r} is outside 0..{MAX_COUNT:,}")
        return
    # strings: format and summary_id are checked by validate()
    if not isinstance(actual, str):
        raise SummaryError(f"{where!r} is not text")


def validate(data) -> dict:
    """Return `data` if it is a well-formed summary; raise SummaryError saying what is wrong."""
    if not isinstance(data, dict):
        raise SummaryError("the file holds no summary object")
    if data.get("format") != FORMAT_NAME:
        raise SummaryError("not a class summary (its 'format' field is missing or different)")
    if data.get("version") != FORMAT_VERSION:
        raise SummaryError(f"written by another version of the workbook (this one reads version {FORMAT_VERSION})")
    _check(template(), data, "")
    if not _is_id(data["summary_id"]):
        raise SummaryError("'summary_id' is not 32 lowercase hex digits")
    for number, row in data["quiz"].items():
        if row["correct"] > row["answered"]:
            raise SummaryError(f"'quiz.{number}' has more correct answers than answers")
    promises = data["promises"]
    for who in ("mine", "theirs"):
        if promises[f"{who}_kept"] > promises[f"{who}_made"]:
            raise SummaryError(f"'promises.{who}_kept' is more than '{who}_made'")
    return data


def _reject_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise SummaryError("a key appears twice in one object")
    return dict(pairs)


def _reject_constant(name):
    raise SummaryError("holds NaN or Infinity, which are not counts")


def parse(text: str) -> dict:
    if not text.strip():
        raise SummaryError("the file is empty")
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    except SummaryError:
        raise
    except json.JSONDecodeError as error:
        raise SummaryError(f"not valid JSON (line {error.lineno}, column {error.colno})") from None
    except (ValueError, RecursionError):  # over-long integers, absurd nesting
        raise SummaryError("not a summary this workbook can read (numbers or nesting out of bounds)") from None
    return validate(data)


# --- export ------------------------------------------------------------------------------------


def summary_id(store, *, renew: bool = False) -> str:
    """The workbook's random summary id, made on first use and kept in the store's meta table."""
    current = store.get_meta(META_KEY)
    if renew or not _is_id(current):
        current = secrets.token_hex(16)
        store.set_meta(META_KEY, current)
    return current


def summarize(store, *, ident: str | None = None) -> dict:
    """Counts from a learner's store, in the schema's shape. Reads no text columns."""
    data = template()
    data["summary_id"] = ident if ident is not None else summary_id(store)

    counted = store.counts.class_summary()
    for circle, n in counted["circles"]:
        if circle in data["contacts_by_circle"]:
            data["contacts_by_circle"][circle] += n
    for layer, n in counted["layers"]:
        key = str(layer) if layer is not None else "none"
        data["contacts_by_layer"][key if key in LAYERS else "none"] += n
    for direction, kind, n in counted["exchanges"]:
        if direction in DIRECTIONS:
            data["exchanges"][direction][kind if kind in KINDS else "other"] += n
    data["plans"] = counted["plans"][0][0]
    for owner, made, kept in counted["promises"]:
        who = {"me": "mine", "them": "theirs"}.get(owner)
        if who:
            data["promises"][f"{who}_made"] += made
            data["promises"][f"{who}_kept"] += kept or 0
    for chapter, question, correct in counted["quiz"]:
        # Answers to questions that have left the course are not counted, as in progress.
        if chapter in data["quiz"] and question in course.current_question_ids(chapter):
            data["quiz"][chapter]["answered"] += 1
            data["quiz"][chapter]["correct"] += int(correct != 0)
    for chapter, n in counted["progress"]:
        if chapter in data["progress"]:
            data["progress"][chapter] = n
    return validate(_clamp(data))


def _clamp(item):
    """Cap every count at MAX_COUNT, so an enormous workbook still exports."""
    if isinstance(item, dict):
        return {k: _clamp(v) for k, v in item.items()}
    if isinstance(item, int) and not isinstance(item, bool):
        return min(item, MAX_COUNT)
    return item


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


def export(store, target: str | os.PathLike, *, renew: bool = False) -> Path:
    """Write the store's summary to `target` (a file, or a folder to put a file in); return the path."""
    data = summarize(store, ident=summary_id(store, renew=renew))
    target = Path(target)
    if target.is_dir():
        target = target / f"class-summary-{data['summary_id'][:8]}.json"
    if not target.parent.is_dir():
        raise SummaryError(f"{target.parent} is not a folder; create it first or choose another path.")
    atomic_write(target, dumps(data))
    return target


# --- aggregate ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Loaded:
    summaries: list[dict]
    names: list[str]  # file names of the summaries used, same order
    skipped: list[tuple[str, str]]  # (file name, reason)


def read_file(path: Path) -> dict:
    if not path.is_file():
        raise SummaryError("not a regular file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SummaryError(f"{size:,} bytes, far larger than a summary ({MAX_FILE_BYTES:,} at most)")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SummaryError("not UTF-8 text") from None
    except OSError as error:
        raise SummaryError(f"cannot be read ({error.strerror})") from None
    return parse(text)


def _weight(data: dict) -> int:
    """How much a summary holds: a later export of the same workbook normally holds more."""
    total = 0
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(v for k, v in item.items() if k not in ("format", "version", "summary_id"))
        elif isinstance(item, int):
            total += item
    return total


def load_folder(folder: str | os.PathLike) -> Loaded:
    folder = Path(folder)
    if not folder.is_dir():
        raise SummaryError(f"{folder} is not a folder; give the folder that holds the learners' .json summaries.")
    by_id: dict[str, tuple[str, dict]] = {}
    skipped: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = read_file(path)
        except SummaryError as error:
            skipped.append((path.name, str(error)))
            continue
        ident = data["summary_id"]
        if ident in by_id:
            first_name, first = by_id[ident]
            if _weight(data) > _weight(first):
                by_id[ident] = (path.name, data)
                skipped.append((first_name, f"same workbook as {path.name}, which holds more; kept that one"))
            else:
                skipped.append((path.name, f"same workbook as {first_name} (duplicate summary id); kept {first_name}"))
            continue
        by_id[ident] = (path.name, data)
    kept = sorted(by_id.values())
    return Loaded([d for _, d in kept], [n for n, _ in kept], skipped)


@dataclasses.dataclass
class Cell:
    category: str
    learners: int  # how many learners had at least one
    total: int
    hidden: bool = False


@dataclasses.dataclass
class Table:
    key: str
    title: str
    cells: list[Cell]
    partition: bool  # the categories split one quantity: complementary suppression applies
    unit: str = "total"

    def frame(self) -> pd.DataFrame:
        """Category, learners, total; hidden cells as missing values."""
        import pandas as pd  # here: the CLI's class-summary commands start without pandas

        return pd.DataFrame(
            {
                "category": [c.category for c in self.cells],
                "learners": pd.array([None if c.hidden else c.learners for c in self.cells], dtype="Int64"),
                self.unit: pd.array([None if c.hidden else c.total for c in self.cells], dtype="Int64"),
            }
        )


def _cells(summaries, pick, categories, labels=None) -> list[Cell]:
    cells = []
    for key in categories:
        values = [pick(s, key) for s in summaries]
        cells.append(Cell((labels or {}).get(key, key), sum(1 for v in values if v > 0), sum(values)))
    return cells


def suppress(table: Table, k: int = K_MIN) -> Table:
    """Apply the rule: hide cells with 1..k-1 contributors; in a partition, never hide exactly one."""
    for cell in table.cells:
        cell.hidden = 0 < cell.learners < k
    if table.partition and sum(c.hidden for c in table.cells) == 1:
        shown = [c for c in table.cells if not c.hidden and c.learners > 0]
        if shown:
            min(shown, key=lambda c: (c.learners, c.total)).hidden = True
    return table


@dataclasses.dataclass
class Report:
    learners: int
    tables: list[Table]
    skipped: list[tuple[str, str]]

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def frames(self) -> dict[str, pd.DataFrame]:
        return {t.key: t.frame() for t in self.tables}

    def to_markdown(self) -> str:
        lines = [
            "# Class summary",
            "",
            f"From {self.learners} learners' summaries. A number backed by fewer than {K_MIN} learners "
            f"reads 'fewer than {K_MIN}'; see the instructor guide for the rule.",
            "",
        ]
        for t in self.tables:
            lines += [f"## {t.title}", "", f"| category | learners | {t.unit} |", "| --- | ---: | ---: |"]
            for c in t.cells:
                if c.hidden:
                    lines.append(f"| {c.category} | fewer than {K_MIN} | hidden |")
                else:
                    lines.append(f"| {c.category} | {c.learners} | {c.total} |")
            lines.append("")
        return "\n".join(lines)

    def to_html(self) -> str:
        """The same tables as HTML (the website renders notebook Markdown output as plain text)."""
        parts = [
            f"<p>From {self.learners} learners' summaries. A number backed by fewer than {K_MIN} learners "
            f"reads 'fewer than {K_MIN}'; see the instructor guide for the rule.</p>"
        ]
        for t in self.tables:
            rows = "".join(
                f"<tr><th scope='row'>{escape(c.category)}</th>"
                + (f"<td>fewer than {K_MIN}</td><td>hidden</td>" if c.hidden else f"<td>{c.learners}</td><td>{c.total}</td>")
                + "</tr>"
                for c in t.cells
            )
            parts.append(
                "<table class='workbook-table' style='border-collapse:collapse;margin-bottom:1em'>"
                f"<caption style='text-align:left;font-weight:bold'>{escape(t.title)}</caption>"
                f"<thead><tr><th scope='col'>category</th><th scope='col'>learners</th><th scope='col'>{escape(t.unit)}</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
        return "\n".join(parts)


def build_report(loaded: Loaded, k: int = K_MIN) -> Report:
    """Tables of class totals under the suppression rule; SummaryError if fewer than k summaries."""
    n = len(loaded.summaries)
    if n < k:
        raise SummaryError(
            f"only {n} valid summar{'y' if n == 1 else 'ies'}; the report needs at least {k} so that "
            "no one can be singled out. Collect more summaries and run it again."
        )
    s = loaded.summaries
    chapter_titles = {c.number: f"{c.number} {c.title}" for c in course.CHAPTERS}
    kind_labels = {k_: k_ for k_ in KINDS}
    tables = [
        Table("circle", "Contacts by circle", _cells(s, lambda d, key: d["contacts_by_circle"][key], CIRCLES), True, "contacts"),
        Table("layer", "Contacts by Dunbar layer", _cells(s, lambda d, key: d["contacts_by_layer"][key], LAYERS, LAYER_LABELS), True, "contacts"),
        Table("gave", "Exchanges given, by kind", _cells(s, lambda d, key: d["exchanges"]["gave"][key], KINDS, kind_labels), True, "exchanges"),
        Table("received", "Exchanges received, by kind", _cells(s, lambda d, key: d["exchanges"]["received"][key], KINDS, kind_labels), True, "exchanges"),
        Table(
            "activity",
            "Plans and promises",
            _cells(
                s,
                lambda d, key: d["plans"] if key == "plans" else d["promises"][key],
                ("plans",) + PROMISE_KEYS,
                {
                    "plans": "conversation plans made",
                    "mine_made": "promises I made",
                    "mine_kept": "promises I kept",
                    "theirs_made": "promises they made",
                    "theirs_kept": "promises they kept",
                },
            ),
            False,
        ),
        Table("quiz_answered", "Quiz answers, by chapter", _cells(s, lambda d, key: d["quiz"][key]["answered"], CHAPTER_NUMBERS, chapter_titles), False, "answers"),
        Table("quiz_correct", "Correct quiz answers, by chapter", _cells(s, lambda d, key: d["quiz"][key]["correct"], CHAPTER_NUMBERS, chapter_titles), False, "correct"),
        Table("progress", "Progress, by chapter (items ticked)", _cells(s, lambda d, key: d["progress"][key], CHAPTER_NUMBERS, chapter_titles), False, "items"),
    ]
    for t in tables:
        suppress(t, k)
    # A correct count is only shown beside a shown answer count.
    answered, correct = tables[5], tables[6]
    for a, c in zip(answered.cells, correct.cells):
        if a.hidden:
            c.hidden = True
    return Report(n, tables, list(loaded.skipped))


def aggregate(folder: str | os.PathLike, k: int = K_MIN) -> Report:
    return build_report(load_folder(folder), k)


# --- charts (for the instructor notebook) -----------------------------------------------------
# matplotlib is imported inside each function, so the CLI's class-summary commands start quickly.


def chart(table: Table, *, color: str = "#3b6ea5") -> Chart:
    """A horizontal bar chart of one table; hidden cells are labelled, not drawn."""
    from matplotlib.figure import Figure

    from .charts import Chart

    fig = Figure(figsize=(6.5, 0.45 * len(table.cells) + 1), layout="constrained")
    ax = fig.subplots()
    labels = [c.category for c in table.cells][::-1]
    values = [0 if c.hidden else c.total for c in table.cells][::-1]
    bars = ax.barh(labels, values, color=color)
    described = []
    for bar, cell in zip(bars, table.cells[::-1]):
        text = f"fewer than {K_MIN} learners" if cell.hidden else f"{cell.total} ({cell.learners} learners)"
        described.append(f"{cell.category}: {text}")
        ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set_title(table.title)
    ax.set_xlabel(table.unit)
    ax.margins(x=0.35)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    alt = f"Bar chart: {table.title}, in {table.unit}. " + "; ".join(reversed(described)) + "."
    return Chart(fig, alt)


def quiz_chart(report: Report) -> Chart:
    """Share of quiz answers that were correct, per chapter with shown numbers."""
    from matplotlib.figure import Figure

    from .charts import Chart

    answered = report.table("quiz_answered").cells
    correct = report.table("quiz_correct").cells
    rows = [(a.category, c.total / a.total) for a, c in zip(answered, correct) if not a.hidden and not c.hidden and a.total]
    fig = Figure(figsize=(6.5, 0.45 * max(len(rows), 1) + 1), layout="constrained")
    ax = fig.subplots()
    if not rows:
        message = f"No chapter has quiz answers from {K_MIN} or more learners yet."
        ax.text(0.5, 0.5, message, ha="center", va="center")
        ax.set_axis_off()
        return Chart(fig, f"Chart of quiz answers that were correct: {message}")
    labels, shares = zip(*rows[::-1])
    ax.barh(labels, [100 * v for v in shares], color="#5b8c5a")
    for y, v in enumerate(shares):
        ax.annotate(f"{100 * v:.0f}%", (100 * v, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_xlim(0, 110)
    ax.set_xlabel("% of answers correct")
    ax.set_title("Quiz answers that were correct, by chapter")
    alt = "Bar chart: quiz answers that were correct, by chapter. " + "; ".join(
        f"{label}: {100 * share:.0f}%" for label, share in rows
    ) + "."
    return Chart(fig, alt)


# --- fictional examples ----------------------------------------------------------------------


PROMISE_DUE = dt.date(2026, 6, 1)


def example_summaries(count: int = 12, *, seed: int = 2026) -> list[dict]:
    """Summaries of `count` fictional learners: each starts from the sample network (sample.py),
    keeps a random share of its contacts, places some in layers, and answers quizzes, ticks
    progress and keeps promises at random; then goes through `summarize`, the real export path.
    Deterministic for a given seed (the ids come from the same random generator)."""
    from .sample import sample_store

    rng = random.Random(seed)
    out = []
    for _ in range(count):
        store = sample_store()
        try:
            with store.transaction():
                ids = sorted(store.contacts.names())
                keep = set(rng.sample(ids, rng.randint(8, len(ids))))
                for contact_id in ids:
                    if contact_id not in keep:
                        store.contacts.delete(contact_id)
                if rng.random() < 0.4:
                    for contact_id in sorted(keep):
                        if contact_id % 3 == 0:
                            settings = store.contacts.keep_in_touch(contact_id)
                            store.contacts.save(store.contacts.get(contact_id), dataclasses.replace(settings, layer=None))
                if rng.random() < 0.5:
                    for plan_id in store.plans.all()["id"]:
                        if plan_id > 1:
                            store.plans.delete(int(plan_id))
                for contact in rng.sample(sorted(keep), min(len(keep), rng.randint(0, 6))):
                    done = rng.random() < 0.6
                    promise = store.follow_ups.add(FollowUp(contact, rng.choice(("me", "me", "them")), "x", due=PROMISE_DUE))
                    if done:
                        store.follow_ups.set_done(promise)
                reached = rng.randint(1, len(course.CHAPTERS))
                for ch in course.CHAPTERS[:reached]:
                    store.progress.mark_done(ch.number, "visited")
                    if rng.random() < 0.5:
                        store.progress.mark_done(ch.number, "exercise")
                    for question in course.QUIZZES.get(ch.number, []):
                        store.quiz.record(ch.number, question.id, "", rng.random() < 0.75)
            out.append(summarize(store, ident=f"{rng.getrandbits(128):032x}"))
        finally:
            store.close()
    return out


def write_examples(folder: str | os.PathLike, count: int = 12, *, seed: int = 2026) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, data in enumerate(example_summaries(count, seed=seed), start=1):
        path = folder / f"learner-{number:02d}.json"
        atomic_write(path, dumps(data))
        paths.append(path)
    return paths
