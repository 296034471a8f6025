"""The course's own data: every chapter has a usable self-check quiz.

Checks the shape the quiz widget relies on, so a typo in workbook/course.py fails here rather than
in front of a learner."""

from __future__ import annotations

import pytest

from workbook.course import CHAPTERS, QUIZZES, Question, chapter

MIN_QUESTIONS = 4


def test_every_quiz_belongs_to_a_chapter():
    numbers = {ch.number for ch in CHAPTERS}
    assert set(QUIZZES) <= numbers, f"quizzes for unknown chapters: {set(QUIZZES) - numbers}"


@pytest.mark.parametrize("ch", CHAPTERS, ids=lambda ch: ch.name)
def test_every_chapter_has_a_quiz(ch):
    quiz = QUIZZES.get(ch.number)
    assert quiz, f"chapter {ch.name} has no quiz in QUIZZES"
    assert len(quiz) >= MIN_QUESTIONS, f"chapter {ch.name} has {len(quiz)} questions; needs {MIN_QUESTIONS}"
    assert all(isinstance(q, Question) for q in quiz)


@pytest.mark.parametrize("ch", CHAPTERS, ids=lambda ch: ch.name)
def test_question_ids_unique_within_a_chapter(ch):
    ids = [q.id for q in QUIZZES.get(ch.number, [])]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"chapter {ch.name} repeats question ids {sorted(duplicates)}"


def _questions():
    for number, quiz in sorted(QUIZZES.items()):
        for q in quiz:
            yield pytest.param(number, q, id=f"{number}-{q.id}")


@pytest.mark.parametrize("number, q", _questions())
def test_question_is_well_formed(number, q):
    assert 3 <= len(q.options) <= 4, f"{number}/{q.id}: {len(q.options)} options; use 3 or 4"
    assert isinstance(q.answer, int) and not isinstance(q.answer, bool)
    assert 0 <= q.answer < len(q.options), f"{number}/{q.id}: answer {q.answer} is not an option index"
    assert len(q.feedback) == len(q.options), f"{number}/{q.id}: one feedback line per option"
    assert len(set(q.options)) == len(q.options), f"{number}/{q.id}: repeated option"


@pytest.mark.parametrize("number, q", _questions())
def test_no_empty_strings(number, q):
    for label, text in [("id", q.id), ("prompt", q.prompt), *[("option", o) for o in q.options],
                        *[("feedback", f) for f in q.feedback]]:
        assert isinstance(text, str) and text.strip(), f"{number}/{q.id}: empty {label}"


@pytest.mark.parametrize("number, q", _questions())
def test_ids_are_short_slugs(number, q):
    # ids are stored in the learner's workbook (quiz_answers.question): keep them stable and simple
    assert q.id.replace("_", "").isalnum() and q.id == q.id.lower(), f"{number}/{q.id}: use a lower-case slug"


def test_chapter_lookup():
    assert chapter("07").slug == "reciprocity"
    with pytest.raises(KeyError):
        chapter("99")


def test_chapter_numbers_and_slugs_unique():
    numbers = [ch.number for ch in CHAPTERS]
    names = [ch.name for ch in CHAPTERS]
    assert len(set(numbers)) == len(numbers)
    assert len(set(names)) == len(names)


# --- the sample-network answers quoted in drafts/ ------------------------------------------------
# The chapter drafts give exact expected answers for their pandas exercises. If the sample network
# changes, these fail, and the drafts (and the solutions built from them) need new numbers.


@pytest.fixture(scope="module")
def sample():
    from workbook.sample import sample_store

    return sample_store()


def test_sample_answers_00_and_01(sample):
    contacts, exchanges = sample.table("contacts"), sample.table("exchanges")
    assert (len(contacts), len(exchanges)) == (40, 323)
    assert (exchanges.on_date.min(), exchanges.on_date.max()) == ("2024-07-01", "2026-06-30")
    assert contacts.circle.value_counts().to_dict() == {"professional": 20, "personal": 13, "both": 7}
    joined = exchanges.merge(contacts[["id", "layer"]], left_on="contact_id", right_on="id")
    got = joined[(joined.direction == "received") & joined.kind.isin(["introduction", "referral"])]
    assert got.layer.value_counts().sort_index().to_dict() == {5: 4, 15: 9, 50: 14, 150: 7}


def test_sample_answers_02(sample):
    contacts = sample.table("contacts")
    assert contacts.layer.value_counts().sort_index().to_dict() == {5: 4, 15: 8, 50: 14, 150: 14}
    interests = contacts.interests.str.split(", ").explode().value_counts()
    assert interests.index[0] == "running" and interests.iloc[0] == 4


def test_sample_answers_03_and_04(sample):
    nx = pytest.importorskip("networkx")
    contacts, ties = sample.table("contacts"), sample.table("ties")
    graph = nx.Graph()
    graph.add_nodes_from(contacts.id)
    graph.add_edges_from(ties[["a", "b"]].itertuples(index=False))
    names = dict(zip(contacts.id, contacts.name))
    constraint = nx.constraint(graph)
    broker = min(constraint, key=constraint.get)
    assert names[broker] == "Sid Kapoor" and round(constraint[broker], 3) == 0.227
    assert round(nx.effective_size(graph)[broker], 2) == 5.86
    assert graph.number_of_edges() == 60 and nx.number_connected_components(graph) == 5
    degrees = sorted(dict(graph.degree()).values())
    assert sum(degrees) / len(degrees) == 3.0
    exchanges = sample.table("exchanges")
    assert exchanges.note.str.contains("LinkedIn").sum() == 18
    endorsements = exchanges[exchanges.kind == "endorsement"].direction.value_counts().to_dict()
    assert endorsements == {"received": 19, "gave": 7}


def test_sample_answers_05_and_06(sample):
    plans, contacts = sample.table("plans"), sample.table("contacts")
    today = sample.today().isoformat()
    open_plans = plans[(plans.planned_for < today) & plans.follow_up_on.isna()]
    names = dict(zip(contacts.id, contacts.name))
    assert [names[c] for c in open_plans.contact_id] == ["Chidi Obi"]
    months = sample.table("exchanges").on_date.str[:7].value_counts()
    assert len(months) == 24 and round(months.mean(), 2) == 13.46
    assert sorted(months[months < 10].index) == ["2024-07", "2026-06"]


def test_sample_answers_08(sample):
    import pandas as pd

    contacts = sample.table("contacts")
    last = pd.concat(
        [sample.table("exchanges")[["contact_id", "on_date"]], sample.table("touchpoints")[["contact_id", "on_date"]]]
    ).groupby("contact_id").on_date.max()
    cutoff = (pd.Timestamp(sample.today()) - pd.DateOffset(years=3)).date().isoformat()
    dormant = sorted(contacts.set_index("id").loc[last[last < cutoff].index, "name"])
    assert dormant == ["Hiro Sato", "Lucy Chen", "Raj Patel", "Tom Whitfield"]
