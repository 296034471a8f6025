"""The message bank: templates filled without ever showing a raw slot, learner text kept as typed,
and the planner's message picker driven as a learner would (pick, fill the boxes, edit, read the card)."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

from workbook.domain.contacts import Contact
from workbook.domain.plans import Plan
from workbook.messages import MissingSlots, SLOTS, TEMPLATES, fill, missing, slots_from_plan
from workbook.widgets import ConversationPlanner
from workbook.widgets.messages import draft_message

RAW_SLOT = re.compile(r"\{[a-z_]+\}")
EVERYTHING = {
    "first_name": "Maria",
    "occasion": "at the meetup",
    "topic": "bus data",
    "my_promise": "send the timetable notebook",
    "their_promise": "share the ridership survey",
    "next_step": "a coffee in July",
    "reason": "Sid Kapoor suggested I write to you",
    "other_name": "Wen Li",
    "other_about": "she runs forecasting at Quayside",
    "about_them": "he leads analytics at Brightline",
    "why_meet": "you are both moving to weekly forecasts",
    "about_me": "I'm Robin, a data analyst at Quayside Logistics.",
    "help": "your hour on forecasting",
    "outcome": "We tried it in June and it worked",
    "ask": "hear how you moved into open data",
}


def shown(widget) -> str:
    found = [widget.value] if isinstance(widget, widgets.HTML) else []
    return "\n".join(found + [shown(child) for child in getattr(widget, "children", ())])


# --- the pure module ---------------------------------------------------------------------------


def test_every_slot_a_template_uses_is_known_and_the_list_covers_the_issue():
    assert {"connection_note", "event_follow_up", "reconnection", "ask_introduction", "offer_introduction",
            "make_introduction", "thank_you", "close_the_loop"} <= set(TEMPLATES)
    for template in TEMPLATES.values():
        assert set(template.slots) <= set(SLOTS), template.key
        assert set(template.needs) <= set(template.slots), template.key


@pytest.mark.parametrize("key", TEMPLATES)
def test_filled_with_everything_every_slot_is_used_and_none_is_left_raw(key):
    text = fill(key, EVERYTHING)
    assert not RAW_SLOT.search(text) and "Maria" in text
    for name in TEMPLATES[key].slots:
        assert EVERYTHING[name].rstrip(".") in text, name
    assert "\n\n\n" not in text and text == text.strip()


@pytest.mark.parametrize("key", TEMPLATES)
def test_with_only_the_required_slots_the_message_still_reads_and_leaves_no_slot(key):
    needed = {name: EVERYTHING[name] for name in missing(key, {})}
    text = fill(key, needed)
    assert not RAW_SLOT.search(text)
    assert "None" not in text and " ." not in text and ":." not in text


def test_a_missing_required_slot_is_refused_naming_it():
    with pytest.raises(MissingSlots) as refused:
        fill("make_introduction", {"first_name": "Maria", "other_name": "Wen Li"})
    assert refused.value.slots == ["other_about", "about_them", "why_meet"]
    assert "one line about the other person, one line about them (for the other person) and why the two should meet" in refused.value.message
    assert "Making an introduction, step 2" in refused.value.message
    with pytest.raises(MissingSlots, match="their first name"):
        fill("thank_you", {"first_name": "   ", "help": "the intro"})


def test_optional_slots_take_a_wording_or_drop_their_sentence():
    text = fill("event_follow_up", {"first_name": "Maria"})
    assert "Thank you for the conversation when we talked." in text  # occasion's wording
    assert "your work" in text  # topic's wording
    assert "promise" not in text and "offered" not in text and "up for" not in text  # sentences dropped


def test_learner_text_is_inserted_as_typed_never_read_as_a_template():
    text = fill("connection_note", {"first_name": "{topic}", "topic": "{first_name} <b>x</b> & {0} {__class__}"})
    assert text.startswith("Hi {topic}, ") and "{first_name} <b>x</b> & {0} {__class__}" in text


def test_line_breaks_in_a_slot_stay_on_one_line_and_a_final_full_stop_is_not_doubled():
    text = fill("thank_you", {"first_name": "Maria", "help": "the intro\nto Wen.", "outcome": "It went well."})
    assert "Thank you for the intro to Wen. It went well. I'll" in text


@pytest.mark.parametrize("typed, mid_sentence", [
    ("A joint session in September", "a joint session in September"),
    ("Send the notebook.", "send the notebook"),
    ("SQL tips", "SQL tips"),
    ("iPhone data", "iPhone data"),
    ("I'll send the deck", "I'll send the deck"),
    ("I owe her a call", "I owe her a call"),
    ("", ""),
])
def test_a_line_from_the_plan_reads_mid_sentence(typed, mid_sentence):
    plan = Plan(contact_id=1, my_promises=typed)
    assert slots_from_plan(plan, Contact("Ada"))["my_promise"] == mid_sentence


def test_the_line_about_you_is_a_sentence_of_its_own():
    text = fill("informational_interview", {"first_name": "Nadia", "about_me": "I'm Robin, an analyst"})
    assert "I'm Robin, an analyst. Would you have twenty minutes" in text


def test_slots_from_a_plan():
    plan = Plan(contact_id=1, occasion="meetup", goal="Hear how Brightline plans", talked_about="Team structure, forecasts\nmore",
                my_promises="Send the notebook\nIntroduce Wen Li", their_promises="Invite me to the guild")
    slots = slots_from_plan(plan, Contact("Theo Brandt", interests="forecasting"))
    assert slots == {"first_name": "Theo", "occasion": "at the meetup", "topic": "team structure",
                     "my_promise": "send the notebook and introduce Wen Li", "their_promise": "invite me to the guild",
                     "ask": "hear how Brightline plans"}
    bare = slots_from_plan(Plan(contact_id=1), Contact("Ada", interests="SQL, gardening"))
    assert bare["topic"] == "SQL" and bare["my_promise"] == "" and bare["occasion"] == "over coffee"


def test_draft_for_a_lesson_fills_from_a_sample_plan_or_says_what_is_missing(sample):
    text = draft_message("event_follow_up", sample, plan_id=1, next_step="a call once the guild meets")
    assert text.startswith("Hi Theo,") and "send the notebook and introduce Wen Li" in text
    assert "Not written yet" in draft_message("thank_you", sample, plan_id=1) and "what they did for you" in draft_message("thank_you", sample, plan_id=1)
    assert "&lt;b&gt;" in draft_message("connection_note", first_name="<b>Mo</b>")._repr_html_()
    assert "choose one of" in draft_message("no_such_message")


# --- in the planner, as a learner uses it --------------------------------------------------------


def test_pick_a_message_it_fills_from_the_plan_goes_on_the_card_and_is_saved(sample):
    planner = ConversationPlanner(sample)
    planner.who.value = "Noor Aziz"
    planner.occasion.value = "meetup"
    planner.text["talked_about"].value = "Open data for buses, the council's API"
    planner.text["my_promises"].value = "Send the bus-stop notebook"
    planner.messages.template.value = "event_follow_up"

    message = planner.text["message"].value
    assert message.startswith("Hi Noor,") and "at the meetup" in message and "open data for buses" in message
    assert "send the bus-stop notebook" in message
    assert "Written below" in planner.messages.status.text
    assert sample.plans.get(planner.plan_id).message == message  # saved with the plan, as every field is
    card = planner.card()
    assert "## Message to send" in card and "> Hi Noor," in card and "bus-stop notebook" in card


def test_a_message_that_needs_more_asks_for_it_then_writes_when_typed(sample):
    planner = ConversationPlanner(sample)
    planner.who.value = "Theo Brandt"
    planner.messages.template.value = "offer_introduction"
    boxes = planner.messages.extra_boxes.children
    assert [box.placeholder for box in boxes] == ["The other person's name", "One line about the other person", "Why the two should meet"]
    assert planner.text["message"].value == ""
    assert "Not written yet" in planner.messages.status.text and "the other person's name" in planner.messages.status.text

    planner.messages.extra["other_name"].value = "Wen Li"
    planner.messages.extra["other_about"].value = "she built our SQL forecasting pipeline"
    planner.messages.extra["why_meet"].value = "your team is moving to weekly forecasts"
    assert "I know Wen Li: she built our SQL forecasting pipeline." in planner.text["message"].value
    assert "Would you like me to introduce you?" in planner.card()


def test_the_learners_edits_are_kept_until_they_ask_to_start_over(sample):
    planner = ConversationPlanner(sample)
    planner.who.value = "Sid Kapoor"
    planner.messages.template.value = "connection_note"
    planner.text["message"].value = "Hi Sid, my own words."
    planner.messages.template.value = "reconnection"
    assert planner.text["message"].value == "Hi Sid, my own words."
    assert "Your own edits are kept" in planner.messages.status.text
    planner.messages.fill_button.click()
    assert planner.text["message"].value.startswith("Hi Sid,\n\nIt has been far too long!")
    assert sample.plans.get(planner.plan_id).message == planner.text["message"].value


def test_no_person_yet_says_so_and_writes_nothing(sample):
    planner = ConversationPlanner(sample)
    planner.messages.template.value = "thank_you"
    assert planner.text["message"].value == "" and planner.plan_id is None
    assert "Choose who the conversation is with first" in planner.messages.status.text


def test_hostile_text_in_a_message_is_shown_as_text(sample):
    planner = ConversationPlanner(sample)
    planner.who.value = "<img src=x onerror=alert(1)>"
    planner.who.add_button.click()  # yes, a new contact
    planner.messages.template.value = "thank_you"
    planner.messages.extra["help"].value = "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" in planner.text["message"].value  # the box holds plain text
    planner.export()
    html = shown(planner)
    assert "<script>" not in html and "<img src=x" not in html
    assert "Thank you for &lt;script&gt;alert" in html  # the card shown formatted: the text, escaped once


def test_the_message_travels_with_the_plan_into_the_exported_workbook(sample):
    from workbook.formats.readable_copy import render

    planner = ConversationPlanner(sample)
    planner.load(1)
    planner.messages.template.value = "thank_you"
    planner.messages.extra["help"].value = "the hour on forecasting"
    page = render(sample, "markdown")
    assert "Message to send" in page and "Thank you for the hour on forecasting." in page
