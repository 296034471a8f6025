"""Helpers for the browser tests: Debian's Chromium driven by Playwright, and a JupyterLab server
on 127.0.0.1 with a token and a throwaway WORKBOOK_HOME. Nothing here downloads a browser."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"  # the course folder learners open in JupyterLab
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_installed(present: bool, message: str) -> None:
    """Skip on a developer machine without something a browser test needs; in CI (CI=true),
    where .ci/run installs it, its absence is a failure."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{message} (.ci/run should have installed it)")
    pytest.skip(message)


def require_chromium() -> None:
    require_installed(Path(CHROMIUM).exists(), "Chromium is not installed: apt-get install chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds:.0f} s")


# Start a notebook's kernel without a "Select Kernel" dialog, and do not ask about news.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"autoStartDefaultKernel": True},
    # JupyterLab is rooted at the course folder: a test must never save its outputs into the
    # committed notebooks.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"},
}


@contextlib.contextmanager
def jupyterlab(home: Path, root: Path = BOOK, settings: dict[str, dict] | None = None):
    """A JupyterLab server on `root` (the course folder unless told); yields its base URL and
    token, then stops it. `settings` adds to LAB_SETTINGS, plugin by plugin."""
    port, token = free_port(), secrets.token_hex(16)
    settings_dir = home / "lab-settings"
    for plugin in {*LAB_SETTINGS, *(settings or {})}:
        values = {**LAB_SETTINGS.get(plugin, {}), **(settings or {}).get(plugin, {})}
        target = settings_dir / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    env = {
        **os.environ,
        "WORKBOOK_HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings_dir),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"),
    }
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
        f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = open(home / "jupyterlab.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/api/status?token={token}")
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@contextlib.contextmanager
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            yield page
        finally:
            browser.close()


def open_notebook(page, base: str, token: str, path: str) -> None:
    """Open `path` (relative to the course folder) in JupyterLab and wait until it can be run."""
    page.goto(f"{base}/lab/tree/{path}?token={token}")
    page.get_by_role("menuitem", name="Run", exact=True).wait_for(timeout=90_000)
    page.locator(".jp-Notebook").wait_for(timeout=90_000)
