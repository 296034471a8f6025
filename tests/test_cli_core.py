"""The command line's frame: it starts as a process, honours WORKBOOK_HOME, refuses what it does
not know with its usage, and every command (the maintainers' too) is documented somewhere a reader
finds it."""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import maintainer.__main__ as maintainer_cli
from workbook import cli as workbook_cli

ROOT = Path(__file__).resolve().parent.parent


def test_runs_as_a_process_and_lists_its_commands():
    result = subprocess.run([sys.executable, "-m", "workbook", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m workbook") and "where" in result.stdout


def test_where_honours_workbook_home(cli, home):
    result = cli("where")
    assert result.returncode == 0
    assert result.stdout.strip() == str(home / "workbook.sqlite3")


def test_unknown_command_fails_with_usage(cli):
    result = cli("fly")
    assert result.returncode != 0 and "invalid choice" in result.stderr


def command_lines(parser: argparse.ArgumentParser, prefix: str) -> list[str]:
    """Every command and subcommand of `parser`, as a reader would type it after `prefix`."""
    lines = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                lines.append(f"{prefix} {name}")
                lines += command_lines(subparser, f"{prefix} {name}")
    return lines


def documentation() -> str:
    """README.md, docs/ and the book's pages and notebooks, with every run of spaces and line breaks as one space."""
    texts = [ROOT.joinpath("README.md").read_text()]
    texts += [path.read_text() for folder in ("docs", "book") for path in ROOT.joinpath(folder).rglob("*.md")
              if "_build" not in path.parts]
    for path in ROOT.joinpath("book").rglob("*.ipynb"):
        if "_build" not in path.parts and ".ipynb_checkpoints" not in path.parts:
            texts += ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]]
    return " ".join(" ".join(texts).split())


def test_every_command_is_documented():
    text = documentation()
    commands = command_lines(workbook_cli.build_parser(), "-m workbook") + command_lines(maintainer_cli.build_parser(), "-m maintainer")
    assert len(commands) > 10
    undocumented = [command for command in commands if not re.search(re.escape(command) + r"\b", text)]
    assert not undocumented, f"not in README.md, docs/ or book/: {undocumented}"
