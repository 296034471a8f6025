"""Test-session setup shared by unit tests and notebook validation (nbval collects notebooks/,
exercises/ and solutions/ from here): every test process, and every kernel it starts, writes to
a throwaway workbook, never to the learner's real data."""

import os
import shutil
import tempfile


def pytest_configure(config):
    home = tempfile.mkdtemp(prefix="workbook-test-home-")
    os.environ["WORKBOOK_HOME"] = home
    config.add_cleanup(lambda: shutil.rmtree(home, ignore_errors=True))
