"""RDF terms between Oxigraph and rdflib, and each term of an answer made once.

The stores answer with rdflib terms (what the analysis and the views read). An rdflib
literal parses its value when it is made, and the same actors, issues, dates and
documents recur in thousands of rows: converting 9,028 positions (135,420 terms,
10,245 distinct) took 1.06 s one by one, 0.26 s with each made once. rdflib terms are
immutable, so the rows of an answer may share them.
"""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.store.deadline import Cancelled

T = TypeVar("T")


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


def once(convert: Callable[[T], Node | None], key: Callable[[T], Hashable] = lambda value: value) -> Callable[[T], Node | None]:
    """``convert`` for the rows of one answer: a value (by ``key``) met again gives the term made the first time."""
    made: dict = {}

    def term(value: T) -> Node | None:
        known = key(value)
        found = made.get(known, made)
        if found is made:
            found = made[known] = convert(value)
        return found

    return term


def triples_graph(triples, cancelled=None) -> Graph:
    """An rdflib Graph of Oxigraph triples (stopping once ``cancelled`` is set)."""
    graph = Graph()
    for triple in triples:
        if cancelled is not None and cancelled.is_set():
            raise Cancelled
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    return graph
