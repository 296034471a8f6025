"""ruff finds nothing anywhere in the repository: the rules are in pyproject.toml ([tool.ruff])."""

import importlib.util
import subprocess
import sys
from pathlib import Path

from browser import require_installed

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    require_installed(importlib.util.find_spec("ruff") is not None, "ruff is not installed: pip install -r requirements-dev.txt")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
