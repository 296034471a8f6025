"""The message bank inside the conversation planner: pick a message, it is written from the open
plan (their name, the occasion, what each of you promised) plus a few boxes for what the plan does
not hold, and lands in the plan's "message to send" box, where you edit it. It is saved with the
plan and printed on the conversation card.

`draft_message()` writes the same messages outside the planner, for the lessons."""

from __future__ import annotations

import ipywidgets as widgets

from ..domain.plans import PLAN_TEXT_FIELDS
from ..messages import SLOTS, TEMPLATES, MissingSlots, fill, slots_from_plan
from ..store import Store, shared
from .common import LABEL_STYLE, WIDE, Status, esc

FIELD = "message"
EXTRA_SLOTS = {  # slot: its label beside the box
    "other_name": "Other person",
    "other_about": "About the other",
    "about_them": "About them",
    "why_meet": "Why meet",
    "about_me": "About me",
    "reason": "Why now",
    "help": "Their help",
    "outcome": "What came of it",
    "next_step": "Next step",
}
CHOOSE = "Choose a message…"


class MessageBank(widgets.VBox):
    """`MessageBank(planner)`: the planner's message box with the templates that fill it."""

    def __init__(self, planner):
        self.planner = planner
        self.box: widgets.Textarea = planner.text[FIELD]
        self.box.placeholder = "Pick a message above, or write your own; edit it freely"
        self.template = widgets.Dropdown(
            options=[(CHOOSE, None)] + [(t.title, key) for key, t in TEMPLATES.items()],
            description="Message",
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self.when = widgets.HTML()
        # Slots a plan cannot fill: a box each, shown only for the messages that use them. The label
        # is short enough for the form's label column; the placeholder says it in full.
        self.extra = {
            name: widgets.Text(
                description=short, placeholder=SLOTS[name].label[0].upper() + SLOTS[name].label[1:],
                style=LABEL_STYLE, layout=WIDE, continuous_update=False,
            )
            for name, short in EXTRA_SLOTS.items()
        }
        self.fill_button = widgets.Button(description="Write it again", icon="redo", tooltip="Replace the message box with this template, filled in")
        self.status = Status()
        self.extra_boxes = widgets.VBox()
        self._written = ""  # the last text written into the box: anything else there is the learner's own

        self.template.observe(lambda _: self._on_change(), "value")
        for box in self.extra.values():
            box.observe(lambda _: self._on_change(), "value")
        self.fill_button.on_click(lambda _: self.write(replace=True))
        label = PLAN_TEXT_FIELDS[FIELD][0]
        super().__init__([self.template, self.when, self.extra_boxes, self.fill_button, self.status, planner.form.row(label)])
        self._on_change()

    def values(self) -> dict[str, str]:
        """Slot values: the open plan's, then what is typed in the extra boxes."""
        values: dict[str, str] = {}
        if self.planner.plan_id is not None:
            plan = self.planner.store.plans.get(self.planner.plan_id)
            values.update(slots_from_plan(plan, self.planner.store.contacts.get(plan.contact_id)))
        values.update({name: box.value for name, box in self.extra.items() if box.value.strip()})
        return values

    def write(self, *, replace: bool = False) -> bool:
        """Fill the chosen template into the message box. Text the learner has edited is kept unless
        `replace`. Returns whether the box was written."""
        key = self.template.value
        if key is None:
            return False
        if self.planner.plan_id is None:
            self.status.fail("Choose who the conversation is with first: the message starts with their name.")
            return False
        try:
            text = fill(key, self.values())
        except MissingSlots as error:
            self.status.fail(f"Not written yet: {error.message}")
            return False
        if not replace and self.box.value.strip() and self.box.value != self._written:
            self.status.ok("Your own edits are kept. Press \u201cWrite it again\u201d to start over from this template.")
            return False
        self._written = text
        self.box.value = text  # the planner saves it with the plan, as it does every field
        self.status.ok("Written below. Edit it as you like: it is saved with the plan and goes on the conversation card.")
        return True

    def _on_change(self) -> None:
        key = self.template.value
        used = TEMPLATES[key].slots if key else []
        self.when.value = f"<i>For {esc(TEMPLATES[key].when)}.</i>" if key else ""
        self.extra_boxes.children = [box for name, box in self.extra.items() if name in used]
        self.fill_button.layout.display = None if key else "none"
        if key:
            self.write()
        else:
            self.status.ok("Pick a message to draft it from this plan.")


class MessageText(str):
    """A drafted message, shown in a notebook as a bordered block of plain text (escaped)."""

    def _repr_html_(self) -> str:
        return f"<pre class='workbook-card workbook-message'>{esc(self)}</pre>"


def draft_message(key: str, store: Store | None = None, *, plan_id: int | None = None, **values: str) -> MessageText:
    """The message `key` filled from plan `plan_id` of `store` (if given) and `values`; a message
    that lacks something says what to fill in instead of raising."""
    if key not in TEMPLATES:
        return MessageText(f"No message called {key!r}; choose one of: {', '.join(TEMPLATES)}.")
    slots: dict[str, str] = {}
    if plan_id is not None:
        store = shared(store)
        plan = store.plans.get(plan_id)
        slots.update(slots_from_plan(plan, store.contacts.get(plan.contact_id)))
    slots.update(values)
    try:
        return MessageText(fill(key, slots))
    except MissingSlots as error:
        return MessageText(f"Not written yet: {error.message}")
