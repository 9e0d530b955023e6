"""Benchmark of the UN votes beside the claims, on the full real record, in one run.

Run from the repository: ``python bench/unga.py [DATA_DIR] [--repeat 5]`` (default
``../shared/data/unga``; needs the ``bench`` extra: pandas, threadpoolctl). It prints,
side by side:

1. ``kg import unga`` of the whole record (870,109 votes) into a new directory store,
   as a command: its CPU time (user + system) and peak resident memory;
2. the claims analysis (``kg compare``, ``kg clusters``, ``kg contradictions``, ``kg
   export html``, two catalogue queries) on a store holding only the seeds and on the
   store holding the seeds beside the record: each command's time in a new process
   (median of ``--repeat`` runs) beside the same call in this process on a store
   already open (median), with the ratio of with votes to without;
3. ``kg votes`` commands against what a user would write without kg: pandas
   ``read_csv`` + ``pivot`` of the votes table and numpy for the agreement, run as a
   script in a new process (median) and in this process; the agreement values of
   both are checked to be equal;
4. the all-pairs matrix (every state, all metrics) with numpy's BLAS on one thread
   and on its default threads, on the same index: the effect of the thread count;
5. the ideal points of all 74 sessions, one fit in a new process, by
   ``bench/ideal_points.py`` (time, memory, rounds, and the static baseline).

No figure compares a function with itself. Other work on the machine slows every
figure: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"]

CLAIMS = [  # (what, command arguments, the same through the Python API)
    ("kg compare Serbia --against Russia EU", ["compare", "Serbia", "--against", "Russia", "EU"],
     lambda g, tmp: g.compare("Serbia", against=["Russia", "EU"])),
    ("kg clusters", ["clusters"], lambda g, tmp: g.clusters()),
    ("kg contradictions Serbia", ["contradictions", "Serbia"], lambda g, tmp: g.contradictions("Serbia")),
    ("kg export html", ["export", "html", "-o", "{tmp}/page.html"], lambda g, tmp: g.export_page(f"{tmp}/page.html")),
    ("kg query positions -p actor=Serbia", ["query", "positions", "--param", "actor=Serbia"],
     lambda g, tmp: g.query("positions", actor="Serbia")),
    ("kg query actors", ["query", "actors"], lambda g, tmp: g.query("actors")),
]

# What a user would write without kg: pandas to read and pivot, numpy for the agreement.
BASELINE = textwrap.dedent('''
    import sys
    import numpy as np
    import pandas as pd

    def matrix(data):
        votes = pd.read_csv(f"{data}/un_votes.csv.gz", keep_default_na=False)  # NA is Namibia
        votes["code"] = votes["vote"].map({"yes": 1, "abstain": 2, "no": 3})
        table = votes.pivot(index="rcid", columns="country", values="code")
        return table.fillna(0).to_numpy(np.int8), list(table.columns)

    def agreement(x, z):
        """Share of the roll calls both voted on (yes, abstain or no) where they voted alike."""
        same = sum((x == c).astype(np.float32).T @ (z == c).astype(np.float32) for c in (1, 2, 3))
        both = (x > 0).astype(np.float32).T @ (z > 0).astype(np.float32)
        with np.errstate(divide="ignore", invalid="ignore"):
            return same / both

    if __name__ == "__main__":
        m, countries = matrix(sys.argv[1])
        i = countries.index(sys.argv[2])
        if sys.argv[3] == "all":
            print(agreement(m[:, [i]], m).round(3).tolist())
        else:
            print(agreement(m, m).shape)
''')

# The data files Serbia's votes under "Yugoslavia" (YU) from 1946 on; kg's Serbia is its
# seat from 2006: the baseline reads that column, which costs the same.
VOTES = [  # (what, kg votes arguments, baseline arguments, kg in this process)
    ("one pair: kg votes Serbia Russia", ["votes", "Serbia", "Russia"], ["Yugoslavia", "all"], "pair"),
    ("one against all: kg votes Serbia --against-all", ["votes", "Serbia", "--against-all"], ["Yugoslavia", "all"],
     "against-all"),
    ("all pairs: kg votes matrix --format csv", ["votes", "matrix", "--format", "csv"], ["Yugoslavia", "matrix"],
     "matrix"),
]


def median_of(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(args: list[str], env: dict) -> tuple[float, float, float]:
    """Run ``kg ARGS`` in a new process: (wall s, CPU s of user and system, peak MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(KG + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"kg {' '.join(args)} failed:\n{process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def cold(args: list[str], env: dict, repeat: int) -> float:
    return statistics.median(command(args, env)[0] for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data" / "unga")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repeat = args.repeat
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-unga-") as tmp:
        env = dict(os.environ, KG_HOME=f"{tmp}/home", KG_STORE_TIMEOUT="3600", PYTHONPATH=str(ROOT))
        claims, votes = f"{tmp}/claims", f"{tmp}/votes"
        wall, cpu, peak = command(["import", "unga", str(args.data), "--store", votes], env)
        print(f"\nkg import unga (the whole record, a new store): {wall:.1f} s wall, {cpu:.1f} s CPU, "
              f"{peak:.0f} MB peak memory", flush=True)
        command(["load", "--store", votes], env)
        command(["load", "--store", claims], env)
        claims_table(tmp, env, {"without votes": claims, "with votes": votes}, repeat)
        votes_table(tmp, env, args.data, votes, repeat)
    # the ideal points of all 74 sessions in the same run, as bench/ideal_points.py measures them
    print(flush=True)
    subprocess.run([sys.executable, str(Path(__file__).with_name("ideal_points.py")), str(args.data), "--runs", "1"],
                   check=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


def claims_table(tmp: str, env: dict, stores: dict[str, str], repeat: int) -> None:
    os.environ.update(KG_HOME=env["KG_HOME"], KG_STORE_TIMEOUT="3600")
    import kg

    print(f"\nclaims analysis, seconds (median of {repeat}): a new process per command | in this process, store open")
    header = f"{'':40}" + "".join(f"{k + ' cmd':>20}{'in-proc':>10}" for k in stores) + f"{'ratio cmd':>11}{'in-proc':>9}"
    print(header + "\n" + "-" * len(header), flush=True)
    for what, arguments, call in CLAIMS:
        figures = []
        for store in stores.values():
            line = [a.format(tmp=tmp) for a in arguments] + ["--store", store]
            graph = kg.open(store)
            call(graph, tmp)  # the first call reads what later calls reuse
            figures += [cold(line, env, repeat), median_of(lambda c=call, g=graph: c(g, tmp), repeat)]
            graph.close()
        ratios = f"{figures[2] / figures[0]:>10.2f}x{figures[3] / figures[1]:>8.2f}x"
        print(f"{what:40}" + "".join(f"{figures[i]:>20.3f}{figures[i + 1]:>10.3f}" for i in (0, 2)) + ratios, flush=True)


def votes_table(tmp: str, env: dict, data: Path, store: str, repeat: int) -> None:
    import numpy as np
    from threadpoolctl import threadpool_limits

    from kg import paths
    from kg.build import reference
    from kg.unga import analysis, index, metrics

    script = Path(tmp) / "baseline.py"
    script.write_text(BASELINE, encoding="utf-8")
    sys.path.insert(0, tmp)
    import baseline

    print(f"\nkg votes against pandas + numpy, seconds (median of {repeat}): a new process | in this process")
    header = f"{'':48}{'kg cmd':>9}{'baseline':>10}{'ratio':>8}{'kg in-proc':>12}{'baseline':>10}{'ratio':>8}"
    print(header + "\n" + "-" * len(header), flush=True)
    ref = reference.load(paths.default_seeds_dir())
    in_process = {  # each reads the index, as a command does
        "pair": lambda: analysis.pair(index.read_index(Path(store)), ref, "Serbia", "Russia"),
        "against-all": lambda: analysis.against_all(index.read_index(Path(store)), ref, "Serbia"),
        "matrix": lambda: metrics.scores(index.read_index(Path(store)).votes),
    }
    for what, arguments, base_args, key in VOTES:
        ours_cold = cold(arguments + ["--store", store], env, repeat)
        base_cold = statistics.median(
            _timed_run([sys.executable, str(script), str(data), *base_args]) for _ in range(repeat))
        ours = median_of(in_process[key], repeat)
        base = median_of(lambda a=base_args: _baseline(baseline, data, a), repeat)
        print(f"{what:48}{ours_cold:>9.3f}{base_cold:>10.3f}{ours_cold / base_cold:>7.2f}x"
              f"{ours:>12.3f}{base:>10.3f}{ours / base:>7.2f}x", flush=True)

    ix = index.read_index(Path(store))
    m, countries = baseline.matrix(data)
    ours = metrics.scores(ix.votes)
    theirs = baseline.agreement(m, m)
    pairs = [("Cuba", "cuba"), ("Russia", "russia"), ("United States", "united-states"), ("China", "china")]
    equal = all(np.isclose(ours.get("agreement", ix.column(a2), ix.column(b2)),
                           theirs[countries.index(a1), countries.index(b1)], atol=1e-6)
                for a1, a2 in pairs for b1, b2 in pairs if a1 != b1)
    print(f"agreement of Cuba, Russia, the United States and China with each other equals the baseline's: {equal}")

    print(f"\nall-pairs matrix, all metrics, from the index in memory (median of {repeat}):")
    with threadpool_limits(limits=1, user_api="blas"):
        one = median_of(lambda: metrics.scores(ix.votes), repeat)
    default = median_of(lambda: metrics.scores(ix.votes), repeat)
    threads = max((p.get("num_threads", 1) for p in __import__("threadpoolctl").threadpool_info()), default=1)
    print(f"  BLAS on 1 thread {one:.3f} s, on its default {threads} threads {default:.3f} s ({default / one:.2f}x)")


def _timed_run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _baseline(baseline, data: Path, base_args: list[str]):
    m, countries = baseline.matrix(data)
    i = countries.index(base_args[0])
    return baseline.agreement(m[:, [i]], m) if base_args[1] == "all" else baseline.agreement(m, m)


if __name__ == "__main__":
    main()
