"""Repairs to the HTML that the theme and the widget embed manager produce, so every page of the
book passes the accessibility scan and loads without errors (tests/test_book.py drives both).

- The sidebar's expand buttons (<summary>) get a name: "Sections of <page title>".
- Folded code cells' toggles are named by their visible text ("Show code cell source"), not by a
  different aria-label.
- Bibliography entries use the ARIA role their list expects (listitem, not the deprecated
  doc-biblioentry).
- The search and colour-mode buttons are named by what they show (templates/).
- Unselected widget tab titles get enough contrast (static/widgets.css).
- The widget embed manager is told where its icon fonts live; otherwise it asks for them next to
  the page, and every chapter page shows empty squares and logs 404s.
- The colour mode starts as "auto". The theme's default here is empty, which it reports as an
  error in the console of every reader who has not chosen a mode yet.
- A script added twice to every page (sphinx-thebe's settings) is added once; twice is a
  "has already been declared" error in the browser.
"""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from markupsafe import Markup

HERE = Path(__file__).parent


TOOLS_STATIC = HERE.parent.parent / "workbook" / "widgets" / "static"


def setup(app):
    app.connect("config-inited", add_paths)
    app.connect("builder-inited", tell_widgets_where_their_assets_are)
    # After the theme has put its own functions in the page context (default priority 500).
    app.connect("html-page-context", repair_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def add_paths(app, config) -> None:
    config.templates_path.insert(0, str(HERE / "templates"))
    config.html_static_path.append(str(HERE / "static"))
    # The tools' own stylesheet, the same file JupyterLab gets, then the website's adjustments.
    config.html_static_path.append(str(TOOLS_STATIC))
    config.html_css_files.append("tools.css")
    config.html_css_files.append("widgets.css")


def tell_widgets_where_their_assets_are(app) -> None:
    embed = next((url for url in app.config.nb_ipywidgets_js if url.endswith("/embed-amd.js")), None)
    if embed:
        assets = embed.rsplit("/", 1)[0] + "/"
        # Before the embed manager's own script, which reads it when it loads.
        app.add_js_file(None, body=f"window.__jupyter_widgets_assets_path__ = {json.dumps(assets)};", priority=100)


def repair_page(app, pagename, templatename, context, doctree) -> None:
    context["script_files"] = without_repeats(context.get("script_files", []))
    context["default_mode"] = context.get("default_mode") or "auto"
    if "body" in context:
        context["body"] = (
            context["body"]
            .replace('role="doc-biblioentry"', 'role="listitem"')
            .replace('<summary aria-label="Toggle hidden content">', "<summary>")
        )
    toctree = context.get("generate_toctree_html")
    if toctree is not None:
        context["generate_toctree_html"] = lambda *args, **kwargs: Markup(name_summaries(str(toctree(*args, **kwargs))))


def without_repeats(scripts: list) -> list:
    """Scripts in page order, each once. An inline script added after the builder started is
    listed twice, once with filename None and once with ''."""
    seen, kept = set(), []
    for script in scripts:
        key = (getattr(script, "filename", script) or "", json.dumps(getattr(script, "attributes", {}), sort_keys=True))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    return kept


def name_summaries(html: str) -> str:
    """Give each text-less <summary> in a navigation tree a visually hidden name."""
    soup = BeautifulSoup(html, "html.parser")
    for summary in soup.find_all("summary"):
        if summary.get_text(strip=True):
            continue
        link = summary.parent.find_previous_sibling("a")
        title = link.get_text(" ", strip=True) if link else "this page"
        label = soup.new_tag("span", attrs={"class": "visually-hidden"})
        label.string = f"Sections of {title}"
        summary.append(label)
    return str(soup)

