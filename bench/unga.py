"""Benchmark of the UN vote import and the vote-based metrics on the full real data.

Run from the repository: ``python bench/unga.py [DATA_DIR]`` (default
``../shared/data/unga``). In one process it measures:

1. the full import (870,109 votes) into an embedded persistent Oxigraph store in a
   temporary directory: wall time and the process's peak resident memory; then the
   same import again (unchanged files: the store is left as it is);
2. one state against all others, all five metrics, warm (the index already read):
   median of repeated runs, and the cold time including reading the index;
3. the all-pairs matrix (every state, all five metrics) from the index;
4. the baseline: the same matrix computed with numpy straight from the CSV files
   (parse, pivot to roll calls × countries, same arithmetic), with the ratios.

It prints a table; it is not a test and asserts nothing.
"""

from __future__ import annotations

import csv
import gzip
import io
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import paths
from kg.build import reference  # noqa: E402
from kg.unga import analysis, importer, index, metrics  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(func, *args, **kw):
    start = time.perf_counter()
    value = func(*args, **kw)
    return value, time.perf_counter() - start


def median_time(func, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        _, seconds = timed(func)
        times.append(seconds)
    return statistics.median(times)


def baseline_matrix(data: Path):
    """numpy from the CSV: the matrix of every country against every other, all metrics."""
    def read(name: str) -> io.TextIOWrapper:
        path = data / f"{name}.csv.gz"
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8", newline="") if path.exists() else (data / f"{name}.csv").open(newline="")

    with read("un_votes") as handle:
        rows = list(csv.reader(handle))[1:]
    table = np.array(rows, dtype=str)  # keep NA (Namibia) as text
    rcid = table[:, 0].astype(np.int64)
    _, row = np.unique(rcid, return_inverse=True)
    countries, col = np.unique(table[:, 1], return_inverse=True)
    codes = np.select([table[:, 3] == "yes", table[:, 3] == "abstain", table[:, 3] == "no"], [1, 2, 3], 0).astype(np.int8)
    votes = np.zeros((row.max() + 1, len(countries)), dtype=np.int8)
    votes[row, col] = codes
    return votes, countries


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "unga"
    ref = reference.load(paths.default_seeds_dir())
    figures: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-unga-") as tmp:
        store_dir = Path(tmp) / "store"
        before = peak_mb()
        report, seconds = timed(importer.import_into, [data], store_dir)
        figures.append(("import into the on-disk store (s)", f"{seconds:.1f}"))
        figures.append(("  peak resident memory of the process (MB)", f"{peak_mb():.0f} (before: {before:.0f})"))
        (dataset,) = report.datasets
        figures.append(("  votes / roll calls / states", f"{dataset.votes} / {dataset.rollcalls} / {dataset.actors}"))
        store_size = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file()) / 1e6
        figures.append(("  store size on disk (MB)", f"{store_size:.0f}"))
        again, seconds = timed(importer.import_into, [data], store_dir)
        figures.append(("import the same files again (unchanged: nothing rewritten) (s)", f"{seconds:.1f} ({again.datasets[0].unchanged})"))

        ix, cold_read = timed(index.read_index, store_dir)
        _, cold_one = timed(analysis.against_all, ix, ref, "Serbia")
        figures.append(("one against all, cold: read index + metrics (s)", f"{cold_read + cold_one:.3f}"))
        warm_one = median_time(lambda: analysis.against_all(ix, ref, "Serbia"))
        figures.append(("one against all, warm, all metrics (s)", f"{warm_one:.4f}"))
        warm_pair = median_time(lambda: analysis.pair(ix, ref, "Serbia", "EU"))
        figures.append(("one pair with a bloc (Serbia–EU), warm (s)", f"{warm_pair:.4f}"))

        ours = median_time(lambda: metrics.scores(ix.votes), repeat=3)
        _, ours_end_to_end = timed(lambda: metrics.scores(index.read_index(store_dir).votes))
        (base_votes, countries), base_read = timed(baseline_matrix, data)
        base_scores = metrics.scores(base_votes)
        base_compute = median_time(lambda: metrics.scores(base_votes), repeat=3)
        base_end_to_end = base_read + base_compute
        figures.append(("all-pairs matrix from the index, compute (s)", f"{ours:.2f}"))
        figures.append(("all-pairs matrix from the index, incl. reading it (s)", f"{ours_end_to_end:.2f}"))
        figures.append(("baseline: numpy from the CSV, parse + pivot (s)", f"{base_read:.2f}"))
        figures.append(("baseline: numpy from the CSV, matrix (s)", f"{base_compute:.2f}"))
        figures.append(("ratio to the baseline, end to end (index / CSV)", f"{ours_end_to_end / base_end_to_end:.2f}x"))
        figures.append(("ratio to the baseline, matrix only", f"{ours / base_compute:.2f}x"))
        ours_scores = metrics.scores(ix.votes)
        i, j = ix.column("russia"), ix.column("united-states")
        bi, bj = list(countries).index("Russia"), list(countries).index("United States")
        same = all(ours_scores.get(m, i, j) == base_scores.get(m, bi, bj) for m in metrics.METRICS)
        figures.append(("Russia–United States: all metrics equal the baseline's", str(same)))
    width = max(len(k) for k, _ in figures)
    print(f"{'figure'.ljust(width)}  value")
    print(f"{'-' * width}  -----")
    for key, value in figures:
        print(f"{key.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
