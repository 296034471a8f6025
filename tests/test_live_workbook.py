"""Several tools open on one workbook, as a learner keeps them (issue 10): one live contact list,
no duplicate people, a new name confirmed once, and changes from another kernel noticed."""

import datetime as dt

import pytest

import workbook
from workbook.domain.contacts import Contact, contact_labels
from workbook.domain.validation import name_key
from workbook.store import Store, shared
from workbook.widgets import ContactBook, ConversationPlanner, FollowUps, NetworkMap, ReciprocityTracker
from workbook.widgets.goals import NinetyDayPlan


def names(store) -> list[str]:
    return sorted(store.table("contacts")["name"])


def test_tools_opened_without_a_store_share_one_workbook_per_kernel(own_home):
    tracker, planner, book = ReciprocityTracker(), ConversationPlanner(), ContactBook()
    assert tracker.store is planner.store is book.store is shared()
    assert workbook.start("07").mine is shared()


def test_one_new_person_typed_into_three_tools_is_one_contact(store):
    tracker, planner, book = ReciprocityTracker(store), ConversationPlanner(store), ContactBook(store)

    tracker.contact.value = "Sam Okoye"
    tracker.log_button.click()
    tracker.contact.add_button.click()
    assert names(store) == ["Sam Okoye"]
    # The planner was open all along: its list already has Sam, without re-running its cell.
    assert "Sam Okoye" in planner.who.options and "Sam Okoye" in book.find.options

    planner.who.value = "  sam   OKOYE "  # another case and spacing: the same person
    assert not planner.who.asking
    planner.text["goal"].value = "Ask about the choir"
    planner.text["offer"].value = "The article on sight-reading"
    assert names(store) == ["Sam Okoye"]
    assert store.table("plans")["contact_id"].tolist() == [store.table("contacts")["id"].iloc[0]]
    assert "Saved" in planner.status.text and "new contact" not in planner.status.text

    book.find.value = "Sam Okoye"
    assert book.name.value == "Sam Okoye"
    book.company.value = "Northwind"
    book.save_button.click()
    assert names(store) == ["Sam Okoye"]
    assert book.health["name"].tolist() == ["Sam Okoye"]


def test_autosave_never_creates_a_contact_by_itself(store):
    planner = ConversationPlanner(store)
    planner.who.value = "Priya Raman"
    for text in ("Catch up", "Catch up on the move", "Catch up on the move to Leeds"):
        planner.text["goal"].value = text
    assert names(store) == [] and store.table("plans").empty
    assert planner.who.add_button.description == "Add Priya Raman"
    assert "Not saved yet" in planner.status.text

    planner.who.add_button.click()
    planner.text["questions"].value = "How is the new team?"
    planner.text["offer"].value = "An intro to Wen"
    assert names(store) == ["Priya Raman"]
    assert len(store.table("plans")) == 1
    assert store.table("plans")["goal"].tolist() == ["Catch up on the move to Leeds"]


def test_not_now_saves_nothing_and_a_typo_fix_is_not_a_second_person(store):
    planner = ConversationPlanner(store)
    planner.who.value = "Priya Ramen"
    planner.text["goal"].value = "Catch up"
    planner.who.not_now_button.click()
    assert not planner.who.asking
    planner.who.value = "Priya Raman"
    planner.who.add_button.click()
    assert names(store) == ["Priya Raman"]


def test_people_who_share_a_name_are_told_apart_by_something_human(store):
    first = store.contacts.add(Contact(name="Sam Okoye", company="Northwind"))
    second = store.contacts.add(Contact(name="Sam Okoye", how_met="choir"))
    tracker = ReciprocityTracker(store)
    assert {"Sam Okoye (Northwind)", "Sam Okoye (choir)"} <= set(tracker.contact.options)
    assert not any("#" in option for option in tracker.contact.options)

    tracker.contact.value = "Sam Okoye"  # which one? the learner is asked to pick, nothing is created
    tracker.log_button.click()
    assert "pick one from the list" in tracker.form.errors["contact"].text
    assert store.table("exchanges").empty and len(names(store)) == 2

    tracker.contact.value = "Sam Okoye (choir)"
    tracker.log_button.click()
    assert store.table("exchanges")["contact_id"].tolist() == [second]
    assert first != second


def test_labels_for_namesakes_without_details_still_differ():
    import pandas as pd

    rows = pd.DataFrame(
        {"id": [1, 2, 3], "name": ["Ann Lee", "ann  lee", "Bo"], "company": ["", "", ""], "how_met": ["", "", ""], "email": ["", "", ""]}
    )
    labels = contact_labels(rows)
    assert sorted(labels.values()) == [1, 2, 3] and labels["Bo"] == 3
    assert len({name_key(label) for label in labels}) == 3


def test_a_contact_added_in_another_kernel_is_matched_not_duplicated(store):
    planner = ConversationPlanner(store)
    other_kernel = Store(store.path)  # a second notebook open on the same file
    other_kernel.contacts.add(Contact(name="Lena Park"))
    planner.who.value = "Lena Park"
    planner.text["goal"].value = "Hear about the new role"
    assert names(store) == ["Lena Park"]
    assert len(store.table("plans")) == 1
    assert "Lena Park" in planner.who.options  # noticed and reloaded before saving
    other_kernel.close()


def test_deleting_or_renaming_a_contact_reaches_every_picker(store):
    sam = store.contacts.add(Contact(name="Sam Okoye"))
    tracker, follow_ups, network_map, plan = ReciprocityTracker(store), FollowUps(store), NetworkMap(store), NinetyDayPlan(store)
    book = ContactBook(store)
    book.load(sam)
    book.name.value = "Samuel Okoye"
    book.save_button.click()
    for picker in (tracker.contact, follow_ups.contact, network_map.first, plan.contact):
        assert "Samuel Okoye" in picker.options and "Sam Okoye" not in picker.options
    book.delete.delete_button.click()
    book.delete.confirm_button.click()
    for picker in (tracker.contact, follow_ups.contact, network_map.first, plan.contact):
        assert picker.options == ()


def test_recent_preselects_the_entry_just_logged_so_edit_works(store):
    store.contacts.add(Contact(name="Ada"))
    tracker = ReciprocityTracker(store)
    tracker.contact.value = "Ada"
    tracker.note.value = "lent a book"
    tracker.log_button.click()
    newest = int(store.table("exchanges")["id"].max())
    assert tracker.history.value == newest
    tracker.edit_button.click()
    assert tracker.note.value == "lent a book" and "Editing" in tracker.status.text


def test_a_follow_up_before_the_conversation_is_refused_beside_its_field(store):
    store.contacts.add(Contact(name="Ada"))
    planner = ConversationPlanner(store)
    planner.who.value = "Ada"
    planner.planned_for.value = dt.date(2026, 5, 12)
    planner.follow_up_on.value = dt.date(2020, 5, 12)
    assert "before the conversation" in planner.form.errors["follow-up date"].text
    assert "workbook-invalid" in planner.follow_up_on._dom_classes
    assert store.table("plans")["follow_up_on"].dropna().empty
    planner.follow_up_on.value = dt.date(2026, 5, 19)
    assert "workbook-invalid" not in planner.follow_up_on._dom_classes
    assert store.table("plans")["follow_up_on"].tolist() == ["2026-05-19"]


@pytest.mark.parametrize("tool", [ReciprocityTracker, ConversationPlanner, ContactBook, FollowUps, NetworkMap, NinetyDayPlan])
def test_saved_outputs_read_as_a_friendly_line_and_sample_differs_from_yours(tool, store, sample):
    mine, demo = tool(store), tool(sample)
    text = mine._repr_mimebundle_()["text/plain"]
    assert text.startswith("Your ") and "run this cell" in text
    assert "sample" in demo._repr_mimebundle_()["text/plain"]
    assert "workbook-mine" in mine._dom_classes and "workbook-sample" in demo._dom_classes
    first_lines = mine.children[1].value, demo.children[1].value
    assert "Yours" in first_lines[0] and "sample network" in first_lines[1]


def test_the_progress_view_follows_answers_and_entries_without_a_rerun(store):
    from workbook.progress import progress
    from workbook.widgets.progress_view import ProgressView
    from workbook.widgets.quiz import Quiz

    view = ProgressView(store)
    assert "0 / " in view.view.value and "contacts: 0" in view.view.value
    quiz = Quiz("07", store)
    question = quiz.questions[0]
    quiz.choices[question.id].value = question.answer
    quiz.check_buttons[question.id].click()
    assert "1 / " in view.view.value
    ReciprocityTracker(store)  # any tool's entry counts too
    store.contacts.add(Contact(name="Ada"))
    assert "contacts: 1" in view.view.value
    assert progress(store).store is store


def test_adding_a_name_you_already_have_asks_same_person_or_someone_else(store):
    sam = store.contacts.add(Contact(name="Sam Okoye", company="Northwind"))
    book = ContactBook(store)
    book.name.value = "sam okoye"
    book.save_button.click()
    assert names(store) == ["Sam Okoye"]
    assert book.same_name_prompt.children and "Sam Okoye" in book.same_name_question.value
    book.open_existing_button.click()
    assert book.editing_id == sam and book.company.value == "Northwind"

    book.new()
    book.name.value = "Sam Okoye"
    book.how_met.value = "choir"
    book.save_button.click()
    book.add_namesake_button.click()
    assert names(store) == ["Sam Okoye", "Sam Okoye"]
    assert {"Sam Okoye (Northwind)", "Sam Okoye (choir)"} <= set(book.find.options)
