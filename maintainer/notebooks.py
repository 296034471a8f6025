"""The course notebooks as files: make the student version of a solution notebook, check that the
committed exercises match their solutions, and execute notebooks the way the book and the tests
expect (saved widget state, a throwaway WORKBOOK_HOME so no real learner data is touched)."""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
SOLUTIONS, EXERCISES, LESSONS = BOOK / "solutions", BOOK / "exercises", BOOK / "lessons"

# A solution region: in code, comment lines; in Markdown, HTML comments, which the solution page
# does not show (a "### BEGIN SOLUTION" line would render as a heading there).
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MARKERS = {"code": (BEGIN, END), "markdown": ("<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->")}
CODE_PLACEHOLDER = "# YOUR CODE HERE\n"
TEXT_PLACEHOLDER = "*Write your answer in the box above: it saves to your workbook. The solutions page has an example.*\n"
SOLUTION_ONLY = "solution-only"  # a cell with this tag is left out of the exercise notebook


class NotebookError(RuntimeError):
    pass


def _region(cell_type: str) -> re.Pattern:
    begin, end = (re.escape(m) for m in MARKERS[cell_type])
    return re.compile(rf"^([ \t]*){begin}[^\n]*\n.*?^[ \t]*{end}[^\n]*(\n|$)", re.M | re.S)


def check_markers(source: str, where: str) -> None:
    """Refuse a region that is opened twice, closed without being opened, or never closed, and a
    marker of the wrong kind (a code marker in Markdown), naming `where` and the line."""
    begin, end = (m.strip() for m in MARKERS["code"])
    opened = None
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.strip()
        is_begin, is_end = "BEGIN SOLUTION" in text, "END SOLUTION" in text
        if not (is_begin or is_end):
            continue
        if text not in (*MARKERS["code"], *MARKERS["markdown"]):
            raise NotebookError(f"{where}, line {number}: {text!r} is not a solution marker; use {MARKERS}")
        if is_begin and opened is not None:
            raise NotebookError(f"{where}, line {number}: BEGIN SOLUTION inside the region opened on line {opened}")
        if is_end and opened is None:
            raise NotebookError(f"{where}, line {number}: END SOLUTION with no BEGIN SOLUTION before it")
        opened = number if is_begin else None
    if opened is not None:
        raise NotebookError(f"{where}, line {opened}: BEGIN SOLUTION is never closed by END SOLUTION")


def strip_solutions(source: str, cell_type: str) -> str:
    if cell_type == "code":
        return _region("code").sub(lambda m: m.group(1) + CODE_PLACEHOLDER, source)
    if cell_type == "markdown":
        return _region("markdown").sub(TEXT_PLACEHOLDER, source)
    return source


def wrong_markers(source: str, cell_type: str) -> bool:
    """A marker of the other cell type: a code marker in Markdown renders as a heading."""
    other = "markdown" if cell_type == "code" else "code"
    return cell_type in MARKERS and any(m in source for m in MARKERS[other])


FOLDED = "hide-input"  # Jupyter Book folds the code of cells with this tag behind a "show" button


def fold_solutions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Tag every code cell holding a solution region, so the book shows solutions folded."""
    for cell in notebook.cells:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if cell.cell_type == "code" and BEGIN in cell.source and FOLDED not in tags:
            tags.append(FOLDED)
    return notebook


# A cell that only opens a tool: `workbook.X(...)`, `name = workbook.X(...)`, `planner.load(1)`,
# `lesson.quiz()`, `workbook.progress()`, and a last line naming the tool.
_OPENS_A_TOOL = re.compile(
    r"^(?:(?:\w+ = )?(?:workbook|lesson)\.\w+\([^()\n]*\)|\w+\.load\(\d+\)|\w+|import workbook|)$"
)


def opens_a_tool(cell) -> bool:
    lines = [line.strip() for line in cell.source.splitlines()]
    return cell.cell_type == "code" and any(lines) and all(_OPENS_A_TOOL.match(line) for line in lines)


def collapse_tool_cells(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Fold the code of cells that only open a tool: collapsed in JupyterLab (the learner sees the
    tool, not the call) and hidden in the book. The Markdown above each says what it opens."""
    for cell in notebook.cells:
        if opens_a_tool(cell):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            tags = cell.metadata.setdefault("tags", [])
            if FOLDED not in tags:
                tags.append(FOLDED)
    return notebook


def student_version(solution: nbformat.NotebookNode, name: str = "solution notebook") -> nbformat.NotebookNode:
    """The exercise notebook: solution regions replaced, solution-only cells dropped, no outputs,
    and a title "# Solutions N: ..." renamed "# Exercises N: ...". A marker left open or of the
    wrong kind raises NotebookError naming `name`, the cell and the line."""
    exercise = nbformat.v4.new_notebook(metadata={k: v for k, v in solution.metadata.items() if k != "widgets"})
    for index, cell in enumerate(solution.cells):
        where = f"{name}, cell {index} ({cell.cell_type})"
        check_markers(cell.source, where)
        if wrong_markers(cell.source, cell.cell_type):
            expected = MARKERS.get(cell.cell_type)
            raise NotebookError(f"{where}: use the {cell.cell_type} markers {expected} in this cell")
        if SOLUTION_ONLY in cell.get("metadata", {}).get("tags", []):
            continue
        copy = nbformat.from_dict({k: v for k, v in cell.items() if k not in ("outputs", "execution_count")})
        copy.source = strip_solutions(cell.source, cell.cell_type)
        tags = [t for t in copy.get("metadata", {}).get("tags", []) if t != FOLDED]
        if tags:
            copy.metadata["tags"] = tags
        else:
            copy.get("metadata", {}).pop("tags", None)
        if cell.cell_type == "markdown":
            copy.source = re.sub(r"\A# Solutions\b", "# Exercises", copy.source)
        if cell.cell_type == "code":
            copy.outputs, copy.execution_count = [], None
        exercise.cells.append(copy)
    return exercise


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def drift(solution_path: Path, exercise_path: Path) -> str | None:
    """What differs between a committed exercise notebook and its solution's student version."""
    name = _shown(exercise_path)
    expected = student_version(nbformat.read(solution_path, as_version=4), _shown(solution_path)).cells
    if not exercise_path.exists():
        return f"{name} is missing"
    actual = nbformat.read(exercise_path, as_version=4).cells
    for index, (want, have) in enumerate(zip(expected, actual)):
        if (want.cell_type, want.source) != (have.cell_type, have.source):
            return f"{name} cell {index} differs from its solution's student version"
    if len(expected) != len(actual):
        return f"{name} has {len(actual)} cells; its solution gives {len(expected)}"
    return None


@contextmanager
def throwaway_home():
    """Point WORKBOOK_HOME at an empty temporary folder for the duration (kernels inherit it)."""
    previous = os.environ.get("WORKBOOK_HOME")
    with tempfile.TemporaryDirectory(prefix="workbook-home-") as home:
        os.environ["WORKBOOK_HOME"] = home
        try:
            yield home
        finally:
            if previous is None:
                os.environ.pop("WORKBOOK_HOME", None)
            else:
                os.environ["WORKBOOK_HOME"] = previous


# What ipykernel registers; JupyterLab asks the learner to pick a kernel when this does not match.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def execute(notebook: nbformat.NotebookNode, folder: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel with a throwaway workbook, keeping the widget state a page
    needs to draw the tools (see `prune_widget_state`)."""
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    with throwaway_home():
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
            store_widget_state=True,
            record_timing=False,
        )
        try:
            client.execute()
        except Exception as error:  # nbclient raises CellExecutionError and kernel errors
            raise NotebookError(f"{folder.name}: a cell failed while executing:\n{error}") from None
    return prune_widget_state(notebook)


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# Each widget model's state as the book's widget scripts (the html-manager pinned in book/_config.yml)
# create it before applying a saved state, keyed "module ModelName". tests/test_book.py checks it
# against those scripts and writes a fresh copy to test-artifacts/ when they change.
WIDGET_DEFAULTS = Path(__file__).with_name("widget_defaults.json")
# A layout or style trait that is null or "" sets no CSS property: the same as a trait left out.
CSS_MODELS = re.compile(r"(Layout|Style)Model$")
REFERENCE = re.compile(r'IPY_MODEL_([0-9a-f]{32})|"model_id": "([0-9a-f]{32})"')


@functools.cache
def widget_defaults() -> dict[str, dict]:
    return json.loads(WIDGET_DEFAULTS.read_text(encoding="utf-8"))


def _shown_models(notebook: nbformat.NotebookNode, models: dict[str, dict]) -> dict[str, dict]:
    """The models displayed in an output and those they refer to: children, layouts, styles, and
    what an Output widget displays (by model_id, like a cell's output)."""
    wanted = [
        output["data"][WIDGET_VIEW]["model_id"]
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if WIDGET_VIEW in output.get("data", {})
    ]
    kept: dict[str, dict] = {}
    while wanted:
        model_id = wanted.pop()
        if model_id in kept or model_id not in models:
            continue
        kept[model_id] = models[model_id]
        wanted += ["".join(ids) for ids in REFERENCE.findall(json.dumps(models[model_id]["state"]))]
    return kept


def _unlike_defaults(model: dict) -> dict:
    """The traits of a saved model that the page's widget scripts would not set by themselves."""
    defaults = widget_defaults().get(f"{model['model_module']} {model['model_name']}")
    if defaults is None or defaults["_model_module_version"] != model["model_module_version"]:
        return model["state"]
    css = CSS_MODELS.search(model["model_name"])
    return {
        name: value for name, value in model["state"].items()
        if not ((name in defaults and value == defaults[name]) or (css and value in (None, "")))
    }


def prune_widget_state(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Save only what a page needs to draw its widgets: the models it shows (`_shown_models`), each
    with only the traits that differ from the defaults the widget scripts fill in, and no layout or
    style model left with nothing to set (a widget without one draws the same). The kernel also held
    tools that were built and never shown, and every model carries every trait, mostly at its
    default: saved whole, they made chapter pages several times heavier."""
    saved = notebook.metadata.get("widgets", {}).get(WIDGET_STATE)
    if not saved:
        return notebook
    models = {
        model_id: {**model, "state": _unlike_defaults(model)}
        for model_id, model in _shown_models(notebook, saved["state"]).items()
    }
    blank = {f"IPY_MODEL_{model_id}" for model_id, model in models.items() if CSS_MODELS.search(model["model_name"]) and not model["state"]}
    for model in models.values():
        model["state"] = {name: value for name, value in model["state"].items() if not (name in ("layout", "style") and value in blank)}
    saved["state"] = {model_id: model for model_id, model in models.items() if f"IPY_MODEL_{model_id}" not in blank}
    return notebook


def execute_file(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    if path.resolve().parent == SOLUTIONS:
        fold_solutions(notebook)
    collapse_tool_cells(notebook)
    nbformat.write(execute(notebook, path.parent), path)


def chapter_files(folder: Path, chapters: list[str] | None = None) -> list[Path]:
    paths = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
    return [p for p in paths if not chapters or p.name[:2] in chapters]


def write_exercises(chapters: list[str] | None = None, run: bool = True) -> list[Path]:
    written = []
    for solution_path in chapter_files(SOLUTIONS, chapters):
        exercise = student_version(nbformat.read(solution_path, as_version=4), _shown(solution_path))
        if run:
            exercise = execute(exercise, EXERCISES)
        target = EXERCISES / solution_path.name
        nbformat.write(exercise, target)
        written.append(target)
    return written
