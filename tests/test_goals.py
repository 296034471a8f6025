"""The 30/60/90-day plan: store methods, suggestions from earlier chapters, and the widget driven
as a learner would (set values, click) with assertions on the store and on what it shows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Nudge
from workbook.domain.goals import Goal, suggest_goals
from workbook.domain.keep_in_touch import dormant_ties, keep_in_touch
from workbook.domain.validation import ValidationError
from workbook.sample import sample_store
from workbook.store import NotFound, Store
from workbook.suggestions import goal_suggestions, presence_todo
from workbook.widgets.goals import NinetyDayPlan

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def sample():
    return sample_store()


@pytest.fixture
def empty(tmp_path):
    return Store(tmp_path / "w.sqlite3")


def test_store_goals_round_trip(empty):
    cid = empty.contacts.add(Contact("Ana"))
    gid = empty.goals.add(Goal(60, "  Join the analytics guild ", cid))
    goals = empty.goals.all()
    assert goals.to_dict("records") == [
        {"id": gid, "horizon": 60, "goal": "Join the analytics guild", "contact_id": cid, "name": "Ana", "done_on": None}
    ]
    empty.goals.set_done(gid)
    assert empty.goals.all()["done_on"].iloc[0] == dt.date.today().isoformat()
    empty.goals.set_done(gid, False)
    assert empty.goals.all()["done_on"].iloc[0] is None
    empty.goals.delete(gid)
    assert empty.goals.all().empty


@pytest.mark.parametrize("horizon, goal, field", [(45, "x", "horizon"), (30, "  ", "goal"), (30, "a\nb", "goal")])
def test_store_refuses_bad_goals(empty, horizon, goal, field):
    with pytest.raises(ValidationError) as error:
        empty.goals.add(Goal(horizon, goal))
    assert error.value.field == field
    assert empty.goals.all().empty


def test_store_refuses_unknown_contact_and_goal(empty):
    with pytest.raises(NotFound):
        empty.goals.add(Goal(30, "coffee", contact_id=999))
    with pytest.raises(NotFound):
        empty.goals.set_done(999)


def test_dormant_ties_on_sample(sample):
    found = dormant_ties(keep_in_touch(sample.contacts.last_interactions(), sample.today()))
    assert found["name"].tolist() == ["Hiro Sato", "Tom Whitfield", "Lucy Chen", "Raj Patel"]
    assert found["years"].tolist() == [5.5, 4.8, 3.7, 3.4]


def test_due_suggestions_are_most_overdue_first_and_not_dormant(sample):
    found = [g for g in goal_suggestions(sample) if g.source == "due"]
    health = keep_in_touch(sample.contacts.last_interactions(), sample.today()).set_index("name")
    overdue = [health.loc[g.name, "overdue_days"] for g in found]
    assert len(found) == 3 and overdue == sorted(overdue, reverse=True)
    assert all(health.loc[g.name, "status"] in ("due", "drifting") for g in found)


def test_suggestions_on_sample_draw_from_every_source_present(sample):
    found = goal_suggestions(sample)
    sources = {s.source for s in found}
    assert sources == {"follow-up", "dormant", "due", "presence", "reciprocity"}
    assert [g.goal for g in found if g.source == "presence"] == ["Do the online presence audit (chapter 04) for the networks I use"]
    assert any(s.goal.startswith("Keep my promise to Theo Brandt: Send the notebook") for s in found)
    assert [s.horizon for s in found] == sorted(s.horizon for s in found)
    reconnect = [s for s in found if s.source == "dormant"]
    assert reconnect[0].name == "Hiro Sato" and reconnect[0].horizon == 30


def test_suggest_goals_pure_presence_and_limits():
    health = pd.DataFrame(
        {"contact_id": [1, 2, 3], "name": ["A", "B", "C"], "last_interaction": ["2026-01-01", "2020-01-01", "2026-06-01"],
         "days_since": [180, 2372, 29], "overdue_days": [90, 2007, -1], "status": ["drifting", "dormant", "in touch"]}
    )
    follow = pd.DataFrame({"id": [1], "owner": ["me"], "promise": ["send <the> deck"], "due": [None], "contact_id": [3], "name": ["C"]})
    todo = [("LinkedIn", "b"), ("LinkedIn", "c"), ("Facebook", "d")]
    nudge = [Nudge(1, "A", "r", "send them an article")]
    found = suggest_goals(health, follow, nudge, todo, per_source=2)
    assert [(s.horizon, s.source, s.goal, s.contact_id) for s in found] == [
        (30, "follow-up", "Keep my promise to C: send <the> deck", 3),
        (30, "dormant", "Reconnect with B (last in touch 2020-01-01, 6.5 years ago)", 2),
        (30, "due", "Check in with A (last in touch 2026-01-01, 180 days ago)", 1),
        (60, "presence", "LinkedIn: b", None),
        (60, "presence", "LinkedIn: c", None),
        (90, "reciprocity", "Give back to A: send them an article", 1),
    ]


def test_presence_todo_reads_the_audit(sample):
    assert presence_todo(sample) is None
    sample._conn.execute("INSERT INTO presence_audit (network, item, checked) VALUES ('LinkedIn', 'photo', 1)")
    for network in ("Facebook", "Instagram", "X (Twitter)"):
        sample._conn.execute("INSERT INTO presence_audit (network, item, checked) VALUES (?, 'not-used', 1)", (network,))
    todo = presence_todo(sample)
    assert todo and {n for n, _ in todo} == {"LinkedIn"} and len(todo) == 6
    assert not any("photo" in idea for _, idea in todo)


def test_widget_add_from_suggestion_mark_done_and_delete(sample):
    plan = NinetyDayPlan(sample)
    first = plan.suggestions()[0]
    plan.use_suggestion(0)
    assert plan.goal.value == first.goal and plan.horizon.value == first.horizon
    assert plan.contact.value == "Theo Brandt"
    plan.add_button.click()
    goals = sample.goals.all()
    assert goals[["horizon", "goal", "name"]].values.tolist() == [[30, first.goal, "Theo Brandt"]]
    assert first.goal not in [s.goal for s in plan.suggestions()]  # used ideas leave the list
    assert "1 goals (30 days: 1, 60 days: 0, 90 days: 0), 0 done" in repr(plan)

    plan.picked.value = int(goals["id"].iloc[0])
    plan.done_button.click()
    assert sample.goals.all()["done_on"].iloc[0] == "2026-06-30"  # the sample's frozen today
    assert "done 2026-06-30" in plan.plan_view.value
    assert plan.table()["status"].tolist() == ["done 2026-06-30"]

    plan.delete.delete_button.click()
    assert not sample.goals.all().empty  # asks first
    plan.delete.confirm_button.click()
    assert sample.goals.all().empty
    assert "Deleted" in plan.status.text


def test_widget_new_contact_and_hostile_text_is_escaped(empty):
    plan = NinetyDayPlan(empty)
    plan.horizon.value = 90
    plan.goal.value = HOSTILE
    plan.contact.value = "=HYPERLINK(\"http://evil\")"
    plan.add_button.click()
    assert empty.goals.all().empty  # a new name waits for the learner's yes
    plan.contact.add_button.click()
    assert empty.goals.all()["goal"].tolist() == [HOSTILE]
    assert HOSTILE not in plan.plan_view.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in plan.plan_view.value
    assert "new contact" in plan.status.text
    assert empty.contacts.names() and list(empty.contacts.names().values()) == ["=HYPERLINK(\"http://evil\")"]


def test_widget_refused_goal_leaves_nothing_behind(empty):
    plan = NinetyDayPlan(empty)
    plan.goal.value = "   "
    plan.contact.value = "Brand new person"
    plan.add_button.click()
    plan.contact.add_button.click()  # yes, add them: the goal is still refused, and so is the contact
    assert empty.goals.all().empty
    assert empty.contacts.names() == {}
    assert "Not saved" in plan.status.text
    assert plan.form.errors["goal"].text


def test_widget_buttons_without_a_pick_say_so(empty):
    plan = NinetyDayPlan(empty)
    plan.done_button.click()
    assert "Pick a goal" in plan.status.text
    plan.use_button.click()
    assert "No idea picked" in plan.status.text
    assert repr(plan) == "NinetyDayPlan(Store(your workbook): 0 goals (30 days: 0, 60 days: 0, 90 days: 0), 0 done)"
