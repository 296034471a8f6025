"""The optional Python exercise checks ("Going further") for chapters 01-06 and 08: the right answer
(computed here from the sample, the way an exercise asks for it) passes; None and a wrong answer
give friendly "not yet" feedback; odd input never raises. The required activities on the learner's
own network are tested in test_own_network.py."""

from __future__ import annotations

import networkx as nx
import pytest

from workbook.checks import Feedback, ch01, ch02, ch03, ch04, ch05, ch06, ch08
from workbook.domain.contacts import Contact
from workbook.domain.exchanges import monthly_flow
from workbook.sample import sample_store
from workbook.store import Store


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def s():
    return sample_store()


def solved(s):
    """Each answer worked out with pandas/networkx as the solution notebooks do."""
    c = s.table("contacts")
    e = s.table("exchanges")
    got = e[(e["direction"] == "received") & e["kind"].isin(["introduction", "referral"])].merge(
        c[["id", "layer"]], left_on="contact_id", right_on="id")
    names = dict(zip(c["id"], c["name"]))
    g = nx.Graph((names[a], names[b]) for a, b in s.table("ties")[["a", "b"]].itertuples(index=False))
    constraint = nx.constraint(g)
    interests = c["interests"].str.split(", ").explode().value_counts()
    plans = s.table("plans")
    per_month = e["on_date"].str[:7].value_counts()
    last = (
        __import__("pandas").concat([e[["contact_id", "on_date"]], s.table("touchpoints")[["contact_id", "on_date"]]])
        .groupby("contact_id")["on_date"].max()
    )
    f = s.table("follow_ups")
    ends = s.table("exchanges")
    return {
        (ch01.circle_counts, "circle_counts"): c["circle"].value_counts(),
        (ch01.outer_share, "outer_share"): got["layer"].isin([50, 150]).mean(),
        (ch02.layer_counts, "layer_counts"): c["layer"].value_counts().to_dict(),
        (ch02.top_interest, "top_interest"): interests.idxmax(),
        (ch03.broker, "broker"): min(constraint, key=constraint.get),
        (ch03.groups, "groups"): nx.number_connected_components(g),
        (ch04.most_connected, "most_connected"): max(dict(g.degree()), key=dict(g.degree()).get),
        (ch04.endorsements, "endorsements"): ends[ends["kind"] == "endorsement"]["direction"].value_counts().to_dict(),
        (ch05.unfinished_plan, "unfinished_plan"): int(plans[(plans["planned_for"] < "2026-06-30") & plans["follow_up_on"].isna()]["id"].iloc[0]),
        (ch05.met_online, "met_online"): c[c["how_met"].str.contains("online|webinar")]["name"].tolist(),
        (ch06.quiet_months, "quiet_months"): per_month[per_month < 10].index.tolist(),
        (ch06.cultural_plans, "cultural_plans"): int((plans["cultural_notes"] != "").sum()),
        (ch08.dormant, "dormant"): [names[i] for i, d in last.items() if d < "2023-06-30"],
        (ch08.open_promises, "open_promises"): int(((f["owner"] == "me") & f["done_on"].isna()).sum()),
    }


WRONG = {
    "circle_counts": {"personal": 40}, "outer_share": 0.25, "layer_counts": {5: 40}, "top_interest": "knitting",
    "broker": "Robin Okafor", "groups": 1, "most_connected": "Hiro Sato", "endorsements": {"gave": 1, "received": 1},
    "unfinished_plan": "Theo Brandt", "met_online": ["Theo Brandt"], "quiet_months": ["2025-01"],
    "cultural_plans": 3, "dormant": ["Ada Okafor"], "open_promises": 9,
}
ODD = [[], {}, "", "   ", 3.7, -1, object(), {"x": "y"}, ["a", 1, None], float("nan")]


def cases():
    for (check, name), _ in solved(sample_store()).items():
        yield pytest.param(check, name, id=name)


@pytest.mark.parametrize("check, name", cases())
def test_right_answer_passes(s, check, name):
    answer = solved(s)[(check, name)]
    result = check(answer, s)
    assert isinstance(result, Feedback) and result.passed, result.message


@pytest.mark.parametrize("check, name", cases())
def test_none_is_not_yet(s, check, name):
    result = check(None, s)
    assert not result.passed and "still None" in result.message
    assert repr(result).startswith("Not yet") and "Not yet" in result._repr_html_()


@pytest.mark.parametrize("check, name", cases())
def test_wrong_answer_is_not_yet(s, check, name):
    result = check(WRONG[name], s)
    assert not result.passed and result.message


@pytest.mark.parametrize("check, name", cases())
def test_odd_input_never_raises(s, check, name):
    for odd in ODD:
        assert isinstance(check(odd, s), Feedback)


def test_answers_follow_the_data_not_a_constant(tmp_path):
    store = Store(tmp_path / "other.sqlite3")
    for name, circle in [("A", "personal"), ("B", "personal"), ("C", "both")]:
        store.contacts.add(Contact(name, circle))
    assert ch01.circle_counts({"personal": 2, "both": 1}, store).passed
    assert not ch01.circle_counts({"personal": 2, "both": 1, "professional": 0 + 1}, store).passed


def test_attempts_recorded_in_the_learners_workbook(s):
    ch03.groups(5, s)
    assert "exercise:groups" in Store().table("progress")["item"].tolist()


def test_quiet_months_counts_empty_months(tmp_path):
    store = Store(tmp_path / "q.sqlite3")
    cid = store.contacts.add(Contact("A"))
    for day in ("2026-01-05", "2026-03-05"):
        store._conn.execute("INSERT INTO exchanges (contact_id, direction, kind, on_date) VALUES (?, 'gave', 'advice', ?)", (cid, day))
    assert len(monthly_flow(store.table("exchanges"))) == 3
    assert ch06.quiet_months(["2026-01", "2026-02", "2026-03"], store).passed
