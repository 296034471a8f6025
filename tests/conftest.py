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
def store(tmp_path):
    s = Store(tmp_path / "workbook.sqlite3")
    yield s
    s.close()


@pytest.fixture
def sample():
    s = sample_store()
    yield s
    s.close()
