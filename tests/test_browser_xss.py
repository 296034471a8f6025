"""Issue 6, "No script runs from data", in a real browser: a learner's workbook full of markup
(contact names, companies, notes, interests, plans, exchange notes, promises, goals, time blocks,
an imported file and its name) is shown by every tool, table and chart of the package in JupyterLab
and Chromium. Nothing may run: no dialog, no `window.__xss`, no page error, no element built from
the data; and every string must be on the page as the characters the learner typed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import nbformat
import pytest
from playwright.sync_api import expect

from browser import ARTIFACTS, browser_page, jupyterlab, open_notebook, require_chromium
from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.domain.follow_ups import FollowUp
from workbook.domain.goals import Goal
from workbook.domain.keep_in_touch import KeepInTouch
from workbook.domain.plans import Plan
from workbook.domain.time_blocks import TimeBlock
from workbook.store import Store

pytestmark = pytest.mark.browser

# Each of these sets window.__xss if it ever runs; most also open a dialog.
XSS = [
    '<img src=x onerror="window.__xss=1;alert(1)">',
    "<script>window.__xss=2;alert(2)</script>",
    '"\'><svg onload="window.__xss=3;alert(3)">',  # leaves a quoted attribute, either quote
]
NAMES = XSS + ['=HYPERLINK("http://x")', "{{7*7}}"]  # a spreadsheet formula, a template expression
COMPANY = '<iframe src="javascript:parent.__xss=4;alert(4)"></iframe>'
POSITION = '<a href="javascript:alert(5)">click me</a>'
EMAIL = "javascript:alert(6)"
INTEREST = "<img src=x onerror=window.__xss=7>"  # interests are split at , ; and line breaks
INTERESTS = f"{INTEREST}, {{{{7*7}}}}"
HOW_MET = '<details open ontoggle="window.__xss=8;alert(8)">a meetup</details>'
NOTES = "[notes](javascript:alert(9))\n<script>window.__xss=9</script>\n<style>*{display:none}</style>"
FILE_NAME = '<img src=x onerror="window.__xss=10;alert(10)">.csv'
BAD_DATE = "<svg onload=window.__xss=11>"
PROMPT = "What will you give this month?"
DONE = "ALL CELLS RUN"

# The notebook: one cell per tool, table or chart, in the order the chapters use them.
CELLS = {
    "setup": (
        "from pathlib import Path\n\nimport pandas as pd\n\nimport workbook\n"
        "from workbook import charts\nfrom workbook.domain.exchanges import monthly_flow\n\n"
        f'lesson = workbook.start("07")\nmine = lesson.mine\nNAMES = {NAMES!r}\nprint(mine)'
    ),
    "planner": (
        "planner = workbook.ConversationPlanner()\n"
        "planner.load(next(value for label, value in planner.plans.options if NAMES[0] in label))\n"
        "planner.export()\nplanner"
    ),
    "card": "planner.card()",
    "tracker": "tracker = workbook.ReciprocityTracker()\ntracker",
    "tracker.table": "tracker.table()",
    "nudges": "pd.DataFrame(tracker.nudges())",
    "flow chart": 'charts.giving_receiving(monthly_flow(mine.table("exchanges")), title=NAMES[1])',
    "contact book": "book = workbook.ContactBook()\nbook.find.value = NAMES[0]\nbook",
    "due_table": "book.due_table()",
    "book.table": "book.table()",
    "network map": "network_map = workbook.NetworkMap()\nnetwork_map",
    "summary": "print(network_map.summary())",
    "metrics": "network_map.metrics()",
    "map chart": "network_map.chart()",
    "follow-ups": "follow_ups = workbook.FollowUps()\nfollow_ups.show_done.value = True\nfollow_ups",
    "follow_ups.table": "follow_ups.table()",
    "presence": "audit = workbook.PresenceAudit()\naudit",
    "presence tables": "print(audit.suggestions()[:2])\naudit.score()",
    "time blocks": "blocks = workbook.TimeBlocks()\nblocks.export()\nblocks",
    "blocks.table": "blocks.table()",
    "import": (
        f'importer = workbook.ImportContacts()\nimporter.preview(Path("connections.csv").read_bytes(), {FILE_NAME!r})\n'
        "importer"
    ),
    "import refused": (
        'refused = workbook.ImportContacts()\nrefused.preview(b"<b>a,b</b>\\n1,2\\n", NAMES[1] + ".csv")\nrefused'
    ),
    "90-day plan": "plan = workbook.NinetyDayPlan()\nplan",
    "plan.table": "plan.table()",
    "plan.suggestions": 'print("\\n".join(idea.label for idea in plan.suggestions()))',
    "reflection": f"lesson.reflection({PROMPT!r})",
    "progress": "workbook.progress()",
    "progress.table": "workbook.progress().table()",
    "done": f"print({DONE!r})",
}
INDEX = {key: number for number, key in enumerate(CELLS)}

# What each cell's output must show as text (its textContent, spaces normalised).
SHOWN = {
    "planner": [*XSS, f"Conversation card: {NAMES[0]}"],  # the plan list, and the exported card, formatted
    "card": [f"Conversation card: {NAMES[0]}"],
    "tracker": NAMES[:4],  # the fifth has no exchange logged, only a touchpoint
    "tracker.table": NAMES[:4],
    "nudges": [INTEREST],
    "contact book": NAMES,
    "due_table": NAMES[1:],  # the first kept a promise today: in touch
    "summary": [XSS[2], NAMES[4]],  # a bridge, a dormant tie
    "book.table": NAMES,
    "network map": NAMES,
    "metrics": NAMES,
    "follow-ups": NAMES,
    "follow_ups.table": NAMES,
    "presence": ["LinkedIn", "Next steps"],
    "time blocks": NAMES,
    "blocks.table": NAMES,
    "import": [FILE_NAME, f"'Connected On' is '{BAD_DATE}'"],
    "import refused": [NAMES[1] + ".csv"],
    "90-day plan": NAMES,
    "plan.table": NAMES,
    "plan.suggestions": XSS,
    "progress": ["My progress"],
}
# What each cell's text boxes must hold, exactly as typed.
VALUES = {
    "planner": [NAMES[0], "\n".join(NAMES)],  # who, my goal; openers
    "contact book": [NAMES[0], COMPANY, POSITION, EMAIL, INTERESTS, HOW_MET, NOTES],
    "reflection": ["\n".join(NAMES)],
}
CHARTS = {"tracker": 1, "flow chart": 1, "network map": 1, "map chart": 1, "progress": 1}  # PNG <img>s

# Everything in the notebook's outputs that would come from markup in the data, or run script.
UNSAFE_DOM = """() => {
    const found = [];
    for (const el of document.querySelectorAll('.jp-OutputArea-output *')) {
        const tag = el.tagName.toLowerCase();
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            if (name.startsWith('on')) found.push(`${tag}[${name}]`);
            if (/^\\s*(javascript|vbscript):/i.test(attr.value)) found.push(`${tag}[${name}=${attr.value}]`);
        }
        if (['iframe', 'object', 'embed', 'svg', 'details', 'frame', 'base', 'meta', 'link'].includes(tag)) found.push(tag);
        if (tag === 'script' && !/json/i.test(el.type)) found.push(`script ${el.textContent.slice(0, 40)}`);
        if (tag === 'img' && !(el.getAttribute('src') || '').startsWith('data:image/png;base64,')) {
            found.push(`img src=${el.getAttribute('src')}`);
        }
        // Downloads the tools offer (a calendar, a card, a backup, a readable copy) are data: links of
        // known types; any other link would have come from the data.
        const download = /^data:(text\\/calendar|text\\/markdown|application\\/json|text\\/html);base64,/;
        if (tag === 'a' && el.getAttribute('href') && !download.test(el.getAttribute('href'))) {
            found.push(`a href=${el.getAttribute('href')}`);
        }
    }
    return found;
}"""

# Per cell: its output's text, the values of its text boxes, the values of its combobox options,
# and its images' alt text. ipywidgets shows spaces in drop-downs as non-breaking spaces.
SNAPSHOT = """(cells) => cells.map(cell => {
    const area = cell.querySelector('.jp-OutputArea');
    const plain = s => (s || '').replace(/\\u00a0/g, ' ');
    return {
        text: plain(area ? area.textContent : ''),
        values: [...cell.querySelectorAll('.jp-OutputArea input, .jp-OutputArea textarea')].map(e => e.value),
        options: [...cell.querySelectorAll('.jp-OutputArea datalist option')].map(o => o.value),
        alts: [...cell.querySelectorAll('.jp-OutputArea img')].map(i => i.alt),
    };
})"""

# Every cell in the DOM, on screen or not, so outputs can be read and checked in order.
LAB_SETTINGS = {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"}}


def seed(store: Store) -> None:
    """Give every tool hostile text to show, through the public Store API."""
    today = store.today()
    ids = []
    for number, name in enumerate(NAMES):
        contact = Contact(
            name, circle=("personal", "professional", "both")[number % 3], company=COMPANY, position=POSITION,
            email=EMAIL, interests=INTERESTS, how_met=HOW_MET, notes=NOTES,
        )
        ids.append(store.contacts.save(contact, KeepInTouch(layer=5)))
    for number, contact_id in enumerate(ids[:4]):  # 10 to 13 days ago: due, on a weekly cadence
        store.exchanges.log(Exchange(contact_id, "received", "advice", today - dt.timedelta(days=10 + number), note=NAMES[number]))
    store.exchanges.log(Exchange(ids[1], "gave", "introduction", today - dt.timedelta(days=400), note=NOTES))
    store.touchpoints.log(ids[4], today - dt.timedelta(days=4 * 365), channel=NAMES[0], note=NAMES[1])  # dormant
    for first, second in [(0, 1), (1, 2), (2, 0), (3, 4), (2, 3)]:
        store.ties.set(ids[first], ids[second], True)
    for number, contact_id in enumerate(ids[:3]):
        store.plans.save(
            Plan(
                contact_id, "coffee", today - dt.timedelta(days=20), goal=NAMES[number], openers="\n".join(NAMES),
                questions=NAMES[1], offer=NAMES[2], cultural_notes=NOTES, talked_about=HOW_MET,
                my_promises=NAMES[number], their_promises=NAMES[(number + 1) % 5], follow_up_on=today - dt.timedelta(days=5),
            )
        )
    promises = []
    for number, contact_id in enumerate(ids):
        due = today + dt.timedelta(days=number - 2)
        promises.append(store.follow_ups.add(FollowUp(contact_id, ("me", "them")[number % 2], NAMES[(number + 2) % 5], due)))
        store.goals.add(Goal((30, 60, 90)[number % 3], NAMES[number], contact_id))
        store.time_blocks.add(TimeBlock(NAMES[number], number, "12:30", "13:00", today))
    store.follow_ups.set_done(promises[0])  # kept today: the first contact is in touch again
    store.reflections.save("07", PROMPT, "\n".join(NAMES))
    store.presence.set("LinkedIn", "photo", True)


def linkedin_csv() -> bytes:
    """A LinkedIn export with markup in a name, a URL, a company, and a date the dry run quotes."""
    out = io.StringIO()
    rows = csv.writer(out)
    rows.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    rows.writerow([XSS[0], "Smith", "javascript:alert(12)", "", XSS[1], NAMES[3], "14 Jan 2024"])
    rows.writerow(["Pia", "Berg", "https://www.linkedin.com/in/pia", "", "Acme", "Clerk", BAD_DATE])
    return out.getvalue().encode("utf-8")


def write_notebook(folder) -> str:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS.values()]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "hostile.ipynb")
    (folder / "connections.csv").write_bytes(linkedin_csv())
    return "hostile.ipynb"


def output(page, key: str):
    return page.locator(".jp-Notebook .jp-CodeCell").nth(INDEX[key]).locator(".jp-OutputArea")


def click_tabs(page, key: str, tabs: dict[str, str | None]) -> None:
    """Click each tab of a tabbed tool; where a selector is given, wait until an element it
    selects shows in the tab, holding the second name as text when it is a table cell or bold."""
    area = output(page, key)
    for tab, shows in tabs.items():
        area.get_by_role("tab", name=tab, exact=True).click()
        if shows:
            found = area.locator(shows)
            if shows in ("td", "b", "li b"):
                found = found.filter(has_text=NAMES[1])
            expect(found.first).to_be_visible(timeout=30_000)


def run_everything(page, base: str, token: str, notebook: str) -> None:
    open_notebook(page, base, token, notebook)
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    expect(output(page, "done")).to_contain_text(DONE, timeout=120_000)
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))",
        timeout=60_000,
    )


def drive(page) -> dict:
    """Wait for every output, click through every tab, open an exchange for editing and the
    comboboxes' lists; return what each cell shows."""
    # Each tool shows the data as text (auto-waiting: widgets render after the kernel is done).
    for key, strings in SHOWN.items():
        for text in strings:
            expect(output(page, key)).to_contain_text(text, timeout=30_000)

    # Every tab of the tabbed tools, with the learner's text visible in it.
    click_tabs(page, "tracker", {"Balances": "td", "Nudges": "li b", "Over time": "img[src^='data:image/png']", "Log": None})
    click_tabs(page, "contact book", {"Add or edit": "textarea", "Everyone": "td", "Who is due": "b"})
    click_tabs(page, "presence", {"Facebook": None, "Instagram": None, "X (Twitter)": None, "LinkedIn": None})
    for key in ("network map", "time blocks", "90-day plan", "tracker.table", "book.table", "plan.table"):
        expect(output(page, key).locator("td", has_text=NAMES[1]).first).to_be_visible(timeout=30_000)

    # Open the newest exchange for editing: its note and contact come back into the form as typed.
    tracker = output(page, "tracker")
    tracker.locator(".widget-dropdown", has_text="Recent").locator("select").select_option(index=0)
    tracker.get_by_role("button", name=re.compile(r"\bEdit$")).click()  # not "Cancel edit"
    expect(tracker.get_by_text("Editing: change the fields")).to_be_visible(timeout=30_000)
    expect(tracker.locator("textarea").first).to_have_value(NAMES[0], timeout=30_000)
    expect(tracker.locator("input[list]").first).to_have_value(NAMES[0])
    # Open the comboboxes' suggestion lists.
    for key in ("planner", "network map", "90-day plan"):
        box = output(page, key).locator("input[list]").first
        box.focus()
        box.press("ArrowDown")
        box.press("Escape")

    cells = page.locator(".jp-Notebook .jp-CodeCell")
    expect(cells).to_have_count(len(CELLS))
    return dict(zip(CELLS, cells.evaluate_all(SNAPSHOT)))


def ran(page, dialogs: list, errors: list) -> list[str]:
    """Every sign that markup from the data ran or was built into the page."""
    found = [f"dialog {message}" for message in dialogs] + [f"page error {error}" for error in errors]
    flag = page.evaluate("() => window.__xss")
    if flag is not None:
        found.append(f"window.__xss = {flag}: a payload ran")
    found += [f"built from the data: {what}" for what in page.evaluate(UNSAFE_DOM)]
    if page.evaluate("() => document.querySelectorAll('img[src=\"x\"], [onerror], svg[onload]').length"):
        found.append("an img[src=x], [onerror] or svg[onload] somewhere on the page")
    return found


def test_markup_in_the_learners_data_is_shown_as_text_everywhere(tmp_path):
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    home, root = tmp_path / "learner", tmp_path / "notebooks"
    root.mkdir()
    store = Store(home / "workbook.sqlite3")
    try:
        seed(store)
    finally:
        store.close()
    notebook = write_notebook(root)

    with jupyterlab(home, root=root, settings=LAB_SETTINGS) as (base, token), browser_page() as page:
        dialogs, errors = [], []
        page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        run_everything(page, base, token, notebook)
        try:
            shown = drive(page)
        except AssertionError as error:  # say first whether something ran: that is the real failure
            raise AssertionError(f"{ran(page, dialogs, errors)}\n{error}") from None
        output(page, "tracker").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-hostile-data.png"))

        # Nothing ran and nothing was built from the data.
        problems = ran(page, dialogs, errors)
        assert not problems, "\n".join(problems)

    # ... and every string is there as the characters typed: in text, text boxes, lists and alt text.
    for key, strings in SHOWN.items():
        for text in strings:
            assert text in shown[key]["text"], (key, text)
    for key, values in VALUES.items():
        for value in values:
            assert value in shown[key]["values"], (key, value, shown[key]["values"])
    for key in ("tracker", "contact book", "network map", "follow-ups", "90-day plan"):
        assert set(NAMES) <= set(shown[key]["options"]), (key, shown[key]["options"])
    for key, count in CHARTS.items():
        assert len(shown[key]["alts"]) == count, (key, shown[key]["alts"])
    for key in ("network map", "map chart"):  # the alt text names the bridges and dormant ties
        assert XSS[2] in shown[key]["alts"][0] and NAMES[4] in shown[key]["alts"][0], shown[key]["alts"]
