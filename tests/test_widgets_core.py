"""Drive the core tools as a learner would: set values, click, then check the store and the screen."""

import dataclasses
import datetime as dt
import html
import json
import threading

import ipywidgets as widgets
import pytest

import workbook
from workbook.domain.contacts import Contact
from workbook.store import Store
from workbook.widgets import ConversationPlanner, ReciprocityTracker
from workbook.widgets.quiz import Quiz
from workbook.widgets.reflection import Reflection

HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<b>x</b>"]


def all_html(widget) -> str:
    """Every HTML string a widget tree would send to the browser."""
    found = []

    def walk(w):
        if isinstance(w, widgets.HTML):
            found.append(w.value)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return "\n".join(found)


def log(tracker, contact, direction="gave", kind="advice", note="", date=None):
    """Fill the Log form and click Log; a new name is confirmed with its "Add …" button, as a learner would."""
    tracker.contact.value = contact
    tracker.direction.value = direction
    tracker.kind.value = kind
    tracker.note.value = note
    if date is not None:
        tracker.date.value = date
    tracker.log_button.click()
    if tracker.contact.asking:
        tracker.contact.add_button.click()


# --- reciprocity tracker ---------------------------------------------------------------------


def test_logging_an_exchange_saves_it_and_updates_the_balances(sample):
    tracker = ReciprocityTracker(sample)
    before = len(sample.table("exchanges"))
    log(tracker, "Wen Li", "gave", "introduction", "introduced to Theo")
    saved = sample.table("exchanges").iloc[-1]
    assert len(sample.table("exchanges")) == before + 1
    assert (saved["direction"], saved["kind"], saved["note"], saved["on_date"]) == ("gave", "introduction", "introduced to Theo", "2026-06-30")
    assert "Logged gave introduction with Wen Li" in tracker.status.text
    tracker.search.value = "Wen"
    assert "Wen Li" in tracker.balance_table.value and ">0<" in tracker.balance_table.value  # days since: 0
    assert tracker.contact.value == "" and tracker.note.value == ""  # ready for the next one


def test_a_new_name_becomes_a_contact_once_the_learner_says_yes(store):
    tracker = ReciprocityTracker(store)
    tracker.contact.value = "Brand New Person"
    tracker.log_button.click()
    assert store.table("contacts").empty and store.table("exchanges").empty
    assert tracker.contact.asking
    assert tracker.contact.add_button.description == "Add Brand New Person"
    assert "Not saved yet" in tracker.status.text
    tracker.contact.add_button.click()
    assert store.table("contacts")["name"].tolist() == ["Brand New Person"]
    assert len(store.table("exchanges")) == 1
    assert "(new contact)" in tracker.status.text
    assert "Brand New Person" in tracker.contact.options


@pytest.mark.parametrize(
    "field, values, message",
    [
        ("contact", {"contact": ""}, "empty"),
        ("date", {"date": dt.date(2099, 1, 1)}, "future"),
        ("note", {"note": "x" * 100_000}, "100,000 characters"),
        ("kind", {"kind": "bribe"}, "not a known kind"),
    ],
)
def test_bad_input_is_explained_beside_its_field_and_nothing_is_saved(store, field, values, message):
    tracker = ReciprocityTracker(store)
    tracker.contact.value = "Ada"
    for name, value in values.items():
        if name == "kind":  # a Dropdown cannot hold an unknown value; the model check is what matters
            tracker.kind.options = (*tracker.kind.options, value)
        getattr(tracker, name).value = value
    tracker.log_button.click()
    if tracker.contact.asking:
        tracker.contact.add_button.click()  # yes, Ada is new: the other fields are still checked
    assert message in tracker.form.errors[field].text
    assert "Not saved" in tracker.status.text
    assert store.table("exchanges").empty
    assert store.table("contacts").empty  # the would-be new contact was not left behind


def test_edit_and_delete_with_confirmation(sample):
    tracker = ReciprocityTracker(sample)
    log(tracker, "Amara Eze", "gave", "feedback", "first dashboard")
    newest = tracker.history.options[0][1]
    tracker.history.value = newest
    tracker.edit_button.click()
    assert tracker.contact.value == "Amara Eze" and tracker.note.value == "first dashboard"
    tracker.kind.value = "advice"
    tracker.log_button.click()
    assert sample.exchanges.get(newest).kind == "advice"
    count = len(sample.table("exchanges"))

    tracker.history.value = newest
    tracker.delete.delete_button.click()
    assert len(sample.table("exchanges")) == count  # asking is not deleting
    tracker.delete.cancel_button.click()
    assert len(sample.table("exchanges")) == count
    tracker.delete.delete_button.click()
    tracker.delete.confirm_button.click()
    assert len(sample.table("exchanges")) == count - 1
    assert "Deleted" in tracker.status.text


def test_nudges_and_chart(sample):
    tracker = ReciprocityTracker(sample)
    top = tracker.nudges()[0]
    assert top.name in tracker.nudge_list.value and "Idea:" in tracker.nudge_list.value
    assert tracker.chart.value == ""  # drawn only when its tab is opened
    tracker.tabs.selected_index = 3
    assert tracker.chart.value.startswith("<img src='data:image/png;base64,") and "alt='Bar chart" in tracker.chart.value


def test_entries_survive_a_kernel_restart(own_home):
    log(ReciprocityTracker(), "Ada", "gave", "resource", "lent a book")
    fresh = ReciprocityTracker(Store())  # a new process would do exactly this
    assert "Ada" in fresh.balance_table.value
    assert fresh.history.options[0][0].endswith("Ada · gave resource")


def test_hostile_names_are_shown_as_text_everywhere(store):
    for name in HOSTILE:
        store.contacts.add(Contact(name, interests="<i>chess</i>"))
    tracker = ReciprocityTracker(store)
    for name in HOSTILE:
        log(tracker, name, "received", "advice", note="<script>note</script>")
    planner = ConversationPlanner(store)
    planner.who.value = HOSTILE[0]
    planner.suggest_questions_button.click()
    planner.export()
    tracker.tabs.selected_index = 3
    shown = all_html(tracker) + all_html(planner)
    assert "<img src=x" not in shown and "<script>" not in shown and "<b>x</b>" not in shown and "<i>chess" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&lt;b&gt;x&lt;/b&gt;" in shown
    assert HOSTILE[1] in tracker.contact.options  # Combobox options are plain text for the browser


# --- conversation planner --------------------------------------------------------------------


def test_planner_saves_as_you_go_and_reopens(sample):
    planner = ConversationPlanner(sample)
    planner.who.value = "Noor Aziz"
    plan_id = planner.plan_id
    assert plan_id is not None and "Saved" in planner.status.text
    planner.occasion.value = "conference"
    planner.text["goal"].value = "Plan an open data session"
    planner.suggest_questions_button.click()
    planner.text["my_promises"].value = "Send the agenda"
    planner.follow_up_on.value = dt.date(2026, 7, 6)

    saved = sample.plans.get(plan_id)
    assert (saved.occasion, saved.goal) == ("conference", "Plan an open data session")
    assert "open data" in saved.questions and "event" in saved.questions
    follow_ups = sample.table("follow_ups")
    assert follow_ups[follow_ups["plan_id"] == plan_id][["promise", "due"]].values.tolist() == [["Send the agenda", "2026-07-06"]]

    again = ConversationPlanner(sample)
    assert plan_id in [value for _, value in again.plans.options]
    again.plans.value = plan_id
    assert again.who.value == "Noor Aziz" and again.text["goal"].value == "Plan an open data session"


def on_another_thread(action) -> None:
    """Run `action` as JupyterLab 4.6 runs widget callbacks: on the kernel's subshell thread."""
    errors = []

    def run():
        try:
            action()
        except BaseException as error:  # handed back to the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not errors, errors


def test_widget_edits_from_the_subshell_thread_are_saved(sample):
    planner = ConversationPlanner(sample)  # made by a cell, on the main thread
    planner.who.value = "Noor Aziz"
    on_another_thread(lambda: setattr(planner.text["goal"], "value", "Second edit"))
    on_another_thread(lambda: setattr(planner.text["goal"], "value", "Third edit"))
    assert sample.plans.get(planner.plan_id).goal == "Third edit"
    tracker = ReciprocityTracker(sample)
    tracker.contact.value, tracker.note.value = "Noor Aziz", "from the subshell"
    on_another_thread(tracker.log_button.click)
    assert "from the subshell" in sample.table("exchanges")["note"].tolist()


def test_planner_refuses_bad_fields_beside_them(sample):
    planner = ConversationPlanner(sample)
    planner.text["goal"].value = "no one chosen yet"
    assert planner.plan_id is None and "choose who" in planner.status.text
    planner.who.value = "Noor Aziz"
    plan_id = planner.plan_id
    planner.text["goal"].value = "g" * 600
    assert "600 characters" in planner.form.errors["my goal"].text
    assert sample.plans.get(plan_id).goal == "no one chosen yet"


def test_planner_refused_for_a_new_person_leaves_no_contact_behind(store):
    planner = ConversationPlanner(store)
    planner.text["goal"].value = "g" * 600  # refused until fixed
    planner.who.value = "Someone New"
    assert "Not saved" in planner.status.text and planner.plan_id is None
    assert store.table("contacts").empty and "Someone New" not in planner.who.options


def test_planner_delete_asks_first(sample):
    planner = ConversationPlanner(sample)
    planner.load(1)
    planner.delete.delete_button.click()
    assert "cannot be undone" in planner.delete.question.value
    planner.delete.confirm_button.click()
    assert 1 not in sample.plans.all()["id"].tolist()
    assert planner.plan_id is None and "Deleted" in planner.status.text


def test_planner_exports_a_one_page_card(sample):
    planner = ConversationPlanner(sample)
    planner.load(1)
    path = planner.export()
    text = path.read_text()
    assert text.startswith("# Conversation card: Theo Brandt")
    assert "## What I can offer" in text and "- Introduce him to Wen Li, who works on the same problem" in text
    assert "## Promises I made" in text
    assert "Download the card" in planner.card_view.value and "<h2>What I can offer</h2>" in planner.card_view.value
    assert str(planner.card()).startswith("# Conversation card: Theo Brandt")


# --- quiz and reflection ---------------------------------------------------------------------


def test_quiz_gives_feedback_saves_and_restores(store):
    quiz = Quiz("07", store)
    norm = quiz.questions[0]
    wrong = next(i for i in range(len(norm.options)) if i != norm.answer)
    quiz.check_buttons["norm"].click()
    assert "Pick an answer first" in quiz.feedback["norm"].value
    quiz.choices["norm"].value = wrong
    quiz.check_buttons["norm"].click()
    assert "Not quite" in quiz.feedback["norm"].value
    quiz.choices["norm"].value = norm.answer
    quiz.check_buttons["norm"].click()
    shown = quiz.feedback["norm"].value
    assert "✔ Right." in shown and f"Score: 1 of {len(quiz.questions)}" in quiz.score.value
    assert shown.count("Right") == 1 and "`" not in shown  # the verdict once, no Markdown symbols
    restored = Quiz("07", store)
    assert restored.choices["norm"].value == norm.answer and "Right" in restored.feedback["norm"].value
    assert store.quiz.answers("07") == {"norm": (norm.options[norm.answer], True)}


def test_quiz_ignores_answers_to_retired_questions(store):
    store.quiz.record("08", "pillars", "Steady effort, methods that work and real curiosity about other people", True)
    quiz = Quiz("08", store)
    assert f"Score: 0 of {len(quiz.questions)}" in quiz.score.value and "(0 answered" in quiz.score.value


def test_quiz_output_carries_a_static_copy_with_folded_answers(sample):
    quiz = Quiz("03", sample)
    bundle = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab draws the live quiz
    page = bundle["text/html"]  # the website shows this copy
    assert page.count("<summary>Answer and why</summary>") == page.count("<details ") == len(quiz.questions)
    for question in quiz.questions:
        letter = "ABCD"[question.answer]
        assert f"Answer: <b>{letter}</b>" in page
        before_fold = page.split(html.escape(question.prompt), 1)[1].split("<details ", 1)[0]
        assert "Answer:" not in before_fold  # the answer is inside the fold, not beside the options
    hostile = Quiz("03", sample)
    hostile.questions = [dataclasses.replace(quiz.questions[0], prompt="<script>alert(1)</script>")]
    assert "<script>" not in hostile._repr_mimebundle_()["text/html"]


def test_reflection_saves_and_refuses_control_characters(store):
    box = Reflection("07", "What will you offer?", store)
    box.text.value = "An intro to Wen"
    assert store.reflections.get("07", "What will you offer?") == "An intro to Wen"
    box.text.value = "bad\x00text"
    assert "Not saved" in box.status.text
    assert store.reflections.get("07", "What will you offer?") == "An intro to Wen"
    assert Reflection("07", "What will you offer?", store).text.value == "An intro to Wen"


def test_lesson_marks_the_visit_in_the_learners_own_workbook(own_home):
    lesson = workbook.start("07")
    assert lesson.mine.table("progress")[["chapter", "item"]].values.tolist() == [["07", "visited"]]
    assert repr(lesson.sample) == "Store(sample network of Robin Okafor)"
    assert lesson.mine.path.parent == own_home


def test_lesson_tables_show_dollar_signs_as_typed_not_as_maths(own_home):
    lesson = workbook.start("07")
    lesson.mine.contacts.add(Contact("Ann $x^2$ Lee"))
    table = lesson.mine.table("contacts")[["name"]]._repr_html_()
    assert "Ann $x^2$ Lee" in table and "tex2jax_ignore" in table  # MathJax skips the table


def test_widget_reprs_are_deterministic_for_notebook_validation(sample):
    assert repr(ReciprocityTracker(sample)) == "ReciprocityTracker(Store(sample network of Robin Okafor): 36 contacts with exchanges)"
    assert repr(ConversationPlanner(sample)) == "ConversationPlanner(Store(sample network of Robin Okafor): 3 plans)"
    json.dumps(repr(Quiz("07", sample)))
