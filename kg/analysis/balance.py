"""Structural balance of a signed graph (Heider, Cartwright and Harary).

A triad of actors who are pairwise linked is *balanced* when the product of its three
signs is positive: all friends (+++), or two friends with a common enemy (+--). It is
*unbalanced* with one negative edge (++-: my friend's friend is my enemy) or three
(---: three mutual enemies). An actor that sits in many unbalanced triads is
*cross-pressured*: its ties pull it towards sides that are set against each other.

By Harary's structure theorem a signed graph is balanced (every cycle has an even
number of negative edges) exactly when its actors split into two camps, with positive
edges inside each camp and negative edges between them; ``camps`` finds that split or
shows there is none. Triad counting looks only at triangles; ``camps`` at every cycle.

The functions take an undirected ``networkx.Graph`` whose edges carry ``sign``
(+1 or -1), such as ``kg.network.signed_graph`` returns; NetworkX has no balance
function of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Triad:
    """Three pairwise linked nodes (in sorted order) and the signs of ab, bc and ac."""

    nodes: tuple[str, str, str]
    signs: tuple[int, int, int]

    @property
    def negatives(self) -> int:
        return sum(1 for s in self.signs if s < 0)

    @property
    def balanced(self) -> bool:
        return self.negatives % 2 == 0


def triads(graph: "nx.Graph") -> list[Triad]:
    """Every triangle of the graph, each once, in a deterministic order."""
    out = []
    for a in sorted(graph):
        later = sorted(n for n in graph[a] if n > a)
        for i, b in enumerate(later):
            for c in later[i + 1 :]:
                if graph.has_edge(b, c):
                    out.append(Triad((a, b, c), (graph[a][b]["sign"], graph[b][c]["sign"], graph[a][c]["sign"])))
    return out


def unbalanced_triads(graph: "nx.Graph") -> list[Triad]:
    """The triads with one or three negative edges."""
    return [t for t in triads(graph) if not t.balanced]


def cross_pressure(graph: "nx.Graph") -> list[tuple[str, int, int]]:
    """(node, unbalanced triads it is in, triads it is in) for nodes in at least one unbalanced triad.

    Ranked by the number of unbalanced triads, most first, then by node.
    """
    total: dict[str, int] = {}
    unbalanced: dict[str, int] = {}
    for triad in triads(graph):
        for node in triad.nodes:
            total[node] = total.get(node, 0) + 1
            if not triad.balanced:
                unbalanced[node] = unbalanced.get(node, 0) + 1
    return sorted(((n, u, total[n]) for n, u in unbalanced.items()), key=lambda x: (-x[1], x[0]))


def balance_ratio(graph: "nx.Graph") -> float | None:
    """The share of triads that are balanced, in [0, 1]; None when the graph has no triad."""
    all_triads = triads(graph)
    if not all_triads:
        return None
    return sum(1 for t in all_triads if t.balanced) / len(all_triads)


def camps(graph: "nx.Graph") -> tuple[set, set] | None:
    """Two camps with positive edges inside and negative edges between, or None if the graph is unbalanced.

    Each connected component is two-coloured from its smallest node: a positive edge
    keeps the colour, a negative edge flips it; a contradiction means some cycle has
    an odd number of negative edges.
    """
    side: dict = {}
    for start in sorted(graph):
        if start in side:
            continue
        side[start] = 0
        todo = [start]
        while todo:
            node = todo.pop()
            for other in sorted(graph[node]):
                want = side[node] if graph[node][other]["sign"] > 0 else 1 - side[node]
                if other not in side:
                    side[other] = want
                    todo.append(other)
                elif side[other] != want:
                    return None
    return {n for n, s in side.items() if s == 0}, {n for n, s in side.items() if s == 1}


def is_balanced(graph: "nx.Graph") -> bool:
    """True when every cycle has an even number of negative edges (Harary)."""
    return camps(graph) is not None
