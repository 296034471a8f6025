"""A written reflection: a prompt and a text box that saves to the learner's workbook."""

from __future__ import annotations

import ipywidgets as widgets

from ..model import MAX_NOTE, ValidationError, clean_text
from ..store import Store, shared
from .common import Status, Tool, esc


class Reflection(Tool):
    title = "Reflection"

    def __init__(self, chapter: str, prompt: str, store: Store | None = None):
        self.chapter, self.prompt = chapter, prompt
        self.store = shared(store)
        self.text = widgets.Textarea(
            value=self.store.reflection(chapter, prompt),
            placeholder="Write a few sentences. It saves when you click elsewhere.",
            continuous_update=False,
            rows=4,
            layout=widgets.Layout(width="40em"),
        )
        self.status = Status()
        self.text.observe(lambda _: self.save(), "value")
        super().__init__(self.store, [widgets.HTML(f"<p><b>{esc(prompt)}</b></p>"), self.text, self.status])

    def __repr__(self) -> str:
        return f"Reflection(chapter {self.chapter}: {self.prompt!r})"

    def save(self) -> bool:
        try:
            text = clean_text(self.text.value, "reflection", limit=MAX_NOTE)
        except ValidationError as error:
            self.status.fail(f"Not saved: {error.message}")
            return False
        self.store.save_reflection(self.chapter, self.prompt, text)
        self.status.ok("Saved in your workbook.")
        return True
