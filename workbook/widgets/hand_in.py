"""Hand in your class summary: see exactly what the file holds, then write it with a click.

The summary is the one `python -m workbook class-summary export` writes (workbook/class_summary.py):
counts only, no names, notes, e-mail addresses or dates. This tool

1. shows every number the file will hold, and the file itself, before anything is written;
2. on **Write my summary file**, writes it beside the learner's workbook (their own data folder)
   and offers it as a download link, to hand in however the instructor says;
3. on a hub where the instructor has named a shared drop folder (environment variable
   WORKBOOK_CLASS_DROP), offers to put a copy there, only after the learner ticks a consent box
   that says who will see it. Without that variable the tool never writes outside the learner's
   own folder.

`python -m workbook class-summary aggregate FOLDER` reads the drop folder as it reads any folder."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import ipywidgets as widgets

from .. import class_summary
from ..domain.contacts import CIRCLES
from ..domain.exchanges import DIRECTIONS, KINDS
from ..files import atomic_write
from ..store import Store, data_home, shared
from .common import Status, Tool, esc

DROP_VARIABLE = "WORKBOOK_CLASS_DROP"
DIRECTION_WORDS = {"gave": "given", "received": "received"}
# JupyterLab does not style links inside widget HTML; the theme's own link colour keeps dark themes readable.
LINK_STYLE = "color:var(--jp-content-link-color, #1f5fa8);text-decoration:underline"


def drop_folder() -> Path | None:
    """The instructor's shared folder for summaries, if WORKBOOK_CLASS_DROP names one."""
    value = os.environ.get(DROP_VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def file_name(data: dict) -> str:
    return f"class-summary-{data['summary_id'][:8]}.json"


def describe(data: dict) -> list[tuple[str, str]]:
    """The summary as (what, numbers) lines a person can read."""
    def joined(mapping, labels=None):
        return ", ".join(f"{(labels or {}).get(k, k)} {v}" for k, v in mapping.items())

    quiz = ", ".join(f"{n}: {q['correct']} of {q['answered']}" for n, q in data["quiz"].items() if q["answered"])
    progress = ", ".join(f"{n}: {c}" for n, c in data["progress"].items() if c)
    return [
        ("Contacts by circle", joined({c: data["contacts_by_circle"][c] for c in CIRCLES})),
        ("Contacts by closeness layer", joined(data["contacts_by_layer"], class_summary.LAYER_LABELS)),
        *[(f"Exchanges {DIRECTION_WORDS.get(d, d)}", joined({k: data["exchanges"][d][k] for k in KINDS})) for d in DIRECTIONS],
        ("Conversation plans", str(data["plans"])),
        ("Promises", f"yours {data['promises']['mine_kept']} kept of {data['promises']['mine_made']}; "
                     f"theirs {data['promises']['theirs_kept']} kept of {data['promises']['theirs_made']}"),
        ("Quiz answers (correct of answered), by chapter", quiz or "none yet"),
        ("Progress items, by chapter", progress or "none yet"),
        ("A random id", f"{data['summary_id']} (the same workbook always gets the same one, so a second hand-in counts once)"),
    ]


class HandIn(Tool):
    """Shows the learner's anonymous class summary; writes it and offers it for download on a click;
    on a hub with a drop folder, copies it there after consent shown on screen."""

    title = "Hand in your class summary"

    def __init__(self, store: Store | None = None, *, folder: str | os.PathLike | None = None):
        self.store = shared(store)
        self.folder = Path(folder) if folder is not None else data_home()
        self.drop = drop_folder()
        self.written: Path | None = None
        self.data = class_summary.summarize(self.store)
        self.preview = widgets.HTML(self._preview_html())
        self.write_button = widgets.Button(description="Write my summary file", icon="file", button_style="primary",
                                           layout=widgets.Layout(width="auto"))
        self.write_button.on_click(lambda _: self.write())
        self.download = widgets.HTML("")
        self.status = Status()
        children = [self.preview, self.write_button, self.download, self.status]
        self.consent = self.drop_button = self.drop_status = None
        if self.drop is not None:
            self.consent = widgets.Checkbox(
                value=False,
                indent=False,
                description="I agree to put a copy of this file, exactly as shown above, in the class folder.",
                layout=widgets.Layout(width="auto"),
            )
            self.drop_button = widgets.Button(description="Put a copy in the class folder", icon="upload", disabled=True,
                                              layout=widgets.Layout(width="auto"))
            self.consent.observe(lambda change: setattr(self.drop_button, "disabled", not change["new"]), "value")
            self.drop_button.on_click(lambda _: self.hand_in())
            self.drop_status = Status()
            children += [
                widgets.HTML(
                    "<p><b>Hand it in on this server.</b> Your instructor has set up a class folder: "
                    f"<code>{esc(self.drop)}</code>. Whoever looks after the folder can open every file in it, and "
                    "the server records which account saved each file. The class report only ever shows numbers that "
                    "five or more people stand behind. Taking part is optional.</p>"
                ),
                self.consent,
                self.drop_button,
                self.drop_status,
            ]
        super().__init__(self.store, children)

    def refresh(self) -> None:
        """Counts follow the workbook: what the preview shows is what a click writes."""
        self.data = class_summary.summarize(self.store)
        self.preview.value = self._preview_html()

    def __repr__(self) -> str:
        return f"HandIn(summary {self.data['summary_id'][:8]}, drop folder {'set' if self.drop else 'not set'})"

    def _preview_html(self) -> str:
        rows = "".join(f"<tr><th scope='row'>{esc(what)}</th><td>{esc(numbers)}</td></tr>" for what, numbers in describe(self.data))
        return (
            "<div class='workbook-hand-in'>"
            "<p><b>Your class summary: everything the file holds.</b> Counts only: no names, notes, e-mail "
            "addresses, dates or anything else you typed. Nothing is written until you click.</p>"
            f"<table class='workbook-table'><tbody>{rows}</tbody></table>"
            "<details><summary>The file itself</summary>"
            f"<pre class='workbook-file'>{esc(class_summary.dumps(self.data))}</pre></details></div>"
        )

    def write(self) -> Path | None:
        """Write the summary shown into the learner's own folder and offer it as a download."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / file_name(self.data)
            atomic_write(target, class_summary.dumps(self.data))
        except OSError as error:
            self.status.fail(f"Not written: {error.strerror} ({self.folder}). Ask your instructor, or use the terminal command.")
            return None
        self.written = target
        encoded = base64.b64encode(class_summary.dumps(self.data).encode("utf-8")).decode("ascii")
        self.download.value = (
            f"<p><a download='{esc(target.name)}' style='{LINK_STYLE}' href='data:application/json;base64,{encoded}'>"
            f"Download {esc(target.name)}</a> and hand it in the way your instructor asked.</p>"
        )
        self.status.ok(f"Written to {target}.")
        return target

    def hand_in(self) -> Path | None:
        """Copy the summary into the drop folder; refused unless the consent box is ticked."""
        if self.drop is None or self.consent is None:
            return None
        if not self.consent.value:
            self.drop_status.fail("Tick the box first: nothing goes to the class folder without your agreement.")
            return None
        if not self.drop.is_dir():
            self.drop_status.fail(f"The class folder {self.drop} does not exist on this server; tell your instructor.")
            return None
        target = self.drop / file_name(self.data)
        try:
            atomic_write(target, class_summary.dumps(self.data))
            # Written privately (0600) like every temporary file; the instructor's account must be
            # able to read it. The folder itself should not be listable by learners (mode 1733).
            target.chmod(0o644)
        except OSError as error:
            self.drop_status.fail(f"Not handed in: {error.strerror}. Tell your instructor; you can download the file instead.")
            return None
        self.drop_status.ok(f"Handed in: {target.name} is in the class folder. Thank you.")
        return target


class HandInButton(widgets.VBox):
    """One button that opens the hand-in tool, for the foot of the progress view."""

    def __init__(self, store: Store | None = None):
        self.store = store
        self.tool: HandIn | None = None
        self.button = widgets.Button(description="Hand in my class summary…", icon="share",
                                     tooltip="See what an anonymous class summary holds, then choose to write it",
                                     layout=widgets.Layout(width="auto"))
        self.button.on_click(lambda _: self.show_tool())
        super().__init__([self.button])

    def __repr__(self) -> str:
        return "HandInButton()"

    def show_tool(self) -> HandIn:
        # Not `open`: ipywidgets.Widget.open() opens the widget's comm; overriding it leaves the
        # front end with "model not found".
        if self.tool is None:
            self.tool = HandIn(self.store)
            self.children = [self.tool]
        return self.tool
