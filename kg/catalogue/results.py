"""Query results in the shapes users and scripts read: rows of plain values, SPARQL JSON, Turtle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

from kg.terms.vocab import PREFIXES


@dataclass
class SelectResult:
    """The rows of a SELECT query: terms as rdflib nodes, None where unbound."""

    variables: list[str]
    rows: list[list[Node | None]]

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


QueryResult = SelectResult | bool | Graph


def cell(term: Node | None) -> str | None:
    """A term as a plain value: an IRI in full, or a literal's text."""
    return None if term is None else str(term)


def rows(result: SelectResult) -> list[dict[str, str | None]]:
    """SELECT results as rows of plain values keyed by variable."""
    return [{v: cell(t) for v, t in zip(result.variables, row)} for row in result.rows]


_PYTHON_TYPES = (bool, int, float, Decimal, dt.date)  # dt.datetime is a dt.date


def value(term: Node | None):
    """A term as a Python value: an IRI's text, a number, a truth value or a date as such, else a literal's text."""
    if isinstance(term, Literal) and term.datatype is not None:
        converted = term.toPython()
        if isinstance(converted, _PYTHON_TYPES):
            return float(converted) if isinstance(converted, Decimal) else converted
    return cell(term)


def values(result: SelectResult) -> list[dict]:
    """SELECT results as rows of Python values (see ``value``) keyed by variable."""
    return [{v: value(t) for v, t in zip(result.variables, row)} for row in result.rows]


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


@dataclass
class Result:
    """What a query answered, as ``raw`` (rows of RDF terms, a truth value, or an rdflib graph), and as ``rows``.

    ``rows`` holds one dict per SELECT row: IRIs and texts as ``str``, numbers, truth
    values and dates as Python values, None where unbound; ASK and CONSTRUCT have none.
    """

    raw: object

    @property
    def variables(self) -> list[str]:
        return list(getattr(self.raw, "variables", []))

    @property
    def rows(self) -> list[dict]:
        return values(self.raw) if isinstance(self.raw, SelectResult) else []

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)
