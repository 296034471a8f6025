"""Maintainer tooling: the student version of each solution notebook, and its drift check."""

import argparse
import subprocess
import sys

import nbformat
import pytest

import maintainer.__main__ as cli
from maintainer import notebooks


def run(*args):
    return subprocess.run([sys.executable, "-m", "maintainer", *args], capture_output=True, text=True)


def solution_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Solutions 9: Test"),
        nbformat.v4.new_markdown_cell("solution notes"),
        nbformat.v4.new_code_cell("answer = None\n    ### BEGIN SOLUTION\n    answer = 42\n    ### END SOLUTION\ncheck(answer)"),
        nbformat.v4.new_markdown_cell("<!-- BEGIN SOLUTION -->\n**An example answer.** I would call Ada.\n<!-- END SOLUTION -->\n"),
    ]
    nb.cells[1].metadata["tags"] = ["solution-only"]
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="42")]
    return nb


def test_student_version_strips_solutions_and_outputs():
    exercise = notebooks.student_version(solution_notebook())
    sources = [c.source for c in exercise.cells]
    assert sources[0] == "# Exercises 9: Test"
    assert "solution notes" not in sources
    assert sources[1] == "answer = None\n    # YOUR CODE HERE\ncheck(answer)"
    assert sources[2] == notebooks.TEXT_PLACEHOLDER  # no "Example answer" label left above it
    assert exercise.cells[1].outputs == []
    assert "BEGIN SOLUTION" not in "".join(sources)


@pytest.mark.parametrize(
    "cell, message",
    [
        (nbformat.v4.new_code_cell("x = 1\n### BEGIN SOLUTION\nx = 2\n"), "cell 4 (code), line 2: BEGIN SOLUTION is never closed"),
        (nbformat.v4.new_markdown_cell("Text\n\n<!-- END SOLUTION -->\n"), "cell 4 (markdown), line 3: END SOLUTION with no BEGIN"),
        (nbformat.v4.new_markdown_cell("### BEGIN SOLUTION\nAda\n### END SOLUTION\n"), "cell 4 (markdown): use the markdown markers"),
        (nbformat.v4.new_code_cell("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n"), "line 2: BEGIN SOLUTION inside the region opened on line 1"),
    ],
)
def test_student_version_refuses_a_bad_marker_naming_file_cell_and_line(cell, message):
    solution = solution_notebook()
    solution.cells.append(cell)
    with pytest.raises(notebooks.NotebookError) as raised:
        notebooks.student_version(solution, "solutions/09-test.ipynb")
    assert str(raised.value).startswith("solutions/09-test.ipynb, cell 4") and message in str(raised.value)


def test_student_version_check_names_an_unclosed_marker(tmp_path, monkeypatch):
    solution = solution_notebook()
    solution.cells.append(nbformat.v4.new_markdown_cell("<!-- BEGIN SOLUTION -->\nleft open\n"))
    (tmp_path / "solutions").mkdir()
    nbformat.write(solution, tmp_path / "solutions" / "09-test.ipynb")
    monkeypatch.setattr(notebooks, "SOLUTIONS", tmp_path / "solutions")
    monkeypatch.setattr(notebooks, "EXERCISES", tmp_path / "exercises")
    assert cli.student_version(argparse.Namespace(check=True, chapters=[], no_execute=True)) == 2


def test_no_exercise_notebook_keeps_a_solution_or_its_marker():
    for path in notebooks.chapter_files(notebooks.EXERCISES):
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            for marker in ("BEGIN SOLUTION", "END SOLUTION", "Example answer"):
                assert marker not in cell.source, f"{path.name} cell {index} still holds {marker!r}"


def test_solution_code_is_folded_in_the_book_but_not_in_exercises():
    solution = notebooks.fold_solutions(solution_notebook())
    assert solution.cells[2].metadata["tags"] == ["hide-input"]
    assert solution.cells[0].metadata.get("tags", []) == []  # only solution cells fold
    assert notebooks.student_version(solution).cells[1].metadata.get("tags", []) == []


def test_committed_solutions_fold_their_code():
    for path in notebooks.chapter_files(notebooks.SOLUTIONS):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and notebooks.BEGIN in cell.source:
                assert "hide-input" in cell.metadata.get("tags", []), f"{path.name}: run python3 -m maintainer execute {path}"


def test_drift_is_detected_and_named(tmp_path):
    solution = tmp_path / "09-test.ipynb"
    exercise = tmp_path / "ex" / "09-test.ipynb"
    exercise.parent.mkdir()
    nbformat.write(solution_notebook(), solution)
    nbformat.write(notebooks.student_version(solution_notebook()), exercise)
    assert notebooks.drift(solution, exercise) is None
    changed = solution_notebook()
    changed.cells[0].source = "# Solutions 9: Renamed"
    nbformat.write(changed, solution)
    assert "cell 0 differs" in notebooks.drift(solution, exercise)


def test_committed_exercises_match_their_solutions():
    result = run("student-version", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_solution_has_an_exercise_and_a_lesson():
    solutions = {p.name for p in notebooks.chapter_files(notebooks.SOLUTIONS)}
    exercises = {p.name for p in notebooks.chapter_files(notebooks.EXERCISES)}
    lessons = {p.name for p in notebooks.chapter_files(notebooks.LESSONS)}
    assert solutions == exercises
    assert solutions <= lessons
