"""Load time, peak memory and query times of the three stores on the same synthetic votes.

Prints figures; asserts nothing. Run from a checkout:  python bench/stores.py
(``--triples 200000`` for a quicker run). It writes about a million synthetic UN-vote
triples (six a vote: 193 states voting on resolutions) as N-Quads, then, each store
in a fresh process so that its peak memory is its own:

- memory: the default store, the graph file bulk-loaded into memory, which every
  command does when it starts;
- directory: ``kg load`` into an Oxigraph directory, then a command opening it;
- remote: ``kg load`` into ``oxigraph serve`` on 127.0.0.1, then a command querying it
  over HTTP (the server's peak memory is shown apart).

The same queries (``bench/stores/*.rq``) run on each; the best of three runs is shown,
with ratios to the memory store, and a check that every store gave the same rows.
"Agreement in Python" fetches every vote and counts in Python what
``agreement-with-all`` counts in SPARQL: it shows where the work should happen.

The synthetic votes are loaded here as graphs of kg (``id:graph/…``), which queries
read. The real record imported beside the claims (``id:import/…``, which claims
queries do not read) is measured by ``bench/unga.py``: the claims commands with and
without the votes in the store, side by side.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from timing import best_of

HERE = Path(__file__).resolve().parent
SA = "https://w3id.org/state-alignments/ontology#"
ID = "https://w3id.org/state-alignments/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
STATES = 193
CHOICES = ("Yes", "No", "Abstain", "Absent")
QUERIES = ("votes-by-choice", "agreement-with-all", "votes-of-actor", "all-votes")


def state(i: int) -> str:
    return f"{ID}actor/bench-state-{i:03d}"


def generate(path: Path, triples: int, seed: int = 42) -> int:
    """Write synthetic votes as N-Quads, one graph per session; the number of quads written."""
    rng = random.Random(seed)
    resolutions = max(1, triples // (6 * STATES))
    # each state leans to one of three camps; a camp's line on a resolution is drawn once
    camps = [rng.randrange(3) for _ in range(STATES)]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for r in range(resolutions):
            graph = f"<{ID}graph/bench-session-{r // 60:03d}>"
            res = f"<{ID}resolution/bench/{r:05d}>"
            out.write(f"{res} <{RDF_TYPE}> <{SA}Resolution> {graph} .\n")
            written += 1
            line = [rng.choice(CHOICES[:3]) for _ in range(3)]
            for s in range(STATES):
                choice = line[camps[s]] if rng.random() < 0.8 else rng.choice(CHOICES)
                vote = f"<{ID}vote/bench/{r:05d}/{s:03d}>"
                stance = "supports" if choice == "Yes" else "opposes" if choice == "No" else "neutral"
                out.write(
                    f"{vote} <{RDF_TYPE}> <{SA}Action> {graph} .\n"
                    f"{vote} <{SA}actionType> <{SA}VoteAction> {graph} .\n"
                    f"{vote} <{SA}actor> <{state(s)}> {graph} .\n"
                    f"{vote} <{SA}onResolution> {res} {graph} .\n"
                    f"{vote} <{SA}voteChoice> <{SA}{choice}> {graph} .\n"
                    f"{vote} <{SA}stance> <{SA}{stance}> {graph} .\n"
                )
                written += 6
    return written




def digest(result) -> str:
    rows = sorted(json.dumps([str(t) for t in row]) for row in result.rows)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:12]


def agreement_in_python(store, text: str, actor: str) -> dict[str, tuple[int, int]]:
    """What agreement-with-all.rq computes, from every vote fetched as rows."""
    mine, by_resolution = {}, defaultdict(list)
    for who, resolution, choice in store.query(text).rows:
        by_resolution[resolution].append((str(who), choice))
        if str(who) == actor:
            mine[resolution] = choice
    shared, same = Counter(), Counter()
    for resolution, choice in mine.items():
        for who, other_choice in by_resolution[resolution]:
            if who != actor:
                shared[who] += 1
                same[who] += other_choice == choice
    return {who: (shared[who], same[who]) for who in shared}


def run_one(kind: str, data: Path, target: str) -> dict:
    """Load ``data`` into one store, open it as a command would and run the queries."""
    from rdflib import URIRef

    from kg.catalogue import files as catalogue
    from kg.store.embedded import OxigraphStore
    from kg.store.remote import RemoteStore

    figures: dict[str, float | str] = {}
    start = time.perf_counter()
    if kind == "memory":
        store = OxigraphStore.in_memory()
        store.load_file(data)
        figures["load"] = figures["open"] = time.perf_counter() - start
    else:
        writer = OxigraphStore.open_directory(Path(target)) if kind == "directory" else RemoteStore(target, timeout=3600)
        writer.replace_graphs(data)
        writer.close()
        del writer
        figures["load"] = time.perf_counter() - start
        start = time.perf_counter()
        if kind == "directory":
            store = OxigraphStore.open_directory(Path(target), read_only=True)
        else:
            store = RemoteStore(target, timeout=3600)
        store.graphs()
        figures["open"] = time.perf_counter() - start
    actor = URIRef(state(0))
    for name in QUERIES:
        text = catalogue.read_query(HERE / "stores" / f"{name}.rq").text
        bindings = {"actor": actor} if "?actor" in text and name != "all-votes" else {}
        seconds, result = best_of(lambda: store.query(text, bindings))
        figures[name] = seconds
        figures[name + " rows"] = len(result.rows)
        figures[name + " digest"] = digest(result)
    all_votes = catalogue.read_query(HERE / "stores" / "all-votes.rq").text
    seconds, counted = best_of(lambda: agreement_in_python(store, all_votes, state(0)), repeat=1)
    figures["agreement in Python"] = seconds
    figures["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(kind: str, data: Path, target: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--run", kind, "--data", str(data), "--target", target],
        capture_output=True, text=True, check=False,
    )
    if out.returncode:
        sys.exit(f"the {kind} run failed:\n{out.stderr}")
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--run", choices=("memory", "directory", "remote"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--target", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run, args.data, args.target)))
        return

    from kg.store.server import server_binary

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        data = tmp / "votes.nq"
        start = time.perf_counter()
        quads = generate(data, args.triples)
        print(f"{quads:,} synthetic vote quads ({data.stat().st_size / 2**20:.0f} MB of N-Quads) "
              f"written in {time.perf_counter() - start:.1f} s; {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} (other work on the machine slows every figure)", flush=True)
        results = {"memory": child("memory", data, "")}
        print("memory done", flush=True)
        results["directory"] = child("directory", data, str(tmp / "store"))
        print("directory done", flush=True)
        port = free_port()
        server = subprocess.Popen(
            [server_binary(), "serve", "--location", str(tmp / "server"), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.1)
            results["remote"] = child("remote", data, f"http://127.0.0.1:{port}")
            server_peak = peak_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        print("remote done\n", flush=True)
        report(results, server_peak)


def report(results: dict, server_peak: float) -> None:
    kinds = ("memory", "directory", "remote")
    rows = [("load (s)", "load"), ("open for a command (s)", "open")]
    rows += [(f"{q} (s, {results['memory'][q + ' rows']:,} rows)", q) for q in QUERIES]
    rows += [("agreement in Python (s)", "agreement in Python"), ("peak memory of kg (MB)", "peak memory MB")]
    header = f"{'':44}" + "".join(f"{k:>12}" for k in kinds) + f"{'dir/mem':>10}{'remote/mem':>12}"
    print(header)
    print("-" * len(header))
    for label, key in rows:
        values = [results[k][key] for k in kinds]
        ratios = "".join(f"{v / values[0]:>{w}.2f}" if values[0] else f"{'':>{w}}" for v, w in ((values[1], 10), (values[2], 12)))
        print(f"{label:44}" + "".join(f"{v:>12.3f}" for v in values) + ratios)
    print(f"{'peak memory of the Oxigraph server (MB)':44}{'':>24}{server_peak:>12.0f}")
    same = all(len({results[k][q + ' digest'] for k in kinds}) == 1 for q in QUERIES)
    print(f"\nthe same rows from every store: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
