"""The built book, as a reader gets it. It builds from clean with zero warnings (-W -n --keep-going;
an incremental build does not repeat the warnings of unchanged pages, so only a clean build proves
this). Then, served on 127.0.0.1 and opened in Debian's Chromium, every page loads with no script
errors, no failed requests and no broken internal links, draws every saved widget, and passes an
axe-core scan with no serious or critical violations.

The pages fetch two scripts from a CDN (the widget embed manager and RequireJS). The test serves
the same npm releases from tests/js/node_modules, so the browser checks the pages' integrity
hashes against them and nothing leaves this machine."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import ARTIFACTS, browser_page, require_chromium, require_installed

pytestmark = [pytest.mark.book, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"
CDN = re.compile(r"https://cdn\.jsdelivr\.net/npm/((?:@[^/]+/)?[^/@]+)@([^/]+)/(.+)")
CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".woff": "font/woff",
                 ".woff2": "font/woff2", ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject"}
FAILING_IMPACTS = {"serious", "critical"}
WIDGET_VIEWS = 'script[type="application/vnd.jupyter.widget-view+json"]'
# The embed manager's Font Awesome stylesheet is made before it reads where its assets live, so it
# also asks for its fonts next to the page (ipywidgets issue #3658). The icons come from the copy it
# loads right after, from the CDN; these requests fail on the published book too, harmlessly.
UPSTREAM_FONT_MISSES = re.compile(r"/@jupyter-widgets/(html-manager/dist/)?[0-9a-f]{20}\.(woff2?|ttf|eot|svg)$")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    # Build from a copy so the test never races a developer's own _build folder.
    source = out / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            "_build", ".git", "*.egg-info", "__pycache__", "node_modules", ".hypothesis", "test-artifacts", ".cache"
        ),
    )
    # The in-browser course's downloads: one cache for every build (the files are checked each time).
    env = {**os.environ, "WORKBOOK_LITE_CACHE": os.environ.get("WORKBOOK_LITE_CACHE") or str(ROOT / ".cache" / "lite")}
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or shutil.which("jupyter-book")
    assert jupyter_book, "jupyter-book is not installed: pip install -r requirements-dev.txt"
    result = subprocess.run(
        [jupyter_book, "build", str(source / "book"), "-W", "-n", "--keep-going"], capture_output=True, text=True, timeout=900,
        env=env,
    )
    return result, source / "book" / "_build" / "html"


def test_book_builds_clean_without_warnings(built):
    result, html = built
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "build succeeded" in result.stdout and "warning" not in result.stdout.lower().split("build succeeded")[-1]
    assert (html / "intro.html").exists() and (html / "lessons" / "07-reciprocity.html").exists()


def test_chapter_pages_carry_saved_widget_state_and_launch_buttons(built):
    _, html = built
    page = (html / "lessons" / "07-reciprocity.html").read_text()
    assert "application/vnd.jupyter.widget-state+json" in page
    assert "application/vnd.jupyter.widget-view+json" in page
    # No repository URL in _config.yml: the in-browser course is the one way to launch.
    assert "Open in your browser — no install" in page and "../lite/lab/index.html?path=lessons/07-reciprocity.ipynb" in page
    for launcher in ("mybinder.org", "colab.research.google.com", "hub/user-redirect/git-pull"):
        assert launcher not in page, launcher
    assert (html / "lite" / "lab" / "index.html").exists() and (html / "lite" / "files" / "solutions" / "07-reciprocity.ipynb").exists()
    # the static fallback: the balances table is in the page as plain HTML
    assert "Nadia Karim" in page and "Days since" in page


# Each page a chapter has: lesson, exercises, solutions, this week's page and the class report.
CHAPTER_PAGES = ("lessons/*.html", "exercises/*.html", "solutions/*.html", "instructors/class-report.html")
PAGE_CEILING = 250_000  # bytes: about 60 KB of theme and text, the rest the tools' saved state and charts


def test_chapter_pages_stay_light(built):
    """Saved widget state once made chapter pages 0.3-1 MB; `maintainer execute` keeps only what the
    page draws, and the charts are palette PNGs."""
    _, html = built
    sizes = {page.relative_to(html).as_posix(): page.stat().st_size for pattern in CHAPTER_PAGES for page in html.glob(pattern)}
    assert len(sizes) >= 27
    heavy = {name: size for name, size in sizes.items() if size > PAGE_CEILING}
    assert not heavy, f"pages over {PAGE_CEILING} bytes: {heavy}"


def test_chart_images_have_alt_text(built):
    _, html = built
    page = (html / "lessons" / "07-reciprocity.html").read_text()
    assert "alt='Bar chart of exchanges per month" in page or 'alt="Bar chart of exchanges per month' in page


# --- in the browser ----------------------------------------------------------------------------


# Every widget model's defaults as the pages' widget scripts set them (keyed "module ModelName"),
# read from the bundle once it has loaded: what `maintainer.notebooks.prune_widget_state` leaves out.
WIDGET_DEFAULTS_IN_PAGE = """() => new Promise(resolve => window.require(
    ['@jupyter-widgets/base', '@jupyter-widgets/controls'], (...modules) => {
        const defaults = {};
        for (const [module, exports] of [['@jupyter-widgets/base', modules[0]], ['@jupyter-widgets/controls', modules[1]]])
            for (const [name, model] of Object.entries(exports))
                if (name.endsWith('Model') && model.prototype && model.prototype.defaults)
                    defaults[`${module} ${name}`] = JSON.parse(JSON.stringify(model.prototype.defaults()));
        resolve(defaults);
    }))"""


def pages_of(html: Path) -> list[str]:
    """Every page a reader can open: the book's pages, the index and search pages, and the printable
    handouts in _downloads. Not the theme's template fragments in _static."""
    return sorted(
        path.relative_to(html).as_posix()
        for path in html.rglob("*.html")
        if path.relative_to(html).parts[0] not in {"_static", "_sources", "_images", "lite"}  # lite: tests/test_lite.py
    )


@contextlib.contextmanager
def served(folder: Path):
    """A static web server for `folder` on 127.0.0.1; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def from_node_modules(url: str) -> Path | None:
    """The file in tests/js/node_modules that a jsdelivr npm URL names, if that release is installed."""
    match = CDN.match(url)
    if not match:
        return None
    package, version, path = match.groups()
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.exists() or json.loads(manifest.read_text())["version"] != version:
        return None
    file = NODE_MODULES / package / path
    return file if file.is_file() else None


def serve_cdn_from_disk(page, base: str, offsite: list[str]) -> None:
    """Answer the pages' CDN requests from tests/js/node_modules; any other request that leaves
    `base` is refused and noted in `offsite`."""

    def route(request_route):
        url = request_route.request.url
        if url.startswith(base):
            return request_route.continue_()
        local = from_node_modules(url)
        if local is None:
            offsite.append(url)
            return request_route.abort()
        content_type = CONTENT_TYPES.get(local.suffix, "application/octet-stream")
        request_route.fulfill(path=str(local), headers={"Access-Control-Allow-Origin": "*", "Content-Type": content_type})

    page.route("**/*", route)


@pytest.fixture(scope="module")
def visits(built):
    """Open every page once and record what the browser saw; the tests below each check one part."""
    require_chromium()
    require_installed((NODE_MODULES / "axe-core" / "axe.min.js").exists(), "tests/js is not installed: npm ci --prefix tests/js")
    result, html = built
    assert result.returncode == 0, "the book did not build"
    seen = {}
    with served(html) as base, browser_page() as page:
        problems: list[str] = []
        offsite: list[str] = []

        serve_cdn_from_disk(page, base, offsite)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        def failed(url: str, what: str) -> None:
            if not UPSTREAM_FONT_MISSES.search(url):
                problems.append(f"{what}: {url}")

        def console(message) -> None:
            # A failed request is reported by the handlers below, with its URL.
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                problems.append(f"console: {message.text}")

        page.on("console", console)
        page.on("requestfailed", lambda request: failed(request.url, f"request failed ({request.failure})"))
        page.on("response", lambda response: response.status >= 400 and failed(response.url, f"HTTP {response.status}"))
        axe = (NODE_MODULES / "axe-core" / "axe.min.js").read_text()
        for name in pages_of(html):
            problems.clear()
            offsite.clear()
            page.goto(f"{base}/{name}", wait_until="networkidle")
            widgets = page.evaluate(
                f"""() => [...document.querySelectorAll('{WIDGET_VIEWS}')].map(view => {{
                    const drawn = view.previousElementSibling;
                    return !!drawn && drawn.classList.contains('widget-subarea') && drawn.innerText.trim().length > 0;
                }})"""
            )
            links = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
            page.evaluate(axe)
            scan = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            seen[name] = {
                "problems": list(problems),
                "offsite": list(offsite),
                "widgets": widgets,
                "links": [link for link in links if link.startswith(base)],
                "violations": scan["violations"],
                "text": page.inner_text("main") if page.locator("main").count() else page.inner_text("body"),
            }
        page.goto(f"{base}/lessons/07-reciprocity.html", wait_until="networkidle")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "book-07-reciprocity.png"), full_page=True)
    write_accessibility_report(seen)
    return base, html, seen


def write_accessibility_report(seen: dict) -> None:
    """Every violation of every impact, by rule, for people to read (test-artifacts/axe-report.json)."""
    by_rule: dict[str, dict] = {}
    for name, visit in seen.items():
        for violation in visit["violations"]:
            rule = by_rule.setdefault(
                violation["id"], {"impact": violation["impact"], "help": violation["help"], "pages": {}}
            )
            rule["pages"][name] = len(violation["nodes"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(by_rule, indent=2, sort_keys=True))


def test_saved_widget_state_leaves_out_only_what_the_pages_scripts_set_themselves(built):
    """`maintainer execute` drops each saved trait that equals the default in maintainer/widget_defaults.json;
    those must be the defaults of the widget scripts the pages load, or a page would draw differently."""
    from maintainer.notebooks import WIDGET_DEFAULTS, widget_defaults

    require_chromium()
    require_installed((NODE_MODULES / "@jupyter-widgets" / "html-manager").exists(), "tests/js is not installed: npm ci --prefix tests/js")
    _, html = built
    with served(html) as base, browser_page() as page:
        serve_cdn_from_disk(page, base, [])
        page.goto(f"{base}/lessons/07-reciprocity.html", wait_until="networkidle")
        in_page = page.evaluate(WIDGET_DEFAULTS_IN_PAGE)
    if in_page != widget_defaults():
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / WIDGET_DEFAULTS.name).write_text(json.dumps(in_page, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        pytest.fail(f"the pages' widget scripts have other defaults: copy test-artifacts/{WIDGET_DEFAULTS.name} over "
                    f"{WIDGET_DEFAULTS} and re-execute the notebooks")


def test_the_browser_opens_every_page_of_the_book(visits):
    _, html, seen = visits
    for expected in ("intro.html", "lessons/07-reciprocity.html", "solutions/07-reciprocity.html",
                     "exercises/07-reciprocity.html", "instructors/index.html", "glossary.html"):
        assert expected in seen
    assert len(seen) >= 40
    assert "Reciprocity" in seen["lessons/07-reciprocity.html"]["text"]


def test_pages_load_without_script_errors_or_failed_requests(visits):
    _, _, seen = visits
    failures = {name: visit["problems"] for name, visit in seen.items() if visit["problems"]}
    assert not failures, json.dumps(failures, indent=1)[:6000]
    needs_network = {name: visit["offsite"] for name, visit in seen.items() if visit["offsite"]}
    assert not needs_network, "pages fetch more than the two pinned widget scripts: " + json.dumps(needs_network)[:3000]


def test_every_saved_widget_is_drawn_and_every_chapter_shows_tools_or_tables(visits):
    _, html, seen = visits
    undrawn = {name: visit["widgets"].count(False) for name, visit in seen.items() if not all(visit["widgets"])}
    assert not undrawn, f"saved widgets that did not draw, per page: {undrawn}"
    for chapter in sorted((html / "lessons").glob("0*.html")):
        visit = seen[f"lessons/{chapter.name}"]
        has_fallback = "<table" in chapter.read_text()
        assert visit["widgets"] or has_fallback, f"{chapter.name} shows neither a widget nor a table"
    assert len(seen["lessons/07-reciprocity.html"]["widgets"]) >= 3


def test_internal_links_all_lead_somewhere(visits):
    base, html, seen = visits
    ids: dict[Path, set[str]] = {}

    def anchors(file: Path) -> set[str]:
        if file not in ids:
            soup = BeautifulSoup(file.read_text(errors="replace"), "html.parser")
            ids[file] = {tag["id"] for tag in soup.find_all(id=True)} | {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
        return ids[file]

    broken = set()
    for name, visit in seen.items():
        for link in visit["links"]:
            parts = urllib.parse.urlsplit(link)
            target = html / urllib.parse.unquote(parts.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.add(f"{name} -> {parts.path}")
            elif parts.fragment and target.suffix == ".html" and urllib.parse.unquote(parts.fragment) not in anchors(target):
                broken.add(f"{name} -> {parts.path}#{parts.fragment}")
    assert not broken, "\n".join(sorted(broken)[:60])


def serious_violations(violations_by_page: dict[str, list[dict]]) -> list[str]:
    failures = []
    for name, violations in violations_by_page.items():
        for violation in violations:
            if violation["impact"] in FAILING_IMPACTS:
                node = violation["nodes"][0]
                failures.append(
                    f"{name}: {violation['impact']} {violation['id']} ({violation['help']}) on "
                    f"{len(violation['nodes'])} element(s), e.g. {node['html'][:160]}"
                )
    return failures


def test_no_serious_or_critical_accessibility_violations(visits):
    _, _, seen = visits
    failures = serious_violations({name: visit["violations"] for name, visit in seen.items()})
    assert not failures, "\n".join(failures[:40]) + "\nFull report: test-artifacts/axe-report.json"


# Pages whose saved tools, tables and charts are most likely to carry colours meant for a light page.
DARK_PAGES = ["lessons/01-understanding-networking.html", "lessons/07-reciprocity.html", "lessons/08-networking-plan.html"]


@pytest.fixture(scope="module")
def dark_scans(built):
    """axe on a few widget pages with the reader's colour mode set to dark (as the theme switcher
    leaves it in localStorage), and a screenshot of chapter 7 in dark mode."""
    require_chromium()
    require_installed((NODE_MODULES / "axe-core" / "axe.min.js").exists(), "tests/js is not installed: npm ci --prefix tests/js")
    result, html = built
    assert result.returncode == 0, "the book did not build"
    axe = (NODE_MODULES / "axe-core" / "axe.min.js").read_text()
    scans: dict[str, list[dict]] = {}
    with served(html) as base, browser_page() as page:
        serve_cdn_from_disk(page, base, [])
        page.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
        for name in DARK_PAGES:
            page.goto(f"{base}/{name}", wait_until="networkidle")
            theme = page.evaluate("() => document.documentElement.dataset.theme")
            assert theme == "dark", f"{name} opened in {theme!r} mode"
            page.evaluate(axe)
            scans[name] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "axe-report-dark.json").write_text(json.dumps(
            {name: [{"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"]]} for v in found]
             for name, found in scans.items()}, indent=2))
        page.screenshot(path=str(ARTIFACTS / "book-08-networking-plan-dark.png"), full_page=True)
        page.goto(f"{base}/lessons/07-reciprocity.html", wait_until="networkidle")
        page.screenshot(path=str(ARTIFACTS / "book-07-reciprocity-dark.png"), full_page=True)
    return scans


def test_dark_mode_has_no_serious_or_critical_accessibility_violations(dark_scans):
    failures = serious_violations(dark_scans)
    assert not failures, "in dark mode:\n" + "\n".join(failures[:40]) + "\nFull report: test-artifacts/axe-report-dark.json"
