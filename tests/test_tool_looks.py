"""The tools look finished (issue 10): labels as written, each field once, icons that exist,
aligned tables, whole-number chart axes, wording that reads, and one stylesheet for every tool."""

import re
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from workbook import charts
from workbook.domain import exchanges, plans
from workbook.domain.contacts import Contact
from workbook.markup import html_table
from workbook.widgets import ConversationPlanner, ReciprocityTracker
from workbook.widgets.common import STYLESHEET, page_assets

# The Font Awesome (5) that ipywidgets 8 draws icon="…" with; "lightbulb-o" and "pencil" were
# Font Awesome 4 names and draw nothing.
ICONS = Path(__file__).parent / "js" / "node_modules" / "@fortawesome" / "fontawesome-free" / "css" / "all.css"


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_planner_labels_keep_their_capitals_and_no_field_is_drawn_twice(store):
    planner = ConversationPlanner(store)
    labels = [w.description for w in walk(planner) if getattr(w, "description", "")]
    assert "What I can offer" in labels and "Promises I made" in labels
    assert not any(" i " in f" {label.lower()} " and " I " not in f" {label} " for label in labels if " i " in label)
    seen = [w.model_id for w in walk(planner) if isinstance(w, widgets.DatePicker)]
    assert len(seen) == len(set(seen)), "a widget placed in two rows is drawn twice"


def test_every_button_icon_exists_in_the_icon_font():
    from browser import require_installed

    require_installed(ICONS.exists(), "tests/js is not installed: npm ci --prefix tests/js")
    css = ICONS.read_text()
    source = "\n".join(p.read_text() for p in Path(charts.__file__).parent.joinpath("widgets").glob("*.py"))
    icons = set(re.findall(r'icon="([a-z0-9-]+)"', source))
    assert icons and not [icon for icon in sorted(icons) if f".fa-{icon}:before" not in css]


def test_tables_align_numbers_right_text_left_and_have_no_index():
    frame = pd.DataFrame({"name": ["Ada"], "given": [2], "received": [1]})
    table = html_table(frame, {"name": "Contact", "given": "Given", "received": "Received"}, caption="c", empty="e")
    assert "<td>Ada</td>" in table and "<td class='workbook-number'>2</td>" in table
    assert "style=" not in table and table.count("<th ") == 3


def test_the_over_time_chart_counts_in_whole_numbers_and_one_month_is_a_narrow_bar():
    flow = pd.DataFrame({"gave": [1], "received": [0]}, index=pd.PeriodIndex(["2026-11"], freq="M"))
    axes = charts.giving_receiving(flow).figure.axes[0]
    assert all(float(t).is_integer() for t in axes.get_yticks())
    left, right = axes.get_xlim()
    assert right - left >= charts.MIN_MONTHS_SHOWN


def test_a_nudge_for_someone_without_interests_reads_as_a_sentence():
    for contact_id in range(12):
        idea = exchanges.giving_idea(contact_id, "")
        assert "{" not in idea and "what they are working on is going" not in idea
        assert "  " not in idea


def test_the_nudges_name_an_interest_when_there_is_one():
    assert any("chess" in idea for idea in plans.suggest_offers(1, "chess"))


def test_one_stylesheet_themed_by_the_host_and_a_keyboard_guard(store):
    css = STYLESHEET.read_text()
    assert "--jp-ui-font-color1" in css and "--pst-color-text-base" in css  # JupyterLab and the website
    assert ":focus-visible" in css and "workbook-invalid" in css
    script = page_assets()["application/javascript"]
    assert page_assets()["text/plain"] == ""  # nothing shows for it in a saved notebook
    assert "data-lm-suppress-shortcuts" in script and "focusin" in script
    tracker = ReciprocityTracker(store)
    inline = [w.value for w in walk(tracker) if isinstance(w, widgets.HTML) and "style=" in w.value]
    assert inline == [], "tools style through classes, not inline styles"


def test_a_refused_field_is_outlined_and_its_message_sits_beside_it(store):
    store.contacts.add(Contact(name="Ada"))
    tracker = ReciprocityTracker(store)
    tracker.contact.value = "Ada"
    tracker.note.value = "x" * 100_000
    tracker.log_button.click()
    assert "workbook-invalid" in tracker.note._dom_classes
    assert "outlined in red" in tracker.status.text
    tracker.note.value = "ok"
    tracker.log_button.click()
    assert "workbook-invalid" not in tracker.note._dom_classes


def test_long_lists_can_be_shown_whole(store):
    from workbook.widgets import ContactBook

    for n in range(60):
        store.contacts.add(Contact(name=f"Person {n:02d}"))
    book = ContactBook(store)
    assert "50 of 60 shown" in book.all_view.value and book.show_everyone.layout.display != "none"
    book.show_everyone.value = True
    assert "60 of 60 shown" in book.all_view.value and "Person 59" in book.all_view.value
