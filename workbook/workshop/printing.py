"""Printing HTML to PDF with headless Chromium (Debian's `chromium`), for handouts and slides.

Nothing is downloaded: the browser is the one installed on the machine (or WORKBOOK_CHROMIUM)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT_S = 120
# reveal.js lays a deck out for print in a script after the page loads; give scripts this long.
SCRIPT_BUDGET_MS = 10_000


def find_chromium() -> str | None:
    override = os.environ.get("WORKBOOK_CHROMIUM", "").strip()
    if override:
        return override if Path(override).exists() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(browser: str, source: Path, target: Path, *, query: str = "") -> None:
    """Print one HTML file to PDF with headless Chromium; raise RuntimeError with a short reason.
    `query` is added to the file's URL (reveal.js prints a deck one slide per page with `print-pdf`)."""
    url = source.resolve().as_uri() + (f"?{query}" if query else "")
    with tempfile.TemporaryDirectory(prefix="workbook-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={SCRIPT_BUDGET_MS}",
            "--no-pdf-header-footer",  # Chromium 120 and later
            "--print-to-pdf-no-header",  # older releases; each ignores the other's flag
            f"--print-to-pdf={target}",
            url,
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"Chromium took more than {PRINT_TIMEOUT_S} s to print {source.name}") from None
    if done.returncode != 0 or not target.exists() or target.read_bytes()[:5] != b"%PDF-":
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"Chromium could not print {source.name} (exit {done.returncode}: {last[:200]})")
