"""Benchmark the reciprocity tracker on a large generated workbook (not a test: it prints figures).

    python benchmarks/bench_tracker.py [--contacts 10000] [--exchanges 100000]

Targets on the course's reference machine (2 cores): opening at most 1 s, logging one exchange
and refreshing the balances at most 50 ms (median), peak memory under 300 MB."""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # maintainer/ is not an installed package

from maintainer.sample_data import synthetic  # noqa: E402
from workbook.store import Store  # noqa: E402
from workbook.widgets import ReciprocityTracker  # noqa: E402


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--exchanges", type=int, default=100_000)
    parser.add_argument("--logs", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        synthetic(Store(path), args.contacts, args.exchanges)
        generated = time.perf_counter() - started

        opens = []
        for _ in range(5):
            started = time.perf_counter()
            tracker = ReciprocityTracker(Store(path))
            opens.append(time.perf_counter() - started)

        names = list(tracker.contact.options)
        logs = []
        for i in range(args.logs):
            tracker.contact.value = names[(i * 7919) % len(names)]
            tracker.kind.value = "advice"
            started = time.perf_counter()
            tracker.log_button.click()  # validate, write, refresh balances, nudges and recent list
            logs.append(time.perf_counter() - started)
            assert "Logged" in tracker.status.text, tracker.status.text

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB

    rows = [
        ("generate store", f"{generated:.2f} s", ""),
        ("open tracker (median of 5)", f"{median_ms(opens):.0f} ms", "<= 1000 ms"),
        (f"log + refresh (median of {args.logs})", f"{median_ms(logs):.1f} ms", "<= 50 ms"),
        ("log + refresh (worst)", f"{max(logs) * 1000:.1f} ms", ""),
        ("peak memory (max RSS)", f"{peak_mb:.0f} MB", "< 300 MB"),
    ]
    print(f"Reciprocity tracker: {args.contacts:,} contacts, {args.exchanges:,} exchanges")
    for name, value, target in rows:
        print(f"  {name:<34} {value:>10}   {target}")


if __name__ == "__main__":
    main()
