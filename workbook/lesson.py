"""What a lesson notebook calls first: `lesson = workbook.start("07")`.

It notes the visit in your own workbook, gives the lesson a throwaway copy of the sample network
to demonstrate on (`lesson.sample`), and makes the chapter's quiz and reflections."""

from __future__ import annotations

import pandas as pd

from .course import chapter as find_chapter
from .sample import PERSONA, sample_store
from .store import Store, shared, where_saved
from .widgets.quiz import Quiz
from .widgets.reflection import Reflection


class Lesson:
    def __init__(self, chapter: str, mine: Store | None = None):
        self.chapter = find_chapter(chapter)
        self.mine = shared(mine)
        self.mine.progress.mark_done(self.chapter.number, "visited")
        self.sample = sample_store()
        pd.set_option("display.max_colwidth", 200)  # lesson tables hold sentences: show them whole
        # Names and notes are shown as typed: a "$" in them must not start maths in JupyterLab.
        pd.set_option("display.html.use_mathjax", False)

    def __repr__(self) -> str:
        contacts = len(self.sample.contacts.names())
        return (
            f"Ready: chapter {self.chapter.number}, {self.chapter.title}\n"
            f"Time: {self.chapter.teach_minutes} min reading, {self.chapter.exercise_minutes} min exercises\n"
            f"Demonstrations: the fictional sample network of {PERSONA} ({contacts} contacts)\n"
            f"Your own entries: saved {where_saved()} as you type (chapter 00's Your data tool shows where)"
        )

    def quiz(self) -> Quiz:
        return Quiz(self.chapter.number, self.mine)

    def reflection(self, prompt: str) -> Reflection:
        """A reflection box: `prompt` is a prompt id from workbook.prompts (or its wording)."""
        return Reflection(self.chapter.number, prompt, self.mine)


def start(chapter: str) -> Lesson:
    return Lesson(chapter)
