"""Pieces every tool shares: escaped HTML, field errors, status lines, a contact picker, and
confirm-before-delete. Anything a learner or a file supplies is shown as text, never as HTML."""

from __future__ import annotations

import contextlib
import html
import re
from typing import Callable, Iterator

import ipywidgets as widgets
import pandas as pd

from ..model import Contact, ValidationError
from ..store import Store

WIDE = widgets.Layout(width="34em")
LABEL_STYLE = {"description_width": "9em"}


def esc(value) -> str:
    """Text for an HTML widget: every character shown as itself."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def html_table(frame: pd.DataFrame, columns: dict[str, str], *, caption: str, empty: str) -> str:
    """An escaped HTML table of `frame` with `columns` (column -> heading) and a caption."""
    if frame.empty:
        return f"<p>{esc(empty)}</p>"
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in columns.values())
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(row[c])}</td>" for c in columns) + "</tr>"
        for row in frame[list(columns)].to_dict("records")
    )
    return (
        "<table class='workbook-table' style='border-collapse:collapse'>"
        f"<caption style='text-align:left;font-weight:bold'>{esc(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


class FieldError(widgets.HTML):
    """A message shown beside one field, announced to screen readers when it appears."""

    def __init__(self):
        super().__init__(value="")

    def show(self, message: str) -> None:
        self.value = f"<span role='alert' style='color:#b00020'>{esc(message)}</span>"

    def clear(self) -> None:
        self.value = ""

    @property
    def text(self) -> str:
        return html.unescape(_strip_tags(self.value))


class Status(widgets.HTML):
    """One line that says what just happened (saved, deleted, refused)."""

    def __init__(self):
        super().__init__(value="")

    def ok(self, message: str) -> None:
        self.value = f"<span role='status' style='color:#1b5e20'>✔ {esc(message)}</span>"

    def fail(self, message: str) -> None:
        self.value = f"<span role='alert' style='color:#b00020'>✘ {esc(message)}</span>"

    @property
    def text(self) -> str:
        return html.unescape(_strip_tags(self.value))


def _strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


class Form:
    """Field errors keyed by the names ValidationError uses, so a message lands beside its field."""

    def __init__(self, fields: dict[str, widgets.Widget]):
        self.fields = fields
        self.errors = {name: FieldError() for name in fields}

    def row(self, name: str) -> widgets.HBox:
        return widgets.HBox([self.fields[name], self.errors[name]])

    def clear(self) -> None:
        for error in self.errors.values():
            error.clear()

    def show(self, error: ValidationError) -> None:
        target = self.errors.get(error.field)
        if target is None:  # a field this form does not show: say it on the first row
            target = next(iter(self.errors.values()))
        target.show(error.message)


class ContactPicker(widgets.Combobox):
    """Type to pick a contact; a name that is not in the list becomes a new contact on save."""

    def __init__(self, store: Store, description: str = "Who", **kwargs):
        super().__init__(
            description=description,
            placeholder="Start typing a name",
            ensure_option=False,
            continuous_update=False,
            style=LABEL_STYLE,
            layout=WIDE,
            **kwargs,
        )
        self.store = store
        self.reload()

    def reload(self) -> None:
        names = self.store.contact_names()
        counts: dict[str, int] = {}
        for name in names.values():
            counts[name] = counts.get(name, 0) + 1
        # Two contacts with one name are told apart by their id.
        self._ids = {(name if counts[name] == 1 else f"{name} (#{cid})"): cid for cid, name in names.items()}
        self._labels = {cid: label for label, cid in self._ids.items()}
        self.options = tuple(self._ids)

    def selected_id(self) -> int | None:
        """The id of the contact named in the box, or None for an empty or new name."""
        return self._ids.get(self.value.strip())

    def label_for(self, contact_id: int | None) -> str:
        return self._labels.get(contact_id, "") if contact_id is not None else ""

    @contextlib.contextmanager
    def saving_with(self) -> Iterator[None]:
        """A block that resolves this box with create=True and then saves something for that
        contact: both are saved or neither is, and after a refusal the box forgets the new name."""
        try:
            with self.store.transaction():
                yield
        except BaseException:
            self.reload()
            raise

    def resolve(self, *, create: bool) -> tuple[int, bool]:
        """The chosen contact's id, and whether it was created now. Raises ValidationError('contact')."""
        text = self.value.strip()
        if text in self._ids:
            return self._ids[text], False
        if not create:
            raise ValidationError("contact", f"{text!r} is not one of your contacts.")
        try:
            new_id = self.store.add_contact(Contact(name=text))
        except ValidationError as error:
            raise ValidationError("contact", error.message) from None
        self.reload()
        return new_id, True


class ConfirmDelete(widgets.HBox):
    """A Delete button that asks before it deletes anything."""

    def __init__(self, what: str, on_confirm: Callable[[], None]):
        self.what = what
        self._on_confirm = on_confirm
        self.delete_button = widgets.Button(description="Delete…", icon="trash", tooltip=f"Delete this {what}")
        self.question = widgets.HTML()
        self.confirm_button = widgets.Button(description="Yes, delete", button_style="danger")
        self.cancel_button = widgets.Button(description="Cancel")
        self.delete_button.on_click(lambda _: self._ask())
        self.confirm_button.on_click(lambda _: self._confirm())
        self.cancel_button.on_click(lambda _: self._reset())
        super().__init__([self.delete_button])

    def _ask(self) -> None:
        self.question.value = f"Delete this {esc(self.what)}? This cannot be undone."
        self.children = [self.question, self.confirm_button, self.cancel_button]

    def _confirm(self) -> None:
        self._reset()
        self._on_confirm()

    def _reset(self) -> None:
        self.children = [self.delete_button]


def heading(text: str, level: int = 3) -> widgets.HTML:
    return widgets.HTML(f"<h{level} style='margin:0.4em 0'>{esc(text)}</h{level}>")
