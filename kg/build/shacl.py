"""SHACL validation of a built graph, with each violation said in words."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDFS, Dataset, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kg.terms.vocab import PREFIXES

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Report:
    conforms: bool
    problems: list[str]


def _short(node, graph: Graph) -> str:
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    return repr(str(node)) if node is not None else "(blank node)"


def _union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def validate(dataset: Dataset, shapes: Graph) -> Report:
    """Validate the union of all named graphs; the input graph is not changed."""
    from pyshacl import validate as pyshacl_validate  # heavy import, kept out of start-up

    data = _union(dataset)
    conforms, results, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        source = results.value(result, SH.sourceShape)
        node_shape = source
        for parent in shapes.subjects(SH.property, source):
            node_shape = parent
        shape_label = shapes.value(node_shape, RDFS.label) or _short(node_shape, shapes)
        name = shapes.value(source, SH.name)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        label = data.value(focus, RDFS.label)
        who = f"{_short(focus, data)}" + (f" ({label})" if label else "")
        what = f"{name}: " if name else ""
        found = f" (value: {_short(value, data)})" if value is not None else ""
        problems.append(f"{shape_label} shape, node {who}: {what}{message}{found}")
    return Report(bool(conforms), sorted(problems))
