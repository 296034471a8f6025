"""The in-browser course, measured: the site's size, and how long a reader waits, in Debian's
Chromium on this machine, from opening chapter 07 to a tool they can use.

    python3 benchmarks/bench_lite.py [SITE]      (SITE: a built book/_build/html/lite; built if absent)

- first load: a browser with an empty cache opens the chapter, the kernel starts (Pyodide, the
  workbook and its packages), Run All, until the reciprocity tracker shows its "Log exchange" button;
- warm load: the same browser reloads the page (files now in its cache) and does the same again.
The site is served on 127.0.0.1 and every other request is refused, as for a room with no internet."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "book" / "_ext")]

import lite_site  # noqa: E402
from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from test_browser_lab import tool  # noqa: E402

# Requests to any other host fail in the browser itself. (Not Playwright's request routing, as the
# tests use: routing turns the browser's cache off, and the warm load is all about that cache.)
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@contextlib.contextmanager
def served_counting(folder: Path):
    """`python3 -m http.server`, as an instructor runs it, counting the bytes it sends."""
    sent = [0]

    class Counting(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def copyfile(self, source, outputfile):
            data = source.read()
            sent[0] += len(data)
            outputfile.write(data)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", sent
    finally:
        server.shutdown()
        server.server_close()


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def to_usable_tool(page, url: str) -> tuple[float, float]:
    """Seconds to a ready kernel, and to the tracker's button after Run All."""
    started = time.monotonic()
    page.goto(url)
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=600_000)
    kernel = time.monotonic() - started
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    tool(page, "Log exchange").last.wait_for(timeout=600_000)
    return kernel, time.monotonic() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        if len(sys.argv) > 1:
            site = Path(sys.argv[1])
        else:
            started = time.monotonic()
            site = lite_site.build_site(Path(temp) / "lite")
            print(f"build (downloads cached): {time.monotonic() - started:.1f} s")
        pyodide = site / "static" / "pyodide"
        print(f"site size: {size_of(site) / 1e6:.1f} MB (Pyodide and packages {size_of(pyodide) / 1e6:.1f} MB)")
        from playwright.sync_api import sync_playwright

        with served_counting(site) as (base, sent), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + OFFLINE)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            url = f"{base}/lab/index.html?path=lessons/07-reciprocity.ipynb"
            kernel, usable = to_usable_tool(page, url)
            print(f"first load: kernel ready {kernel:.1f} s, tool usable {usable:.1f} s, {sent[0] / 1e6:.1f} MB sent")
            sent[0] = 0
            kernel, usable = to_usable_tool(page, url)
            print(f"warm load:  kernel ready {kernel:.1f} s, tool usable {usable:.1f} s, {sent[0] / 1e6:.1f} MB sent "
                  "(the rest from the browser's cache)")
            browser.close()

if __name__ == "__main__":
    main()
