"""`python3 -m maintainer COMMAND`: keep the committed notebooks as the book and the tests expect.

    student-version [NN ...] [--check]   write book/exercises/ from book/solutions/ (or check them)
    execute NOTEBOOK ...                 run notebooks in place on the sample, with a throwaway workbook
"""

import argparse
import sys
from pathlib import Path

from . import notebooks


def student_version(args) -> int:
    if args.check:
        try:
            problems = [
                problem
                for solution in notebooks.chapter_files(notebooks.SOLUTIONS, args.chapters)
                if (problem := notebooks.drift(solution, notebooks.EXERCISES / solution.name))
            ]
        except notebooks.NotebookError as error:  # a solution marker left open: name file, cell, line
            print(f"maintainer: {error}")
            return 2
        extra = {p.name for p in notebooks.chapter_files(notebooks.EXERCISES, args.chapters)} - {
            p.name for p in notebooks.chapter_files(notebooks.SOLUTIONS, args.chapters)
        }
        problems += [f"book/exercises/{name} has no solution notebook" for name in sorted(extra)]
        for problem in problems:
            print(f"maintainer: {problem}. Run: python3 -m maintainer student-version")
        if not problems:
            print("book/exercises/ matches book/solutions/.")
        return 1 if problems else 0
    try:
        for path in notebooks.write_exercises(args.chapters or None, run=not args.no_execute):
            print(f"wrote {path.relative_to(notebooks.ROOT)}")
    except notebooks.NotebookError as error:
        print(f"maintainer: {error}")
        return 2
    return 0


def execute(args) -> int:
    for path in args.paths:
        try:
            notebooks.execute_file(path)
        except notebooks.NotebookError as error:
            print(f"maintainer: {error}")
            return 2
        print(f"executed {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m maintainer", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    command = commands.add_parser("student-version", help="write book/exercises/ from book/solutions/ (or --check that they match)")
    command.add_argument("chapters", nargs="*", metavar="NN", help="chapter numbers (default: all)")
    command.add_argument("--check", action="store_true", help="exit 1, naming the notebook, if book/exercises/ has drifted")
    command.add_argument("--no-execute", action="store_true", help="write without running the notebooks")
    command.set_defaults(handler=student_version)
    command = commands.add_parser("execute", help="run notebooks in place with a throwaway workbook")
    command.add_argument("paths", nargs="+", type=Path, metavar="NOTEBOOK")
    command.set_defaults(handler=execute)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
