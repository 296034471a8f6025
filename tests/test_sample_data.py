"""The sample network ships as data (workbook/data/sample.json) and each copy lives in memory:
the file is what the maintainer's generator writes, a lesson leaves nothing in the temporary
folder, and a file a tool writes from the sample goes when Python exits."""

import subprocess
import sys
import tempfile

import pytest

import workbook
from maintainer.sample_data import CLOCK_COLUMNS, generate, sample_data, sample_json
from workbook.sample import DATA_FILE, sample_store
from workbook.store import Store


def test_the_shipped_sample_is_what_the_generator_writes():
    """If this fails, the generator or the schema changed: run `python3 -m maintainer sample-data`."""
    assert DATA_FILE.read_text(encoding="utf-8") == sample_json(sample_data())


def without_clock(store) -> dict:
    return {name: [{k: v for k, v in row.items() if k not in CLOCK_COLUMNS} for row in rows]
            for name, rows in store.backup.dump().items()}


def test_a_copy_holds_every_row_the_generator_makes():
    made, copy = generate(Store(":memory:")), sample_store()
    assert without_clock(copy) == without_clock(made)
    assert (copy.today(), copy.get_meta("persona")) == (made.today(), made.get_meta("persona"))


def test_a_lesson_leaves_nothing_in_the_temporary_folder(home, tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    lesson = workbook.start("07")
    heard = []
    listener = lambda: heard.append(True)  # noqa: E731  (held weakly by the store: keep a reference)
    lesson.sample.subscribe(listener)
    lesson.sample.set_meta("note", "a change")
    workbook.ReciprocityTracker(lesson.sample)
    assert heard and not list(temp.iterdir())
    assert not lesson.sample.path.exists()


@pytest.mark.slow  # a real process, to see what is left when it exits
def test_a_card_written_from_the_sample_goes_when_python_exits(tmp_path):
    script = "from workbook.sample import sample_store; print(sample_store().plans.export_card(1))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={"TMPDIR": str(tmp_path), "PATH": "", "PYTHONPATH": ":".join(sys.path)})
    card = result.stdout.strip()
    assert card.startswith(str(tmp_path)) and card.endswith(".md")
    assert not list(tmp_path.iterdir())
