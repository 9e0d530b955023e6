"""Time to ready of the exported page in headless Chromium, at the seeds' size and at 2,000 actors and 10,000 edges.

Prints medians; asserts nothing. Run from a checkout:  python bench/page.py [--runs N]

The large graph is the seed graph with a synthetic one added to the same store:
2,000 states in 40 regions, about 9,000 ties claimed between them over 35 years
(friendly within a region, hostile across) and 45 states with positions on one issue,
whose agreement adds about 1,000 alignment edges. The page of the whole graph is
exported as `kg export html` writes it, then opened in Debian's Chromium (headless,
driven over the DevTools pipe as tests/test_browser.py does, networking off):
"ready" is the time from the start of navigation to the page's first drawing of
the graph (``window.kgReadyAt``). Once ready, the script times what a reader does:
finding an actor (typing its name and choosing it: the page centres it), moving the
date slider, and drawing the picture again after a turn of the mouse wheel (with
thousands of lines, the page draws only the actors while one zooms or drags).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg import paths
from kg.build import pipeline as build
from kg.store.embedded import OxigraphStore
from kg.views import exports

SA = "https://w3id.org/state-alignments/ontology#"
ID = "https://w3id.org/state-alignments/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DCT = "http://purl.org/dc/terms/"
XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"
ISSUE = "https://w3id.org/state-alignments/issue/crimea-part-of-ukraine"


def synthetic_nquads(actors: int = 2000, ties: int = 9000, holders: int = 45, seed: int = 1) -> bytes:
    """A synthetic graph in the shape the seeds build: states, source documents, tie claims and positions."""
    rng = random.Random(seed)
    graph = f"<{ID}document/synthetic>"
    out = []

    def quad(s, p, o):
        out.append(f"{s} {p} {o} {graph} .")

    names = [f"<{ID}actor/synth-{n:04d}>" for n in range(actors)]
    for n, actor in enumerate(names):
        quad(actor, RDF_TYPE, f"<{SA}State>")
        quad(actor, LABEL, f'"Synthland {n:04d}"')
    documents = [f"<{ID}document/synth-{n:03d}>" for n in range(ties // 100 + 1)]
    for n, doc in enumerate(documents):
        quad(doc, RDF_TYPE, f"<{SA}SourceDocument>")
        quad(doc, f"<{DCT}identifier>", f'"synth-{n:03d}.txt"')
        quad(doc, f"<{DCT}title>", f'"Synthetic report {n}"')
    years = list(range(1990, 2025))

    def claim(kind: str, n: int, actor: str, extra: list[tuple]) -> None:
        node = f"<{ID}claim/synthetic/{kind}-{n:05d}>"
        quad(node, RDF_TYPE, f"<{SA}{kind}>")
        quad(node, f"<{SA}actor>", actor)
        quad(node, f"<{SA}date>", f'"{rng.choice(years)}-06-01"^^{XSD_DATE}')
        quad(node, f"<{SA}datePrecision>", '"day"')
        quad(node, f"<{SA}evidence>", f"{node[:-1]}/evidence>")
        quad(f"{node[:-1]}/evidence>", f"<{SA}quote>", f'"Synthetic quote {n} of {kind}"')
        quad(node, f"<{DCT}source>", rng.choice(documents))
        for p, o in extra:
            quad(node, p, o)

    regions = 40
    for n in range(ties):
        a = rng.randrange(actors)
        same = rng.random() < 0.8
        b = (a // (actors // regions)) * (actors // regions) + rng.randrange(actors // regions) if same else rng.randrange(actors)
        if a == b:
            b = (b + 1) % actors
        kind = rng.choice(["Ally", "Cooperation", "StrategicPartner"]) if same else rng.choice(["Hostile", "ImposesSanctionsOn"])
        claim("Tie", n, names[a], [(f"<{SA}target>", names[b]), (f"<{SA}tieType>", f"<{SA}{kind}>")])
    for n, a in enumerate(rng.sample(range(actors), holders)):
        claim(rng.choice(["Statement", "Action"]), n, names[a],
              [(f"<{SA}issue>", f"<{ISSUE}>"), (f"<{SA}stance>", f"<{SA}{rng.choice(['Supports', 'Opposes'])}>")])
    return ("\n".join(out) + "\n").encode("utf-8")


def browser_figures(path: Path, runs: int, profile: Path) -> dict[str, list[float]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_browser import CHROMIUM, Chromium, Tab  # the test's own driver

    if CHROMIUM is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium): no browser figures")
    figures: dict[str, list[float]] = {"ready": [], "search": [], "slider": [], "zoom redraw": []}
    browser = Chromium(CHROMIUM, profile)
    try:
        for _ in range(runs):
            tab = Tab(browser, 1400, 900)
            tab.open(path, timeout=300)
            figures["ready"].append(tab.evaluate("window.kgReadyAt"))
            figures["search"].append(tab.evaluate("""(function () {
                var t = performance.now(), s = document.getElementById('search');
                s.value = kgPage.data.nodes[kgPage.data.nodes.length - 1].label;
                s.dispatchEvent(new Event('input'));
                document.querySelector('#matches button').click();
                return performance.now() - t; })()"""))
            figures["slider"].append(tab.evaluate("""(function () {
                var t = performance.now(), d = document.getElementById('day');
                d.value = Math.floor(kgPage.data.days.length / 2); d.dispatchEvent(new Event('input'));
                return performance.now() - t; })()"""))
            # a turn of the mouse wheel over the graph, and the time until the picture is drawn again
            tab.evaluate("""kgPage.network.once('afterDrawing', function () { window.kgDrawn = performance.now() - window.kgZoomAt; });
                window.kgZoomAt = performance.now();""")
            tab.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": 500, "y": 450, "deltaX": 0, "deltaY": -120})
            deadline = time.monotonic() + 30
            while tab.evaluate("window.kgDrawn") is None and time.monotonic() < deadline:
                time.sleep(0.02)
            figures["zoom redraw"].append(tab.evaluate("window.kgDrawn"))
            tab.send("Page.close")
    finally:
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="page loads per graph (default 5)")
    runs = parser.parse_args().runs
    out = Path(tempfile.mkdtemp(prefix="kg-bench-page-"))
    dataset = build.build(paths.default_seeds_dir()).dataset
    seeds = OxigraphStore.in_memory()
    seeds.load_dataset(dataset)
    large = OxigraphStore.in_memory()
    large.load_dataset(dataset)
    large.add_nquads(synthetic_nquads())
    for name, store in (("seeds", seeds), ("2,000 actors", large)):
        start = time.perf_counter()
        result = exports.page(store, out / f"{name.replace(',', '').replace(' ', '-')}.html")
        export = time.perf_counter() - start
        size = result.path.stat().st_size / 1024 / 1024
        print(f"{name}: {result.actors} actors, {result.edges} edges in {result.lines} lines; "
              f"export {export:.1f} s, {size:.1f} MiB")
        figures = browser_figures(result.path, runs, out / f"profile-{len(name)}")
        for what, values in figures.items():
            print(f"  {what:<14} median {statistics.median(values):8.0f} ms   (of {runs}: "
                  f"{', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()
