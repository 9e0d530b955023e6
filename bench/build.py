"""What a build costs as the articles grow: each stage's time and peak memory, a one-article edit, the reading commands.

Prints figures; asserts nothing. Run from a checkout:

    python bench/build.py                         # 5, 50, 200 and 1,000 articles, both corpora
    python bench/build.py --sizes 5 50 --corpus replicated --runs 3

Three corpora, each written into a temporary seeds folder (the shipped reference data
copied beside the articles):

- replicated: the shipped seeds under new file names, the same texts and claims, distinct
  documents (every actor's claims multiply with the copies, the worst case for rules
  that pair claims);
- synthetic: distinct documents of 10 to 25 claims each (statements, actions and ties
  of states drawn from the reference data, on the shipped issues), every quote a
  sentence of the generated text; each state holds a position on each issue, mostly
  its camp's, and keeps to it in most claims, and its ties go to a few partners and
  adversaries, as states do in the news;
- noise (only with ``--corpus noise``): the same documents with every stance and tie
  target drawn at random, every state on every side of every issue and tied to any
  other: the worst case for the contradictions, which then grow with the square of
  the claims until every pair of sides is found.

Each build runs in a fresh process (``kg build`` as a user runs it): the time and peak
resident memory of each stage (read, check quotes, triples, rules, shacl, write; peak
reset at each stage through /proc/self/clear_refs), then one article's text edited and
the build run again, then one claim's stance flipped in its annotation file and the
build run again (its stages shown too: a claim edit re-runs the rules that read it),
then each reading command as a cold process, median of ``--runs``.
The growth exponent between two sizes is log(t2/t1) / log(n2/n1): 1 is linear.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generator reads the issues of the kg it times
SEEDS = ROOT / "seeds"
STAGES = ["read", "quotes", "triples", "rules", "shacl", "write"]
READING = {
    "query actors": ["query", "actors"],
    "compare": ["compare", "Serbia", "--against", "Russia", "EU"],
    "contradictions": ["contradictions", "Serbia"],
    "export html": ["export", "html", "--focus", "Serbia", "-o", "{out}/page.html"],
}

CHILD = """
import json, sys, time
from kg.build import claims, pipeline
from pathlib import Path

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0

def reset():
    try:
        with open("/proc/self/clear_refs", "w") as out:
            out.write("5")
    except OSError:
        pass

spent = {"quotes": 0.0}
def timed(func):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            spent["quotes"] += time.perf_counter() - start
    return wrapper
claims.locate, claims.closest_passage = timed(claims.locate), timed(claims.closest_passage)

figures, current = {}, [None, 0.0]
def stage(name):
    now = time.perf_counter()
    if current[0] is not None:
        figures[current[0]] = {"seconds": now - current[1], "peak": peak()}
    reset()
    current[:] = [name, now]

start = time.perf_counter()
built, _ = pipeline.build_file(Path(sys.argv[1]), stage=stage)
total = time.perf_counter() - start
if "read" in figures:
    figures["read"]["seconds"] -= spent["quotes"]
    figures["quotes"] = {"seconds": spent["quotes"], "peak": figures["read"]["peak"]}
print(json.dumps({"stages": figures, "total": total, "triples": built.summary.triples,
                  "claims": built.summary.claims, "derived": built.summary.contradictions_derived}))
"""


def _copy_reference(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SEEDS / "reference", folder / "reference")


def replicated(folder: Path, count: int) -> Path:
    """``count`` articles: the shipped seeds in turn, each copy under a new file name."""
    _copy_reference(folder)
    shipped = sorted(SEEDS.glob("*.yaml"))
    for n in range(count):
        source = shipped[n % len(shipped)]
        stem = f"r{n // len(shipped):04d}_{source.stem}"
        text = source.read_text(encoding="utf-8").replace(f"file: {source.stem}.txt", f"file: {stem}.txt", 1)
        (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
        shutil.copyfile(source.with_suffix(".txt"), folder / f"{stem}.txt")
    return folder


def synthetic(folder: Path, count: int, seed: int = 16, noise: bool = False) -> Path:
    """``count`` distinct articles of 10 to 25 claims each, on states of the reference data and the shipped issues.

    Each state belongs to one of three camps (the European Union to the first, Russia to
    the second, Serbia to the third) and holds a position on each issue: its camp's in
    four cases of five. A claim takes the state's position in nine cases of ten (an
    action in 85), another stance otherwise; a tie goes to one of the state's few
    partners in its own camp or adversaries in another. With ``noise`` every stance and
    tie target is drawn at random instead: each state on every side of every issue, tied
    to any other, the worst case for the contradictions.
    """
    from kg.terms import ontology

    _copy_reference(folder)
    vocab = ontology.vocabulary(ontology.load_graph())
    names = _state_names(folder / "reference" / "actors.yaml")
    issues = sorted(vocab.issues)
    actions = ["diplomatic-move", "sanction-decision", "supply", "recognition-decision", "military-operation"]
    ties = ["ally", "cooperation", "friendly-relations", "hostile-to", "strategic-partner", "dependent-on-for-energy"]
    stances = ["supports", "opposes", "neutral"]
    rng = random.Random(seed)
    actors = list(dict.fromkeys(["European Union", "Russia", "Serbia", *names]))
    camp = {actor: (actors.index(actor) if actor in actors[:3] else rng.randrange(3)) for actor in actors}
    camp_stance = [{issue: rng.choices(stances, (0.45, 0.45, 0.1 + 0.3 * (c == 2)))[0] for issue in issues}
                   for c in range(3)]
    held = {actor: {issue: camp_stance[camp[actor]][issue] if rng.random() < 0.8 else rng.choice(stances)
                    for issue in issues} for actor in actors}
    partners = {}
    for actor in actors:
        own = [a for a in actors if a != actor and camp[a] == camp[actor]]
        other = [a for a in actors if camp[a] != camp[actor]]
        partners[actor] = [(a, rng.choice(["ally", "cooperation", "friendly-relations", "strategic-partner"]))
                           for a in rng.sample(own, min(len(own), rng.randint(2, 4)))]
        partners[actor] += [(a, rng.choice(["hostile-to", "dependent-on-for-energy"]))
                            for a in rng.sample(other, rng.randint(1, 2))]

    def stance(actor: str, issue: str, keep: float) -> str:
        if noise or rng.random() >= keep:
            return rng.choice(stances)
        return held[actor][issue]

    for n in range(count):
        year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
        stem = f"s{n:05d}"
        sentences, entries = [f"Report {n} on the positions of states, filed on {year}-{month:02d}-{day:02d}."], []
        for k in range(rng.randint(10, 25)):
            actor = rng.choice(["Serbia", "Serbia", "Russia", *names])
            kind = rng.random()
            if kind < 0.15:
                if noise:
                    other = rng.choice([x for x in ["Russia", "European Union", *names] if x != actor])
                    tie = rng.choice(ties)
                else:
                    other, tie = rng.choice(partners[actor])
                quote = f"Officials in {actor} described the relationship with {other} as {tie.replace('-', ' ')} (item {n}.{k})."
                entry = {"type": "tie", "actor": actor, "tie": tie, "target": other}
            else:
                issue = rng.choice(issues)
                label = vocab.issues[issue].label if hasattr(vocab.issues[issue], "label") else issue
                if kind < 0.6:
                    said = stance(actor, issue, 0.9)
                    quote = f"A spokesperson said {actor} {said} {label} (item {n}.{k})."
                    entry = {"type": "position", "kind": "statement", "actor": actor, "issue": issue, "stance": said}
                else:
                    done, action = stance(actor, issue, 0.85), rng.choice(actions)
                    quote = f"{actor} took a {action.replace('-', ' ')} that {done} {label} (item {n}.{k})."
                    entry = {"type": "position", "kind": "action", "actor": actor, "issue": issue, "stance": done,
                             "action": action}
            sentences.append(quote)
            sentences.append(rng.choice(["Observers were divided.", "No further details were given.",
                                         "The statement followed weeks of talks.", "Reactions came quickly."]))
            entries.append({"id": f"claim-{k}", **entry, "quote": quote})
        (folder / f"{stem}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
        (folder / f"{stem}.yaml").write_text(_annotation(stem, f"Synthetic report {n}", f"{year}-{month:02d}-{day:02d}",
                                                         entries), encoding="utf-8")
    return folder


def _state_names(actors_yaml: Path) -> list[str]:
    import yaml

    data = yaml.safe_load(actors_yaml.read_text(encoding="utf-8"))
    return [entry["name"] for entry in data.get("states", [])][:40]


def _annotation(stem: str, title: str, date: str, entries: list[dict]) -> str:
    lines = ["document:", f"  file: {stem}.txt", f"  title: {title}", f"  date: {date}", "", "claims:"]
    for entry in entries:
        lines.append(f"  - id: {entry['id']}")
        for key, value in entry.items():
            if key != "id":
                lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _env(home: Path, seeds: Path) -> dict:
    env = dict(os.environ, KG_HOME=str(home), KG_SEEDS=str(seeds), PYTHONPATH=str(ROOT))
    env.pop("KG_STORE", None)
    # kg's modules compiled once, as an install leaves them: without it every run compiled each module
    # changed since its bytecode was written (0.04 s of a reading command)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _build(home: Path, seeds: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(seeds)], env=_env(home, seeds), capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _command(home: Path, seeds: Path, args: list[str], runs: int) -> float:
    """The median time of a reading command as a cold process; NaN when it fails (a query past its deadline)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kg.cli", *args], env=_env(home, seeds), capture_output=True,
                              text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode:
            print(f"kg {' '.join(args)} failed: {done.stderr.strip()[-300:]}", file=sys.stderr)
            return math.nan
    return statistics.median(times)


_STANCE = re.compile(r'(stance: "?)(supports|opposes)\b')


def _flip_a_stance(annotation: Path) -> None:
    """Turn the first claim's stance of an annotation file the other way (supports <-> opposes)."""
    text = annotation.read_text(encoding="utf-8")
    flip = {"supports": "opposes", "opposes": "supports"}
    changed = _STANCE.sub(lambda m: m.group(1) + flip[m.group(2)], text, count=1)
    if changed == text:
        raise SystemExit(f"no stance to flip in {annotation}")
    annotation.write_text(changed, encoding="utf-8")


def measure(corpus: str, size: int, runs: int, work: Path) -> dict:
    """Build ``size`` articles of ``corpus`` cold, edit one's text and build again, flip a claim's stance and build
    again, then time the reading commands."""
    seeds, home = work / f"{corpus}-{size}", work / f"home-{corpus}-{size}"
    if corpus == "replicated":
        replicated(seeds, size)
    else:
        synthetic(seeds, size, noise=corpus == "noise")
    result = _build(home, seeds)
    edited = sorted(seeds.glob("*.txt"))[size // 2]
    with edited.open("a", encoding="utf-8") as out:
        out.write("An editor added this sentence.\n")
    start = time.perf_counter()
    _build(home, seeds)
    result["edit"] = time.perf_counter() - start
    _flip_a_stance(sorted(seeds.glob("*.yaml"))[size // 2])
    start = time.perf_counter()
    flipped = _build(home, seeds)
    result["claim_edit"] = time.perf_counter() - start
    result["claim_edit_stages"] = flipped["stages"]
    result["reading"] = {name: _command(home, seeds, [a.format(out=work) for a in args], runs)
                         for name, args in READING.items()}
    shutil.rmtree(seeds, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    return result


def _print(corpus: str, results: dict[int, dict]) -> None:
    sizes = sorted(results)
    print(f"\n{corpus} corpus (seconds; peak MB in brackets)")
    head = ["articles", "claims", "triples", *STAGES, "build", "peak MB", "text edit", "claim edit", *READING]
    print(" | ".join(head))
    for size in sizes:
        r = results[size]
        cells = [str(size), str(r["claims"]), str(r["triples"])]
        for name in STAGES:
            s = r["stages"].get(name)
            cells.append(f"{s['seconds']:.2f} ({s['peak'] / 1e6:.0f})" if s else "-")
        cells += [f"{r['total']:.1f}", f"{max(s['peak'] for s in r['stages'].values()) / 1e6:.0f}", f"{r['edit']:.1f}",
                  f"{r['claim_edit']:.1f}"]
        cells += [f"{r['reading'][name]:.2f}" for name in READING]
        print(" | ".join(cells))
    print("the claim edit's stages (seconds): " + " | ".join(STAGES))
    for size in sizes:
        stages = results[size]["claim_edit_stages"]
        print(f"{size}: " + " | ".join(f"{stages[n]['seconds']:.2f}" if n in stages else "-" for n in STAGES))
    for a, b in zip(sizes, sizes[1:]):
        ratio = math.log(b / a)
        growth = math.log(results[b]["total"] / results[a]["total"]) / ratio
        print(f"growth exponent of the build {a} -> {b} articles: {growth:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 200, 1000])
    parser.add_argument("--corpus", choices=["replicated", "synthetic", "noise", "both"], default="both",
                        help="both: replicated and synthetic; noise only when asked")
    parser.add_argument("--runs", type=int, default=3, help="runs of each reading command (the median is shown)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()
    corpora = ["replicated", "synthetic"] if options.corpus == "both" else [options.corpus]
    everything = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-build-") as work:
        for corpus in corpora:
            results = {}
            for size in options.sizes:
                results[size] = measure(corpus, size, options.runs, Path(work))
                print(f"{corpus} {size}: build {results[size]['total']:.1f} s", file=sys.stderr, flush=True)
            everything[corpus] = results
            _print(corpus, results)
    if options.json:
        options.json.write_text(json.dumps(everything, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
