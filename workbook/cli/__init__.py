"""`python -m workbook COMMAND`: the workbook from a terminal, for instructors and power users.

Each command group lives in its own module with a `register(subparsers)` function that adds its
parser and sets `handler`; a handler returns the process exit status."""

from __future__ import annotations

import argparse
import sys

from . import classes, data, link, where, workshop

COMMAND_MODULES = [where, classes, workshop, data, link]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m workbook", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
