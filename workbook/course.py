"""The course's own structure: chapters, their timings, and their self-check quizzes.

One source for the progress view, the agenda generator and the quiz widget, so timings and
titles cannot drift apart. The quizzes are data, one TOML file per chapter in workbook/quizzes/,
read once at import and checked as they are read."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from importlib import resources


@dataclasses.dataclass(frozen=True)
class Chapter:
    number: str  # "07": the same number in book/lessons/, book/exercises/ and book/solutions/
    slug: str
    title: str
    teach_minutes: int
    exercise_minutes: int

    @property
    def name(self) -> str:
        return f"{self.number}-{self.slug}"

    @property
    def minutes(self) -> int:
        return self.teach_minutes + self.exercise_minutes


CHAPTERS = [
    Chapter("00", "start-here", "Start here", 10, 5),
    Chapter("01", "understanding-networking", "Understanding networking", 15, 10),
    Chapter("02", "personal-network", "Building a personal network", 15, 15),
    Chapter("03", "professional-network", "Building a professional network", 15, 15),
    Chapter("04", "social-media", "Social media for networking", 15, 15),
    Chapter("05", "virtual-networking", "Networking in a virtual world", 15, 10),
    Chapter("06", "overcoming-challenges", "Overcoming challenges", 15, 15),
    Chapter("07", "reciprocity", "Reciprocity: giving and receiving", 15, 15),
    Chapter("08", "networking-plan", "Your networking plan", 10, 20),
]


def chapter(number: str) -> Chapter:
    for ch in CHAPTERS:
        if ch.number == number:
            return ch
    raise KeyError(f"no chapter {number!r}; chapters are {', '.join(c.number for c in CHAPTERS)}")


@dataclasses.dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    options: tuple[str, ...]
    answer: int  # index into options
    feedback: tuple[str, ...]  # one line per option: why it is right or not


class QuizDataError(ValueError):
    """A quiz file the course cannot use; the message names the file and the question."""


QUIZ_FOLDER = "quizzes"  # workbook/quizzes/NN.toml, one file per chapter, shipped as package data
QUESTION_KEYS = {"id", "prompt", "option"}
OPTION_KEYS = {"text", "correct", "why"}
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
# The widget says "Right." or "Not quite." itself, and shows the text as plain text: a "why" that
# starts with a verdict would say it twice, and Markdown or HTML would show as literal symbols.
VERDICT = re.compile(r"(right|correct|wrong|no|yes|not quite)\b", re.IGNORECASE)
MARKUP = re.compile(r"[`*<>]|\[[^\]]*\]\(")


def parse_quiz(text: str, source: str) -> list[Question]:
    """One chapter's questions from the text of its TOML file, checked: every question has an id
    (a lower-case slug, unique in the file), a prompt and 3 or 4 options, each option a text, whether
    it is correct and why; exactly one option is correct. Raises QuizDataError naming `source`
    and the question."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise QuizDataError(f"{source}: not valid TOML ({error}).") from None
    extra = set(data) - {"question"}
    if extra:
        raise QuizDataError(f"{source}: unknown top-level key(s) {sorted(extra)}; use [[question]] tables only.")
    raw = data.get("question")
    if not isinstance(raw, list) or not raw:
        raise QuizDataError(f"{source}: no questions; add [[question]] tables.")
    questions, seen = [], set()
    for number, item in enumerate(raw, start=1):
        where = f"{source}: question {number} ({item.get('id', 'no id')!r})"
        problems = _question_problems(item)
        if not problems and item["id"] in seen:
            problems.append(f"repeats the id {item['id']!r}; ids must be unique in a chapter")
        if problems:
            raise QuizDataError(f"{where}: " + "; ".join(problems) + ".")
        seen.add(item["id"])
        options = item["option"]
        questions.append(
            Question(
                id=item["id"],
                prompt=item["prompt"].strip(),
                options=tuple(o["text"].strip() for o in options),
                answer=next(i for i, o in enumerate(options) if o["correct"]),
                feedback=tuple(o["why"].strip() for o in options),
            )
        )
    return questions


def _question_problems(item) -> list[str]:
    if not isinstance(item, dict):
        return ["is not a table"]
    problems = []
    if set(item) != QUESTION_KEYS:
        problems.append(f"needs exactly the keys {sorted(QUESTION_KEYS)}, has {sorted(item)}")
        return problems
    if not isinstance(item["id"], str) or not ID_PATTERN.fullmatch(item["id"]):
        problems.append("id must be a lower-case slug such as 'weak_ties' (saved answers are keyed by it)")
    if not isinstance(item["prompt"], str) or not item["prompt"].strip():
        problems.append("prompt is empty")
    elif MARKUP.search(item["prompt"]):
        problems.append("prompt contains Markdown or HTML symbols; write plain text")
    options = item["option"]
    if not isinstance(options, list) or not 3 <= len(options) <= 4:
        problems.append("needs 3 or 4 [[question.option]] tables")
        return problems
    for letter, option in zip("ABCD", options):
        if not isinstance(option, dict) or set(option) != OPTION_KEYS:
            problems.append(f"option {letter} needs exactly the keys {sorted(OPTION_KEYS)}")
            continue
        for key in ("text", "why"):
            if not isinstance(option[key], str) or not option[key].strip():
                problems.append(f"option {letter} has an empty {key}")
            elif MARKUP.search(option[key]):
                problems.append(f"option {letter}'s {key} contains Markdown or HTML symbols; write plain text")
        if not isinstance(option["correct"], bool):
            problems.append(f"option {letter}: correct must be true or false")
        if isinstance(option["why"], str) and VERDICT.match(option["why"].strip()):
            problems.append(f"option {letter}'s why starts with a verdict; the quiz says right or not itself")
    if problems:
        return problems
    if sum(o["correct"] for o in options) != 1:
        problems.append(f"has {sum(o['correct'] for o in options)} correct options; exactly one must be correct")
    texts = [o["text"].strip() for o in options]
    if len(set(texts)) != len(texts):
        problems.append("repeats an option text")
    return problems


def load_quizzes() -> dict[str, list[Question]]:
    """Every chapter's quiz from workbook/quizzes/NN.toml, in chapter order. A file for a chapter
    that does not exist is an error, so a renamed chapter cannot silently lose its quiz."""
    folder = resources.files(__package__).joinpath(QUIZ_FOLDER)
    numbers = {ch.number for ch in CHAPTERS}
    found = {}
    for entry in folder.iterdir():
        if not entry.name.endswith(".toml"):
            continue
        number = entry.name.removesuffix(".toml")
        source = f"workbook/{QUIZ_FOLDER}/{entry.name}"
        if number not in numbers:
            raise QuizDataError(f"{source}: no chapter {number!r}; name quiz files after a chapter number (00-08).")
        found[number] = parse_quiz(entry.read_text(encoding="utf-8"), source)
    return {ch.number: found[ch.number] for ch in CHAPTERS if ch.number in found}


# The loaded view (chapter -> questions) that the quiz widget, progress, export and summaries use.
# Saved answers are keyed by (chapter, question id): an answer to a question that has since left
# the course stays in the learner's file, is not counted in progress, and is exported as retired.
QUIZZES: dict[str, list[Question]] = load_quizzes()


def current_question_ids(chapter_number: str) -> set[str]:
    return {q.id for q in QUIZZES.get(chapter_number, [])}
