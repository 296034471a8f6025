"""The required activities on the learner's own network, done through the widgets as a learner
would (set `.value`, `.click()`): each chapter's check says "not yet" with what to do before, and
names what was done after; progress counts them."""

from __future__ import annotations

import datetime as dt

import pytest

import workbook
from workbook.checks import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08
from workbook.checks.own import OWN_NETWORK
from workbook.domain.take_stock import names_in, take_stock
from workbook.progress import progress
from workbook.store import Store


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path / "home"))


@pytest.fixture
def mine():
    return Store()


def not_yet(feedback, *words):
    assert not feedback.passed, feedback.message
    assert repr(feedback).startswith("Not yet") and all(w in feedback.message for w in words), feedback.message


def passed(feedback, *words):
    assert feedback.passed, feedback.message
    assert all(w in feedback.message for w in words), feedback.message


def add_people(mine, **typed):
    tool = workbook.TakeStock()
    for key, text in typed.items():
        tool.boxes[key].value = text
    tool.add_button.click()
    return tool


def test_every_check_reads_the_learners_own_workbook_by_default_and_says_not_yet(mine):
    for chapter, checks in OWN_NETWORK.items():
        for check in checks:
            not_yet(check(), "")
            not_yet(check(mine), "")


def test_chapter_01_take_stock_and_sort(mine):
    not_yet(ch01.took_stock(), "none yet", "Add these people")
    tool = add_people(mine, family="Maria Lopez\nSam", neighbours="Lee, Noor")
    assert "Added 4" in tool.status.text and "Maria Lopez (family)" in tool.status.text
    not_yet(ch01.took_stock(), "4 so far")
    tool = add_people(mine, family="Ana", **{"former-colleagues": "Priya\nmaria lopez"})
    assert "Already in your workbook: maria lopez" in tool.status.text
    passed(ch01.took_stock(), "6 people from 3 parts", "family: Maria Lopez, Sam and Ana", "former colleagues: Priya")
    assert mine.contacts.get(min(mine.contacts.names())).circle == "personal"  # family starts personal

    not_yet(ch01.both_worlds(), "'both'")
    sort = workbook.SortPeople()
    priya = next(cid for cid, name in mine.contacts.names().items() if name == "Priya")
    sort.circles[priya].value = "both"
    sort.save_button.click()
    assert "Saved Priya" in sort.status.text
    passed(ch01.both_worlds(), "Priya sits in both your worlds")


def test_a_single_part_of_life_is_not_yet_and_a_bad_name_adds_nothing(mine):
    add_people(mine, clubs="A\nB\nC\nD\nE")
    not_yet(ch01.took_stock(), "one part of your life (clubs and groups)")
    tool = workbook.TakeStock()
    tool.boxes["family"].value = "Fine Name"
    tool.boxes["online"].value = "x" * 300
    tool.add_button.click()
    assert "Nothing added" in tool.status.text and "online communities" in tool.form.errors["online"].text
    assert len(mine.contacts.names()) == 5 and tool.boxes["family"].value == "Fine Name"  # kept to fix


def test_names_are_split_by_line_and_comma_once_each():
    assert names_in(" Maria ,  Sam\n\nmaria\r\nJo   Ann ") == ["Maria", "Sam", "Jo Ann"]
    found = take_stock({"family": "Maria", "clubs": "MARIA, Ken"}, ["ken"])
    assert [c.name for c in found.new] == ["Maria"] and found.already == ["Ken"]


def test_chapter_02_layers(mine):
    add_people(mine, family="Maria\nSam", friends="Lee\nNoor\nAna\nBo")
    not_yet(ch02.placed_layers(), "0 of your people")
    sort = workbook.SortPeople()
    ids = {name: cid for cid, name in mine.contacts.names().items()}
    for name in ("Lee", "Noor", "Ana", "Bo"):
        sort.layers[ids[name]].value = 50
    sort.save_button.click()
    not_yet(ch02.placed_layers(), "4 of your people")
    sort.layers[ids["Maria"]].value = 150
    sort.save_button.click()
    not_yet(ch02.placed_layers(), "closest layers")
    sort = workbook.SortPeople()  # a fresh view shows what was saved
    assert sort.layers[ids["Lee"]].value == 50
    sort.layers[ids["Maria"]].value = 5
    sort.save_button.click()
    passed(ch02.placed_layers(), "placed 5 people", "layer 5: Maria", "layer 50: Ana, Bo, Lee and 1 more")
    assert mine.contacts.keep_in_touch(ids["Maria"]).layer == 5


def test_chapter_03_who_knows_whom_and_a_real_plan(mine):
    add_people(mine, colleagues="Maria\nSam\nLee", clubs="Noor")
    not_yet(ch03.marked_who_knows(), "0 pairs")
    ids = {name: cid for cid, name in mine.contacts.names().items()}
    tool = workbook.WhoKnows()
    tool.person.value = ids["Maria"]
    tool.knows[ids["Sam"]].value = True
    tool.knows[ids["Lee"]].value = True
    tool.save_button.click()
    assert tool.status.text == "✔ Saved: Maria knows Lee and Sam."
    passed(ch03.marked_who_knows(), "2 pairs", "Maria knows Lee and Sam")
    tool.person.value = ids["Sam"]
    assert tool.knows[ids["Maria"]].value  # the tie shows from either side
    tool.knows[ids["Maria"]].value = False
    tool.save_button.click()
    not_yet(ch03.marked_who_knows(), "1 pair marked")

    not_yet(ch03.planned_conversation(), "no conversation planned")
    planner = workbook.ConversationPlanner()
    planner.who.value = "Maria"
    planner.occasion.value = "coffee"
    planner.planned_for.value = dt.date(2026, 12, 3)
    not_yet(ch03.planned_conversation(), "still needs a goal")
    planner.text["goal"].value = "Hear how she moved into logistics"
    passed(ch03.planned_conversation(), "you planned a coffee with Maria for Thursday 3 December", "Your goal: Hear how she moved")


def test_chapter_04_presence_audit(mine):
    not_yet(ch04.audited_presence(), "still empty")
    audit = workbook.PresenceAudit()
    audit.checks[("LinkedIn", "photo")].value = True
    for network in ("Facebook", "Instagram", "X (Twitter)"):
        if network in audit.not_used:
            audit.not_used[network].value = True
    passed(ch04.audited_presence(), "LinkedIn 1 of", "Your next step: LinkedIn:")


def test_chapter_05_a_dated_promise(mine):
    add_people(mine, online="Arjun")
    not_yet(ch05.promised_follow_up(), "no promise yet")
    tool = workbook.FollowUps()
    tool.contact.value = "Arjun"
    tool.owner.value = "me"
    tool.promise.value = "Send my notes on the rate limits"
    tool.add_button.click()
    not_yet(ch05.promised_follow_up(), "has no date")
    tool.contact.value = "Arjun"  # the form empties after each promise
    tool.promise.value = "Send the slides"
    tool.due.value = dt.date(2026, 12, 4)
    tool.add_button.click()
    passed(ch05.promised_follow_up(), "you promised Arjun: Send the slides, by Friday 4 December")


def test_chapter_06_weekly_time_not_counting_the_review(mine):
    not_yet(ch06.booked_own_time(), "no networking time")
    week = workbook.ThisWeek()
    week.review_button.click()
    not_yet(ch06.booked_own_time(), "no networking time")  # the weekly review is not networking time
    blocks = workbook.TimeBlocks()
    blocks.weekday.value = 2
    blocks.start.value, blocks.end.value = dt.time(12, 30), dt.time(13, 0)
    blocks.label.value = "Lunch with someone new"
    blocks.add_button.click()
    passed(ch06.booked_own_time(), "every Wednesday, 12:30 to 13:00: Lunch with someone new")


def test_chapter_07_a_real_exchange(mine):
    add_people(mine, **{"former-colleagues": "Amara"})
    not_yet(ch07.logged_own_exchange(), "nothing logged yet")
    tracker = workbook.ReciprocityTracker()
    tracker.contact.value = "Amara"
    tracker.direction.value = "gave"
    tracker.kind.value = "feedback"
    tracker.note.value = "Read her CV"
    tracker.log_button.click()
    passed(ch07.logged_own_exchange(), "you logged feedback you gave Amara on", "Read her CV")


def test_chapter_08_plan_from_the_chapter_00_goal_and_the_calendar(mine):
    not_yet(ch08.plan_from_goal(), "goal from chapter 00 is empty")
    workbook.start("00").reflection("network-goal").text.value = "Move into supply-chain analytics"
    plan = workbook.MyPlan()
    assert plan.goal.text.value == "Move into supply-chain analytics"  # chapter 00's answer, by its id
    ideas = plan.plan.suggestions()
    assert ideas[0].source == "goal" and "supply-chain analytics" in ideas[0].goal
    not_yet(ch08.plan_from_goal(), "30 days, 60 days, 90 days")
    plan.plan.use_suggestion(0)
    plan.plan.add_button.click()
    for horizon, goal in ((60, "Go to the logistics meetup and follow up within two days"), (90, "Offer to review a talk")):
        plan.plan.horizon.value = horizon
        plan.plan.goal.value = goal
        plan.plan.add_button.click()
    passed(ch08.plan_from_goal(), 'towards "Move into supply-chain analytics" has 3 goals', "by day 90: Offer to review a talk")

    not_yet(ch08.calendar_ready(), "no weekly review")
    week = workbook.ThisWeek()
    week.review_day.value = 0
    week.review_time.value = dt.time(8, 30)
    week.review_button.click()
    not_yet(ch08.calendar_ready(), "Write my calendar file")
    path = plan.calendar.write()
    passed(ch08.calendar_ready(), "my-network.ics holds your weekly review (every Monday at 08:30)")
    text = path.read_text()
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO" in text and "My network this week" in text.replace("\r\n ", "")
    week.review_day.value = 3  # moving the review needs the file written again
    week.review_button.click()
    not_yet(ch08.calendar_ready(), "Write my calendar file")
    week.calendar.button.click()
    passed(ch08.calendar_ready(), "every Thursday at 08:30")
    assert len(mine.time_blocks.all()) == 1  # moved, not added twice


def test_progress_counts_the_own_network_activities(mine):
    shown = progress()
    assert shown.own_network == (0, sum(len(c) for c in OWN_NETWORK.values()))
    add_people(mine, family="A\nB\nC", clubs="D\nE")
    shown = progress()
    row = shown.chapters.set_index("chapter").loc["01"]
    assert row["own"] == "1 / 2" and shown.own_network[0] == 1
    assert shown.chapters.set_index("chapter").loc["00", "own"] == ""
    assert "01 Understanding networking: visited no, self-check 0 / " in repr(shown)
    assert "on your own network 1 of 2" in repr(shown) and "this-week.ipynb" in shown._repr_html_()


def test_sort_people_finds_anyone_and_saves_before_filtering(mine):
    add_people(mine, clubs="\n".join(f"Member {i:02d}" for i in range(35)), family="Ada")
    sort = workbook.SortPeople()
    ids = {name: cid for cid, name in mine.contacts.names().items()}
    assert len(sort.layers) == 30 and "6 more" in sort.rows_view.children[-1].value
    assert ids["Member 34"] in sort.layers and ids["Member 00"] not in sort.layers  # the newest first
    sort.layers[ids["Member 34"]].value = 5
    sort.find.value = "member 00"  # an unsaved change is saved before the list changes
    assert mine.contacts.keep_in_touch(ids["Member 34"]).layer == 5 and list(sort.layers) == [ids["Member 00"]]
    sort.find.value = "nobody"
    assert "No one matches" in sort.rows_view.children[-1].value
