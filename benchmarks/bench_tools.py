"""Benchmark the contact book and the network map on a large generated workbook (not a test: it
prints figures).

    python benchmarks/bench_tools.py [--contacts 10000] [--exchanges 100000] [--ties 30000]

The workbook: `synthetic` contacts and exchanges, every contact placed in a Dunbar layer, the
contacts split into groups of about 100 with `--ties` random ties inside groups and one tie in a
hundred between groups. Targets: opening either tool within about 1 s (median of 5 opens). The map
draws at most 150 contacts (the best connected) and says so; your own effective size and
constraint are computed on everyone. Memory: the peak of Python allocations while opening each
tool (tracemalloc, a separate run, since tracing slows everything down) and the process's peak
resident size."""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from workbook.domain.keep_in_touch import KeepInTouch, LAYERS
from workbook.sample import synthetic
from workbook.store import Store
from workbook.widgets import ContactBook, NetworkMap

GROUP_SIZE = 100


def add_layers_and_ties(store: Store, ties: int, seed: int = 11) -> int:
    """Place every contact in a layer and add random ties, mostly inside groups. Returns the tie count."""
    rng = random.Random(seed)
    with store.transaction():
        ids = sorted(store.contacts.names())
        for cid in ids:
            store.contacts.save(store.contacts.get(cid), KeepInTouch(layer=rng.choice(LAYERS)))
        groups = [ids[i : i + GROUP_SIZE] for i in range(0, len(ids), GROUP_SIZE)]
        pairs = set()
        while len(pairs) < ties:
            if rng.random() < 0.01:
                a, b = rng.sample(ids, 2)
            else:
                a, b = rng.sample(rng.choice(groups), 2)
            pairs.add((min(a, b), max(a, b)))
        store.ties.add_many(pairs)
    return len(pairs)


def timed_opens(tool, path: Path, repeats: int = 5) -> tuple[list[float], object]:
    samples, opened = [], None
    for _ in range(repeats):
        store = Store(path)
        started = time.perf_counter()
        opened = tool(store)
        samples.append(time.perf_counter() - started)
    return samples, opened


def traced_peak_mb(tool, path: Path) -> float:
    tracemalloc.start()
    tool(Store(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--exchanges", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=30_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        store = synthetic(Store(path), args.contacts, args.exchanges)
        ties = add_layers_and_ties(store, args.ties)
        generated = time.perf_counter() - started

        book_opens, book = timed_opens(ContactBook, path)
        map_opens, network = timed_opens(NetworkMap, path)

        talked = []
        for contact_id in list(book.talked_buttons)[:10]:
            started = time.perf_counter()
            book.talked_buttons[contact_id].click()  # write a touchpoint, recompute health and the due list
            talked.append(time.perf_counter() - started)
            assert "Logged a conversation" in book.due_status.text, book.due_status.text

        names = list(network.first.options)
        tie_changes = []
        for i in range(5):
            network.first.value, network.second.value = names[i], names[-1 - i]
            started = time.perf_counter()
            network.know_button.click()  # write a tie, recompute the picture, redraw the map
            tie_changes.append(time.perf_counter() - started)

        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
        book_peak = traced_peak_mb(ContactBook, path)
        map_peak = traced_peak_mb(NetworkMap, path)
        first_line = network.summary().splitlines()[0]

    ms = lambda samples: f"{statistics.median(samples) * 1000:.0f} ms"  # noqa: E731
    rows = [
        ("generate store", f"{generated:.2f} s", ""),
        ("open ContactBook (median of 5)", ms(book_opens), "<= ~1000 ms"),
        ("open NetworkMap (median of 5)", ms(map_opens), "<= ~1000 ms"),
        ("'we talked today' (median of 10)", ms(talked), ""),
        ("add a tie + redraw (median of 5)", ms(tie_changes), ""),
        ("peak Python allocations, ContactBook", f"{book_peak:.0f} MB", ""),
        ("peak Python allocations, NetworkMap", f"{map_peak:.0f} MB", ""),
        ("peak resident size (whole run)", f"{rss_mb:.0f} MB", ""),
    ]
    print(f"Contact book and network map: {args.contacts:,} contacts, {args.exchanges:,} exchanges, {ties:,} ties")
    for name, value, target in rows:
        print(f"  {name:<40} {value:>10}   {target}")
    print(f"  map summary: {first_line}")


if __name__ == "__main__":
    main()
