"""Pieces every tool shares: escaped HTML, field errors, status lines, a contact picker,
confirm-before-delete, and the one way a tool saves (`Tool.saving`). Anything a learner or a file
supplies is shown as text, never as HTML."""

from __future__ import annotations

import base64
import collections
import contextlib
import html
import json
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from ..domain.contacts import Contact, contact_labels
from ..domain.validation import ValidationError, name_key
from ..markup import esc
from ..store import NotFound, Store, where_saved

WIDE = widgets.Layout(width="46em", max_width="100%")
LABEL_STYLE = {"description_width": "10em"}
STYLESHEET = Path(__file__).with_name("static") / "tools.css"

# Keys pressed inside a tool must not reach JupyterLab's notebook shortcuts (ArrowDown selects the
# next cell, "r" makes a raw cell, "dd" deletes one: ipywidgets issue #3912, still open). Lumino
# skips its shortcuts for a keydown whose focused element carries data-lm-suppress-shortcuts, and
# it checks the focused element itself first, so the attribute goes on each element as it gets focus.
_PAGE_SCRIPT = """(function () {
  var style = document.getElementById("workbook-tools-css");
  if (!style) {
    style = document.createElement("style");
    style.id = "workbook-tools-css";
    document.head.appendChild(style);
  }
  style.textContent = %s;
  if (window.__workbookKeyboardGuard) return;
  window.__workbookKeyboardGuard = true;
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target instanceof Element && target.closest(".workbook-tool")) {
      target.setAttribute("data-lm-suppress-shortcuts", "true");
    }
  }, true);
  // Run All moves the active cell to the last one (the References) and scrolls there; a widget's
  // message never moves it. Watch the notebook on screen: remember where the learner is; when the
  // active cell jumps to the last one, keep the place from before the jump, and go back to it once
  // the run is over. (A click on the last cell moves the active cell but not the view, so going
  // back changes nothing then.) Menu clicks cannot be caught reliably: Lumino acts on mouseup.
  function onScreen() {
    return Array.prototype.find.call(document.querySelectorAll(".jp-NotebookPanel"), function (panel) {
      var box = panel.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    });
  }
  function activeIsLast(panel) {
    var cells = panel.querySelectorAll(".jp-Notebook .jp-Cell");
    return cells.length > 0 && cells[cells.length - 1].classList.contains("jp-mod-active");
  }
  var installedBy = onScreen();  // a tool cell of this notebook ran this script: mid-run, begun at the top
  setInterval(function () {
    var panel = onScreen();
    var scroller = panel && panel.querySelector(".jp-WindowedPanel-outer");
    var indicator = panel && panel.querySelector(".jp-Notebook-ExecutionIndicator");
    if (!scroller || !indicator) return;
    var busy = indicator.getAttribute("data-status") === "busy", last = activeIsLast(panel);
    if (scroller.__workbookPlace === undefined) {
      var midRun = panel === installedBy;
      scroller.__workbookPlace = midRun ? 0 : scroller.scrollTop;
      scroller.__workbookWasLast = midRun ? false : last;
      scroller.__workbookSawBusy = midRun;
    }
    if (last && !scroller.__workbookWasLast) {
      scroller.__workbookReturnTo = scroller.__workbookPlace;
      scroller.__workbookSawBusy = scroller.__workbookSawBusy || busy;
    } else if (scroller.__workbookReturnTo !== undefined) {
      if (busy) {
        scroller.__workbookSawBusy = true;
      } else if (scroller.__workbookSawBusy) {
        var place = scroller.__workbookReturnTo;
        scroller.__workbookReturnTo = undefined;
        scroller.__workbookSawBusy = false;
        setTimeout(function () { scroller.scrollTop = place; }, 500);
      }
    } else {
      scroller.__workbookPlace = scroller.scrollTop;
    }
    scroller.__workbookWasLast = last;
  }, 300);
})();"""


def page_assets() -> dict[str, str]:
    """The tools' stylesheet and keyboard guard for the page they are shown on, as an output
    bundle (JupyterLab runs it for each tool; it is idempotent). Its plain-text form is empty, so
    a saved notebook shows nothing for it. The website gets the same stylesheet from book/_ext."""
    return {"application/javascript": _PAGE_SCRIPT % json.dumps(STYLESHEET.read_text(encoding="utf-8")), "text/plain": ""}


def download_link(content: str | bytes, filename: str, mime: str, label: str) -> str:
    """A link that downloads `content` as a file with one click (works in JupyterLab, in the
    browser-only course and on a hub alike: nothing to find in a file browser)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    encoded = base64.b64encode(data).decode("ascii")
    return f"<a download='{esc(filename)}' href='data:{mime};base64,{encoded}'>{esc(label)}</a>"


def card_html(markdown: str) -> str:
    """A conversation card (the Markdown `model.conversation_card` writes) as formatted HTML.
    Only the card's own shapes are read: headings, bullet lists, a quoted message and a bold label
    at the start of a line; every value is escaped, so learner text stays text."""

    def text(raw: str) -> str:
        plain = html.unescape(re.sub(r"\\(.)", r"\1", raw))  # undo model.markdown_text
        return esc(plain)

    def inline(raw: str) -> str:
        label = re.match(r"\*\*(.+?):\*\*\s*(.*)", raw)
        return f"<strong>{text(label[1])}:</strong> {text(label[2])}" if label else text(raw)

    out: list[str] = []
    in_list = False
    quote: list[str] = []
    for line in markdown.splitlines():
        if line.startswith(">"):
            quote.append(line[1:].strip())
            continue
        if quote:
            out.append("<blockquote>" + "<br>".join(text(q) for q in quote) + "</blockquote>")
            quote = []
        if line.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{inline(line[2:])}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if line.startswith("## "):
            out.append(f"<h2>{text(line[3:])}</h2>")
        elif line.startswith("# "):
            out.append(f"<h1>{text(line[2:])}</h1>")
        elif line.strip():
            out.append(f"<p>{inline(line)}</p>")
    if in_list:
        out.append("</ul>")
    if quote:
        out.append("<blockquote>" + "<br>".join(text(q) for q in quote) + "</blockquote>")
    return "<div class='workbook-card'>" + "".join(out) + "</div>"


class FieldError(widgets.HTML):
    """A message shown beside one field, announced to screen readers when it appears."""

    def __init__(self):
        super().__init__(value="")

    def show(self, message: str) -> None:
        self.value = f"<span role='alert' class='workbook-field-error'>{esc(message)}</span>"

    def clear(self) -> None:
        self.value = ""

    @property
    def text(self) -> str:
        return html.unescape(_strip_tags(self.value))


class Status(widgets.HTML):
    """One line that says what just happened (saved, deleted, refused). The website, where a tool
    is a picture, leaves these lines out: "saved as you go" would be a promise it cannot keep."""

    def __init__(self):
        super().__init__(value="")
        self.add_class("workbook-status")

    def ok(self, message: str) -> None:
        self.value = f"<span role='status' class='workbook-ok'>✔ {esc(message)}</span>"

    def fail(self, message: str) -> None:
        self.value = f"<span role='alert' class='workbook-fail'>✘ {esc(message)}</span>"

    def refused(self, error: ValidationError, failed: str) -> None:
        """The status line for a save refused with a field outlined: what to do next."""
        if isinstance(error, NewContactNeeded):
            self.fail(f"Not saved yet: {error.name} is new. Click “Add {error.name}” to add them, or pick someone from the list.")
        else:
            self.fail(f"{failed}: the field outlined in red says what to change.")

    @property
    def text(self) -> str:
        return html.unescape(_strip_tags(self.value))


def _strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


class Form:
    """Field errors keyed by the names ValidationError uses, so a message lands beside its field
    and the field is outlined."""

    def __init__(self, fields: dict[str, widgets.Widget]):
        self.fields = fields
        self.errors = {name: FieldError() for name in fields}

    def row(self, name: str) -> widgets.Box:
        field = self.fields[name]
        line = widgets.HBox([field, self.errors[name]])
        prompt = getattr(field, "new_contact_prompt", None)
        return widgets.VBox([line, prompt]) if prompt is not None else line

    def clear(self) -> None:
        for error in self.errors.values():
            error.clear()
        for field in self.fields.values():
            field.remove_class("workbook-invalid")

    def show(self, error: ValidationError) -> None:
        if isinstance(error, NewContactNeeded):
            return  # not a mistake: the picker's own question ("Add … as a new contact?") is showing
        name = error.field if error.field in self.errors else next(iter(self.errors))  # unknown: the first row
        self.errors[name].show(error.message)
        self.fields[name].add_class("workbook-invalid")


class NewContactNeeded(ValidationError):
    """A save that waits for the learner to confirm a name that is not among their contacts."""

    def __init__(self, name: str):
        super().__init__("contact", f"{name} is not one of your contacts yet.")
        self.name = name


class ContactPicker(widgets.Combobox):
    """Type to pick a contact. The list is live: a contact added, renamed or deleted by any tool on
    the same workbook shows up at once. A typed name that matches a contact (ignoring case and
    spacing) is that contact; a new name becomes a contact only after the learner confirms it, once,
    with the button that appears under the box."""

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
        self._confirmed: str | None = None  # name_key of the new name the learner said yes to
        self._on_confirm: Callable[[], None] | None = None
        self.add_button = widgets.Button(button_style="primary", icon="user-plus")
        self.not_now_button = widgets.Button(description="Not now")
        self.add_button.on_click(lambda _: self.confirm_new())
        self.not_now_button.on_click(lambda _: self._hide_prompt())
        self.question = widgets.HTML()
        # Shown by giving the box its row, hidden by emptying it: swapping children redraws the same
        # way in every front end (a layout's display going back to None did not in JupyterLite).
        self._prompt_row = widgets.HBox([self.question, self.add_button, self.not_now_button])
        self.new_contact_prompt = widgets.VBox([])
        self.observe(self._on_typed, "value")
        self.reload()
        store.subscribe(self.reload)

    def reload(self) -> None:
        """Load the names afresh (another tool may have changed them): one query, run by every
        picker after every change, so it stays a single pass over the contacts."""
        directory = self.store.contacts.directory()
        self._ids = contact_labels(directory)
        self._labels = {cid: label for label, cid in self._ids.items()}
        # A typed name finds its contact by label ("Sam Okoye (Northwind)") or by plain name.
        self._by_key: dict[str, list[int]] = {}
        for label, cid in self._ids.items():
            self._by_key.setdefault(name_key(label), []).append(cid)
        for cid, name in zip(directory["id"].tolist(), directory["name"]):
            ids = self._by_key.setdefault(name_key(name), [])
            if cid not in ids:
                ids.append(cid)
        self.options = tuple(self._ids)

    def when_confirmed(self, callback: Callable[[], None]) -> None:
        """What to do once the learner confirms a new name (the tool's save)."""
        self._on_confirm = callback

    def selected_id(self) -> int | None:
        """The id of the contact named in the box, or None for an empty, new or ambiguous name."""
        self.store.sync()  # a contact another notebook added is found, not taken for a new name
        ids = self._by_key.get(name_key(self.value), [])
        return ids[0] if len(ids) == 1 else None

    def label_for(self, contact_id: int | None) -> str:
        return self._labels.get(contact_id, "") if contact_id is not None else ""

    def resolve(self, *, create: bool) -> tuple[int, bool]:
        """The chosen contact's id, and whether it was created now. Raises ValidationError('contact'),
        or NewContactNeeded (a ValidationError) while a new name waits for the learner's yes."""
        text = " ".join(self.value.split())
        if not text:
            raise ValidationError("contact", "Contact is empty: choose someone from the list, or type a name.")
        self.store.sync()  # another notebook may have added this person since the list was loaded
        ids = self._by_key.get(name_key(text), [])
        if len(ids) == 1:
            return ids[0], False
        if len(ids) > 1:
            raise ValidationError(
                "contact", f"You have {len(ids)} contacts called {text}: pick one from the list (their company or how you met tells them apart)."
            )
        if not create:
            raise ValidationError("contact", f"{text} is not one of your contacts.")
        if self._confirmed != name_key(text):
            self._ask(text)
            raise NewContactNeeded(text)
        try:
            new_id = self.store.contacts.add(Contact(name=text))
        except ValidationError as error:
            raise ValidationError("contact", error.message) from None
        self._confirmed = None
        self._hide_prompt()
        return new_id, True

    def _ask(self, text: str) -> None:
        self.question.value = f"<span class='workbook-question'>Add {esc(text)} as a new contact?</span>"
        self.add_button.description = f"Add {text}"
        self.new_contact_prompt.children = (self._prompt_row,)

    @property
    def asking(self) -> bool:
        """Whether the "Add … as a new contact?" question is showing."""
        return bool(self.new_contact_prompt.children)

    def confirm_new(self) -> None:
        """The learner's yes to adding the typed name (the "Add …" button)."""
        self._confirmed = name_key(self.value)
        self._hide_prompt()
        if self._on_confirm is not None:
            self._on_confirm()

    def _hide_prompt(self) -> None:
        self.new_contact_prompt.children = ()

    def _on_typed(self, change) -> None:
        if name_key(change["new"]) != self._confirmed:
            self._hide_prompt()


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
    return widgets.HTML(f"<h{level} class='workbook-heading'>{esc(text)}</h{level}>")


# What the store raises for an entry that is gone: deleted in another notebook or tool since this
# one showed it. Caught here and nowhere else in the widgets.
NOT_FOUND = (NotFound,)

# Per thread: how deep each tool (by id) is in filling its own fields. Widget messages may arrive on
# another thread than the one loading (a kernel subshell), and a learner's edit that lands while a
# tool reloads on another thread is still the learner's.
_loading_here = threading.local()


class Attempt:
    """How a `Tool.saving` block ended: `saved` is False once the learner has been told why not."""

    def __init__(self):
        self.saved = True


class Tool(widgets.VBox):
    """The frame every tool shares: its heading, a line that says whose data it shows (Robin's
    sample or yours), the course stylesheet and keyboard guard, and live updates: any change to the
    workbook, made by this tool or another, calls `refresh()`."""

    title = ""  # "Reciprocity tracker"

    def __init__(self, store: Store, children, **kwargs):
        self.store = store
        self._quiet = 0
        persona = store.get_meta("persona")
        super().__init__([heading(self.title), widgets.HTML(banner(persona)), *children], **kwargs)
        self.add_class("workbook-tool")
        self.add_class("workbook-sample" if persona else "workbook-mine")
        store.subscribe(self._store_changed)

    def refresh(self) -> None:
        """Show the workbook as it is now."""

    @contextlib.contextmanager
    def saving(self, status: Status, form: Form | None = None, *, failed: str = "Not saved") -> Iterator[Attempt]:
        """The one way a tool writes what the learner entered: `with self.saving(self.status,
        self.form) as attempt:` around the checks and writes, then `if not attempt.saved: ...`.
        The block is one transaction. Refused input (a ValidationError) writes nothing: its message
        goes beside the field it names, outlined in red (without a form, on the status line after
        `failed`). An entry deleted elsewhere writes nothing and says so after `failed`. Any other
        error is a bug and propagates."""
        attempt = Attempt()
        if form is not None:
            form.clear()
        try:
            with self.store.transaction():
                yield attempt
        except ValidationError as error:
            attempt.saved = False
            if form is None:
                status.fail(f"{failed}: {error.message}")
            else:
                form.show(error)
                status.refused(error, failed)
        except NOT_FOUND as error:
            attempt.saved = False
            status.fail(f"{failed}: {error.args[0]}")  # the store's words: what is gone, deleted elsewhere

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """A block in which the tool fills its own fields (opening an entry, clearing the form,
        reloading a list): the changes it makes there are not edits, so they save nothing."""
        depth = vars(_loading_here).setdefault("tools", collections.Counter())
        depth[id(self)] += 1
        try:
            yield
        finally:
            depth[id(self)] -= 1

    @property
    def is_loading(self) -> bool:
        """Whether this thread is inside the tool's `loading()` block."""
        return vars(_loading_here).get("tools", {}).get(id(self), 0) > 0

    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """A block whose writes this tool shows by itself (often faster than a full refresh);
        the other tools on the store still hear of them."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _store_changed(self) -> None:
        if not self._quiet:
            self.refresh()

    @property
    def placeholder(self) -> str:
        """What a saved notebook shows for this tool before its cell runs."""
        if self.store.get_meta("persona"):
            return f"{self.title} on the sample network: run this cell to open it."
        return f"Your {self.title.lower()}: run this cell to open it."

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.placeholder
        return bundle

    def _ipython_display_(self) -> None:
        display(page_assets(), raw=True)
        display(self._repr_mimebundle_(), raw=True)


def banner(persona: str | None) -> str:
    """Whose data a tool shows. The website hides the live line (it promises saving) and shows the
    picture note instead."""
    picture = (
        "<span class='workbook-picture-note'><strong>A picture of the tool</strong> as it was saved with this "
        "page. To use it, open a live copy with the launch button at the top of the page.</span>"
    )
    if persona:
        live = f"<strong>{esc(persona)}'s sample network</strong>: try anything; your changes are thrown away."
    else:
        live = f"<strong>Yours</strong>: what you enter is saved {esc(where_saved())} as you go."
    return f"<div class='workbook-banner'><span class='workbook-live-only'>{live}</span>{picture}</div>"
