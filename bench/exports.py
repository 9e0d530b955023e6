"""Timings and sizes of the exports: the HTML page (whole graph, Serbia focus) and the graph files.

Prints figures; asserts nothing. Run from a checkout:  python bench/exports.py
The seed graph is built once. With Chromium installed, also prints how long the
whole-graph page takes to settle in headless Chromium (layout, then physics off).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from timing import timed

from kg import paths
from kg.build import pipeline as build
from kg.store.embedded import OxigraphStore
from kg.views import exports


def main() -> None:
    built = build.build(paths.default_seeds_dir())
    store = OxigraphStore.in_memory()
    store.load_dataset(built.dataset)
    out = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    graph = out / "graph.trig"
    build.write(built.dataset, graph)

    whole = timed("html, whole graph", lambda: exports.page(store, out / "all.html"))
    focus = timed("html, --focus Serbia", lambda: exports.page(store, out / "serbia.html", focus="Serbia"))
    for result in (whole, focus):
        size = result.path.stat().st_size
        print(f"  {result.path.name}: {size / 1024:.0f} KiB, {result.actors} actors, {result.lines} lines "
              f"for {result.edges} edges, {result.contradicted_lines} contradicted")
    for fmt in ("graphml", "gexf", "json"):
        timed(f"{fmt}, whole graph", lambda fmt=fmt: exports.view_file(store, out / f"network.{fmt}", fmt))
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        timed(f"rdf {fmt}", lambda fmt=fmt: exports.rdf(graph, out / f"graph.{fmt}", fmt), repeat=1)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_browser import CHROMIUM, Chromium, Tab  # the test's own driver

    if CHROMIUM is None:
        print("Chromium not installed: no browser figures")
        return
    browser = Chromium(CHROMIUM, out / "profile")
    try:
        for result in (focus, whole):
            tab = Tab(browser)
            start = time.perf_counter()
            tab.open(result.path, timeout=120)
            print(f"{'settled in Chromium: ' + result.path.name:<48} {(time.perf_counter() - start) * 1000:8.1f} ms")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
