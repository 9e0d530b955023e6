"""The ontology reference for query writers, generated from the Turtle files.

``python -m kg.views.reference > ontology/REFERENCE.md`` writes it. Everything in it
is read from ``ontology/sa.ttl`` (classes, properties, controlled values),
``ontology/issues.ttl`` (the issue scheme), ``ontology/shapes.ttl`` (what each kind
of node holds, with SHACL cardinalities) and ``queries/examples/`` (worked queries,
each run by a test), so it cannot drift from them: a test compares the committed
file with what they generate now.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from kg.catalogue import files as catalogue
from kg.terms import ontology
from kg.terms.vocab import PREFIXES, SA

TEMPLATE = "reference.md"
TEMPLATES = Path(__file__).resolve().parent / "templates"
_SA = str(SA._NS)
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def compact(node) -> str:
    """A term as a prefixed name (``sa:Actor``), a literal as its text."""
    if isinstance(node, Literal):
        return str(node)
    text = str(node)
    for prefix, namespace in _NAMESPACES:
        if text.startswith(namespace) and text != namespace:
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>"


def _text(graph: Graph, node, predicate) -> str:
    value = graph.value(node, predicate)
    return " ".join(str(value).split()) if value is not None else ""


def _ours(node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_SA)


def _enumerations(graph: Graph) -> set:
    """The classes whose members carry a notation: the controlled values (issues apart)."""
    values = {s for s in graph.subjects(SKOS.notation, None) if (s, RDF.type, SKOS.Concept) not in graph}
    return {t for s in values for t in graph.objects(s, RDF.type)}


def class_order(graph: Graph) -> list[URIRef]:
    """The ontology's own classes, each followed by its subclasses, siblings by label."""
    skip = _enumerations(graph)
    ours = sorted({c for c in graph.subjects(RDF.type, OWL.Class) if _ours(c) and c not in skip}, key=lambda c: _text(graph, c, RDFS.label))
    order: list[URIRef] = []

    def visit(cls):
        order.append(cls)
        for sub in ours:
            if (sub, RDFS.subClassOf, cls) in graph and sub not in order:
                visit(sub)

    for cls in ours:
        if not any(_ours(sup) and sup in ours for sup in graph.objects(cls, RDFS.subClassOf)):
            visit(cls)
    return order


def classes(graph: Graph) -> list[dict]:
    return [
        {
            "term": compact(c),
            "label": _text(graph, c, RDFS.label),
            "superclasses": ", ".join(f"`{compact(s)}`" for s in sorted(graph.objects(c, RDFS.subClassOf), key=compact)),
            "definition": _text(graph, c, SKOS.definition),
        }
        for c in class_order(graph)
    ]


def properties(graph: Graph) -> list[dict]:
    """Every property of the ontology with its domain and range, grouped by domain."""
    rank = {c: i for i, c in enumerate(class_order(graph))}
    found = {p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in graph.subjects(RDF.type, kind) if _ours(p)}
    rows = []
    for p in found:
        notes = []
        if (p, RDF.type, OWL.SymmetricProperty) in graph:
            notes.append("Symmetric.")
        notes += [f"A sub-property of `{compact(s)}`." for s in sorted(graph.objects(p, RDFS.subPropertyOf))]
        domain, range_ = graph.value(p, RDFS.domain), graph.value(p, RDFS.range)
        rows.append({
            "term": compact(p),
            "label": _text(graph, p, RDFS.label),
            "domain": f"`{compact(domain)}`" if domain is not None else "any",
            "range": f"`{compact(range_)}`" if range_ is not None else "",
            "definition": " ".join([_text(graph, p, SKOS.definition), *notes]),
            "_key": (rank.get(domain, len(rank) + (domain is None)), compact(p).lower()),
        })
    return [{k: v for k, v in row.items() if k != "_key"} for row in sorted(rows, key=lambda r: r["_key"])]


def path_text(shapes: Graph, path) -> str:
    """A SHACL path in SPARQL property path syntax."""
    if isinstance(path, BNode):
        inverse = shapes.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + path_text(shapes, inverse)
        return "/".join(path_text(shapes, step) for step in Collection(shapes, path))
    return compact(path)


def _count(low, high, required: bool = False) -> str:
    """How many values a property shape allows; ``required`` when sh:hasValue asks for one."""
    low, high = (int(low) if low is not None else int(required)), (int(high) if high is not None else None)
    if high == 0:
        return "none"
    if low == high:
        return f"exactly {low}"
    if high is None:
        return f"{low} or more" if low else "any number"
    return f"{low} to {high}" if low else f"at most {high}"


def _values(shapes: Graph, prop, labels: dict) -> str:
    parts = []
    for cls in shapes.objects(prop, SH["class"]):
        parts.append(f"`{compact(cls)}`")
    for datatype in shapes.objects(prop, SH.datatype):
        parts.append(f"`{compact(datatype)}`")
    for listed in shapes.objects(prop, SH["in"]):
        parts.append("one of " + ", ".join(f"`{v}`" for v in Collection(shapes, listed)))
    for value in shapes.objects(prop, SH.hasValue):
        parts.append(f"including `{compact(value)}`")
    for node in shapes.objects(prop, SH.node):
        parts.append(f"a {labels.get(node, compact(node)).lower()} (below)")
    if (prop, SH.nodeKind, SH.IRI) in shapes:
        parts.append("an IRI")
    for pattern in shapes.objects(prop, SH.pattern):
        parts.append(f"matching `{pattern}`")
    if shapes.value(prop, SH.minLength) is not None:
        length = int(shapes.value(prop, SH.minLength))
        parts.append("not empty" if length == 1 else f"at least {length} characters")
    if shapes.value(prop, SH.minInclusive) is not None:
        parts.append(f"at least {shapes.value(prop, SH.minInclusive)}")
    return ", ".join(parts)


def _condition(shapes: Graph, prop, labels: dict) -> str:
    path = path_text(shapes, shapes.value(prop, SH.path))
    value = shapes.value(prop, SH.hasValue)
    if value is not None:
        return f"`{path}` is `{compact(value)}`"
    count = _count(shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount))
    if count == "none":
        return f"no `{path}`"
    values = _values(shapes, prop, labels)
    return f"{count} `{path}`" + (f" ({values})" if values else "")


def node_shapes(shapes: Graph, graph: Graph) -> list[dict]:
    """What each kind of node holds, from the SHACL shapes: one entry per shape, in class order."""
    rank = {c: i for i, c in enumerate(class_order(graph))}
    labels = {s: _text(shapes, s, RDFS.label) for s in shapes.subjects(RDF.type, SH.NodeShape)}
    found = []
    for shape, label in labels.items():
        targets = sorted(shapes.objects(shape, SH.targetClass), key=lambda c: rank.get(c, len(rank)))
        if targets:
            # A shape for several classes goes with the most specific class they all share.
            shared = set.intersection(*(set(graph.transitive_objects(c, RDFS.subClassOf)) for c in targets)) & set(rank)
            key = max(rank[c] for c in shared) if shared else min(rank.get(c, len(rank)) for c in targets)
            applies = ", ".join(f"`{compact(c)}`" for c in targets)
        elif shapes.value(shape, SH.targetSubjectsOf) is not None:
            applies, key = f"every node with `{compact(shapes.value(shape, SH.targetSubjectsOf))}`", len(rank)
        else:
            users = sorted(path_text(shapes, shapes.value(p, SH.path)) for p in shapes.subjects(SH.node, shape))
            applies, key = "the value of " + ", ".join(f"`{u}`" for u in users), len(rank) + 1
        rows = [
            {"path": path_text(shapes, shapes.value(p, SH.path)), "name": _text(shapes, p, SH.name),
             "count": _count(shapes.value(p, SH.minCount), shapes.value(p, SH.maxCount), shapes.value(p, SH.hasValue) is not None),
             "allowed": _values(shapes, p, labels)}
            for p in shapes.objects(shape, SH.property)
        ]
        notes = []
        for choice in shapes.objects(shape, SH.xone):
            options = [" and ".join(sorted(_condition(shapes, p, labels) for p in shapes.objects(option, SH.property)))
                       for option in Collection(shapes, choice)]
            notes.append("Exactly one of: " + "; or ".join(options) + ".")
        for check in shapes.objects(shape, SH.sparql):
            message = _text(shapes, check, SH.message).replace("{?value}", "…")
            notes.append(f"A SPARQL check reports: “{message}”.")
        found.append({"label": label, "applies": applies, "rows": sorted(rows, key=lambda r: r["path"]), "notes": notes,
                      "_key": (key, not rows, label)})
    return [{k: v for k, v in s.items() if k != "_key"} for s in sorted(found, key=lambda s: s["_key"])]


def controlled_values(graph: Graph) -> list[dict]:
    """Each class of controlled values with its members: notation, term, label, definition and any other value."""
    groups = []
    for cls in sorted(_enumerations(graph), key=compact):
        members = sorted(graph.subjects(RDF.type, cls), key=lambda m: str(graph.value(m, SKOS.notation)))
        known = {RDF.type, RDFS.label, SKOS.notation, SKOS.definition}
        extra = sorted({p for m in members for p in graph.predicates(m, None) if p not in known}, key=compact)
        groups.append({
            "label": _text(graph, cls, RDFS.label) or compact(cls).split(":")[1],
            "term": compact(cls),
            "definition": _text(graph, cls, SKOS.definition),
            "columns": [_text(graph, p, RDFS.label) or compact(p) for p in extra],
            "members": [
                {"notation": str(graph.value(m, SKOS.notation)), "term": compact(m), "label": _text(graph, m, RDFS.label),
                 "definition": _text(graph, m, SKOS.definition),
                 "extra": [", ".join(sorted(f"`{compact(v)}`" for v in graph.objects(m, p))) for p in extra]}
                for m in members
            ],
        })
    return groups


def issues(graph: Graph) -> list[dict]:
    """The issue scheme, each issue followed by its narrower issues."""
    concepts = sorted(graph.subjects(SKOS.inScheme, SA.IssueScheme), key=lambda c: str(graph.value(c, SKOS.notation)))
    order: list = []

    def visit(concept):
        order.append(concept)
        for narrower in concepts:
            if (narrower, SKOS.broader, concept) in graph:
                visit(narrower)

    for concept in concepts:
        if graph.value(concept, SKOS.broader) is None:
            visit(concept)
    notation = lambda c: str(graph.value(c, SKOS.notation))  # noqa: E731
    return [
        {
            "notation": notation(c),
            "label": _text(graph, c, SKOS.prefLabel),
            "principle": (c, RDF.type, SA.Principle) in graph,
            "broader": ", ".join(notation(b) for b in graph.objects(c, SKOS.broader)),
            "counters": ", ".join(sorted(notation(o) for o in graph.objects(c, SA.counters))),
            "definition": _text(graph, c, SKOS.definition),
        }
        for c in order
    ]


def examples() -> list[dict]:
    """The worked example queries: their question, explanation and SPARQL text without the header."""
    return [
        {"name": q.name, "summary": q.summary, "description": q.description,
         "sparql": "\n".join(line for line in q.text.splitlines() if not line.startswith("#+")).strip()}
        for q in catalogue.examples()
    ]


def _cell(value) -> str:
    """A value fit for one Markdown table cell."""
    return " ".join(str(value).split()).replace("|", "\\|")


def render() -> str:
    """The whole reference as Markdown."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    graph = ontology.load_graph()
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=False, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["cell"] = _cell
    return env.get_template(TEMPLATE).render(
        prefixes=PREFIXES, classes=classes(graph), properties=properties(graph),
        shapes=node_shapes(ontology.load_shapes(), graph), values=controlled_values(graph),
        issues=issues(graph), examples=examples(),
    )


if __name__ == "__main__":
    sys.stdout.write(render())
