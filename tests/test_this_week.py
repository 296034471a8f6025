"""My network this week: what the pure functions pick (workbook.domain.weekly), and the page's one-click
actions driven as a learner would, checked in the store and on the page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import workbook
from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.domain.goals import Goal
from workbook.domain.keep_in_touch import KeepInTouch
from workbook.domain.plans import Plan
from workbook.domain.time_blocks import TimeBlock
from workbook.domain.weekly import NOTHING_LOGGED, next_occurrence, next_step, promises_this_week, this_week
from workbook.sample import sample_store
from workbook.store import Store

TODAY = dt.date(2026, 12, 2)  # a Wednesday


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path / "home"))


@pytest.fixture
def mine():
    store = Store()
    store.set_meta("today", TODAY.isoformat())  # a fixed day, as the sample has
    return store


def follow_ups(*rows):
    return pd.DataFrame(rows, columns=["id", "owner", "promise", "due", "done_on", "name"])


def test_promises_overdue_or_due_within_seven_days_theirs_and_mine():
    frame = follow_ups(
        (1, "me", "late", "2026-11-20", None, "A"),
        (2, "them", "today", "2026-12-02", None, "B"),
        (3, "me", "in six days", "2026-12-08", None, "C"),
        (4, "me", "in seven days", "2026-12-09", None, "D"),
        (5, "me", "kept", "2026-12-01", "2026-11-30", "E"),
        (6, "me", "undated", None, None, "F"),
    )
    shown = promises_this_week(frame, TODAY)
    assert shown["promise"].tolist() == ["late", "today", "in six days"]
    assert shown.loc[0, "days_overdue"] == 12 and shown.loc[1, "owner"] == "them"


def test_next_step_is_the_nearest_open_goal():
    goals = pd.DataFrame(
        [(1, 30, "done one", "", "2026-11-01"), (2, 60, "later", "", None), (3, 30, "this one", "Maria", None)],
        columns=["id", "horizon", "goal", "name", "done_on"],
    )
    assert next_step(goals) == {"id": 3, "horizon": 30, "goal": "this one", "name": "Maria"}
    assert next_step(goals.iloc[:1]) is None


def test_blocks_in_the_window_and_the_review_apart():
    lunch = TimeBlock("Lunch", 4, dt.time(12, 30), dt.time(13), dt.date(2026, 1, 1), id=1)
    later = TimeBlock("Starts next year", 0, dt.time(9), dt.time(10), dt.date(2027, 1, 1), id=2)
    review = TimeBlock("Review", 0, dt.time(9), dt.time(9, 15), dt.date(2026, 11, 1), id=3)
    assert next_occurrence(lunch, TODAY) == dt.date(2026, 12, 4)
    assert next_occurrence(review, dt.date(2026, 12, 7)) == dt.date(2026, 12, 7)  # today counts
    empty = pd.DataFrame(columns=["contact_id", "name", "circle", "layer", "cadence_days", "cadence_source",
                                  "last_interaction", "days_since", "overdue_days", "status"])
    week = this_week(empty, follow_ups(), [], pd.DataFrame(columns=["id", "horizon", "goal", "name", "done_on"]),
                     [lunch, later, review], TODAY, review_block_id=3)
    assert [(b.label, d) for b, d in week.blocks] == [("Lunch", dt.date(2026, 12, 4))]
    assert week.review == (review, dt.date(2026, 12, 7))
    lines = workbook.domain.weekly.describe(week)
    assert "Networking time: Lunch, Friday 4 December 12:30-13:00." in lines
    assert "Next weekly review: Monday 7 December at 09:00." in lines


def test_a_new_workbook_suggests_the_closest_people_with_nothing_logged(mine):
    for name, layer in (("Far", 150), ("Close", 5), ("Unplaced", None)):
        mine.contacts.save(Contact(name), KeepInTouch(layer=layer))
    page = workbook.ThisWeek()
    assert page.week.due[["name", "status"]].values.tolist() == [["Close", NOTHING_LOGGED], ["Far", NOTHING_LOGGED]]
    assert "Due a word: Close (nothing logged yet), Far (nothing logged yet)." in page.lines()


def test_one_click_actions_change_the_workbook_and_the_page(mine):
    maria = mine.contacts.save(Contact("Maria"), KeepInTouch(layer=5))
    sam = mine.contacts.add(Contact("Sam"))
    mine.exchanges.log(Exchange(sam, "received", "advice", dt.date(2026, 11, 30), "CV tips"))
    mine.touchpoints.log(maria, dt.date(2026, 10, 1))  # layer 5: every 7 days, so overdue
    plan = mine.plans.save(Plan(sam, occasion="coffee", planned_for=dt.date(2026, 11, 25), my_promises="Send the article",
                               their_promises="Introduce me to Lee", follow_up_on=dt.date(2026, 12, 3)))
    goal = mine.goals.add(Goal(30, "Coffee with two former colleagues"))
    page = workbook.ThisWeek()
    assert repr(page).startswith("ThisWeek(Store(your workbook): 1 due, 2 promises, a giving idea, a next step")

    page.talked_buttons[maria].click()
    assert mine.query("SELECT on_date FROM touchpoints ORDER BY id DESC LIMIT 1")["on_date"].iloc[0] == "2026-12-02"
    assert "Logged a conversation with Maria today" in page.status.text and maria not in page.talked_buttons

    mine_promise = int(mine.query("SELECT id FROM follow_ups WHERE owner = 'me'")["id"].iloc[0])
    page.done_buttons[mine_promise].click()
    assert mine.follow_ups.all().set_index("id").loc[mine_promise, "done_on"] == "2026-12-02"
    assert list(page.done_buttons) != [] and mine_promise not in page.done_buttons  # theirs is still there

    assert page.week.giving.name == "Sam"
    page.give_kind.value = "resource"
    page.give_note.value = "Sent him the pricing article"
    page.give_button.click()
    gave = mine.query("SELECT contact_id, direction, kind, on_date, note FROM exchanges WHERE direction = 'gave'").to_dict("records")
    assert gave == [{"contact_id": sam, "direction": "gave", "kind": "resource", "on_date": "2026-12-02", "note": "Sent him the pricing article"}]
    assert "Logged what you gave Sam today" in page.status.text

    assert "Coffee with two former colleagues" in page.step_view.value
    page.step_button.click()
    assert mine.goals.all().set_index("id").loc[goal, "done_on"] == "2026-12-02"
    assert page.step_button.layout.display == "none" and "No open step" in page.step_view.value
    assert plan  # the plan's promises were the ones listed


def test_learner_text_is_shown_as_text(mine):
    cid = mine.contacts.save(Contact("<script>alert(1)</script>"), KeepInTouch(layer=5))
    mine.goals.add(Goal(30, "<b>bold</b>", cid))
    page = workbook.ThisWeek()
    html = page.due_view.children[0].children[0].value + page.step_view.value
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_the_sample_week_is_full():
    page = workbook.ThisWeek(sample_store())
    assert len(page.week.due) == 5 and len(page.week.promises) == 3 and page.week.giving is not None
    assert len(page.lines()) >= 6


def test_the_giving_form_shows_only_with_an_idea(mine):
    page = workbook.ThisWeek()
    assert page.give_form.layout.display == "none" and "No giving idea yet" in page.giving_view.value
    assert page.give_note.layout.display is None  # its shared layout is left alone
    sam = mine.contacts.add(Contact("Sam"))
    mine.exchanges.log(Exchange(sam, "received", "advice", TODAY, "CV tips"))
    page.refresh()
    assert page.give_form.layout.display is None and "Sam" in page.giving_view.value
