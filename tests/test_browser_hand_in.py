"""Handing in a class summary in JupyterLab, as a learner would: run chapter 00, open the hand-in
from the progress view, read the preview, write the file, download it through the link, and put a
copy in the hub's drop folder only after ticking the consent box."""

from __future__ import annotations

import pytest

from browser import ARTIFACTS, browser_page, jupyterlab, open_notebook, require_chromium
from test_browser_lab import run_all
from workbook import class_summary

pytestmark = pytest.mark.browser

NOTEBOOK = "lessons/00-start-here.ipynb"


def test_hand_in_from_the_progress_view_downloads_the_file_and_drops_it_after_consent(tmp_path, monkeypatch):
    require_chromium()
    drop = tmp_path / "class-drop"
    drop.mkdir()
    monkeypatch.setenv("WORKBOOK_CLASS_DROP", str(drop))  # the JupyterLab server (and its kernels) inherit it
    home = tmp_path / "home"
    home.mkdir()
    with jupyterlab(home) as (base, token), browser_page() as page:
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_notebook(page, base, token, NOTEBOOK)
        run_all(page)

        page.get_by_role("button", name="Hand in my class summary…").click()
        # The preview's box can be drawn a moment before its text, on a loaded machine.
        page.locator(".workbook-hand-in", has_text="everything the file holds").wait_for(timeout=30_000)
        assert list(drop.iterdir()) == [] and not list(home.glob("class-summary-*.json"))

        page.get_by_role("button", name="Write my summary file").click()
        link = page.get_by_role("link", name="Download class-summary-")
        link.wait_for(timeout=30_000)
        with page.expect_download() as download_info:
            link.click()
        downloaded = tmp_path / "downloaded.json"
        download_info.value.save_as(downloaded)
        written = list(home.glob("class-summary-*.json"))
        assert len(written) == 1
        assert class_summary.parse(downloaded.read_text()) == class_summary.read_file(written[0])

        drop_button = page.get_by_role("button", name="Put a copy in the class folder")
        assert drop_button.is_disabled()
        page.get_by_role("checkbox", name="I agree to put a copy of this file").check()
        drop_button.click()
        page.get_by_text("Handed in:").wait_for(timeout=30_000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(".jp-OutputArea-output").filter(has=page.get_by_role("button", name="Put a copy in the class folder")) \
            .screenshot(path=str(ARTIFACTS / "hand-in.png"))
        assert [p.name for p in drop.iterdir()] == [written[0].name]
        assert errors == []
