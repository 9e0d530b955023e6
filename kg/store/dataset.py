"""Which graphs a query reads: the claims built from the seeds, while imported votes wait in their own graphs.

``kg load`` writes each graph built from the seeds (``id:graph/…``) as a named graph
and, beside them, their union as the store's default graph; a query reads that
default graph. The UN votes an import writes (``id:import/…``, 2.6 million quads,
hundreds of times the claims) stay named graphs, which a query reads by naming them
(``GRAPH <…/import/unga-voeten> { … }``, or ``FROM``). Without this a claims query on
a store holding the votes scanned every vote (``?claim a sa:Action``) and took 100
times as long; naming the built graphs as the default graph instead (a list of
graphs, as the SPARQL protocol's ``default-graph-uri`` does) was measured 4 to 12
times slower than one default graph, so the union is stored once, at load time.

A store whose default graph is empty (one loaded by an earlier kg, the in-memory
store holding just the built graph, a store with only votes) is read as the union of
all its graphs, as before. Imports nothing but pyoxigraph: the ``kg serve`` workers
use it too.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import pyoxigraph as ox

BUILT_GRAPHS = "https://w3id.org/state-alignments/id/graph/"  # what kg load writes; id:import/… it leaves alone


def query_options(store: ox.Store) -> dict:
    """The dataset options of ``Store.query``: the store's default graph if it holds any triple, else the union."""
    for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        return {}
    return {"use_default_graph_as_union": True}


def with_union(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad of the built graphs, and its copy in the default graph (the union ``query_options`` reads)."""
    default = ox.DefaultGraph()
    for quad in quads:
        yield quad
        yield ox.Quad(quad.subject, quad.predicate, quad.object, default)
