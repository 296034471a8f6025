"""The in-browser course (JupyterLite), as a reader gets it, offline: the site builds from clean;
served on 127.0.0.1 and opened in Debian's Chromium, chapter 07 runs; an exchange logged and a plan
saved through the widgets are still there after the page is reloaded; the note says the data stays
in this browser and its link downloads a backup that holds them; no request leaves 127.0.0.1."""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import sys
import threading
import time
from pathlib import Path

import pytest

from browser import ARTIFACTS, ROOT, browser_page, require_chromium
from test_browser_lab import CONTACT, PLAN_WITH, kernel_idle, options, tool, wait_idle

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lite_site  # noqa: E402  (maintainer tooling, not part of the package)

pytestmark = [pytest.mark.book, pytest.mark.browser]

NOTEBOOK = "lessons/07-reciprocity.ipynb"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built from clean (downloads come from the cache, checked again)."""
    return lite_site.build_site(tmp_path_factory.mktemp("lite") / "lite")


@contextlib.contextmanager
def served(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def run_all(page) -> None:
    kernel_idle(page)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    wait_idle(page, seconds=300)


def open_chapter(page, base: str) -> float:
    started = time.monotonic()
    page.goto(f"{base}/lab/index.html?path={NOTEBOOK}")
    page.locator(".jp-Notebook").wait_for(timeout=120_000)
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=300_000)
    return time.monotonic() - started


def test_site_holds_the_checked_pyodide_and_every_course_notebook(site):
    pyodide = site / "static" / "pyodide"
    official = json.loads((pyodide / "pyodide-lock.official.json").read_text())
    served_lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    by_file = {entry["file_name"]: entry["sha256"] for entry in official["packages"].values()}
    compiled = [p for p in pyodide.glob("*.whl") if "wasm32" in p.name]
    assert {"numpy", "pandas", "matplotlib", "sqlite3"} <= {p.name.split("-")[0] for p in compiled}
    for wheel in compiled:
        assert lite_site.sha256_of(wheel) == by_file[wheel.name], wheel.name
    assert served_lock["packages"]["networking-workbook"]["file_name"].startswith("networking_workbook-")
    for folder in lite_site.CONTENT_FOLDERS:
        assert sorted(p.name for p in (site / "files" / folder).glob("*.ipynb")) == sorted(
            p.name for p in (ROOT / "book" / folder).glob("*.ipynb"))
    for page in lite_site.CONTENT_PAGES:  # the lessons link to it
        assert (site / "files" / page).read_bytes() == (ROOT / "book" / page).read_bytes()
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"][lite_site.KERNEL_SETTINGS]
    assert kernel["disablePyPIFallback"] is True and kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"


def test_chapter_07_keeps_entries_across_a_reload_offline(site):
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with served(site) as base, browser_page() as page:
        offsite: list[str] = []
        errors: list[str] = []

        def route(request_route):
            if request_route.request.url.startswith(base):
                return request_route.continue_()
            offsite.append(request_route.request.url)
            return request_route.abort()

        page.context.route("**/*", route)
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_chapter(page, base)
        run_all(page)
        note = page.locator(".workbook-browser-note").first
        assert "kept in this browser only" in note.inner_text()
        page.locator(".workbook-browser-note.workbook-storage-kept").wait_for(timeout=30_000)  # the check ran
        stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert stderr.count() == 0, stderr.all_inner_texts()  # nothing in red for the learner

        mine = tool(page, "Log exchange").last
        contact = mine.locator("input[list]").first
        contact.fill(CONTACT)
        contact.press("Enter")
        mine.get_by_role("button", name="I received").click()
        mine.get_by_role("button", name="Log exchange").click()
        try:
            mine.get_by_role("button", name=f"Add {CONTACT}").click()  # a new name is confirmed once
        except Exception:
            mine.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "lite-07-no-add-button.png"))
            raise
        mine.get_by_text(f"Logged received advice with {CONTACT} (new contact)").wait_for(timeout=60_000)

        my_planner = tool(page, "Export card").last
        who = my_planner.locator("input[list]").first
        # Leave each box with Tab: in JupyterLite 0.6 (JupyterLab 4.4) the notebook takes Enter
        # before a text widget sees it, so a value is sent when the box loses focus.
        who.fill(PLAN_WITH)
        who.press("Tab")
        my_planner.get_by_role("button", name=f"Add {PLAN_WITH}").click()
        my_planner.get_by_text("Saved (new contact added).").wait_for(timeout=60_000)
        goal = my_planner.locator("input[type=text]:not([list])").first
        goal.fill("Ask about their community garden")
        goal.press("Tab")
        my_planner.get_by_text("Saved.").wait_for(timeout=60_000)

        # The backup link follows every save: it downloads the JSON backup with both entries.
        href = note.locator("a[download]").get_attribute("href")
        backup = json.loads(base64.b64decode(href.split(",", 1)[1]))
        assert {CONTACT, PLAN_WITH} <= {row["name"] for row in backup["contacts"]}
        page.screenshot(path=str(ARTIFACTS / "lite-07-before-reload.png"))
        note.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "lite-07-note.png"))

        # Come back to the chapter's address, as a reader does (a new page, a new kernel).
        try:
            open_chapter(page, base)
        finally:
            page.screenshot(path=str(ARTIFACTS / "lite-07-reopened.png"))
        run_all(page)
        recent = options(tool(page, "Log exchange").last)
        assert any(CONTACT in option for option in recent), recent
        plans = options(tool(page, "Export card").last)
        assert any(PLAN_WITH in option for option in plans), plans
        tool(page, "Log exchange").last.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "lite-07-after-reload.png"))
        assert not offsite, offsite
        assert not errors, errors


def log_exchange(page, contact_name: str) -> None:
    mine = tool(page, "Log exchange").last
    contact = mine.locator("input[list]").first
    contact.fill(contact_name)
    contact.press("Tab")
    mine.get_by_role("button", name="I gave").click()
    mine.get_by_role("button", name="Log exchange").click()
    mine.get_by_role("button", name=f"Add {contact_name}").click()
    mine.get_by_text(f"Logged gave advice with {contact_name} (new contact)").wait_for(timeout=60_000)


def test_two_tabs_keep_each_others_entries(site):
    """Both tabs open the chapter before either writes; each logs an exchange; a third visit finds both."""
    require_chromium()
    with served(site) as base, browser_page() as first:
        open_chapter(first, base)
        run_all(first)
        # A second tab of the same browser (the same storage), opened as a reader would.
        with first.context.expect_page() as opened:
            first.evaluate(f"window.open('{base}/lab/index.html?path={NOTEBOOK}')")
        second = opened.value
        second.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=300_000)
        run_all(second)
        log_exchange(first, "First Tab Person")
        log_exchange(second, "Second Tab Person")
        second.close()
        open_chapter(first, base)
        run_all(first)
        recent = options(tool(first, "Log exchange").last)
        assert any("First Tab Person" in option for option in recent), recent
        assert any("Second Tab Person" in option for option in recent), recent
