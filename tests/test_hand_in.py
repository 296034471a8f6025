"""Handing in the class summary from a notebook: the learner sees what the file holds before
anything is written, nothing personal is ever in it, and the drop folder gets a copy only after
the consent box is ticked. Driven as a person would: set values, click buttons."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

from test_class_summary import MARKERS, make_store
from workbook import class_summary
from workbook.widgets import hand_in


def every_text(tool: hand_in.HandIn, *paths: Path) -> str:
    """Everything the tool showed and wrote: its HTML, the download link's file, the files."""
    shown = " ".join(w.value for w in (tool.preview, tool.download, tool.status) if hasattr(w, "value"))
    match = re.search(r"base64,([A-Za-z0-9+/=]+)", tool.download.value)
    downloaded = base64.b64decode(match.group(1)).decode("utf-8") if match else ""
    return shown + downloaded + "".join(p.read_text(encoding="utf-8") for p in paths)


def assert_nothing_personal(text: str) -> None:
    for marker in MARKERS:
        assert marker.lower() not in text.lower(), marker
    assert "MARKER" not in text and "@" not in text


@pytest.fixture
def seeded(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(hand_in.DROP_VARIABLE, raising=False)
    store = make_store()
    yield store
    store.close()


def test_preview_shows_the_counts_before_anything_is_written(seeded, tmp_path):
    folder = tmp_path / "mine"
    tool = hand_in.HandIn(seeded, folder=folder)
    assert not folder.exists()
    text = tool.preview.value
    assert "everything the file holds" in text and "Nothing is written until you click" in text
    assert "personal 1" in text and "both 1" in text and "professional 1" in text  # contacts by circle
    assert "advice 2" in text and tool.data["summary_id"] in text
    assert tool.drop is None and tool.consent is None  # no hub drop folder named: no such offer
    assert_nothing_personal(text)


def test_write_gives_a_file_and_a_download_link_with_nothing_personal(seeded, tmp_path):
    folder = tmp_path / "mine"
    tool = hand_in.HandIn(seeded, folder=folder)
    tool.write_button.click()
    written = folder / f"class-summary-{tool.data['summary_id'][:8]}.json"
    assert tool.written == written and written.is_file()
    assert "Written to" in tool.status.text
    assert class_summary.read_file(written) == tool.data  # the file is exactly what was shown, and valid
    assert "download=" in tool.download.value and "Download class-summary-" in tool.download.value
    assert_nothing_personal(every_text(tool, written))


def test_drop_folder_needs_consent_then_aggregates_like_any_folder(seeded, tmp_path, monkeypatch):
    drop = tmp_path / "class-drop"
    drop.mkdir()
    monkeypatch.setenv(hand_in.DROP_VARIABLE, str(drop))
    tool = hand_in.HandIn(seeded, folder=tmp_path / "mine")
    notice = [c.value for c in tool.children if isinstance(c, widgets.HTML) and "class folder" in c.value]
    assert str(drop) in notice[0] and "records which account saved each file" in notice[0]
    assert tool.drop_button.disabled
    assert tool.hand_in() is None and "Tick the box first" in tool.drop_status.text
    assert list(drop.iterdir()) == []
    tool.consent.value = True
    assert not tool.drop_button.disabled
    tool.drop_button.click()
    files = list(drop.iterdir())
    assert len(files) == 1 and "Handed in" in tool.drop_status.text
    assert files[0].stat().st_mode & 0o777 == 0o644  # the instructor's account can read it
    assert_nothing_personal(every_text(tool, *files))
    # the instructor's side: the folder aggregates as it always has
    class_summary.write_examples(drop, 4)
    report = class_summary.aggregate(drop)
    assert report.learners == 5


def test_drop_folder_that_does_not_exist_is_reported(seeded, tmp_path, monkeypatch):
    monkeypatch.setenv(hand_in.DROP_VARIABLE, str(tmp_path / "nowhere"))
    tool = hand_in.HandIn(seeded, folder=tmp_path / "mine")
    tool.consent.value = True
    tool.drop_button.click()
    assert "does not exist" in tool.drop_status.text and not (tmp_path / "nowhere").exists()


def test_progress_view_ends_with_the_hand_in_button(seeded):
    from workbook.widgets.progress_view import ProgressView

    view = ProgressView(seeded)
    button = view.children[-1]
    assert isinstance(button, hand_in.HandInButton)
    button.button.click()
    assert isinstance(button.tool, hand_in.HandIn) and button.children == (button.tool,)
    assert_nothing_personal(button.tool.preview.value)
