"""Self-check quizzes: pick an answer, check it, read why; the latest answers and the score are
kept in the learner's workbook and shown again next time."""

from __future__ import annotations

import ipywidgets as widgets

from ..course import QUIZZES, Question, chapter as find_chapter
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

    def check(self, question_id: str) -> bool | None:
        """Mark one answer, save it, and show why it is right or not. None if nothing is picked."""
        question = next(q for q in self.questions if q.id == question_id)
        picked = self.choices[question_id].value
        if picked is None:
            self.feedback[question_id].value = "<span role='alert'>Pick an answer first.</span>"
            return None
        correct = picked == question.answer
        self.store.record_answer(self.chapter, question_id, question.options[picked], correct)
        self._show(question, picked)
        self._show_score()
        return correct

    def _show(self, question: Question, picked: int) -> None:
        mark, colour = ("✔ Right.", "#1b5e20") if picked == question.answer else ("✘ Not quite.", "#b00020")
        self.feedback[question.id].value = (
            f"<span role='status' style='color:{colour}'>{mark}</span> {esc(question.feedback[picked])}"
        )

    def _show_score(self) -> None:
        saved = self.store.quiz_answers(self.chapter)
        right = sum(correct for _, correct in saved.values())
        self.score.value = (
            f"<p><b>Score: {right} of {len(self.questions)}</b> "
            f"({len(saved)} answered; saved in your workbook).</p>"
        )

    def _restore(self) -> None:
        for question in self.questions:
            saved = self.store.quiz_answers(self.chapter).get(question.id)
            if saved and saved[0] in question.options:
                picked = question.options.index(saved[0])
                self.choices[question.id].value = picked
                self._show(question, picked)
        self._show_score()
