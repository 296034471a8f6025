"""How long `python -m workbook import` takes on a large LinkedIn export, and how much memory.

    python benchmarks/bench_import.py [--rows 30000]

Generates a fictional Connections.csv, then times the whole CLI process (wall clock, median of 3,
each into a fresh temporary WORKBOOK_HOME), a re-import of the same file into the filled store,
the CLI's start-up alone (`--help`), the import itself in this process, and next to them
pandas.read_csv plus sqlite3 executemany of the same rows: the floor for any importer in Python.
That floor is timed twice: in this process, and as a whole process of its own (interpreter,
pandas import, read, insert), run side by side with the CLI, so the two whole processes compare.
Targets: 3 s and 300 MB for the whole CLI process, and within 1.5x of the whole floor process."""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # maintainer/ is not an installed package

from maintainer.sample_data import linkedin_export  # noqa: E402

TARGET_SECONDS = 3.0
TARGET_MB = 300
TARGET_RATIO = 1.5  # the CLI process against the pandas + sqlite3 process
RUNS = 3

# The floor as a process of its own: what a person would write by hand to load the file.
FLOOR_SCRIPT = """
import sqlite3, sys
import pandas as pd
path, database = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8-sig") as handle:
    skip = next(n for n, line in enumerate(handle) if line.startswith("First Name,"))
frame = pd.read_csv(path, skiprows=skip, encoding="utf-8-sig", dtype=str, keep_default_na=False)
db = sqlite3.connect(database)
db.execute("CREATE TABLE contacts (first TEXT, last TEXT, url TEXT, email TEXT, company TEXT, position TEXT, connected TEXT)")
with db:
    db.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?, ?)", frame.itertuples(index=False, name=None))
db.close()
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Seconds of wall clock and of CPU for one whole process; stops the benchmark if it fails.
    CPU time is what the process itself costs: on a busy machine the wall clock also holds the
    time other programs had the processor."""
    cpu, start = children_cpu(), time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark: {' '.join(command)} failed:\n{result.stderr}")
    return elapsed, children_cpu() - cpu


def cli(args: list[str], home: Path) -> float:
    """Seconds of wall clock for one CLI process."""
    return cli_times(args, home)[0]


def cli_times(args: list[str], home: Path) -> tuple[float, float]:
    return timed([sys.executable, "-m", "workbook", *args], {**os.environ, "WORKBOOK_HOME": str(home)})


def pandas_and_sqlite(path: Path, folder: Path) -> float:
    """The floor: read the rows with pandas and insert them with one executemany."""
    start = time.perf_counter()
    with path.open(encoding="utf-8-sig") as handle:
        skip = next(n for n, line in enumerate(handle) if line.startswith("First Name,"))
    frame = pd.read_csv(path, skiprows=skip, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    db = sqlite3.connect(folder / f"floor-{time.monotonic_ns()}.sqlite3")
    db.execute("CREATE TABLE contacts (first TEXT, last TEXT, url TEXT, email TEXT, company TEXT, position TEXT, connected TEXT)")
    with db:
        db.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?, ?)", frame.itertuples(index=False, name=None))
    db.close()
    return time.perf_counter() - start


def floor_process(path: Path, folder: Path) -> tuple[float, float]:
    """Wall clock and CPU seconds for the floor as a whole process, like the CLI's."""
    database = folder / f"floor-process-{time.monotonic_ns()}.sqlite3"
    return timed([sys.executable, "-c", FLOOR_SCRIPT, str(path), str(database)])


def in_process(path: Path, folder: Path) -> float:
    """plan_import + apply_import alone, with the interpreter and packages already loaded."""
    from workbook.formats import apply_import, plan_import
    from workbook.store import Store

    store = Store(folder / f"inproc-{time.monotonic_ns()}" / "workbook.sqlite3")
    start = time.perf_counter()
    apply_import(plan_import(path, None, store), store)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        folder = Path(folder)
        export = folder / "Connections.csv"
        linkedin_export(export, rows)
        homes = [folder / f"home{n}" for n in range(RUNS)]
        startup = statistics.median(cli(["--help"], folder / "unused") for _ in range(RUNS))
        # Side by side: each CLI run is followed at once by a floor run, so both see the same machine load.
        pairs = [(cli_times(["import", str(export)], home), floor_process(export, folder)) for home in homes]
        fresh, fresh_cpu = (statistics.median(times[n] for times, _ in pairs) for n in (0, 1))
        floor_whole, floor_cpu = (statistics.median(times[n] for _, times in pairs) for n in (0, 1))
        again = statistics.median(cli(["import", str(export)], home) for home in homes)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux reports KiB
        floor = statistics.median(pandas_and_sqlite(export, folder) for _ in range(RUNS))
        inside = statistics.median(in_process(export, folder) for _ in range(RUNS))
        size_mb = export.stat().st_size / 2**20

    print(f"LinkedIn export: {rows:,} rows, {size_mb:.1f} MB; median of {RUNS} runs, wall clock\n")
    ratio, cpu_ratio = fresh / floor_whole, fresh_cpu / floor_cpu
    table = [
        ("python -m workbook import (new store)", f"{fresh:.2f} s", f"target {TARGET_SECONDS:.0f} s", "ok" if fresh <= TARGET_SECONDS else "OVER"),
        ("pandas.read_csv + sqlite3 executemany, whole process", f"{floor_whole:.2f} s", "", ""),
        ("  ratio of the two, wall clock", f"{ratio:.2f}x", f"target {TARGET_RATIO}x", "ok" if ratio <= TARGET_RATIO else "OVER"),
        ("  the same two processes, CPU time", f"{fresh_cpu:.2f} s", f"{floor_cpu:.2f} s", ""),
        ("  ratio of the two, CPU time", f"{cpu_ratio:.2f}x", f"target {TARGET_RATIO}x", "ok" if cpu_ratio <= TARGET_RATIO else "OVER"),
        ("python -m workbook import (again, all unchanged)", f"{again:.2f} s", f"target {TARGET_SECONDS:.0f} s", "ok" if again <= TARGET_SECONDS else "OVER"),
        ("  of which CLI start-up (python -m workbook --help)", f"{startup:.2f} s", "", ""),
        ("peak memory of any CLI process", f"{peak_mb:.0f} MB", f"target {TARGET_MB} MB", "ok" if peak_mb < TARGET_MB else "OVER"),
        ("plan_import + apply_import, in process", f"{inside:.2f} s", "", ""),
        ("pandas.read_csv + sqlite3 executemany, in process", f"{floor:.2f} s", "", ""),
    ]
    width = max(len(row[0]) for row in table)
    for label, value, target, verdict in table:
        print(f"{label:<{width}}  {value:>8}  {target:<14} {verdict}")


if __name__ == "__main__":
    main()
