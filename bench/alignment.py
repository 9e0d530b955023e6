"""Timings of the alignment analysis: the network view, kg compare and kg clusters.

Prints figures; asserts nothing. Run from a checkout:  python bench/alignment.py
The seed graph is built once; the balance code is also timed on random signed
graphs (Erdős–Rényi, a third of the edges negative) of growing size.
"""

from __future__ import annotations

import random

import networkx as nx
from timing import timed

from kg import paths
from kg.analysis import alignment, balance, clusters, network
from kg.build import pipeline as build
from kg.store.embedded import OxigraphStore


def main() -> None:
    store = OxigraphStore.in_memory()
    store.load_dataset(build.build(paths.default_seeds_dir()).dataset)
    view = timed("network.view (seed graph)", lambda: network.view(store), repeat=5)
    print(f"{'':<48} {view.number_of_nodes()} nodes, {view.number_of_edges()} edges")
    timed("alignment.compare Serbia vs Russia, EU", lambda: alignment.compare(store, ["Serbia"], against=["Russia", "EU"]), repeat=5)
    timed("clusters.clusters (seed graph)", lambda: clusters.clusters(store), repeat=5)
    rng = random.Random(1)
    for n, p in ((100, 0.1), (300, 0.05), (1000, 0.02)):
        graph = nx.gnp_random_graph(n, p, seed=1)
        nx.set_edge_attributes(graph, {e: (-1 if rng.random() < 1 / 3 else 1) for e in graph.edges}, "sign")
        graph = nx.relabel_nodes(graph, {i: f"n{i:04d}" for i in graph})
        triads = timed(f"balance.cross_pressure n={n} p={p}", lambda: balance.cross_pressure(graph), repeat=1)
        print(f"{'':<48} {graph.number_of_edges()} edges, {len(triads)} cross-pressured nodes")


if __name__ == "__main__":
    main()
