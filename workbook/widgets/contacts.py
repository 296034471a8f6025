"""The contact book: add and edit contacts, place them in a Dunbar layer with a keep-in-touch
cadence, and see who is due for a word, most overdue first, with one click to log a chat today.

Health comes from the last logged interaction (an exchange, a touchpoint, a past conversation
plan or a kept follow-up), never from when a contact or a cadence was set: see workbook.domain.keep_in_touch."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..domain.contacts import CIRCLES, Contact, join_introduction, split_introduction
from ..domain.keep_in_touch import (
    DEFAULT_CADENCE,
    LAYER_NAMES,
    LAYERS,
    NO_CONTACT,
    KeepInTouch,
    due_list,
    effective_cadence,
    keep_in_touch,
)
from ..domain.validation import ValidationError, name_key
from ..markup import as_table, html_table
from ..store import Store, shared
from .common import LABEL_STYLE, WIDE, ConfirmDelete, ContactPicker, Form, Status, Tool, esc, heading

DUE_SHOWN = 15
ALL_SHOWN = 50
NOT_PLACED = 0  # the layer drop-down's "not placed yet"
DUE_HEADINGS = {
    "name": "Contact",
    "circle": "Circle",
    "layer": "Layer",
    "cadence_days": "Every (days)",
    "last_interaction": "Last interaction",
    "days_since": "Days since",
    "status": "Status",
}


class ContactBook(Tool):
    """`ContactBook(store)`; with no store, your own workbook.

    Drive it like a learner: fill `name`, `circle`, `company`, `position`, `email`, `interests`,
    `how_met`, `met_on`, `introduced_by`, `layer`, `cadence`, `notes`, then `save_button.click()`.
    Pick someone to edit in `find`; `delete` asks before deleting; `talked_buttons[contact_id]`
    logs "we talked today" for a contact on the due list."""

    title = "Contact book"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.editing_id: int | None = None

        # --- who is due
        self.due_view = widgets.VBox()
        self.talked_buttons: dict[int, widgets.Button] = {}
        self.due_status = Status()

        # --- the form
        self.find = ContactPicker(self.store, description="Edit contact")
        self.find.observe(self._on_find, "value")
        self.new_button = widgets.Button(description="New contact", icon="user-plus")
        self.new_button.on_click(lambda _: self.new())
        text = dict(style=LABEL_STYLE, layout=WIDE, continuous_update=False)
        self.name = widgets.Text(description="Name", **text)
        self.circle = widgets.Dropdown(options=CIRCLES, value="professional", description="Circle", style=LABEL_STYLE)
        self.company = widgets.Text(description="Company", **text)
        self.position = widgets.Text(description="Position", **text)
        self.email = widgets.Text(description="Email", **text)
        self.interests = widgets.Text(description="Interests", placeholder="Comma separated, e.g. running, python", **text)
        self.how_met = widgets.Textarea(description="How we met", rows=2, **text)
        self.met_on = widgets.DatePicker(description="Met on", style=LABEL_STYLE)
        self.introduced_by = ContactPicker(self.store, description="Introduced by")
        self.introduced_by.placeholder = "Optional: one of your contacts"
        self.layer = widgets.Dropdown(
            # 0, not None: a drop-down shows a value of None as a blank box, not as its label.
            options=[("not placed yet", NOT_PLACED)] + [(LAYER_NAMES[n], n) for n in LAYERS],
            value=NOT_PLACED,
            description="Dunbar layer",
            style=LABEL_STYLE,
        )
        self.cadence = widgets.IntText(
            value=effective_cadence(None, None), description="Every (days)", style=LABEL_STYLE,
            tooltip="How often you want to be in touch; the layer sets a default",
        )
        self.notes = widgets.Textarea(description="Notes", rows=2, **text)
        self.layer.observe(self._on_layer, "value")
        self.form = Form(
            {
                "name": self.name, "circle": self.circle, "company": self.company, "position": self.position,
                "email": self.email, "interests": self.interests, "how we met": self.how_met, "met on": self.met_on,
                "introduced by": self.introduced_by, "layer": self.layer, "cadence": self.cadence, "notes": self.notes,
            }
        )
        self.save_button = widgets.Button(description="Add contact", button_style="primary", icon="save")
        self.save_button.on_click(lambda _: self.save())
        # Adding a name you already have: most often the same person, sometimes a namesake.
        self.same_name_question = widgets.HTML()
        self.open_existing_button = widgets.Button(description="Open the one I have", icon="user")
        self.add_namesake_button = widgets.Button(description="Add another person", icon="user-plus")
        self.open_existing_button.on_click(lambda _: self._open_namesake())
        self.add_namesake_button.on_click(lambda _: self.save(namesake_ok=True))
        self._same_name_row = widgets.HBox([self.same_name_question, self.open_existing_button, self.add_namesake_button])
        self.same_name_prompt = widgets.VBox([])  # holds the row while the question is asked
        self.delete = ConfirmDelete("contact", self.remove)
        self.status = Status()

        # --- everyone
        self.search = widgets.Text(placeholder="Filter by name", description="Find", style=LABEL_STYLE, continuous_update=False)
        self.search.observe(lambda _: self._show_all(), "value")
        self.all_view = widgets.HTML()
        self.show_everyone = widgets.ToggleButton(description="Show everyone", icon="list")
        self.show_everyone.observe(lambda _: self._show_all(), "value")

        cadence_help = widgets.HTML(
            "<small>Defaults (this course's own convention, not a research finding): "
            + ", ".join(f"layer {n}: every {DEFAULT_CADENCE[n]} days" for n in LAYERS)
            + ". Change the days to set your own.</small>"
        )
        self.tabs = widgets.Tab(
            children=[
                widgets.VBox([self.due_status, self.due_view]),
                widgets.VBox(
                    [
                        widgets.HBox([self.find, self.new_button]),
                        *(self.form.row(name) for name in self.form.fields if name not in ("layer", "cadence")),
                        heading("Keep in touch", 4),
                        self.form.row("layer"),
                        self.form.row("cadence"),
                        cadence_help,
                        widgets.HBox([self.save_button, self.delete]),
                        self.same_name_prompt,
                        self.status,
                    ]
                ),
                widgets.VBox([self.search, self.all_view, self.show_everyone]),
            ],
            titles=["Who is due", "Add or edit", "Everyone"],
        )
        super().__init__(self.store, [self.tabs])
        self.new()
        self.refresh()

    def __repr__(self) -> str:
        return f"ContactBook({self.store!r}: {len(self.health)} contacts, {len(self.due)} due)"

    # --- plain data --------------------------------------------------------------------------

    @as_table
    def due_table(self, rows: int | None = None) -> pd.DataFrame:
        """Who is due, drifting or dormant, most overdue first (all of them unless `rows`)."""
        shown = self.due if rows is None else self.due.head(rows)
        return shown[list(DUE_HEADINGS)].rename(columns=DUE_HEADINGS).reset_index(drop=True)

    @as_table
    def table(self) -> pd.DataFrame:
        """Every contact's keep-in-touch health, as the Everyone tab shows it (same filter)."""
        frame = self.health
        wanted = self.search.value.strip().casefold()
        if wanted:
            frame = frame[frame["name"].str.casefold().str.contains(wanted, regex=False)]
        return frame[list(DUE_HEADINGS)].rename(columns=DUE_HEADINGS).reset_index(drop=True)

    # --- actions ---------------------------------------------------------------------------

    def save(self, *, namesake_ok: bool = False) -> int | None:
        """Add the form as a new contact, or save changes. Returns the id, or None if refused.
        A new contact whose name you already have waits for the learner to say whether it is the
        same person (open them) or someone else (`namesake_ok`)."""
        self.same_name_prompt.children = ()
        if self.editing_id is None and not namesake_ok and self._namesakes():
            self.form.clear()
            self._ask_about_namesake()
            return None
        with self.saving(self.status, self.form) as attempt:
            introducer_id = self._introducer()
            introducer = self.store.contacts.names().get(introducer_id, "") if introducer_id else ""
            contact = Contact(
                name=self.name.value,
                circle=self.circle.value,
                company=self.company.value,
                position=self.position.value,
                email=self.email.value,
                interests=self.interests.value,
                how_met=join_introduction(introducer, self.how_met.value),
                notes=self.notes.value,
                id=self.editing_id,
            )
            keep = KeepInTouch(layer=self.layer.value or None, cadence_days=self._own_cadence(), met_on=self.met_on.value)
            contact_id = self.store.contacts.save(contact, keep, introduced_by=introducer_id)
        if not attempt.saved:
            return None
        verb = "Added" if self.editing_id is None else "Saved changes to"
        extra = f" (noted that {introducer} knows them too)" if introducer else ""
        name = self.store.contacts.names()[contact_id]
        self._reload_pickers()
        self.load(contact_id)
        self.status.ok(f"{verb} {name}{extra}.")
        self.refresh()
        return contact_id

    def load(self, contact_id: int) -> None:
        """Fill the form with a contact, to edit it."""
        contact = self.store.contacts.get(contact_id)
        keep = self.store.contacts.keep_in_touch(contact_id)
        introducer, how_met = split_introduction(contact.how_met)
        if introducer and introducer not in self.introduced_by.options:
            introducer, how_met = "", contact.how_met  # not one of the contacts: keep the text as typed
        with self.loading():
            self.editing_id = contact_id
            self.name.value = contact.name
            self.circle.value = contact.circle
            self.company.value = contact.company
            self.position.value = contact.position
            self.email.value = contact.email
            self.interests.value = contact.interests
            self.how_met.value = how_met
            self.introduced_by.value = introducer
            self.notes.value = contact.notes
            self.met_on.value = keep.met_on
            self.layer.value = keep.layer or NOT_PLACED
            self.cadence.value = keep.effective_cadence
            self.find.value = self.find.label_for(contact_id)
        self.form.clear()
        self.save_button.description = "Save changes"
        self.delete.layout.display = None
        self.status.ok(f"Editing {contact.name}: change the fields, then Save changes.")

    def new(self) -> None:
        """An empty form for a new contact."""
        with self.loading():
            self.editing_id = None
            for box in (self.name, self.company, self.position, self.email, self.interests, self.how_met, self.notes, self.introduced_by, self.find):
                box.value = ""
            self.circle.value = "professional"
            self.met_on.value = None
            self.layer.value = NOT_PLACED
            self.cadence.value = effective_cadence(None, None)
        self.form.clear()
        self.save_button.description = "Add contact"
        self.delete.layout.display = "none"
        self.status.value = ""

    def remove(self) -> None:
        if self.editing_id is None:
            self.status.fail("Nothing to delete: pick a contact under Edit contact first.")
            return
        name = self.name.value.strip() or "the contact"
        self.store.contacts.delete(self.editing_id)
        self.new()
        self._reload_pickers()
        self.refresh()
        self.status.ok(f"Deleted {name} and everything logged with them.")

    def talked_today(self, contact_id: int) -> None:
        """Log a touchpoint dated today: the contact moves off the due list."""
        with self.saving(self.due_status, failed="Not logged") as attempt:
            self.store.touchpoints.log(contact_id, self.store.today(), note="we talked")
        if not attempt.saved:
            return
        name = self.store.contacts.names().get(contact_id, "them")
        self.refresh()
        self.due_status.ok(f"Logged a conversation with {name} today.")

    # --- views -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.health = keep_in_touch(self.store.contacts.last_interactions(), self.store.today())
        self.due = due_list(self.health)
        self._show_due()
        self._show_all()

    def _show_due(self) -> None:
        self.talked_buttons = {}
        never = int((self.health["status"] == NO_CONTACT).sum())
        if self.due.empty:
            intro = "No one is due: you are in touch with everyone on their cadence."
        else:
            more = len(self.due) - DUE_SHOWN
            intro = (
                f"{len(self.due)} contact{'s are' if len(self.due) != 1 else ' is'} due, drifting or dormant, most overdue first"
                + (f" (the first {DUE_SHOWN} shown)" if more > 0 else "") + "."
            )
        if never:
            intro += f" {never} contact{'s have' if never != 1 else ' has'} no contact logged yet."
        rows = [widgets.HTML(f"<p>{esc(intro)}</p>")]
        for row in self.due.head(DUE_SHOWN).itertuples(index=False):
            button = widgets.Button(description="We talked today", icon="comments", tooltip=f"Log a conversation with {row.name} today")
            button.on_click(lambda _, cid=int(row.contact_id): self.talked_today(cid))
            self.talked_buttons[int(row.contact_id)] = button
            text = (
                f"<b>{esc(row.name)}</b> · {esc(row.status)} · last {esc(row.last_interaction)} "
                f"({esc(row.days_since)} days; every {esc(row.cadence_days)})"
            )
            rows.append(widgets.HBox([widgets.HTML(text, layout=widgets.Layout(width="30em")), button]))
        self.due_view.children = rows

    def _show_all(self) -> None:
        table = self.table()
        shown = table if self.show_everyone.value else table.head(ALL_SHOWN)
        self.show_everyone.layout.display = None if len(table) > ALL_SHOWN else "none"
        self.show_everyone.description = f"Show the first {ALL_SHOWN}" if self.show_everyone.value else f"Show all {len(table)}"
        self.all_view.value = html_table(
            shown,
            {h: h for h in DUE_HEADINGS.values()},
            caption=f"Keep-in-touch health: {len(shown)} of {len(table)} shown",
            empty="No contacts to show: add one in the Add or edit tab, or clear the filter.",
        )

    # --- helpers ---------------------------------------------------------------------------

    def _namesakes(self) -> list[int]:
        self.store.sync()
        wanted = name_key(self.name.value)
        return [cid for cid, name in self.store.contacts.names().items() if wanted and name_key(name) == wanted]

    def _ask_about_namesake(self) -> None:
        found = self._namesakes()
        labels = ", ".join(self.find.label_for(cid) or self.name.value.strip() for cid in found)
        self.same_name_question.value = (
            f"<span class='workbook-question'>You already have {esc(labels)}. The same person, or someone else?</span>"
        )
        self.same_name_prompt.children = (self._same_name_row,)
        self.status.fail("Not added yet: say whether this is the person you already have.")

    def _open_namesake(self) -> None:
        found = self._namesakes()
        self.same_name_prompt.children = ()
        if found:
            self.load(found[0])

    def _introducer(self) -> int | None:
        if not self.introduced_by.value.strip():
            return None
        try:
            introducer_id, _ = self.introduced_by.resolve(create=False)
        except ValidationError as error:
            raise ValidationError("introduced by", f"{error.message} Pick someone from the list, or leave it empty.") from None
        if introducer_id == self.editing_id:
            raise ValidationError("introduced by", "a contact cannot introduce themselves; pick someone else or leave it empty.")
        return introducer_id

    def _own_cadence(self) -> int | None:
        """None when the days shown are the layer's default, so the contact follows the layer."""
        days = self.cadence.value
        return None if days == effective_cadence(self.layer.value or None, None) else days

    def _on_layer(self, change) -> None:
        # A cadence still at the old layer's default follows the new layer; one you chose stays.
        if not self.is_loading and self.cadence.value == effective_cadence(change["old"] or None, None):
            self.cadence.value = effective_cadence(change["new"] or None, None)

    def _on_find(self, change) -> None:
        if self.is_loading:
            return
        contact_id = self.find.selected_id()
        if contact_id is not None and contact_id != self.editing_id:
            self.load(contact_id)

    def _reload_pickers(self) -> None:
        with self.loading():
            self.find.reload()
            self.introduced_by.reload()
