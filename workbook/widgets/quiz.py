"""Self-check quizzes: pick an answer, check it, read why; the latest answers and the score are
kept in the learner's workbook and shown again next time.

A saved notebook also carries a static copy of each quiz (text/html beside the widget view): the
course website shows that copy, with each answer folded under "Answer and why" because the Check
button needs a live kernel; JupyterLab shows the live widget, so the answers stay hidden there."""

from __future__ import annotations

import ipywidgets as widgets

from ..course import QUIZZES, Question
from ..course import chapter as find_chapter
from ..store import Store, shared
from .common import Tool, esc


class Quiz(Tool):
    """`Quiz("07")`: the chapter's self-check, saving to your own workbook (or `store`)."""

    title = "Self-check"

    def __init__(self, chapter: str, store: Store | None = None):
        self.chapter = find_chapter(chapter).number
        self.store = shared(store)
        self.questions: list[Question] = QUIZZES[self.chapter]
        self.choices: dict[str, widgets.RadioButtons] = {}
        self.check_buttons: dict[str, widgets.Button] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        rows = []
        for number, question in enumerate(self.questions, start=1):
            choice = widgets.RadioButtons(options=[(text, i) for i, text in enumerate(question.options)], value=None,
                                          layout=widgets.Layout(width="auto"))
            button = widgets.Button(description="Check", tooltip=f"Check your answer to question {number}")
            button.on_click(lambda _, q=question: self.check(q.id))
            self.choices[question.id], self.check_buttons[question.id] = choice, button
            self.feedback[question.id] = widgets.HTML()
            rows += [widgets.HTML(f"<p><b>{number}. {esc(question.prompt)}</b></p>"), choice,
                     widgets.HBox([button, self.feedback[question.id]])]
        self.score = widgets.HTML()
        super().__init__(self.store, [*rows, self.score])
        self._restore()

    def __repr__(self) -> str:
        return f"Quiz(chapter {self.chapter}: {len(self.questions)} questions)"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = static_quiz(self.questions)
        return bundle

    def check(self, question_id: str) -> bool | None:
        """Mark one answer, save it, and show why it is right or not. None if nothing is picked."""
        question = next(q for q in self.questions if q.id == question_id)
        picked = self.choices[question_id].value
        if picked is None:
            self.feedback[question_id].value = "<span role='alert'>Pick an answer first.</span>"
            return None
        correct = picked == question.answer
        self.store.quiz.record(self.chapter, question_id, question.options[picked], correct)
        self._show(question, picked)
        self._show_score()
        return correct

    def _show(self, question: Question, picked: int) -> None:
        mark, colour = ("✔ Right.", "#1b5e20") if picked == question.answer else ("✘ Not quite.", "#b00020")
        # The data's "why" never starts with a verdict (course.parse_quiz refuses one), so the mark is said once.
        self.feedback[question.id].value = (
            f"<span role='status' style='color:{colour}'>{mark}</span> {esc(question.feedback[picked])}"
        )

    def _show_score(self) -> None:
        current = {q.id for q in self.questions}  # answers to retired questions do not count
        saved = {k: v for k, v in self.store.quiz.answers(self.chapter).items() if k in current}
        right = sum(correct for _, correct in saved.values())
        self.score.value = (
            f"<p><b>Score: {right} of {len(self.questions)}</b> "
            f"({len(saved)} answered; saved in your workbook).</p>"
        )

    def _restore(self) -> None:
        for question in self.questions:
            saved = self.store.quiz.answers(self.chapter).get(question.id)
            if saved and saved[0] in question.options:
                picked = question.options.index(saved[0])
                self.choices[question.id].value = picked
                self._show(question, picked)
        self._show_score()


LETTERS = "ABCD"


def static_quiz(questions: list[Question]) -> str:
    """The quiz as a page: each question with its lettered options, and the answer with why each
    option is right or not folded under "Answer and why". The same for every reader (no saved
    answers in it), so the committed notebook and the website stay the same."""
    parts = ['<div class="workbook-quiz-static">']
    for number, question in enumerate(questions, start=1):
        options = "".join(f"<li>{esc(text)}</li>" for text in question.options)
        reasons = "".join(
            f"<li><b>{LETTERS[i]}</b>{' (the answer)' if i == question.answer else ''}: {esc(why)}</li>"
            for i, why in enumerate(question.feedback)
        )
        parts.append(
            f"<p><b>{number}. {esc(question.prompt)}</b></p>"
            f'<ol type="A">{options}</ol>'
            '<details style="margin-bottom:1.5em"><summary>Answer and why</summary>'
            f"<p>Answer: <b>{LETTERS[question.answer]}</b> ({esc(question.options[question.answer])})</p>"
            f"<ul>{reasons}</ul></details>"
        )
    parts.append("</div>")
    return "".join(parts)
