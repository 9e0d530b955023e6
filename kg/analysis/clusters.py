"""Alignment clusters and the actors cross-pressured between them.

The network view (``kg.network.view``) is collapsed into one signed edge per pair of
actors (``kg.network.signed_graph``). Clusters are the Louvain communities of its
positive part (NetworkX ``louvain_communities``, weighted, with a fixed seed so that
the same graph always gives the same clusters); negative edges only count for
balance. Structural balance (``kg.balance``) then lists the unbalanced triads and
ranks the actors by how many of them they sit in.

Ties and issue agreement are weighed as ``kg.analysis.weights`` says: a tie by its
type (an alliance, a sanction, a membership 1.0), a full agreement on one shared
issue 0.5, so that a declared alliance counts as two issues of agreement. A tie is
one fact the actors declare about each other; an agreement is inferred from
positions, one of which counts on its issue and on every broader one. So that one
fact does not count several times, here (not in the view):

- officials are folded into the state they speak for (``fold_officials``): their
  words are the state's positions already, a tie to them is a tie to their state;
- a pair's agreement is scaled by its support (``weights.support_factor``): the
  distinct facts (claim groups) the less documented side holds on their shared
  issues, full from three on; and an agreement resting on the same claims as another
  of the pair counts once (``network.signed_graph``).

Without the second rule France and Germany, known on the seeds by one position each
(Kosovo, shared with the United States and others), formed a cluster apart from the
EU and NATO they belong to. Iran stays with Ukraine and the states voting for the
Crimea resolutions: its recorded words side with them on four principle issues and
outweigh its ties to Russia; it is ranked cross-pressured, as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from kg.analysis import balance, groups, network, weights
from kg.terms.names import Roster

if TYPE_CHECKING:
    import networkx as nx

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


def fold_officials(view: "nx.MultiDiGraph", actors: Roster) -> "nx.MultiDiGraph":
    """The view with each official merged into the state he speaks for: his ties become the state's.

    An official is no actor of alignment in his own right: his words are his state's
    positions already, and a tie to him (a sanction, a medal) is a tie to the state he
    serves. A tie between him and his own state disappears (``signed_graph`` skips loops).
    """
    import networkx as nx

    mapping = {}
    for node, data in view.nodes(data=True):
        official = actors.get(node) if data.get("type") == "official" else None
        if official is not None and official.acts_for and actors.get(official.acts_for) is not None:
            mapping[node] = official.acts_for
    if not mapping:
        return view
    folded = nx.relabel_nodes(view, mapping, copy=True)
    for state in set(mapping.values()):  # merged nodes would keep the official's label
        state_actor = actors.get(state)
        folded.nodes[state].update(label=state_actor.label, type=state_actor.type)
        folded.nodes[state].pop("iso", None)
        if state_actor.iso:
            folded.nodes[state]["iso"] = state_actor.iso
    return folded


def _support(data: network.Inputs, view) -> "Callable[[str, str], float]":
    """The support factor of each pair's agreement: the distinct facts each side holds on the issues they share."""
    day, kind = view.graph["as_of"] or None, view.graph["kind"] or None
    stance_map = data.stances(day, kind)
    selected = set(view.graph["issues"].split(",")) if view.graph["issues"] else None
    held = groups.by_claim(groups.group([p for ps in stance_map.own.values() for p in ps], groups.of_position))

    def facts(actor: str, issues: list[str]) -> int:
        return len({id(held[p.claim]) for i in issues for p in stance_map.current(actor, i)})

    def support(a: str, b: str) -> float:
        shared = [i for i in stance_map.shared(a, b) if selected is None or i in selected]
        return weights.support_factor(facts(a, shared), facts(b, shared))

    return support


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
    data = network.inputs(store)
    view = fold_officials(network.build(data, as_of, issues, kind), data.actors)
    signed = network.signed_graph(view, _support(data, view))
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
