"""Graph stores that queries run against, behind one small interface.

The default store is embedded: the built graph (TriG) loaded into an in-memory
Oxigraph store, so the same SPARQL engine answers whatever the store. Queries see
the union of all named graphs as their default graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from . import sparql
from .errors import StoreError, UsageError


@dataclass
class SelectResult:
    """The rows of a SELECT query: terms as rdflib nodes, None where unbound."""

    variables: list[str]
    rows: list[list[Node | None]]

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


QueryResult = SelectResult | bool | Graph


def to_oxigraph(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}")


def to_rdflib(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected term {term!r}")


class OxigraphStore:
    """An embedded Oxigraph store, in memory or in a directory."""

    def __init__(self, store: ox.Store, name: str):
        self._store = store
        self.name = name

    @classmethod
    def in_memory(cls) -> "OxigraphStore":
        return cls(ox.Store(), "memory")

    def load_dataset(self, dataset: Dataset) -> None:
        data = dataset.serialize(format="nquads", encoding="utf-8")
        self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def load_file(self, path: Path) -> None:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TRIG
        try:
            self._store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"cannot load {path}: {exc}; rebuild it with 'kg build'") from None

    def query(self, text: str, bindings: dict[str, Node] | None = None) -> QueryResult:
        text = sparql.bind(text, bindings or {})
        try:
            result = self._store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise UsageError(f"SPARQL syntax error: {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [[to_rdflib(solution[v]) for v in variables] for solution in result]
            return SelectResult(variables, rows)
        graph = Graph()
        for triple in result:
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return graph

    def __len__(self) -> int:
        return len(self._store)
