"""The package keeps one shape: SQL only inside workbook/store, a domain layer that reads no files
and no database, NotFound for entries that are gone, and a CLI import that never loads pandas."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.store import NotFound, Store

PACKAGE = Path(__file__).resolve().parent.parent / "workbook"
DATA = Path(__file__).parent / "data" / "formats"
# A statement inside a string: SELECT ... FROM, INSERT INTO, UPDATE x SET, DELETE FROM.
SQL = re.compile(r"\bSELECT\b[\s\S]*?\bFROM\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b")
HEAVY = ("pandas", "numpy", "matplotlib", "ipywidgets", "networkx")


def strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant in a module (f-strings' literal parts too), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_no_sql_outside_the_store():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {text.strip()[:60]!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "store" not in path.relative_to(PACKAGE).parts[:1]
        for line, text in strings(path)
        if SQL.search(text)
    ]
    assert found == []


def test_the_sql_check_finds_sql():
    assert SQL.search("SELECT name FROM contacts") and SQL.search("INSERT OR IGNORE INTO ties (a, b)")
    assert SQL.search("UPDATE goals SET done_on = ?") and SQL.search("DELETE FROM plans")
    assert not SQL.search("Select who to update, then delete the rest from the list")


def test_the_domain_reads_no_database_files_or_widgets():
    forbidden = {"sqlite3", "os", "pathlib", "shutil", "tempfile", "ipywidgets", "IPython", "matplotlib", "platformdirs"}
    for path in sorted((PACKAGE / "domain").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else [f"{'.' * node.level}{node.module or ''}"]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"
                assert not name.startswith(".."), f"{path.name} imports {name} from outside the domain"


# The package's layers, lowest first (docs/architecture.md). A module may import from its own
# layer or a lower one at module level, never from a higher one.
LAYERS = [
    {"domain", "files", "course", "prompts", "markup", "charts"},  # rules and course data: no store
    {"store"},  # the learner's data
    {"messages", "suggestions", "checks", "progress", "sample", "class_summary", "agenda", "formats"},
    {"widgets", "browser_note", "workshop"},  # what the learner and the instructor see
    {"lesson", "cli", "__init__", "__main__"},  # entry points
]


def test_module_level_imports_run_down_the_layers():
    rank = {unit: number for number, layer in enumerate(LAYERS) for unit in layer}
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        unit = parts[0]
        assert unit in rank, f"{unit} is in no layer: add it to LAYERS and docs/architecture.md"
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.ImportFrom) and node.level):
                continue
            package = list(parts[:-1])[: len(parts) - node.level]
            names = [*package, *(node.module or "").split(".")]
            names = [name for name in names if name]
            targets = names[:1] if names else [alias.name for alias in node.names]
            upward += [f"{path.relative_to(PACKAGE)} imports {t}" for t in targets
                       if t in rank and t != unit and rank[t] > rank[unit]]
    assert upward == []


def test_not_found_is_a_lookup_error_and_not_a_key_error(store):
    assert issubclass(NotFound, LookupError) and not issubclass(NotFound, KeyError)
    for read in (store.contacts.get, store.contacts.keep_in_touch, store.exchanges.get, store.plans.get):
        with pytest.raises(NotFound):
            read(999)
    with pytest.raises(NotFound, match="another notebook"):
        store.follow_ups.set_done(999)
    with pytest.raises(NotFound, match="another notebook"):
        store.exchanges.log(Exchange(999, "gave", "advice", store.today()))


def test_an_exchange_edited_after_it_was_deleted_elsewhere_is_refused(store):
    ada = store.contacts.add(Contact("Ada"))
    exchange = store.exchanges.log(Exchange(ada, "gave", "advice", store.today()))
    other_kernel = Store(store.path)
    other_kernel.exchanges.delete(exchange)
    with pytest.raises(NotFound, match="another notebook"):
        store.exchanges.update(Exchange(ada, "gave", "time", store.today(), id=exchange))
    other_kernel.close()


def test_import_workbook_loads_none_of_the_heavy_libraries():
    code = "import sys, workbook, workbook.cli, workbook.formats; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert not [name for name in HEAVY if f"'{name}'" in loaded]


def test_the_import_command_never_loads_pandas(tmp_path):
    """The whole `python -m workbook import FILE`, start-up and import: pandas alone costs more CPU
    than reading and saving a 30,000-row export."""
    env = {**os.environ, "WORKBOOK_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "workbook", "import", str(DATA / "linkedin_connections.csv")],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "workbook.formats.importer" in imported  # the check sees the command's imports
    assert not sorted(name for name in imported if name.split(".")[0] in HEAVY)
