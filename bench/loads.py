"""What replacing a directory store whole costs: ``kg load`` timed with this code and with a baseline.

Prints figures; asserts nothing. Run from a checkout:

    git archive <commit> | tar -x -C /tmp/baseline      # the code to compare with
    python bench/loads.py --baseline /tmp/baseline

Each code tree runs in its own processes (``PYTHONPATH``), on the same inputs: the
seeds' graph and a graph of ~100,000 quads in ten graphs kg owns, each loaded into a
new directory and then again into the loaded one (which replaces the graphs), and
the seeds loaded into a store that also holds ~500,000 imported quads (a store with
UN votes). Each figure is the median of ``--runs`` runs, with the ratio of this code
to the baseline. Without ``--baseline`` only this code is timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWNED = "https://w3id.org/state-alignments/id/graph/"
IMPORTED = "https://w3id.org/state-alignments/id/import/bench"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

CHILD = """
import json, sys, time
from pathlib import Path
import pyoxigraph as ox
from kg.build import current

case, graph, work, extra = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
store = work / "store"
if case.endswith("again") or case == "beside-imported":
    if case == "beside-imported":
        holder = ox.Store(str(store))
        holder.bulk_load(path=extra, format=ox.RdfFormat.N_QUADS)
        holder.flush()
        del holder
    current.load(str(store), graph_path=Path(graph))
start = time.perf_counter()
current.load(str(store), graph_path=Path(graph))
print(json.dumps(time.perf_counter() - start))
"""

CASES = [
    ("seeds into a new directory", "new", "seeds"),
    ("seeds again (replacing them)", "again", "seeds"),
    ("100k quads into a new directory", "new", "big"),
    ("100k quads again (replacing them)", "again", "big"),
    ("seeds into a store holding 500k imported quads", "beside-imported", "seeds"),
]


def write_quads(path: Path, count: int, graph) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(f'<{OWNED}thing/{i}> <{LABEL}> "thing {i}" <{graph(i)}> .\n')
    return path


def seeds_graph(tree: Path, folder: Path) -> Path:
    target = folder / "seeds.trig"
    code = "import sys; from kg.build import pipeline; pipeline.build_file(None, sys.argv[1], 'trig')"
    subprocess.run([sys.executable, "-c", code, str(target)], check=True, env=_env(tree, folder))
    return target


def _env(tree: Path, home: Path) -> dict:
    import os

    return {**os.environ, "PYTHONPATH": str(tree), "KG_HOME": str(home)}


def time_case(tree: Path, case: str, graph: Path, imported: Path, scratch: Path) -> float:
    with tempfile.TemporaryDirectory(dir=scratch) as work:
        done = subprocess.run([sys.executable, "-c", CHILD, case, str(graph), work, str(imported)],
                              check=True, capture_output=True, text=True, env=_env(tree, Path(work)))
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--code", type=Path, default=ROOT, help="the code to time (default: this checkout)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    trees = [("this code", args.code.resolve())] + ([("baseline", args.baseline.resolve())] if args.baseline else [])
    with tempfile.TemporaryDirectory(prefix="kg-bench-loads-") as tmp:
        scratch = Path(tmp)
        graphs = {"seeds": seeds_graph(trees[0][1], scratch),
                  "big": write_quads(scratch / "big.nq", 100_000, lambda i: f"{OWNED}big{i % 10}")}
        imported = write_quads(scratch / "imported.nq", 500_000, lambda i: IMPORTED)
        print(f"{'median of ' + str(args.runs) + ' runs (s)':<50}" + "".join(f"{name:>12}" for name, _ in trees)
              + ("       ratio" if len(trees) == 2 else ""))
        for label, case, graph in CASES:
            runs: list[list[float]] = [[] for _ in trees]
            for _ in range(args.runs):  # the trees take turns, so that a busy moment of the machine hits both
                for times, (_, tree) in zip(runs, trees):
                    times.append(time_case(tree, case, graphs[graph], imported, scratch))
            medians = [statistics.median(times) for times in runs]
            ratio = f"{medians[0] / medians[1]:11.2f}×" if len(medians) == 2 else ""
            print(f"{label:<50}" + "".join(f"{m:12.2f}" for m in medians) + ratio, flush=True)

if __name__ == "__main__":
    main()
