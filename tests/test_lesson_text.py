"""The lessons read well where learners read them, in JupyterLab, and not only in the book:
no MyST roles that JupyterLab would show as raw text, and every citation has its full entry in the
chapter's own References section, taken from book/references.bib."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted([*ROOT.glob("book/lessons/*.ipynb"), *ROOT.glob("book/solutions/*.ipynb"), *ROOT.glob("book/exercises/*.ipynb")])
BIB = parse_file(ROOT / "book" / "references.bib").entries
# {cite:p}`key`, {doc}`page`, {ref}`label`, {term}`word`...: MyST syntax that only the book renders.
MYST_ROLE = re.compile(r"\{[a-z]+(:[a-z]+)?\}`")
CITATION = re.compile(r"\(([A-Z][^()]*?), (\d{4})\)|([A-Z][\w-]+(?: (?:&|and) [A-Z][\w-]+| et al\.)?) \((\d{4})\)")


def markdown(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_myst_roles_that_jupyterlab_shows_raw(path):
    found = MYST_ROLE.findall(markdown(path))
    assert not found, f"{path.name} uses MyST roles JupyterLab cannot render: write plain Markdown instead"


@pytest.mark.parametrize("path", sorted(ROOT.glob("book/lessons/*.ipynb")), ids=lambda p: p.stem)
def test_every_citation_has_its_entry_in_the_chapter_references(path):
    text = markdown(path)
    body, _, references = text.partition("## References")
    for match in CITATION.finditer(body):
        authors = match.group(1) or match.group(3)
        year = match.group(2) or match.group(4)
        first_author = re.split(r" & | and | et al\.", authors)[0]
        keys = [key for key, entry in BIB.items() if entry.fields["year"] == year
                and entry.persons["author"][0].last_names[0] == first_author]
        assert keys, f"{path.name}: '{match.group(0)}' is not in book/references.bib"
        doi = BIB[keys[0]].fields.get("doi")
        entry_marker = doi if doi else BIB[keys[0]].fields["title"].replace("{", "").replace("}", "")
        assert entry_marker in references, f"{path.name}: '{match.group(0)}' has no entry under ## References"


def test_the_references_page_writes_each_entry_as_the_chapters_do():
    """book/_ext/author_year_bibliography.py formats the references page; every entry a chapter
    lists under ## References reads the same there (author-year, not [Gra73] labels)."""
    import importlib.util

    from pybtex.backends.plaintext import Backend
    from pybtex.plugin import find_plugin

    spec = importlib.util.spec_from_file_location("author_year_bibliography", ROOT / "book" / "_ext" / "author_year_bibliography.py")
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    extension.register_style()
    style = find_plugin("pybtex.style.formatting", extension.STYLE)()
    page = {entry.text.render(Backend()).replace("\xa0", " ") for entry in style.format_entries(BIB.values())}
    listed = set()
    for path in sorted(ROOT.glob("book/lessons/*.ipynb")):
        references = markdown(path).partition("## References")[2]
        listed |= {re.sub(r"[*<>]", "", line[2:]).strip() for line in references.splitlines() if line.startswith("- ")}
    assert listed and listed <= page, f"chapter entries the references page writes differently: {sorted(listed - page)}"


def test_the_references_page_reads_in_jupyterlab_too():
    """Lessons link to book/references.md; JupyterLab shows its {bibliography} directive as code, so
    the page also lists every entry in plain Markdown (hidden on the website), exactly as formatted."""
    import importlib.util

    from pybtex.backends.plaintext import Backend
    from pybtex.plugin import find_plugin

    spec = importlib.util.spec_from_file_location("author_year_bibliography", ROOT / "book" / "_ext" / "author_year_bibliography.py")
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    extension.register_style()
    style = find_plugin("pybtex.style.formatting", extension.STYLE)()
    expected = sorted(entry.text.render(Backend()).replace("\xa0", " ") for entry in style.format_entries(BIB.values()))
    page = (ROOT / "book" / "references.md").read_text(encoding="utf-8")
    plain = page.partition('<div class="jupyterlab-only">')[2].partition("</div>")[0]
    assert [line[2:] for line in plain.strip().splitlines()] == expected


def test_saved_widget_state_holds_only_what_a_page_shows():
    """`maintainer execute` keeps the models of displayed widgets and what they refer to, without the
    traits the page's widget scripts set by themselves; tools built and never shown are not saved
    (they made chapter pages several times heavier)."""
    from maintainer.notebooks import WIDGET_STATE, WIDGET_VIEW, prune_widget_state

    for path in [*NOTEBOOKS, ROOT / "book" / "instructors" / "class-report.ipynb"]:
        notebook = nbformat.read(path, as_version=4)
        saved = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        shown = {o["data"][WIDGET_VIEW]["model_id"] for c in notebook.cells for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})}
        assert shown <= set(saved), f"{path.name}: a displayed widget has no saved state"
        before = json.loads(json.dumps(saved))
        assert prune_widget_state(notebook).metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}) == before, path.name


def test_pruning_keeps_what_shown_widgets_need_and_no_more():
    import ipywidgets as widgets

    from maintainer.notebooks import WIDGET_STATE, WIDGET_VIEW, prune_widget_state

    def view(widget) -> dict:
        return {WIDGET_VIEW: {"model_id": widget.model_id, "version_major": 2, "version_minor": 0}}

    inside_output = widgets.Label("shown by an Output widget")
    output = widgets.Output()
    output.outputs = ({"output_type": "display_data", "data": view(inside_output), "metadata": {}},)
    heading = widgets.HTML("<b>Plans</b>")
    button = widgets.Button(description="Save", layout=widgets.Layout(width="10em"))
    tool = widgets.VBox([heading, button, output])
    never_shown = widgets.Text("built inside a helper, never displayed")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", data=view(tool))])])
    notebook.metadata["widgets"] = {WIDGET_STATE: widgets.Widget.get_manager_state(drop_defaults=False)}

    saved = prune_widget_state(notebook).metadata["widgets"][WIDGET_STATE]["state"]
    assert set(saved) == {w.model_id for w in (tool, heading, button, button.layout, output, inside_output)}
    assert never_shown.model_id not in saved
    # Traits at the page's defaults are left out; a layout or style that sets nothing goes with its reference.
    assert saved[heading.model_id]["state"] == {"value": "<b>Plans</b>"}
    assert saved[button.layout.model_id]["state"] == {"width": "10em"}
    # Python's default tooltip (None) is not the page's (""): kept, so the page draws what the kernel had.
    assert saved[button.model_id]["state"] == {"description": "Save", "layout": f"IPY_MODEL_{button.layout.model_id}", "tooltip": None}
    assert saved[tool.model_id]["state"] == {"children": [f"IPY_MODEL_{w.model_id}" for w in (heading, button, output)]}
    for widget in (inside_output, output, heading, button, tool, never_shown):
        widget.close()
