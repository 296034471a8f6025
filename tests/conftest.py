"""Fixtures every test file shares: a throwaway workbook home for each test, the learner's
workbook in it, the sample network, and the command line run in this process."""

import io
import subprocess
import sys

import pytest

from workbook.cli import main
from workbook.sample import sample_store
from workbook.store import Store, shared


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Each test gets an empty workbook home of its own (WORKBOOK_HOME)."""
    home = tmp_path / "home"
    monkeypatch.setenv("WORKBOOK_HOME", str(home))
    return home


@pytest.fixture
def store(home):
    """The learner's default workbook, in this test's own home: the same object every tool opened
    without a store shares in this process, as in a notebook's kernel."""
    return shared()


@pytest.fixture
def mine(home):
    """The learner's default workbook opened apart from the shared one, as another kernel would."""
    return Store()


@pytest.fixture
def sample():
    s = sample_store()
    yield s
    s.close()


@pytest.fixture
def cli(home, capsys, monkeypatch):
    """`python -m workbook ARGS` run in this process, on this test's home: returns what
    subprocess.run would (exit status, stdout, stderr). `stdin` is what the terminal gives it;
    empty means end of file at once, as from /dev/null."""

    def run(*args, stdin: str = "") -> subprocess.CompletedProcess:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            status = main([str(arg) for arg in args])
        except SystemExit as exit:  # argparse refusing the arguments
            status = exit.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, status, out, err)

    return run
