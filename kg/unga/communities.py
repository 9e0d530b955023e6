"""Clusters of states by how they vote: Louvain communities of the vote-agreement graph.

Each state that voted is a node; two states are joined when they share at least
``min_votes`` roll calls and their Cohen's kappa is above 0 (they agree more than
their own vote shares would by chance), with the kappa as the edge weight. The
communities are NetworkX's ``louvain_communities`` with a fixed seed, so the same
votes always give the same clusters. Kappa rather than raw agreement: most states
vote yes most of the time, so raw agreement joins nearly everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kg.unga.analysis import Matrix

CLUSTER_COLUMNS = ["cluster", "size", "actors"]


@dataclass
class VoteClusters:
    clusters: list[list[str]]  # labels, largest cluster first
    metric: str
    min_votes: int
    seed: int

    def cluster_rows(self) -> list[dict]:
        return [{"cluster": i, "size": len(c), "actors": ", ".join(c)} for i, c in enumerate(self.clusters, start=1)]

    def to_json(self) -> dict:
        return {"source": "UN General Assembly votes", "metric": self.metric, "min_votes": self.min_votes,
                "seed": self.seed, "clusters": self.clusters}


def vote_clusters(matrix: Matrix, min_votes: int = 100, seed: int = 42) -> VoteClusters:
    """The Louvain communities of the states joined by a positive metric value on enough common votes."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(matrix.labels)
    values = np.nan_to_num(matrix.values, nan=0.0)
    rows, cols = np.nonzero(np.triu((values > 0) & (matrix.votes >= min_votes), k=1))
    for i, j in zip(rows.tolist(), cols.tolist()):
        graph.add_edge(matrix.labels[i], matrix.labels[j], weight=float(values[i, j]))
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed) if graph.number_of_edges() else []
    clusters = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    return VoteClusters(clusters, matrix.metric, min_votes, seed)
