"""The one way a tool saves (`Tool.saving`): a refused field is explained beside it and nothing is
written, an entry deleted elsewhere says so, and any other error surfaces instead of reading as
"Not saved"."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pytest

import workbook.widgets
from workbook.domain.contacts import Contact
from workbook.domain.validation import ValidationError
from workbook.widgets import ContactBook, TimeBlocks
from workbook.widgets.common import Form, Status, Tool

WIDGETS = Path(workbook.widgets.__file__).parent


class Probe(Tool):
    """A tool with one field, to drive the helper directly."""

    title = "Probe"

    def __init__(self, store):
        self.name = widgets.Text()
        self.form = Form({"name": self.name})
        self.status = Status()
        super().__init__(store, [self.form.row("name"), self.status])


def test_a_refused_field_shows_its_message_beside_it_and_nothing_is_written(store):
    probe = Probe(store)
    with probe.saving(probe.status, probe.form) as attempt:
        store.contacts.add(Contact("Ada"))
        raise ValidationError("name", "a name needs a letter.")
    assert not attempt.saved
    assert probe.form.errors["name"].text == "a name needs a letter."
    assert "workbook-invalid" in probe.name._dom_classes
    assert probe.status.text == "✘ Not saved: the field outlined in red says what to change."
    assert store.contacts.names() == {}  # the write before the refusal was rolled back

    with probe.saving(probe.status, probe.form) as attempt:
        store.contacts.add(Contact("Ada"))
    assert attempt.saved and list(store.contacts.names().values()) == ["Ada"]
    assert probe.form.errors["name"].text == "" and "workbook-invalid" not in probe.name._dom_classes


def test_without_a_form_the_refusal_is_on_the_status_line(store):
    probe = Probe(store)
    with probe.saving(probe.status, failed="Nothing added") as attempt:
        raise ValidationError("name", "a name needs a letter.")
    assert not attempt.saved and probe.status.text == "✘ Nothing added: a name needs a letter."


def test_a_contact_deleted_elsewhere_gives_the_not_found_message(store):
    probe = Probe(store)
    gone = store.contacts.add(Contact("Ada"))
    store.contacts.delete(gone)
    with probe.saving(probe.status, probe.form, failed="Not logged") as attempt:
        store.touchpoints.log(gone, dt.date(2024, 5, 1))
    assert not attempt.saved
    assert probe.status.text.startswith("✘ Not logged: ") and "deleted in another notebook" in probe.status.text
    assert "workbook-invalid" not in probe.name._dom_classes  # no field is to blame
    assert store.table("touchpoints").empty


def test_a_tool_acting_on_a_vanished_contact_says_it_is_gone(store):
    store.contacts.add(Contact("Ada"))
    book = ContactBook(store)
    gone = next(iter(store.contacts.names()))
    store.contacts.delete(gone)
    book.talked_today(gone)
    assert "Not logged" in book.due_status.text and "deleted in another notebook" in book.due_status.text


def test_an_unexpected_error_propagates_and_writes_nothing(store):
    probe = Probe(store)
    with pytest.raises(ZeroDivisionError):
        with probe.saving(probe.status, probe.form):
            store.contacts.add(Contact("Ada"))
            raise ZeroDivisionError  # any error the tool did not expect
    assert store.contacts.names() == {} and probe.status.text == ""


def test_a_bug_in_a_tool_is_not_read_as_not_saved(store, monkeypatch):
    blocks = TimeBlocks(store)

    def broken(block):
        raise AttributeError("'TimeBlock' object has no attribute 'weekday_name'")

    monkeypatch.setattr(store.time_blocks, "add", broken)
    with pytest.raises(AttributeError):
        blocks.add()
    assert "Not saved" not in blocks.status.text


BROAD = {"Exception", "BaseException", "KeyError", "LookupError", "ValueError", "NOT_FOUND"}


def _caught(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"BaseException"}  # a bare except
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {kind.id if isinstance(kind, ast.Name) else ast.unparse(kind) for kind in kinds}


def test_only_the_helper_catches_not_found_or_turns_a_refusal_into_a_message():
    """No tool catches broadly (a bug would read as "Not saved: 'x'"), and a tool that catches a
    ValidationError only re-raises it with a better field or message: showing it is the helper's."""
    found = []
    for path in sorted(WIDGETS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helper = next(
            (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == "saving"), None
        )
        inside_helper = {id(node) for node in ast.walk(helper)} if helper is not None else set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.ExceptHandler) or id(node) in inside_helper:
                continue
            caught = _caught(node)
            reraises = isinstance(node.body[-1], ast.Raise)
            if caught & BROAD or ("ValidationError" in caught and not reraises):
                found.append(f"{path.name}:{node.lineno} except {', '.join(sorted(caught))}")
    assert found == []


def test_a_learners_edit_on_another_thread_saves_while_the_tool_fills_its_own_fields(store):
    """Widget messages may arrive on a kernel subshell's thread while the tool reloads on another:
    the tool's own changes save nothing, the learner's edit from the other thread still saves."""
    import threading

    from workbook.widgets import ConversationPlanner

    store.contacts.add(Contact("Ada Lovelace"))
    planner = ConversationPlanner(store)
    plan_id = planner.fill("Ada Lovelace", goal="Ask about the engine")
    with planner.loading():
        planner.text["goal"].value = "set by the tool itself"
    assert store.plans.get(plan_id).goal == "Ask about the engine"  # the tool's own change saves nothing
    with planner.loading():  # while this thread reloads, the learner edits on another
        edit = threading.Thread(target=setattr, args=(planner.text["offer"], "value", "An intro to Babbage"))
        edit.start()
        edit.join()
    assert store.plans.get(plan_id).offer == "An intro to Babbage"
