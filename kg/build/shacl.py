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


def _engine():
    """The SHACL engine: pyshacl-turbo (pySHACL's engine in Rust, the same verdicts) when installed, else pySHACL."""
    try:
        from pyshacl_turbo import validate as engine  # heavy imports, kept out of start-up
    except ImportError:
        from pyshacl import validate as engine
    return engine


def _run(data: Graph, shapes: Graph, focus: list | None = None) -> tuple[bool, Graph]:
    options = {"focus_nodes": focus} if focus else {}
    conforms, results, _ = _engine()(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
                                     **options)
    return bool(conforms), results


def _problem(result, results: Graph, shapes: Graph, data: Graph) -> str:
    source = results.value(result, SH.sourceShape)
    node_shape = source
    for parent in shapes.subjects(SH.property, source):
        node_shape = parent
    shape_label = shapes.value(node_shape, RDFS.label) or _short(node_shape, shapes)
    name = shapes.value(source, SH.name)
    message = results.value(result, SH.resultMessage)
    value = results.value(result, SH.value)
    focus = results.value(result, SH.focusNode)
    label = data.value(focus, RDFS.label)
    who = f"{_short(focus, data)}" + (f" ({label})" if label else "")
    what = f"{name}: " if name else ""
    found = f" (value: {_short(value, data)})" if value is not None else ""
    return f"{shape_label} shape, node {who}: {what}{message}{found}"


def validate(dataset: Dataset | Graph, shapes: Graph) -> Report:
    """Validate the union of all named graphs; the input graph is not changed."""
    data = _union(dataset) if isinstance(dataset, Dataset) else dataset
    conforms, results = _run(data, shapes)
    problems = [_problem(r, results, shapes, data) for r in results.subjects(RDF.type, SH.ValidationResult)]
    return Report(conforms, sorted(problems))


def validate_parts(context: Graph, parts: dict[str, Graph], shapes: Graph) -> dict[str, Report]:
    """Validate each part (one document's triples, the derived ones) in one run, over ``context``; a report each.

    The focus nodes are the parts' subjects, so that a node is validated once, with
    the part it belongs to, against the data it refers to (``context``: the ontology,
    the reference data and the types of nodes of other parts it names). A result is
    reported with the part whose subject its focus node is. ``context`` is a graph made
    for this run: the parts are added to it (a copy of the reference data costs 0.1 s).
    """
    data = context
    owner = {}
    for name, part in parts.items():
        for triple in part:
            data.add(triple)
            owner.setdefault(triple[0], name)
    found: dict[str, list[str]] = {name: [] for name in parts}
    if owner:
        _, results = _run(data, shapes, list(owner))
        for result in results.subjects(RDF.type, SH.ValidationResult):
            name = owner.get(results.value(result, SH.focusNode))
            if name is not None:
                found[name].append(_problem(result, results, shapes, data))
    return {name: Report(not problems, sorted(problems)) for name, problems in found.items()}
