"""Test-session setup shared by unit tests and notebook validation (nbval collects the
notebooks under book/ from here): every test process, and every notebook kernel
it starts, writes to a throwaway workbook, never to the learner's real data."""

import os
import shutil
import tempfile

import pytest


def pytest_configure(config):
    home = tempfile.mkdtemp(prefix="workbook-test-home-")
    os.environ["WORKBOOK_HOME"] = home
    config.add_cleanup(lambda: shutil.rmtree(home, ignore_errors=True))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a notebook's kernel starts (at its first cell), point WORKBOOK_HOME at a fresh folder,
    so each notebook starts from an empty workbook whatever ran before it on this worker."""
    notebook = item.parent
    if str(getattr(notebook, "path", "")).endswith(".ipynb") and getattr(notebook, "_workbook_home", None) is None:
        notebook._workbook_home = tempfile.mkdtemp(prefix="workbook-nb-home-")
        os.environ["WORKBOOK_HOME"] = notebook._workbook_home
        item.config.add_cleanup(lambda: shutil.rmtree(notebook._workbook_home, ignore_errors=True))
