import pytest

from workbook.sample import sample_store
from workbook.store import Store


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    """Each test gets an empty workbook home of its own."""
    home = tmp_path / "home"
    monkeypatch.setenv("WORKBOOK_HOME", str(home))
    return home


@pytest.fixture
def store(own_home):
    """The learner's default workbook, in this test's own home (what the CLI and widgets open)."""
    s = Store()
    yield s
    s.close()


@pytest.fixture
def sample():
    s = sample_store()
    yield s
    s.close()
