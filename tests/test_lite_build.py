"""The in-browser course's build checks what it puts in the site: the pins live in one place
(book/lite/pins.toml, mirrored by requirements-dev.txt), and a Pyodide package file that is missing
or differs from the official lock stops the build with a message naming it."""

from __future__ import annotations

import hashlib
import re
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lite_site  # noqa: E402  (maintainer tooling, not part of the package)


def test_requirements_dev_installs_the_pinned_build_tools():
    pinned = lite_site.pins()["build"]
    lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    found = dict(re.match(r"^([A-Za-z0-9_.-]+)==([^\s#]+)", line).groups() for line in lines if "==" in line)
    assert {lite_site.canonical(k): v for k, v in found.items()} == {lite_site.canonical(k): v for k, v in pinned.items()}


def test_the_course_requirements_carry_no_build_or_test_tools():
    course = " ".join(line for line in (ROOT / "requirements.txt").read_text().lower().splitlines()
                      if not line.startswith("#"))
    for tool in ("pytest", "playwright", "repo2docker", "jupyter-book", "jupyterlite", "nbval"):
        assert tool not in course, tool
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()


def vendored(tmp_path: Path, files: dict[str, bytes]) -> Path:
    wheel = tmp_path / "vendor.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"vendor/assets/pyodide/{name}", data)
    return wheel


def entry(name: str, file_name: str, data: bytes) -> dict:
    return {"name": name, "file_name": file_name, "sha256": hashlib.sha256(data).hexdigest(), "depends": []}


def test_a_package_file_that_matches_the_lock_is_copied(tmp_path):
    data = b"numpy wheel bytes"
    target = tmp_path / "site"
    target.mkdir()
    lite_site.copy_verified_package_files([entry("numpy", "numpy-2.0.2.whl", data)],
                                          vendored(tmp_path, {"numpy-2.0.2.whl": data}), target)
    assert (target / "numpy-2.0.2.whl").read_bytes() == data


def test_a_package_file_that_differs_from_the_lock_stops_the_build(tmp_path):
    good = entry("pandas", "pandas-2.2.3.whl", b"the official bytes")
    with pytest.raises(lite_site.LiteBuildError, match=r"pandas-2\.2\.3\.whl does not match the official pyodide-lock\.json"):
        lite_site.copy_verified_package_files([good], vendored(tmp_path, {"pandas-2.2.3.whl": b"other bytes"}), tmp_path)
    assert not (tmp_path / "pandas-2.2.3.whl").exists()


def test_a_missing_package_file_stops_the_build(tmp_path):
    wanted = entry("matplotlib", "matplotlib-3.8.4.whl", b"x")
    with pytest.raises(lite_site.LiteBuildError, match=r"matplotlib-3\.8\.4\.whl \(matplotlib\) is missing"):
        lite_site.copy_verified_package_files([wanted], vendored(tmp_path, {}), tmp_path)


def test_the_lock_closure_follows_dependencies_and_refuses_unknown_names():
    lock = {"packages": {"pandas": {"name": "pandas", "depends": ["numpy", "python_dateutil"]},
                         "numpy": {"name": "numpy", "depends": []},
                         "python-dateutil": {"name": "python-dateutil", "depends": []}}}
    assert [e["name"] for e in lite_site.lock_closure(lock, ["pandas"])] == ["numpy", "pandas", "python-dateutil"]
    with pytest.raises(lite_site.LiteBuildError, match="scipy is not in the official"):
        lite_site.lock_closure(lock, ["scipy"])


def test_launch_buttons_need_the_repository_url():
    class Config:
        html_theme_options = {"repository_url": "", "launch_buttons": {
            "binderhub_url": "https://mybinder.org", "jupyterhub_url": "https://hub.example.org",
            "colab_url": "https://colab.research.google.com", "notebook_interface": "jupyterlab"}}

    lite_site.configure_launch_buttons(None, Config)
    assert Config.html_theme_options["launch_buttons"] == {"notebook_interface": "jupyterlab"}
    assert Config.html_theme_options["use_repository_button"] is False

    Config.html_theme_options = {"repository_url": "https://github.com/someone/course", "launch_buttons": {
        "binderhub_url": "https://mybinder.org", "jupyterhub_url": "", "colab_url": "https://colab.research.google.com"}}
    lite_site.configure_launch_buttons(None, Config)
    assert Config.html_theme_options["launch_buttons"] == {"binderhub_url": "https://mybinder.org", "jupyterhub_url": ""}
    assert Config.html_theme_options["use_repository_button"] is True
