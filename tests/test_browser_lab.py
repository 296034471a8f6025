"""JupyterLab end to end, in a real browser: open the reciprocity chapter, run it, log an exchange
and save a conversation plan through the widgets' own inputs and buttons, restart the kernel, run
again, and find the entries back."""

import sqlite3

import pytest

from browser import ARTIFACTS, browser_page, jupyterlab, open_notebook, require_chromium

pytestmark = pytest.mark.browser

NOTEBOOK = "lessons/07-reciprocity.ipynb"
CONTACT = "Browser Test Contact"
PLAN_WITH = "Browser Plan Person"


def tool(page, button: str):
    """The cell outputs that hold a tool, found by one of its buttons."""
    return page.locator(".jp-OutputArea-output").filter(has=page.get_by_role("button", name=button))


def options(area) -> list[str]:
    """The text of every option of every drop-down in an output area (ipywidgets shows spaces as
    non-breaking spaces)."""
    return [text.replace("\xa0", " ") for text in area.locator("select option").all_text_contents()]


def kernel_idle(page) -> None:
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=90_000)


def run_all(page) -> None:
    kernel_idle(page)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    wait_idle(page)


def wait_idle(page, seconds: int = 120) -> None:
    """Until every cell has run: the quiz (the last tool) shows its Check buttons, no cell queued."""
    page.get_by_role("button", name="Check", exact=True).first.wait_for(timeout=seconds * 1000)
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))",
        timeout=seconds * 1000,
    )


def test_entries_made_in_jupyterlab_survive_a_kernel_restart(tmp_path):
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with jupyterlab(tmp_path) as (base, token), browser_page() as page:
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_notebook(page, base, token, NOTEBOOK)
        run_all(page)
        # The live quiz has Check buttons and keeps its answers hidden: the static copy with folded
        # answers in the same output is only for the website.
        quiz = tool(page, "Check")
        assert quiz.count() == 1 and quiz.get_by_text("Answer and why").count() == 0

        # The notebook shows two trackers (sample, then yours) and two planners (sample, then yours).
        mine = tool(page, "Log exchange").last
        contact = mine.locator("input[list]").first  # the contact picker (a combobox)
        contact.fill(CONTACT)
        contact.press("Enter")
        mine.get_by_role("button", name="I received").click()
        mine.get_by_role("button", name="Log exchange").click()
        mine.get_by_role("button", name=f"Add {CONTACT}").click()  # a new name is confirmed once
        mine.get_by_text(f"Logged received advice with {CONTACT} (new contact)").wait_for(timeout=30_000)

        my_planner = tool(page, "Export card").last
        who = my_planner.locator("input[list]").first
        who.fill(PLAN_WITH)
        who.press("Enter")
        my_planner.get_by_role("button", name=f"Add {PLAN_WITH}").click()
        my_planner.get_by_text("Saved (new contact added).").wait_for(timeout=30_000)
        goal = my_planner.locator("input[type=text]:not([list])").first  # "My goal", the first text box
        goal.fill("Ask about their community garden")
        goal.press("Enter")
        my_planner.get_by_text("Saved.").wait_for(timeout=30_000)

        # Restart with outputs cleared, so everything seen afterwards comes from the new kernel.
        page.get_by_role("menuitem", name="Kernel", exact=True).click()
        page.get_by_role("menuitem", name="Restart Kernel and Clear Outputs of All Cells…").click()
        page.locator(".jp-Dialog .jp-mod-accept").click()  # the dialog's "Restart" button
        page.wait_for_function("() => document.querySelectorAll('.jp-OutputArea-output').length === 0", timeout=60_000)
        run_all(page)

        recent = options(tool(page, "Log exchange").last)
        assert any(CONTACT in option for option in recent), recent
        plans = options(tool(page, "Export card").last)
        assert any(PLAN_WITH in option for option in plans), plans
        tool(page, "Log exchange").last.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-reciprocity.png"))
        assert not errors, errors

    db = sqlite3.connect(tmp_path / "workbook.sqlite3")
    assert db.execute("SELECT name FROM contacts ORDER BY id").fetchall() == [(CONTACT,), (PLAN_WITH,)]
    assert db.execute("SELECT direction, kind FROM exchanges").fetchall() == [("received", "advice")]
    assert db.execute("SELECT goal FROM plans").fetchall() == [("Ask about their community garden",)]
