"""The rules behind the keep-in-touch tools: health from the last interaction, cadence defaults,
network metrics against networkx, follow-up kept rate, presence score, time-block checks."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd
import pytest

from workbook.domain import contacts as C
from workbook.domain import follow_ups as F
from workbook.domain import graph as G
from workbook.domain import keep_in_touch as K
from workbook.domain import presence as P
from workbook.domain import time_blocks as T
from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.domain.plans import Plan
from workbook.domain.validation import ValidationError

TODAY = dt.date(2026, 6, 30)


def frame(*rows):
    return pd.DataFrame(rows, columns=["contact_id", "name", "circle", "layer", "cadence_days", "last_interaction"])


# --- keep in touch ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "last, cadence, expected",
    [
        (None, 30, K.NO_CONTACT),
        (TODAY - dt.timedelta(days=1), 7, K.IN_TOUCH),
        (TODAY - dt.timedelta(days=30), 30, K.IN_TOUCH),
        (TODAY - dt.timedelta(days=31), 30, K.DUE),
        (TODAY - dt.timedelta(days=60), 30, K.DUE),
        (TODAY - dt.timedelta(days=61), 30, K.DRIFTING),
        (dt.date(2023, 7, 1), 365, K.DRIFTING),  # a day short of three years
        (dt.date(2023, 6, 30), 365, K.DORMANT),  # exactly three years
        (dt.date(2022, 6, 30), 1095, K.DORMANT),  # dormant whatever the cadence
    ],
)
def test_health_from_the_last_interaction(last, cadence, expected):
    assert K.health(last, cadence, TODAY) == expected


def test_dormant_on_29_february():
    assert K.years_before(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)


def test_layer_sets_the_default_cadence_and_an_own_cadence_wins():
    out = K.keep_in_touch(
        frame(
            (1, "A", "personal", 5, None, "2026-06-20"),
            (2, "B", "personal", 15, 45, "2026-05-20"),
            (3, "C", "both", None, None, "2025-12-01"),
            (4, "D", "both", 150, None, None),
        ),
        TODAY,
    ).set_index("contact_id")
    assert out.loc[1, "cadence_days"] == 7 and out.loc[1, "cadence_source"] == "layer default"
    assert out.loc[1, "status"] == K.DUE  # ten days, weekly cadence
    assert out.loc[2, "cadence_days"] == 45 and out.loc[2, "cadence_source"] == "your choice"
    assert out.loc[2, "status"] == K.IN_TOUCH  # 41 days: late for layer 15's 30, fine for 45
    assert out.loc[3, "cadence_days"] == K.UNPLACED_CADENCE and out.loc[3, "cadence_source"] == "not placed yet"
    assert out.loc[4, "status"] == K.NO_CONTACT and pd.isna(out.loc[4, "days_since"])
    assert K.DEFAULT_CADENCE == {5: 7, 15: 30, 50: 90, 150: 365}


def test_frame_and_single_rule_agree():
    rows = [(i, f"P{i}", "both", layer, None, (TODAY - dt.timedelta(days=days)).isoformat())
            for i, (layer, days) in enumerate([(5, 3), (5, 9), (5, 20), (15, 400), (50, 1200), (150, 366)])]
    out = K.keep_in_touch(frame(*rows), TODAY)
    for row in out.itertuples(index=False):
        last = dt.date.fromisoformat(row.last_interaction)
        assert row.status == K.health(last, row.cadence_days, TODAY)


def test_due_list_most_overdue_first_without_in_touch_or_unlogged():
    out = K.keep_in_touch(
        frame(
            (1, "Near", "both", 50, None, "2026-03-01"),  # 121 days, 31 overdue
            (2, "Far", "both", 5, None, "2026-01-01"),  # 180 days, 173 overdue
            (3, "Fine", "both", 150, None, "2026-06-01"),
            (4, "Never", "both", 5, None, None),
        ),
        TODAY,
    )
    due = K.due_list(out)
    assert list(due["name"]) == ["Far", "Near"]
    assert list(due["overdue_days"]) == [173, 31]


def test_keep_in_touch_settings_are_checked():
    with pytest.raises(ValidationError) as error:
        K.KeepInTouch(layer=20).validated(TODAY)
    assert error.value.field == "layer"
    for bad in (0, K.MAX_CADENCE + 1, 2.5, "30"):
        with pytest.raises(ValidationError) as error:
            K.KeepInTouch(layer=5, cadence_days=bad).validated(TODAY)
        assert error.value.field == "cadence"
    with pytest.raises(ValidationError) as error:
        K.KeepInTouch(met_on=TODAY + dt.timedelta(days=1)).validated(TODAY)
    assert error.value.field == "met on"
    assert K.KeepInTouch(layer=50).validated(TODAY).effective_cadence == 90


def test_introduction_round_trip():
    assert C.join_introduction("Sid Kapoor", "at the meetup") == "introduced by Sid Kapoor; at the meetup"
    assert C.split_introduction("introduced by Sid Kapoor; at the meetup") == ("Sid Kapoor", "at the meetup")
    assert C.split_introduction("Introduced by Noor Aziz") == ("Noor Aziz", "")
    assert C.split_introduction("a conference") == ("", "a conference")
    assert C.join_introduction("", " text ") == "text"


# --- the last interaction, from the store ----------------------------------------------------------


def test_last_interaction_is_the_latest_thing_that_happened(store):
    store.set_meta("today", TODAY.isoformat())
    ids = {name: store.contacts.add(Contact(name)) for name in ("Ex", "Touch", "Plan", "Future", "Kept", "Nothing")}
    store.exchanges.log(Exchange(ids["Ex"], "gave", "advice", TODAY - dt.timedelta(days=1)))
    store.touchpoints.log(ids["Touch"], dt.date(2022, 1, 5))
    store.plans.save(Plan(ids["Plan"], planned_for=dt.date(2026, 6, 1)))
    store.plans.save(Plan(ids["Future"], planned_for=dt.date(2026, 7, 10)))
    store.exchanges.log(Exchange(ids["Kept"], "gave", "advice", dt.date(2025, 1, 1)))
    plan = store.plans.save(Plan(ids["Kept"], planned_for=None, my_promises="send notes", follow_up_on=dt.date(2026, 6, 10)))
    follow_up = int(store.query("SELECT id FROM follow_ups WHERE plan_id = ?", (plan,))["id"][0])
    store.follow_ups.set_done(follow_up)
    last = store.contacts.last_interactions().set_index("name")["last_interaction"]
    assert last["Ex"] == "2026-06-29"
    assert last["Touch"] == "2022-01-05"
    assert last["Plan"] == "2026-06-01"
    assert pd.isna(last["Future"])  # a plan that has not happened is not an interaction
    assert last["Kept"] == TODAY.isoformat()  # the follow-up was done today
    assert pd.isna(last["Nothing"])  # created today, but nothing logged
    health = K.keep_in_touch(store.contacts.last_interactions(), TODAY).set_index("name")["status"]
    assert health["Touch"] == K.DORMANT and health["Ex"] == K.IN_TOUCH and health["Nothing"] == K.NO_CONTACT


def test_changing_the_cadence_changes_health_but_logs_nothing(store):
    store.set_meta("today", TODAY.isoformat())
    cid = store.contacts.save(Contact("Kim"), K.KeepInTouch(layer=15))
    store.touchpoints.log(cid, TODAY - dt.timedelta(days=40))
    before = {t: len(store.table(t)) for t in ("exchanges", "touchpoints", "plans", "follow_ups")}
    status = lambda: K.keep_in_touch(store.contacts.last_interactions(), TODAY)["status"][0]  # noqa: E731
    assert status() == K.DUE
    store.contacts.save(Contact("Kim", id=cid), K.KeepInTouch(layer=15, cadence_days=60))
    assert status() == K.IN_TOUCH
    store.contacts.save(Contact("Kim", id=cid), K.KeepInTouch(layer=5))
    assert status() == K.DRIFTING
    assert {t: len(store.table(t)) for t in before} == before
    assert store.contacts.last_interactions()["last_interaction"][0] == (TODAY - dt.timedelta(days=40)).isoformat()


def test_one_dormant_rule_at_the_three_year_boundary(store):
    """Three years or more, as the course says: the day before the boundary is not dormant, the day
    itself and the day after are; and every tool, check and suggestion agrees."""
    from workbook.checks import ch08
    from workbook.domain.goals import suggest_goals

    store.set_meta("today", TODAY.isoformat())
    boundary = dt.date(2023, 6, 30)
    assert K.dormant_since(TODAY) == boundary
    assert [K.is_dormant(boundary + dt.timedelta(days=d), TODAY) for d in (1, 0, -1)] == [False, True, True]
    days = {"Day before": boundary + dt.timedelta(days=1), "The day": boundary, "Day after": boundary - dt.timedelta(days=1)}
    for name, day in days.items():
        store.exchanges.log(Exchange(store.contacts.add(Contact(name)), "gave", "advice", day))
    health = K.keep_in_touch(store.contacts.last_interactions(), TODAY)
    assert dict(zip(health["name"], health["status"])) == {"Day before": K.DRIFTING, "The day": K.DORMANT, "Day after": K.DORMANT}
    dormant = ["Day after", "The day"]
    assert K.dormant_ties(health)["name"].tolist() == dormant
    assert [K.health(day, 365, TODAY) == K.DORMANT for day in days.values()] == [False, True, True]
    ideas = suggest_goals(health, store.follow_ups.open(), [], [])
    assert [s.name for s in ideas if s.source == "dormant"] == dormant
    assert ch08.dormant(dormant, store)
    assert not ch08.dormant(["Day after"], store) and not ch08.dormant([*dormant, "Day before"], store)


# --- who knows whom -------------------------------------------------------------------------------


def hand_made():
    """Two triangles joined by one tie (3-4), a pendant (7) and an isolate (8)."""
    contacts = pd.DataFrame(
        {"contact_id": range(1, 9), "name": list("ABCDEFGH"), "circle": ["personal"] * 4 + ["professional"] * 4}
    )
    ties = pd.DataFrame([(1, 2), (1, 3), (2, 3), (3, 4), (4, 5), (4, 6), (5, 6), (6, 7)], columns=["a", "b"])
    return G.tie_graph(contacts, ties)


def test_contact_metrics_equal_networkx_and_leave_burts_measures_to_the_ego():
    graph = hand_made()
    metrics = G.brokerage(graph).set_index("contact_id")
    betweenness = nx.betweenness_centrality(graph)
    for node in range(1, 9):
        assert metrics.loc[node, "betweenness"] == pytest.approx(betweenness[node])
        assert metrics.loc[node, "degree"] == graph.degree(node)
    assert metrics.loc[3, "clusters_reached"] == 2 and metrics.loc[1, "clusters_reached"] == 1
    assert pd.isna(metrics.loc[8, "cluster"]) and metrics.loc[8, "clusters_reached"] == 0
    # Burt's measures describe one person's own network: only ego_position computes them.
    assert not {"constraint", "effective_size"} & set(metrics.columns)


def test_ego_position_equals_networkx_on_the_ego_graph():
    graph = hand_made()
    ego = graph.copy()
    ego.add_edges_from(("me", node) for node in graph)
    effective, constraint = G.ego_position(
        pd.DataFrame({"contact_id": list(graph)}), pd.DataFrame(list(graph.edges()), columns=["a", "b"])
    )
    assert effective == pytest.approx(nx.effective_size(ego)["me"])
    assert constraint == pytest.approx(nx.constraint(ego)["me"])
    assert effective == pytest.approx(8 - 2 * 8 / 8)


def test_clusters_and_bridges_on_the_hand_made_graph():
    graph = hand_made()
    cluster = G.clusters(graph)
    assert cluster[1] == cluster[2] == cluster[3]
    assert cluster[4] == cluster[5] == cluster[6]
    assert cluster[1] != cluster[4] and 8 not in cluster
    metrics = G.brokerage(graph).set_index("contact_id")
    assert set(metrics.index[metrics["bridge"]]) == {3, 4}


def test_the_sample_summary_names_its_bridges_and_dormant_ties(sample):
    health = K.keep_in_touch(sample.contacts.last_interactions(), sample.today())
    picture = G.network_picture(health, sample.ties.all())
    text = G.describe_network(picture)
    bridge_line = next(line for line in text.splitlines() if line.startswith("Bridges between clusters"))
    # Sid Kapoor ties the meetup crowd to Robin's team (Wen Li) and to friends (Ben Adler).
    assert "Sid Kapoor links the clusters" in bridge_line and "Wen Li links the clusters" in bridge_line
    assert list(G.bridges(picture)["name"][:2]) == ["Sid Kapoor", "Wen Li"]
    assert "Burt (2004)" in text
    for name in ("Tom Whitfield", "Lucy Chen", "Raj Patel", "Hiro Sato"):
        assert name in text.split("Dormant ties worth reviving:")[1]
    assert picture.total_contacts == 40 and picture.total_ties == len(sample.ties.all())
    assert set(picture.nodes["label"]) - {""} == set(picture.nodes["name"])  # 40: everyone named


def test_a_large_network_draws_the_best_connected_and_says_so():
    contacts = pd.DataFrame(
        {"contact_id": range(400), "name": [f"C{i:03d}" for i in range(400)], "circle": "both", "layer": None,
         "status": K.IN_TOUCH, "last_interaction": "2026-01-01"}
    )
    hub_ties = [(0, i) for i in range(1, 60)] + [(1, i) for i in range(2, 40)]
    ties = pd.DataFrame(hub_ties + [(i, i + 1) for i in range(100, 399)], columns=["a", "b"])
    picture = G.network_picture(contacts, ties, limit=150)
    assert picture.shown == 150 and picture.total_contacts == 400
    assert {0, 1} <= set(picture.nodes["contact_id"])
    assert (picture.nodes["label"] != "").sum() == G.LABELS_SHOWN
    assert "shows the 150 best-connected of your 400 contacts" in G.describe_network(picture)


def test_map_selection_breaks_ties_by_recent_interaction():
    contacts = pd.DataFrame(
        {"contact_id": [1, 2, 3, 4], "name": ["Old", "New", "Never", "Hub"],
         "last_interaction": ["2020-01-01", "2026-01-01", None, float("nan")]}
    )
    ties = pd.DataFrame([(1, 4), (3, 4)], columns=["a", "b"])
    assert G.map_selection(contacts, ties, limit=3) == [4, 1, 3]  # most ties, then the most recent
    assert G.map_selection(contacts, ties.iloc[:0], limit=3) == [2, 1, 4]  # no ties: recent first, no date last
    assert G.map_selection(contacts, ties, limit=10) == [1, 2, 3, 4]


# --- follow-ups ------------------------------------------------------------------------------------


def promises(*rows):
    return pd.DataFrame(rows, columns=["id", "owner", "due", "done_on"])


def test_kept_rate_counts_only_promises_whose_outcome_is_known():
    rows = promises(
        (1, "me", "2026-06-01", "2026-05-30"),  # kept early
        (2, "me", "2026-06-01", "2026-06-01"),  # kept on the day
        (3, "me", "2026-06-01", "2026-06-05"),  # done late
        (4, "me", "2026-06-20", None),  # overdue
        (5, "me", "2026-06-30", None),  # due today: not counted yet
        (6, "me", "2026-07-10", None),  # not due yet
        (7, "me", None, "2026-06-02"),  # no due date: not counted
        (8, "them", "2026-06-01", None),  # theirs
        (9, "me", "2026-07-10", "2026-06-29"),  # kept early, due later: counted
    )
    assert F.kept_rate(rows, TODAY) == pytest.approx(3 / 5)
    assert F.kept_rate(rows, TODAY, owner="them") == 0.0
    assert F.kept_rate(promises((1, "me", "2026-07-01", None)), TODAY) is None


def test_follow_up_order_overdue_first():
    rows = promises(
        (1, "me", "2026-06-25", None),
        (2, "me", "2026-06-01", None),
        (3, "me", None, None),
        (4, "me", "2026-07-05", None),
        (5, "me", "2026-06-01", "2026-06-02"),
    )
    out = F.follow_up_status(rows, TODAY)
    assert list(out["id"]) == [2, 1, 4, 3, 5]
    assert list(out["status"]) == [F.OVERDUE, F.OVERDUE, F.OPEN, F.UNDATED, F.LATE]
    assert list(out["days_overdue"][:2]) == [29, 5]


def test_a_follow_up_needs_a_contact_and_a_promise():
    with pytest.raises(ValidationError) as error:
        F.FollowUp(None, "me", "call").validated(TODAY)
    assert error.value.field == "contact"
    with pytest.raises(ValidationError) as error:
        F.FollowUp(1, "me", "  ").validated(TODAY)
    assert error.value.field == "promise"
    with pytest.raises(ValidationError) as error:
        F.FollowUp(1, "us", "call").validated(TODAY)
    assert error.value.field == "who promised"


# --- presence --------------------------------------------------------------------------------------


def test_presence_score_and_suggestions():
    checked = {("LinkedIn", "photo"), ("LinkedIn", "headline"), ("Instagram", "bio"), ("LinkedIn", "made-up")}
    score = P.presence_score(checked, not_used={"Facebook"}).set_index("network")
    assert list(score.index) == ["LinkedIn", "Instagram", "X (Twitter)", "Overall"]
    assert (score.loc["LinkedIn", "done"], score.loc["LinkedIn", "items"]) == (2, 7)
    assert score.loc["Overall", "done"] == 3 and score.loc["Overall", "items"] == 7 + 5 + 6
    assert score.loc["Overall", "percent"] == round(100 * 3 / 18)
    ideas = P.presence_suggestions(checked, {"Facebook"})
    assert len(ideas) == 18 - 3
    assert all(network != "Facebook" for network, _ in ideas)
    assert ("LinkedIn", P.PRESENCE_CHECKLIST["LinkedIn"][2].suggestion) in ideas
    assert not any(text == P.PRESENCE_CHECKLIST["LinkedIn"][0].suggestion for _, text in ideas)


# --- time blocks -----------------------------------------------------------------------------------


def block(**changes):
    values = dict(label="Coffee chats", weekday=1, start="12:30", end="13:00", starts_on=TODAY)
    return T.TimeBlock(**{**values, **changes})


@pytest.mark.parametrize(
    "changes, field",
    [
        (dict(end="12:30"), "end"),
        (dict(end="12:00"), "end"),
        (dict(end="12:35"), "end"),  # five minutes
        (dict(start="08:00", end="12:01"), "end"),  # over four hours
        (dict(start="half past"), "start"),
        (dict(start=None), "start"),
        (dict(label=""), "label"),
        (dict(weekday=7), "weekday"),
        (dict(starts_on=None), "from"),
    ],
)
def test_time_block_rules(changes, field):
    with pytest.raises(ValidationError) as error:
        block(**changes).validated(TODAY)
    assert error.value.field == field


def test_a_valid_time_block():
    good = block(start=dt.time(12, 30), end="16:30").validated(TODAY)
    assert good.minutes == 240
    assert good.first_on() == dt.date(2026, 6, 30)  # 30 June 2026 is a Tuesday
    assert block(weekday=0).validated(TODAY).first_on() == dt.date(2026, 7, 6)
    assert T.weekly_minutes([good, block().validated(TODAY)]) == 270
