"""`student-version` and `execute`: keep exercises/ in step with solutions/, and run notebooks
the way the book and the tests expect."""

import importlib
from pathlib import Path


def _notebooks():
    """nbformat and nbclient load only when a notebook command runs, keeping other commands quick."""
    return importlib.import_module("workbook.notebooks")


def register(commands) -> None:
    parser = commands.add_parser(
        "student-version", help="write exercises/ from solutions/ (or --check that they match)"
    )
    parser.add_argument("chapters", nargs="*", metavar="NN", help="chapter numbers (default: all)")
    parser.add_argument("--check", action="store_true", help="exit 1, naming the notebook, if exercises/ has drifted")
    parser.add_argument("--no-execute", action="store_true", help="write without running the notebooks")
    parser.set_defaults(handler=student_version)

    parser = commands.add_parser("execute", help="run notebooks in place with a throwaway workbook")
    parser.add_argument("paths", nargs="+", type=Path, metavar="NOTEBOOK")
    parser.set_defaults(handler=execute)


def student_version(args) -> int:
    notebooks = _notebooks()
    if args.check:
        try:
            problems = [
                problem
                for solution in notebooks.chapter_files(notebooks.SOLUTIONS, args.chapters)
                if (problem := notebooks.drift(solution, notebooks.EXERCISES / solution.name))
            ]
        except notebooks.NotebookError as error:  # a solution marker left open: name file, cell, line
            print(f"workbook: {error}")
            return 2
        extra = {p.name for p in notebooks.chapter_files(notebooks.EXERCISES, args.chapters)} - {
            p.name for p in notebooks.chapter_files(notebooks.SOLUTIONS, args.chapters)
        }
        problems += [f"exercises/{name} has no solution notebook" for name in sorted(extra)]
        for problem in problems:
            print(f"workbook: {problem}. Run: python -m workbook student-version")
        if not problems:
            print("exercises/ matches solutions/.")
        return 1 if problems else 0
    try:
        for path in notebooks.write_exercises(args.chapters or None, run=not args.no_execute):
            print(f"wrote {path.relative_to(notebooks.ROOT)}")
    except notebooks.NotebookError as error:
        print(f"workbook: {error}")
        return 2
    return 0


def execute(args) -> int:
    notebooks = _notebooks()
    for path in args.paths:
        try:
            notebooks.execute_file(path)
        except notebooks.NotebookError as error:
            print(f"workbook: {error}")
            return 2
        print(f"executed {path}")
    return 0
