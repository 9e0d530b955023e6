"""Query results in the shapes users and scripts read: rows, SPARQL JSON, Turtle, tables."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import UsageError
from kg.terms.vocab import PREFIXES


@dataclass
class SelectResult:
    """The rows of a SELECT query: terms as rdflib nodes, None where unbound."""

    variables: list[str]
    rows: list[list[Node | None]]

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


QueryResult = SelectResult | bool | Graph


def _compact(iri: str) -> str:
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def cell(term: Node | None, compact: bool = False) -> str | None:
    """A term as a plain value: an IRI (compacted with the project's prefixes if asked) or a literal's text."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return _compact(str(term)) if compact else str(term)
    return str(term)


def rows(result: SelectResult, compact: bool = False) -> list[dict[str, str | None]]:
    """SELECT results as rows of plain values keyed by variable."""
    return [{v: cell(t, compact) for v, t in zip(result.variables, row)} for row in result.rows]


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode", "value": str(term)}


def sparql_json(result: SelectResult | bool) -> dict:
    """Results in the SPARQL 1.1 Query Results JSON Format."""
    if isinstance(result, bool):
        return {"head": {}, "boolean": result}
    bindings_ = [
        {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows
    ]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings_}}


def turtle(graph: Graph) -> str:
    """A CONSTRUCT or DESCRIBE result as Turtle, with the project's prefixes."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph.serialize(format="turtle")


def render(result: QueryResult, fmt: str = "table") -> str:
    """A result in an output format: rows for SELECT, true/false for ASK, Turtle for a graph."""
    from kg.views import tables as renderer

    if isinstance(result, Graph):
        if fmt != "table":
            raise UsageError(f"a CONSTRUCT or DESCRIBE query gives a graph, printed as Turtle; leave out --format {fmt}")
        return turtle(result).rstrip("\n")
    if fmt == "json":
        import json

        return json.dumps(sparql_json(result), indent=2, ensure_ascii=False)
    if isinstance(result, bool):
        return "true" if result else "false"
    return renderer.render(rows(result, compact=fmt == "table"), result.variables, fmt)
