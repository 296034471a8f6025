"""The README's quick start stays true: CI runs exactly the test command it gives, and the
JavaScript the browser tests need is pinned by a lock file."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README)


def test_ci_runs_the_readme_test_command():
    test_command = next(command for command in readme_commands() if "pytest" in command)
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test_command in ci_lines


def test_the_open_command_opens_the_first_chapter():
    open_command = next(command for command in readme_commands() if "jupyter lab" in command)
    notebook = open_command.split()[-1]
    assert (ROOT / notebook).exists(), notebook
    # Rooted at the course folder (book/): links to ../exercises/ and the book's pages resolve
    # (issue 10), and the learner sees the course, not the repository's tooling.
    assert "--ServerApp.root_dir=book" in open_command.split()


def test_browser_test_javascript_is_locked_to_the_versions_the_book_loads():
    lock = json.loads((ROOT / "tests" / "js" / "package-lock.json").read_text())["packages"]
    config = (ROOT / "book" / "_config.yml").read_text()
    for package in ("requirejs", "@jupyter-widgets/html-manager"):
        version = lock[f"node_modules/{package}"]["version"]
        assert f"npm/{package}@{version}/" in config, f"_config.yml loads another {package} than tests/js installs"


def test_the_website_first_page_gives_the_readme_open_command_and_the_no_install_way():
    open_command = next(command for command in readme_commands() if "jupyter lab" in command)
    intro = (ROOT / "book" / "intro.md").read_text()
    first_lines = intro[: intro.index("## ")]
    assert open_command in " ".join(first_lines.split()), "book/intro.md no longer gives the README's open command"
    assert "../lite/lab/index.html?path=lessons/00-start-here.ipynb" in first_lines
    assert "no install" in README.lower()
