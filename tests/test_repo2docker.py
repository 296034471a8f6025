"""What Binder and JupyterHub (repo2docker) would build from this repository.

`jupyter-repo2docker --no-build --debug .` prints the Dockerfile it would use without a Docker
daemon. Measured here: it reads only local files (it also succeeds inside `unshare -n`, with no
network at all) and takes well under a second."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
R2D = shutil.which("jupyter-repo2docker")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(R2D is None, reason="jupyter-repo2docker is not installed (pip install jupyter-repo2docker)"),
]


def _offline_prefix() -> list[str]:
    """`unshare -n` runs a command with no network at all, where the system allows it (root or
    user namespaces); elsewhere the command runs as is."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


@pytest.fixture(scope="module")
def dockerfile():
    done = subprocess.run(
        _offline_prefix() + [R2D, "--no-build", "--debug", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def test_runtime_file_asks_for_a_recent_python():
    text = (ROOT / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+)\.(\d+)", text)
    assert match, f"runtime.txt should read like python-3.12, not {text!r}"
    assert (int(match[1]), int(match[2])) >= (3, 11)


def test_dockerfile_uses_python_3_11_or_newer(dockerfile):
    stdout, stderr = dockerfile
    # stderr says "Building conda environment for python=3.12"; the Dockerfile copies a lock file
    # whose escaped name holds "py-2d3-2e12" ("py-3.12").
    versions = re.findall(r"py-2d(\d+)-2e(\d+)-|python=(\d+)\.(\d+)", stdout + stderr)
    found = {(int(a or c), int(b or d)) for a, b, c, d in versions}
    assert found, "no Python version in repo2docker's output"
    assert all(v >= (3, 11) for v in found), found
    wanted = tuple(int(x) for x in (ROOT / "runtime.txt").read_text().strip().removeprefix("python-").split("."))
    assert wanted in found


def test_dockerfile_installs_requirements_after_copying_the_repo(dockerfile):
    stdout, _ = dockerfile
    lines = stdout.splitlines()
    install = [i for i, line in enumerate(lines) if re.search(r"pip install .*-r \"?requirements\.txt", line)]
    assert install, "the Dockerfile does not install requirements.txt"
    # requirements.txt holds `-e .`, so the whole repository must be in place before it runs
    copy_all = [i for i, line in enumerate(lines) if re.match(r"COPY .*src/ \$\{REPO_DIR\}/?$", line)]
    assert copy_all and copy_all[0] < install[0]
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
