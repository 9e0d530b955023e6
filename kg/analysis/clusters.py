"""Alignment clusters and the actors cross-pressured between them.

The network view (``kg.network.view``) is collapsed into one signed edge per pair of
actors (``kg.network.signed_graph``). Clusters are the Louvain communities of its
positive part (NetworkX ``louvain_communities``, weighted, with a fixed seed so that
the same graph always gives the same clusters); negative edges only count for
balance. Structural balance (``kg.balance``) then lists the unbalanced triads and
ranks the actors by how many of them they sit in.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.analysis import balance, network

DEFAULT_SEED = 42


@dataclass
class CrossPressured:
    actor: str  # label
    iri: str
    unbalanced_triads: int
    triads: int
    clusters: list[int]  # indexes of the clusters its positive ties reach, its own first


@dataclass
class Clustering:
    clusters: list[list[str]]  # actor labels; largest cluster first; actors without positive ties left out
    cross_pressured: list[CrossPressured]
    unbalanced: list[tuple[str, str, str]]  # labels of each unbalanced triad
    triads: int
    balance_ratio: float | None
    seed: int
    options: dict

    def to_json(self) -> dict:
        return {
            **self.options,
            "seed": self.seed,
            "clusters": self.clusters,
            "cross_pressured": [
                {"actor": c.actor, "unbalanced_triads": c.unbalanced_triads, "triads": c.triads,
                 "clusters": c.clusters}
                for c in self.cross_pressured
            ],
            "unbalanced_triads": [list(t) for t in self.unbalanced],
            "triads": self.triads,
            "balance_ratio": self.balance_ratio,
        }

    def cluster_rows(self) -> list[dict]:
        return [{"cluster": i, "size": len(c), "actors": ", ".join(c)} for i, c in enumerate(self.clusters, start=1)]

    def pressure_rows(self) -> list[dict]:
        return [
            {"actor": c.actor, "unbalanced_triads": c.unbalanced_triads, "triads": c.triads,
             "clusters": ", ".join(str(i) for i in c.clusters)}
            for c in self.cross_pressured
        ]


    def actor_rows(self) -> list[dict]:
        """One row per clustered or cross-pressured actor: its cluster and its unbalanced triads."""
        pressure = {c.actor: c for c in self.cross_pressured}
        rows = [{"actor": a, "cluster": i, "unbalanced_triads": pressure[a].unbalanced_triads if a in pressure else 0}
                for i, members in enumerate(self.clusters, start=1) for a in members]
        clustered = {r["actor"] for r in rows}
        rows += [{"actor": c.actor, "cluster": None, "unbalanced_triads": c.unbalanced_triads}
                 for c in self.cross_pressured if c.actor not in clustered]
        return rows


CLUSTER_COLUMNS = ["cluster", "size", "actors"]
PRESSURE_COLUMNS = ["actor", "unbalanced_triads", "triads", "clusters"]
ACTOR_COLUMNS = ["actor", "cluster", "unbalanced_triads"]


def communities(signed, seed: int = DEFAULT_SEED) -> list[set[str]]:
    """Louvain communities of the positive part of a signed graph, largest first (ties: by smallest node).

    Actors without any positive edge form no cluster.
    """
    import networkx as nx

    positive = nx.Graph()
    positive.add_edges_from((u, v, d) for u, v, d in signed.edges(data=True) if d["sign"] > 0)
    if positive.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(positive, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def clusters(store, as_of=None, issues: list[str] | None = None, kind: str | None = None,
             seed: int = DEFAULT_SEED) -> Clustering:
    """Clusters of the alignment network, its unbalanced triads and the cross-pressured actors.

    ``as_of``, ``issues`` and ``kind`` filter the network as in ``kg.network.view``;
    ``seed`` fixes the Louvain method's random order.
    """
    view = network.view(store, as_of=as_of, issues=issues, kind=kind)
    signed = network.signed_graph(view)
    label = {n: d["label"] for n, d in signed.nodes(data=True)}
    found = communities(signed, seed)
    cluster_of = {n: i for i, c in enumerate(found, start=1) for n in c}
    ranked = balance.cross_pressure(signed)
    pressured = []
    for iri, unbalanced_count, triad_count in ranked:
        reached = {cluster_of[n] for n in signed[iri] if signed[iri][n]["sign"] > 0 and n in cluster_of}
        own = cluster_of.get(iri)
        order = ([own] if own else []) + sorted(reached - {own})
        pressured.append(CrossPressured(label[iri], iri, unbalanced_count, triad_count, order))
    all_triads = balance.triads(signed)
    unbalanced = [tuple(label[n] for n in t.nodes) for t in all_triads if not t.balanced]
    ratio = sum(1 for t in all_triads if t.balanced) / len(all_triads) if all_triads else None
    return Clustering(
        clusters=[sorted(label[n] for n in c) for c in found],
        cross_pressured=pressured,
        unbalanced=unbalanced,
        triads=len(all_triads),
        balance_ratio=ratio,
        seed=seed,
        options={"as_of": view.graph["as_of"] or None, "issues": view.graph["issues"] or None,
                 "kind": view.graph["kind"] or None},
    )
