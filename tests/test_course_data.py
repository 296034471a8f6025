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
