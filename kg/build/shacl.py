"""SHACL validation of a built graph, with each violation said in words."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDFS, BNode, Dataset, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kg.terms.vocab import PREFIXES

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Report:
    conforms: bool
    problems: list[str]


def _short(node) -> str:
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


def _run(data, shapes: Graph, focus: list | None = None) -> tuple[bool, Graph]:
    """Validate ``data``, an rdflib graph or N-Triples (bytes), over ``focus`` or every node."""
    options = {"focus_nodes": focus} if focus else {}
    engine = _engine()
    if isinstance(data, bytes):
        data = _native(data) if engine.__module__.startswith("pyshacl_turbo") else Graph().parse(data=data, format="nt")
    conforms, results, _ = engine(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
                                  **options)
    return bool(conforms), results


def _native(text: bytes):
    """N-Triples as pyshacl-turbo's engine reads them: parsed in Rust, never made into rdflib terms.

    (Given an Oxigraph store, pyshacl-turbo 0.6 reads its plain literals as no longer
    equal to the shapes' own: ``sh:in ("day" "month" "year")`` then failed on every
    claim. Given as text, they read right: the bad-input tests check the build's
    messages word for word, and runs of a few hundred triples against one run.)
    """
    from pyshacl_turbo.rdf import Input

    return Input(text.decode("utf-8"), "nt", None, {}, preserve_ids=True)


def _problem(result, results: Graph, shapes: Graph, label) -> str:
    """A violation in words; ``label`` gives a node's rdfs:label in the data, or None."""
    source = results.value(result, SH.sourceShape)
    node_shape = source
    for parent in shapes.subjects(SH.property, source):
        node_shape = parent
    shape_label = shapes.value(node_shape, RDFS.label) or _short(node_shape)
    name = shapes.value(source, SH.name)
    message = results.value(result, SH.resultMessage)
    value = results.value(result, SH.value)
    focus = results.value(result, SH.focusNode)
    found_label = label(focus)
    who = f"{_short(focus)}" + (f" ({found_label})" if found_label else "")
    what = f"{name}: " if name else ""
    found = f" (value: {_short(value)})" if value is not None else ""
    return f"{shape_label} shape, node {who}: {what}{message}{found}"


def validate(dataset: Dataset | Graph, shapes: Graph) -> Report:
    """Validate the union of all named graphs; the input graph is not changed."""
    data = _union(dataset) if isinstance(dataset, Dataset) else dataset
    conforms, results = _run(data, shapes)
    problems = [_problem(r, results, shapes, lambda node: data.value(node, RDFS.label))
                for r in results.subjects(RDF.type, SH.ValidationResult)]
    return Report(conforms, sorted(problems))


def validate_nodes(data: bytes, owner: dict[bytes, str], shapes: Graph) -> dict[str, Report]:
    """Validate the nodes of ``owner`` in ``data``, N-Triples; a report per part.

    ``owner`` maps each node to validate, as N-Triples writes it (``<iri>``, ``_:id``),
    to the part it belongs to; ``data`` holds the parts and what their shapes read of
    other nodes (``kg.build.assemble.check``). A result is reported with the part whose
    node is its focus. pyshacl-turbo parses the text itself: making an rdflib graph of
    the same triples took longer than validating them.
    """
    found: dict[str, list[str]] = {name: [] for name in owner.values()}
    if owner:
        focus = [URIRef(node[1:-1].decode()) if node.startswith(b"<") else BNode(node[2:].decode()) for node in owner]
        _, results = _run(data, shapes, focus)
        violations = list(results.subjects(RDF.type, SH.ValidationResult))
        if violations:
            graph = Graph().parse(data=data, format="nt")  # to say each violation in words
            for result in violations:
                node = results.value(result, SH.focusNode)
                name = owner.get(node.n3().encode() if isinstance(node, (URIRef, BNode)) else b"")
                if name is not None:
                    found[name].append(_problem(result, results, shapes, lambda n: graph.value(n, RDFS.label)))
    return {name: Report(not problems, sorted(problems)) for name, problems in found.items()}
