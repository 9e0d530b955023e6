"""Time and peak memory of the ideal points of all sessions, beside the static estimate a user would write first.

    python bench/ideal_points.py [VOTE-FOLDER] [--runs N]

Reads the full UN vote record (default ../shared/data/unga beside the checkout) into
a vote index in memory (not timed), then fits the dynamic model of kg.unga.ideal N
times (default 3) in a fresh process each, printing the median wall and CPU time and
the peak resident memory of the fit. The baseline is what an analyst would do in
numpy without the model: per session, the first principal component of the vote
matrix (yes −1, abstain 0, no 1, missing as the roll call's mean), signed so that the
United States is positive. Printed: the correlation of the two within each session
(median and worst) and over all state-sessions.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _index(folder: Path):
    from kg import paths
    from kg.build import reference
    from kg.unga import index, read
    from kg.unga.countries import CountryMap
    from kg.unga.sources import BadRows
    from kg.unga.table import tabulate

    ref = reference.load(paths.default_seeds_dir())
    bad = BadRows()
    source = read.read([folder], bad)[0]
    return index.from_table(tabulate(source, CountryMap(ref), bad))


def _one(folder: Path) -> dict:
    """One fit in this process: its times and peak memory, and the comparison with the baseline."""
    import numpy as np

    from kg.unga import ideal

    votes = _index(folder)
    wall, cpu = time.perf_counter(), time.process_time()
    est = ideal.estimate(votes)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    built, chain, _, session, _ = ideal.problem(votes)
    t0 = time.perf_counter()
    baseline = ideal.start_positions(built.unit, built.item, built.choice, session, built.chain)
    baseline_s = time.perf_counter() - t0
    corrs = []
    for s in np.unique(session):
        here = session == s
        flip = -1 if baseline[here & (chain == ideal.ANCHOR)].mean() < 0 else 1 if (here & (chain == ideal.ANCHOR)).any() else 1
        if here.sum() > 2:
            corrs.append(float(np.corrcoef(est.theta[here], flip * baseline[here])[0, 1]))
    return {"wall": wall, "cpu": cpu, "peak_mb": peak_mb, "iterations": est.iterations, "converged": est.converged,
            "units": int(len(est.theta)), "sessions": int(len(est.sessions)), "votes": int(len(built.unit)),
            "baseline_s": baseline_s, "corr_median": statistics.median(corrs), "corr_min": min(corrs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "data" / "unga")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.folder)))
        return
    runs = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, __file__, str(args.folder), "--one"], capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "peak_mb", "baseline_s")}
    last = runs[-1]
    print(f"ideal points, all sessions: {last['sessions']} sessions, {last['units']} state-sessions, "
          f"{last['votes']:,} votes (absences left out, contested roll calls)")
    print(f"  dynamic model (kg):   median of {len(runs)}: {med['wall']:.1f} s wall, {med['cpu']:.1f} s CPU, "
          f"peak {med['peak_mb']:.0f} MB (process, index included); {last['iterations']} rounds, "
          f"converged: {last['converged']}")
    print(f"  static baseline (per-session principal component, numpy): {med['baseline_s']:.1f} s")
    print(f"  correlation within a session, model vs baseline: median {last['corr_median']:.3f}, "
          f"lowest {last['corr_min']:.3f}")


if __name__ == "__main__":
    main()
