"""What `python3 -m pytest` runs (a plugin: pyproject's addopts load it with `-p whole_run`).

With no paths it runs everything, as the README and CI say: the unit tests and every notebook
under strict nbval, on two workers. Given paths, it runs just those in this process, and loads
nbval (whose import alone takes about two seconds) only when a path holds notebooks or an nbval
option is given. A conftest.py cannot do this: options are read before conftest files load."""

from __future__ import annotations

from pathlib import Path


def holds_notebooks(path: Path) -> bool:
    return path.suffix == ".ipynb" or (path.is_dir() and next(path.rglob("*.ipynb"), None) is not None)


def pytest_load_initial_conftests(early_config, parser, args):
    known = early_config.known_args_namespace
    paths = [Path(arg.split("::")[0]) for arg in known.file_or_dir]
    nbval_asked = any(arg.startswith("--nbval") for arg in args)
    if paths and not nbval_asked and not any(holds_notebooks(path) for path in paths):
        return
    early_config.pluginmanager.consider_pluginarg("nbval")  # addopts blocks it for the quick loop
    if not nbval_asked:
        args += ["--nbval", "--nbval-sanitize-with", str(early_config.rootpath / "tests" / "nbval-sanitize.cfg")]
    workers = known.numprocesses
    if not paths and workers is None:
        workers = 2
        args += ["-n", "2"]
    if workers and known.dist == "no":
        args += ["--dist", "loadfile"]  # a notebook's cells share one kernel: keep them on one worker
