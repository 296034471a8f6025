"""The course's own data: every chapter has a usable self-check quiz.

Checks the shape the quiz widget relies on, so a typo in workbook/quizzes/NN.toml fails here rather
than in front of a learner, and measures how hard the quizzes are to game."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from workbook.course import CHAPTERS, QUIZZES, Question, QuizDataError, chapter, parse_quiz

MIN_QUESTIONS = 6
REPO = Path(__file__).resolve().parent.parent


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


# --- how hard the quizzes are to game -------------------------------------------------------------


def _all_questions():
    return [q for quiz in QUIZZES.values() for q in quiz]


def _answer_is_longest(q: Question) -> bool:
    others = [len(text) for i, text in enumerate(q.options) if i != q.answer]
    return len(q.options[q.answer]) >= max(others)


def test_the_right_answer_is_the_longest_option_in_at_most_a_third_of_questions():
    questions = _all_questions()
    longest = [q.id for q in questions if _answer_is_longest(q)]
    share = len(longest) / len(questions)
    print(f"right answer longest (or tied) in {len(longest)} of {len(questions)} questions ({share:.0%})")
    assert share <= 1 / 3, f"the right answer is the longest in {len(longest)} of {len(questions)}: {longest}"
    assert longest, "the right answer is never the longest: 'never pick the longest' would be a rule to game"


def test_the_right_answer_lands_in_every_position_and_no_position_dominates():
    positions = Counter("ABCD"[q.answer] for q in _all_questions())
    print("right answer positions:", dict(sorted(positions.items())))
    assert set(positions) == set("ABCD"), f"positions used: {dict(positions)}"
    assert max(positions.values()) <= 0.35 * sum(positions.values()), f"one position dominates: {dict(positions)}"


def test_every_chapters_quiz_is_shipped_as_package_data():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["workbook"]
    shipped = {p.name for pattern in patterns for p in (REPO / "workbook").glob(pattern)}
    assert {f"{ch.number}.toml" for ch in CHAPTERS} <= shipped


# --- a bad quiz file is refused with a message naming the file and the question --------------------

GOOD = """
[[question]]
id = "first"
prompt = "Which?"
  [[question.option]]
  text = "One"
  correct = true
  why = "Because."
  [[question.option]]
  text = "Two"
  correct = false
  why = "Because not."
  [[question.option]]
  text = "Three"
  correct = false
  why = "Also not."
"""


def test_a_good_file_parses():
    (q,) = parse_quiz(GOOD, "quizzes/99.toml")
    assert (q.id, q.prompt, q.options, q.answer, q.feedback) == (
        "first", "Which?", ("One", "Two", "Three"), 0, ("Because.", "Because not.", "Also not."))


@pytest.mark.parametrize(
    "change, message",
    [
        (("correct = false", "correct = true"), "2 correct options; exactly one must be correct"),
        (("correct = true", "correct = false"), "0 correct options"),
        (('why = "Because not."', 'why = "  "'), "option B has an empty why"),
        (('text = "Two"', 'text = "One"'), "repeats an option text"),
        (('why = "Because."', 'why = "Right: because."'), "option A's why starts with a verdict"),
        (('text = "Two"', 'text = "Use `where`"'), "option B's text contains Markdown or HTML symbols"),
        (('id = "first"', 'id = "First one"'), "id must be a lower-case slug"),
        (('prompt = "Which?"', 'prompt = ""'), "prompt is empty"),
        (('correct = true', 'correct = "yes"'), "option A: correct must be true or false"),
        (('  why = "Also not."', '  reason = "Also not."'), "option C needs exactly the keys"),
    ],
)
def test_a_bad_question_is_refused_naming_file_and_question(change, message):
    old, new = change
    with pytest.raises(QuizDataError) as raised:
        parse_quiz(GOOD.replace(old, new, 1), "workbook/quizzes/99.toml")
    assert str(raised.value).startswith("workbook/quizzes/99.toml: question 1 (")
    assert message in str(raised.value)


def test_repeated_ids_and_broken_toml_are_refused():
    with pytest.raises(QuizDataError, match=r"99.toml: question 2 \('first'\): repeats the id 'first'"):
        parse_quiz(GOOD + GOOD, "99.toml")
    with pytest.raises(QuizDataError, match="99.toml: not valid TOML"):
        parse_quiz("[[question]\nid =", "99.toml")
    with pytest.raises(QuizDataError, match="99.toml: no questions"):
        parse_quiz("", "99.toml")


def test_chapter_lookup():
    assert chapter("07").slug == "reciprocity"
    with pytest.raises(KeyError):
        chapter("99")


def test_chapter_numbers_and_slugs_unique():
    numbers = [ch.number for ch in CHAPTERS]
    names = [ch.name for ch in CHAPTERS]
    assert len(set(numbers)) == len(numbers)
    assert len(set(names)) == len(names)


# --- the sample-network answers quoted in solutions/ ---------------------------------------------
# The solutions and lessons give exact expected answers for their pandas exercises. If the sample network
# changes, these fail, and the solutions and lessons need new numbers.


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
