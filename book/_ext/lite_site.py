"""The in-browser course: a JupyterLite site built with the book, into `book/_build/html/lite`.

    python3 book/_ext/lite_site.py OUT_DIR     build the site alone (the book build runs the same)

What goes in, and why each file can be trusted:
- Pyodide's core files and its official `pyodide-lock.json` come from npm (`pyodide@VERSION`),
  checked against the npm integrity pinned in book/lite/pins.toml.
- The compiled package files (numpy, pandas, matplotlib, sqlite3 and their dependencies) come
  from a PyPI wheel that vendors them; every file is checked against the sha256 the official lock
  gives it. A file that is missing or differs stops the build with a message naming it.
- The workbook's own wheel and its pure-Python dependencies (pinned wheels from PyPI) are added to
  the lock the site serves, so the kernel installs them before the first cell runs: the notebooks
  need no install cell. `disablePyPIFallback` keeps the running site from asking PyPI for anything.

Downloads are cached under `.cache/lite/` (gitignored; `WORKBOOK_LITE_CACHE` moves it) so a second
build does not fetch again; cached files are checked again on every build.

As a Sphinx extension (listed in _config.yml) it also
- shows Binder / JupyterHub buttons only when `repository.url` (and for the hub,
  `launch_buttons.jupyterhub_url`) is set in _config.yml, and never Colab (see book/instructors/serving.md);
- puts an "Open in your browser — no install" link on every chapter, exercise and solution page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
LITE_DIR = BOOK / "lite"
PINS = LITE_DIR / "pins.toml"
CONTENT_FOLDERS = ("lessons", "exercises", "solutions")
CONTENT_PAGES = ("references.md",)  # the one page outside those folders the notebooks link to
SITE_FOLDER = "lite"  # inside _build/html
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"
WORKBOOK_PACKAGE = "networking-workbook"
# What the workbook needs in the browser: its pyproject dependencies minus nbformat,
# which only the workshop commands use (and which needs compiled jsonschema there).
WORKBOOK_BROWSER_DEPENDS = ["ipywidgets", "pandas", "matplotlib", "pillow", "networkx", "platformdirs", "vobject",
                            "icalendar", "sqlite3"]
# Dependencies of the pure wheels, as names in the Pyodide lock (the wheels' own metadata also
# names packages the browser does not need, such as typing-extensions on Python 3.12).
WHEEL_DEPENDS = {
    "ipywidgets": ["comm", "ipython", "traitlets", "jupyterlab-widgets"],
    "comm": ["traitlets"],
    "vobject": ["python-dateutil", "pytz", "six"],
    "icalendar": ["python-dateutil", "tzdata"],
}


class LiteBuildError(RuntimeError):
    """The in-browser course cannot be built; the message names the file and what to do."""


def pins() -> dict:
    return tomllib.loads(PINS.read_text(encoding="utf-8"))


def cache_dir() -> Path:
    override = os.environ.get("WORKBOOK_LITE_CACHE", "").strip()
    return Path(override) if override else ROOT / ".cache" / "lite"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(command: list[str], what: str, cwd: Path | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0:
        raise LiteBuildError(f"{what} failed ({' '.join(command)}):\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def _replace_into(source: Path, target: Path) -> None:
    """Move a finished download into the cache in one step, so a build that runs at the same time
    (or one that was killed) never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


# --- fetching (registries, build time only) ----------------------------------------------------

def check_build_tools(pinned: dict) -> None:
    for name, version in pinned["build"].items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            raise LiteBuildError(
                f"the in-browser course needs {name}=={version} (book/lite/pins.toml), found "
                f"{installed or 'none'}: run python3 -m pip install -r requirements-dev.txt"
            )


def pyodide_npm(pinned: dict) -> Path:
    """The unpacked npm package pyodide@VERSION, its tarball checked against the pinned integrity."""
    version = pinned["pyodide"]["version"]
    unpacked = cache_dir() / f"pyodide-{version}"
    tarball = cache_dir() / f"pyodide-{version}.tgz"
    if not tarball.exists():
        with tempfile.TemporaryDirectory() as temp:
            _run(["npm", "pack", f"pyodide@{version}", "--silent"], f"downloading pyodide@{version} from npm", cwd=Path(temp))
            _replace_into(Path(temp) / f"pyodide-{version}.tgz", tarball)
    algorithm, expected = pinned["pyodide"]["npm_integrity"].split("-", 1)
    found = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if found != expected:
        raise LiteBuildError(f"{tarball} is not the npm release pinned in book/lite/pins.toml "
                             f"({algorithm} {found}, expected {expected}); delete it and build again")
    if not (unpacked / "pyodide-lock.json").exists():
        staging = Path(tempfile.mkdtemp(dir=cache_dir()))
        with tarfile.open(tarball) as archive:
            archive.extractall(staging, filter="data")
        try:
            os.replace(staging / "package", unpacked)
        except OSError:  # a build running at the same time unpacked it first
            if not (unpacked / "pyodide-lock.json").exists():
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return unpacked


def pip_download(requirement: str, sha256: str | None = None) -> Path:
    """One wheel from PyPI into the cache (no dependencies: each one we need is pinned)."""
    name, version = requirement.split("==")
    wheels = cache_dir() / "wheels"
    pattern = re.compile(rf"^{re.escape(canonical(name)).replace('-', '[-_.]')}-{re.escape(version)}-.*\.whl$", re.I)
    found = [p for p in wheels.glob("*.whl") if pattern.match(p.name)] if wheels.exists() else []
    if not found:
        with tempfile.TemporaryDirectory() as temp:
            _run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
                  "--dest", temp, requirement], f"downloading {requirement} from PyPI")
            for wheel in Path(temp).glob("*.whl"):
                _replace_into(wheel, wheels / wheel.name)
                found = [wheels / wheel.name]
    if not found:
        raise LiteBuildError(f"PyPI gave no wheel for {requirement}")
    if sha256 and sha256_of(found[0]) != sha256:
        raise LiteBuildError(f"{found[0]} is not the {requirement} pinned in book/lite/pins.toml; delete it and build again")
    return found[0]


# --- assembling and checking ---------------------------------------------------------------------

def lock_closure(lock: dict, roots: list[str]) -> list[dict]:
    """The lock entries of `roots` and everything they depend on."""
    by_name = {canonical(key): entry for key, entry in lock["packages"].items()}
    wanted: dict[str, dict] = {}
    todo = [canonical(root) for root in roots]
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        if name not in by_name:
            raise LiteBuildError(f"{name} is not in the official pyodide-lock.json of this Pyodide release")
        wanted[name] = by_name[name]
        todo.extend(canonical(dep) for dep in by_name[name]["depends"])
    return sorted(wanted.values(), key=lambda entry: entry["name"])


def copy_verified_package_files(entries: list[dict], vendored_wheel: Path, target: Path) -> None:
    """Copy each package file the lock names from the vendoring wheel into `target`, after checking
    its sha256 against the official lock. Stops at the first file missing or different."""
    with zipfile.ZipFile(vendored_wheel) as archive:
        members = {Path(name).name: name for name in archive.namelist() if "/pyodide/" in name}
        for entry in entries:
            file_name = entry["file_name"]
            if file_name not in members:
                raise LiteBuildError(f"Pyodide package file {file_name} ({entry['name']}) is missing from "
                                     f"{vendored_wheel.name}; the site cannot be built without it")
            data = archive.read(members[file_name])
            found = hashlib.sha256(data).hexdigest()
            if found != entry["sha256"]:
                raise LiteBuildError(f"Pyodide package file {file_name} does not match the official "
                                     f"pyodide-lock.json (sha256 {found}, expected {entry['sha256']}); "
                                     "the site was not built")
            (target / file_name).write_bytes(data)


def verify_against_lock(folder: Path, entries: list[dict]) -> None:
    """Check again, once everything is in place, that each Pyodide package file is the official one."""
    for entry in entries:
        if sha256_of(folder / entry["file_name"]) != entry["sha256"]:
            raise LiteBuildError(f"Pyodide package file {entry['file_name']} does not match the official pyodide-lock.json")


def workbook_wheel(build_dir: Path) -> Path:
    with tempfile.TemporaryDirectory() as temp:
        # From a copy: setuptools leaves build/ and *.egg-info beside the sources it builds.
        source = Path(temp) / "source"
        shutil.copytree(ROOT / "workbook", source / "workbook", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy2(ROOT / "pyproject.toml", source / "pyproject.toml")
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
              "--wheel-dir", temp, str(source)], "building the workbook wheel")
        built = next(Path(temp).glob("*.whl"))
        shutil.copy2(built, build_dir / built.name)
        return build_dir / built.name


def lock_entry(wheel: Path, name: str, version: str, depends: list[str]) -> dict:
    """A lock entry for a wheel of ours, in the format of Pyodide's own entries."""
    tops = {member.split("/")[0] for member in zipfile.ZipFile(wheel).namelist()}
    imports = sorted(top.removesuffix(".py") for top in tops if not top.endswith((".dist-info", ".data")))
    return {"name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
            "sha256": sha256_of(wheel), "package_type": "package", "imports": imports,
            "depends": depends, "unvendored_tests": False, "shared_library": False}


def assemble_pyodide(pinned: dict, target: Path) -> dict:
    """Fill `target` (the site's static/pyodide) with the checked Pyodide release, the package
    files the course needs, and the course's own wheels; returns the lock the site serves."""
    target.mkdir(parents=True, exist_ok=True)
    npm = pyodide_npm(pinned)
    official = json.loads((npm / "pyodide-lock.json").read_text(encoding="utf-8"))
    if official["info"]["version"] != pinned["pyodide"]["version"]:
        raise LiteBuildError(f"{npm / 'pyodide-lock.json'} is for Pyodide {official['info']['version']}, "
                             f"not {pinned['pyodide']['version']}")
    for name in ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "package.json"):
        if not (npm / name).exists():
            raise LiteBuildError(f"{name} is missing from the npm package pyodide@{pinned['pyodide']['version']}")
        shutil.copy2(npm / name, target / name)
    shutil.copy2(npm / "pyodide-lock.json", target / "pyodide-lock.official.json")

    vendored = pip_download(pinned["pyodide"]["package_files"], pinned["pyodide"]["package_files_sha256"])
    entries = lock_closure(official, pinned["pyodide"]["packages"])
    copy_verified_package_files(entries, vendored, target)

    served = {"info": official["info"], "packages": {canonical(e["name"]): e for e in entries}}
    for name, version in pinned["browser-wheels"].items():
        wheel = pip_download(f"{name}=={version}")
        shutil.copy2(wheel, target / wheel.name)
        served["packages"][canonical(name)] = lock_entry(target / wheel.name, name, version, WHEEL_DEPENDS.get(name, []))
    wheel = workbook_wheel(target)
    version = wheel.name.split("-")[1]
    served["packages"][WORKBOOK_PACKAGE] = lock_entry(wheel, WORKBOOK_PACKAGE, version, WORKBOOK_BROWSER_DEPENDS)
    missing = sorted({dep for entry in served["packages"].values() for dep in map(canonical, entry["depends"])}
                     - set(served["packages"]))
    if missing:
        raise LiteBuildError(f"the site's packages depend on {', '.join(missing)}, which the site lacks: "
                             "add them to [pyodide] packages or [browser-wheels] in book/lite/pins.toml")
    verify_against_lock(target, entries)
    (target / "pyodide-lock.json").write_text(json.dumps(served, indent=1, sort_keys=True), encoding="utf-8")
    return served


def build_site(out_dir: Path, contents_root: Path = BOOK) -> Path:
    """Build the JupyterLite site into `out_dir` (replacing it); returns it."""
    pinned = pins()
    check_build_tools(pinned)
    cache_dir().mkdir(parents=True, exist_ok=True)
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="lite-") as temp:
        lite_dir = Path(temp)
        shutil.copy2(LITE_DIR / "jupyter-lite.json", lite_dir / "jupyter-lite.json")
        shutil.copy2(LITE_DIR / "jupyter_lite_config.json", lite_dir / "jupyter_lite_config.json")
        shutil.copy2(LITE_DIR / "overrides.json", lite_dir / "overrides.json")  # JupyterLab settings
        assemble_pyodide(pinned, lite_dir / "static" / "pyodide")
        shutil.rmtree(out_dir, ignore_errors=True)
        command = [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(lite_dir),
                   "--output-dir", str(out_dir), "--no-sourcemaps", "--apps", "lab"]
        # One contents folder holding the three, so lessons/07-... and solutions/07-... stay apart.
        contents = lite_dir / "contents"
        for folder in CONTENT_FOLDERS:
            shutil.copytree(contents_root / folder, contents / folder,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        for page in CONTENT_PAGES:
            shutil.copy2(contents_root / page, contents / page)
        # The folder the learner's workbook is saved in (workbook/store/browser.py), with a note.
        (contents / "my-workbook").mkdir()
        shutil.copy2(LITE_DIR / "my-workbook-README.md", contents / "my-workbook" / "README.md")
        command += ["--contents", str(contents)]
        _run(command, "jupyter lite build", cwd=lite_dir)
    return out_dir


# --- the Sphinx side -----------------------------------------------------------------------------

LAUNCHERS_NEEDING_A_REPOSITORY = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url")


def configure_launch_buttons(app, config) -> None:
    """Binder and JupyterHub buttons only when the repository URL is set; the hub also needs its URL.
    Colab never: ipywidgets 8 tools do not work there (googlecolab/colabtools#4525)."""
    options = config.html_theme_options
    repository = (options.get("repository_url") or "").strip()
    if repository.rstrip("/") == "https://github.com/executablebooks/jupyter-book":  # Jupyter Book's default
        repository = ""
    launch = dict(options.get("launch_buttons") or {})
    launch.pop("colab_url", None)
    launch.pop("deepnote_url", None)
    if not repository:
        for key in LAUNCHERS_NEEDING_A_REPOSITORY:
            launch.pop(key, None)
        options["repository_url"] = ""
        options["use_repository_button"] = False
    else:
        options["use_repository_button"] = True
    options["launch_buttons"] = launch


def is_course_notebook(pagename: str) -> bool:
    return pagename.split("/")[0] in CONTENT_FOLDERS and not pagename.endswith("index")


def add_browser_launch_link(app, pagename, templatename, context, doctree) -> None:
    if not is_course_notebook(pagename) or "body" not in context:
        return
    depth = pagename.count("/")
    url = "../" * depth + f"{SITE_FOLDER}/lab/index.html?path={pagename}.ipynb"
    context["body"] = (
        f'<p class="browser-launch"><a class="btn btn-primary" href="{html.escape(url)}">'
        "Open in your browser — no install</a> "
        "<span>runs this notebook in your browser; what you enter is kept in this browser only.</span></p>\n"
        + context["body"]
    )


def build_lite_with_book(app, error) -> None:
    if error is not None or app.builder.format != "html":
        return
    try:
        build_site(Path(app.outdir) / SITE_FOLDER, Path(app.srcdir))
    except LiteBuildError as problem:
        from sphinx.errors import ExtensionError

        raise ExtensionError(f"in-browser course: {problem}") from None


def setup(app):
    app.connect("config-inited", configure_launch_buttons)
    app.connect("html-page-context", add_browser_launch_link, priority=600)
    app.connect("build-finished", build_lite_with_book)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.splitlines()[2].strip())
    try:
        print(build_site(Path(sys.argv[1])))
    except LiteBuildError as problem:
        sys.exit(f"in-browser course: {problem}")
