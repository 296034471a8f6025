import pytest

from workbook.sample import sample_store
from workbook.store import shared


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    """Each test gets an empty workbook home of its own."""
    home = tmp_path / "home"
    monkeypatch.setenv("WORKBOOK_HOME", str(home))
    return home


@pytest.fixture
def store(own_home):
    """The learner's default workbook, in this test's own home: the same object every tool opened
    without a store shares in this process, as in a notebook's kernel."""
    return shared()


@pytest.fixture
def sample():
    s = sample_store()
    yield s
    s.close()
