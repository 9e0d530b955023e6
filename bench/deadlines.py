"""What the deadline of a local query costs: each catalogue query on the seeds, with and without its worker thread.

Prints figures; asserts nothing. Run from a checkout:  python bench/deadlines.py [N]

Every query of the embedded store runs in a worker thread that the caller waits for
until the deadline (kg.store.deadline), after a scan of its text for SERVICE. The
baseline runs the same work inline, with no thread and no scan, in the same run;
the median of N runs of each query is printed with the ratio.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time

from kg import paths
from kg.build import pipeline as build
from kg.catalogue import files as catalogue
from kg.catalogue import run as query
from kg.catalogue import sparql
from kg.store import deadline
from kg.store.embedded import OxigraphStore

SAMPLE = {"actor": "Serbia", "issue": "territorial-integrity", "claim": "serbia-votes-no-a-res-74-17"}


def median_ms(func, n: int) -> float:
    for _ in range(max(n // 10, 5)):  # warm up
        func()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def inline(work, seconds, late):
    """deadline.run without the thread: the work, called in place."""
    return work(threading.Event())


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    store = OxigraphStore.in_memory()
    store.load_dataset(build.build(paths.default_seeds_dir()).dataset)
    print(f"catalogue queries on the seed graph in memory; median of {n} runs, ms")
    print(f"{'query':<16} {'inline':>8} {'deadline':>9} {'ratio':>6}")
    worker, scan = deadline.run, sparql.refuse_service
    totals = [0.0, 0.0]
    for name in catalogue.names():
        q = catalogue.load(name)
        values = {p.name: SAMPLE.get(p.type, "") for p in q.params if p.required}
        terms = query.bindings(store, q, values)
        text = query.PROLOGUE + q.text
        deadline.run, sparql.refuse_service = inline, lambda text: None
        try:
            before = median_ms(lambda: store.query(text, terms), n)
        finally:
            deadline.run, sparql.refuse_service = worker, scan
        after = median_ms(lambda: store.query(text, terms), n)
        totals[0] += before
        totals[1] += after
        print(f"{name:<16} {before:8.2f} {after:9.2f} {after / before:6.2f}")
    print(f"{'all':<16} {totals[0]:8.2f} {totals[1]:9.2f} {totals[1] / totals[0]:6.2f}")
    alone = median_ms(lambda: deadline.run(lambda cancelled: None, 30.0, None), n * 10)
    scan = median_ms(lambda: sparql.uses_service.__wrapped__(query.PROLOGUE + catalogue.load("timeline").text), n)
    print(f"the worker thread alone: {alone * 1000:.0f} µs; the SERVICE scan of a query, uncached: {scan * 1000:.0f} µs")


if __name__ == "__main__":
    main()
