"""The conversation planner: prepare a conversation or event, then record what came of it.
Every field saves as you go; past plans can be reopened, edited, deleted or exported as a card."""

from __future__ import annotations

import ipywidgets as widgets

from ..domain.plans import OCCASIONS, PLAN_TEXT_FIELDS, Plan, suggest_offers, suggest_openers, suggest_questions
from ..domain.validation import sentence_case
from ..store import Store, shared
from .common import LABEL_STYLE, WIDE, ConfirmDelete, ContactPicker, Form, Status, Tool, card_html, download_link, esc, heading
from .messages import MessageBank

TEXTAREA_ROWS = {"openers": 3, "questions": 4, "offer": 3, "cultural_notes": 2, "talked_about": 3, "my_promises": 2, "their_promises": 2, "message": 8}
BEFORE = ("goal", "openers", "questions", "offer", "cultural_notes")
AFTER = ("talked_about", "my_promises", "their_promises")


class ConversationPlanner(Tool):
    """`ConversationPlanner(store)`; with no store, your own workbook."""

    title = "Conversation planner"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.plan_id: int | None = None

        self.plans = widgets.Dropdown(description="Your plans", style=LABEL_STYLE, layout=WIDE)
        self.new_button = widgets.Button(description="New plan", icon="file")
        self.delete = ConfirmDelete("plan", self.remove)
        self.plans.observe(self._on_pick, "value")
        self.new_button.on_click(lambda _: self.new())

        self.who = ContactPicker(self.store, description="Who")
        self.who.when_confirmed(self.save)
        self.occasion = widgets.Dropdown(options=OCCASIONS, value="coffee", description="Occasion", style=LABEL_STYLE)
        self.planned_for = widgets.DatePicker(description="When", style=LABEL_STYLE)
        self.follow_up_on = widgets.DatePicker(description="Follow up on", style=LABEL_STYLE)
        self.text: dict[str, widgets.Widget] = {}
        for field, (label, _limit) in PLAN_TEXT_FIELDS.items():
            common = dict(description=sentence_case(label), style=LABEL_STYLE, layout=WIDE, continuous_update=False)
            self.text[field] = (
                widgets.Text(**common) if field == "goal" else widgets.Textarea(rows=TEXTAREA_ROWS[field], **common)
            )
        self.text["questions"].placeholder = "One question per line"
        self.text["my_promises"].placeholder = "One promise per line: each becomes a follow-up"
        self.text["their_promises"].placeholder = "One promise per line"
        self.form = Form(
            {
                "contact": self.who,  # the name a ContactPicker's errors use
                "occasion": self.occasion,
                "date": self.planned_for,
                "follow-up date": self.follow_up_on,
                **{label: self.text[field] for field, (label, _) in PLAN_TEXT_FIELDS.items()},
            }
        )
        self.suggest_openers_button = widgets.Button(description="Suggest openers", icon="lightbulb")
        self.suggest_questions_button = widgets.Button(description="Suggest questions", icon="lightbulb")
        self.suggest_offers_button = widgets.Button(description="Suggest offers", icon="lightbulb")
        self.suggest_openers_button.on_click(lambda _: self.suggest("openers"))
        self.suggest_questions_button.on_click(lambda _: self.suggest("questions"))
        self.suggest_offers_button.on_click(lambda _: self.suggest("offer"))

        self.status = Status()
        self.export_button = widgets.Button(description="Export card", icon="download", tooltip="Write a one-page card to print or keep on your phone")
        self.export_button.on_click(lambda _: self.export())
        self.card_view = widgets.HTML()

        for control in [self.who, self.occasion, self.planned_for, self.follow_up_on, *self.text.values()]:
            control.observe(self._on_edit, "value")

        label = {field: label for field, (label, _) in PLAN_TEXT_FIELDS.items()}
        before = [
            self.form.row("contact"),
            self.form.row("occasion"),
            self.form.row("date"),
            self.form.row(label["goal"]),
            self.form.row(label["openers"]),
            self.suggest_openers_button,
            self.form.row(label["questions"]),
            self.suggest_questions_button,
            self.form.row(label["offer"]),
            self.suggest_offers_button,
            self.form.row(label["cultural_notes"]),
        ]
        after = [self.form.row(label[f]) for f in AFTER] + [self.form.row("follow-up date")]
        self.messages = MessageBank(self)
        super().__init__(
            self.store,
            [
                widgets.HBox([self.plans, self.new_button, self.delete]),
                heading("Before the conversation", 4),
                *before,
                heading("After the conversation", 4),
                *after,
                heading("A message to send", 4),
                self.messages,
                self.status,
                widgets.HBox([self.export_button]),
                self.card_view,
            ]
        )
        self._reload_plans()
        self.new()

    def __repr__(self) -> str:
        return f"ConversationPlanner({self.store!r}: {len(self.plans.options)} plans)"

    # --- actions --------------------------------------------------------------------------

    def save(self) -> int | None:
        """Save the form (called on every edit). Returns the plan id, or None if it was refused.
        A name that is not yet a contact waits for the learner's yes (the button under Who)."""
        if not self.who.value.strip():
            self.form.clear()
            self.status.fail("Not saved yet: choose who the conversation is with (or type a new name).")
            return None
        with self.quietly(), self.saving(self.status, self.form) as attempt:
            contact_id, created = self.who.resolve(create=True)
            plan = Plan(
                contact_id=contact_id,
                occasion=self.occasion.value,
                planned_for=self.planned_for.value,
                follow_up_on=self.follow_up_on.value,
                id=self.plan_id,
                **{field: box.value for field, box in self.text.items()},
            )
            self.plan_id = self.store.plans.save(plan)
        if not attempt.saved:
            return None
        self._reload_plans()
        if created:
            self.who.value = self.who.label_for(contact_id)
        self.status.ok(f"Saved{' (new contact added)' if created else ''}.")
        return self.plan_id

    def fill(self, who: str | None = None, *, new_contact: bool = False, suggest=(), **fields) -> int | None:
        """Fill the form as a learner would, then save once; for lessons and quick use:
        `planner.fill("Noor Aziz", occasion="meetup", when=date, goal="…", suggest=["openers"])`.
        Fields: occasion, when, follow_up_on, and the text fields (goal, openers, questions, offer,
        cultural_notes, talked_about, my_promises, their_promises). `new_contact=True` says yes to
        adding `who` if they are not a contact yet; otherwise a new name waits for the button."""
        unknown = set(fields) - {"occasion", "when", "follow_up_on", *self.text}
        if unknown:
            raise TypeError(f"the planner has no field {', '.join(sorted(unknown))}")
        with self.loading():
            if who is not None:
                self.who.value = who
            if "occasion" in fields:
                self.occasion.value = fields.pop("occasion")
            if "when" in fields:
                self.planned_for.value = fields.pop("when")
            if "follow_up_on" in fields:
                self.follow_up_on.value = fields.pop("follow_up_on")
            for field, value in fields.items():
                self.text[field].value = value
            for field in suggest:
                self.suggest(field)
        plan_id = self.save()
        if plan_id is None and new_contact and self.who.asking:
            self.who.confirm_new()  # the learner's yes: saves again, now with the new contact
            plan_id = self.plan_id
        return plan_id

    def suggest(self, field: str) -> list[str]:
        """Add suggestions to "openers", "questions" or "offer" (what the Suggest buttons do);
        returns them."""
        ideas = {"openers": lambda: suggest_openers(self.occasion.value), "questions": self._question_ideas, "offer": self._offer_ideas}
        if field not in ideas:
            raise ValueError(f"suggestions exist for {', '.join(ideas)}, not {field!r}")
        found = ideas[field]()
        self._append(field, found)
        return found

    def draft(self, template: str, **details: str) -> str:
        """Draft a message from the message bank for the open plan, as picking it in the planner
        does; `details` fill what the plan does not hold (other_name, why_meet, …). Returns the text."""
        for name, value in details.items():
            self.messages.extra[name].value = value
        self.messages.template.value = template
        self.messages.write(replace=True)
        return self.text["message"].value

    def load(self, plan_id: int) -> None:
        plan = self.store.plans.get(plan_id)
        with self.loading():
            self.plan_id = plan_id
            self.who.value = self.who.label_for(plan.contact_id)
            self.occasion.value = plan.occasion
            self.planned_for.value = plan.planned_for
            self.follow_up_on.value = plan.follow_up_on
            for field, box in self.text.items():
                box.value = getattr(plan, field)
            self.plans.value = plan_id
        self.form.clear()
        self.card_view.value = ""
        self.status.ok("Opened. Changes save as you go.")

    def new(self) -> None:
        with self.loading():
            self.plan_id = None
            self.plans.value = None
            self.who.value = ""
            self.occasion.value = "coffee"
            self.planned_for.value = self.store.today()
            self.follow_up_on.value = None
            for box in self.text.values():
                box.value = ""
        self.form.clear()
        self.card_view.value = ""
        self._show_idle()

    def remove(self) -> None:
        if self.plan_id is None:
            self.status.fail("Nothing to delete: this plan was never saved.")
            return
        self.store.plans.delete(self.plan_id)
        self.new()
        self._reload_plans()
        self.status.ok("Deleted the plan.")

    def export(self):
        """Write the open plan's conversation card; returns its path (None if nothing to export)."""
        if self.plan_id is None:
            self.status.fail("Save the plan first: choose who it is with.")
            return None
        path = self.store.plans.export_card(self.plan_id)
        text = path.read_text(encoding="utf-8")
        self.card_view.value = (
            f"<p>{download_link(text, path.name, 'text/markdown', 'Download the card')} · also saved as "
            f"<code>{esc(self.store.describe_file(path))}</code></p>" + card_html(text)
        )
        self.status.ok(f"Card written: {self.store.describe_file(path)}.")
        return path

    def card(self) -> CardText:
        """The open plan's conversation card as it is exported, shown as formatted text."""
        if self.plan_id is None:
            return CardText("No plan open: choose who the conversation is with first.")
        return CardText(self.store.plans.card_markdown(self.plan_id))

    def refresh(self) -> None:
        """Another tool changed the workbook: the plan list and the open plan's person may have changed."""
        self._reload_plans()

    # --- helpers --------------------------------------------------------------------------

    def _on_edit(self, _change) -> None:
        if not self.is_loading:
            self.save()

    def _on_pick(self, change) -> None:
        if not self.is_loading and change["new"] is not None and change["new"] != self.plan_id:
            self.load(change["new"])

    def _reload_plans(self) -> None:
        rows = self.store.plans.all()
        with self.loading():
            self.plans.options = [
                (f"{r.planned_for or 'undated'} · {r.name} · {r.occasion}", int(r.id)) for r in rows.itertuples(index=False)
            ]
            self.plans.value = self.plan_id if self.plan_id in set(rows["id"]) else None

    def _contact_interests(self) -> tuple[int, str]:
        contact_id = self.who.selected_id()
        if contact_id is None:
            return 0, ""
        return contact_id, self.store.contacts.interests([contact_id]).get(contact_id, "")

    def _question_ideas(self) -> list[str]:
        return suggest_questions(self._contact_interests()[1], self.occasion.value)

    def _offer_ideas(self) -> list[str]:
        contact_id, interests = self._contact_interests()
        return [idea[0].upper() + idea[1:] for idea in suggest_offers(contact_id, interests)]

    def _append(self, field: str, ideas: list[str]) -> None:
        box = self.text[field]
        have = [line for line in box.value.splitlines() if line.strip()]
        box.value = "\n".join(have + [idea for idea in ideas if idea not in have])

    def _show_idle(self) -> None:
        count = len(self.plans.options)
        self.status.ok(f"{count} saved plan{'s' if count != 1 else ''}. Start a new one: choose who it is with.")


class CardText(str):
    """A card's Markdown, shown in a notebook as formatted text (every value escaped)."""

    def _repr_html_(self) -> str:
        return card_html(self)
