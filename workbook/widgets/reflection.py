"""A written reflection: a prompt and a text box that saves to the learner's workbook, under the
prompt's stable id (workbook.prompts), so a reworded prompt still shows what was written."""

from __future__ import annotations

import ipywidgets as widgets

from ..domain.validation import MAX_NOTE, clean_text
from ..prompts import find
from ..store import Store, shared
from .common import Status, Tool, esc


class Reflection(Tool):
    title = "Reflection"

    def __init__(self, chapter: str, prompt: str, store: Store | None = None):
        """`prompt` is a course prompt's id or wording, or any other question."""
        found = find(chapter, prompt)
        self.chapter, self.prompt_id, self.prompt = chapter, found.id, found.text
        self.store = shared(store)
        self.text = widgets.Textarea(
            value=self.store.reflections.get(chapter, self.prompt_id),
            placeholder="Write a few sentences. It saves when you click elsewhere.",
            continuous_update=False,
            rows=4,
            layout=widgets.Layout(width="40em"),
        )
        self.status = Status()
        self.text.observe(lambda _: self.save(), "value")
        super().__init__(self.store, [widgets.HTML(f"<p><b>{esc(self.prompt)}</b></p>"), self.text, self.status])

    def __repr__(self) -> str:
        return f"Reflection(chapter {self.chapter}: {self.prompt!r})"

    def save(self) -> bool:
        with self.saving(self.status) as attempt:
            text = clean_text(self.text.value, "reflection", limit=MAX_NOTE)
            self.store.reflections.save(self.chapter, self.prompt_id, text, prompt=self.prompt)
        if not attempt.saved:
            return False
        self.status.ok("Saved in your workbook.")
        return True
