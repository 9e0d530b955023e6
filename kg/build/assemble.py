"""The built graph put together in an Oxigraph store, each document's part made once and kept.

The ontology and reference data are made anew each build (a few thousand triples);
each document's graph is taken from the kept entry of its annotation file
(``kg.build.cache``) or made from its records and kept; the curated contradictions,
which may name claims of other documents, are made anew. Validation then needs to see
only the parts made now: ``check`` validates the reference once per context and each
new document once, with the derived contradictions, and gathers the kept verdicts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph, URIRef

from kg.build import shacl, triples
from kg.build.cache import Documents
from kg.build.records import Seeds
from kg.store.terms import to_oxigraph, to_rdflib
from kg.terms.ontology import Vocabulary
from kg.terms.vocab import graph_iri

_TYPE = ox.NamedNode(str(RDF.type))
BATCH = 100  # documents validated in one run: each sees the others' nodes through their types (``_context``)


def quads(dataset: Dataset) -> list[ox.Quad]:
    """The quads of an rdflib dataset as Oxigraph quads (the default graph's left out: kg writes none)."""
    found = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if isinstance(name, URIRef):
            found.append(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.NamedNode(str(name))))
    return found


@dataclass
class Assembly:
    """The store of a build, the reference's dataset, and the graphs made now (to validate)."""

    store: ox.Store
    base: Graph  # ontology and reference data, one graph
    fresh: dict[str, Graph] = field(default_factory=dict)  # document stem -> its graph, made in this build
    curated: Graph = field(default_factory=Graph)  # the curated contradictions
    digests: dict[str, str] = field(default_factory=dict)  # document graph IRI -> digest of its N-Quads in the cache
    texts: dict[str, tuple] = field(default_factory=dict)  # graph IRI -> its N-Triples in the last build (or None), now


def assemble(onto: Graph, reference, vocab: Vocabulary, loaded: Seeds, cache: Documents | None) -> Assembly:
    """The store holding ontology, reference data, every document's graph and the curated contradictions."""
    base = triples.new_dataset()
    triples.add_ontology(base, onto)
    triples.add_reference(base, reference, vocab)
    store = ox.Store()
    store.extend(quads(base))
    made = Assembly(store, shacl._union(base))
    claims: dict[str, list] = {doc.stem: [] for doc in loaded.documents}
    for claim in loaded.claims:
        claims[claim.document].append(claim)
    kept = []
    for doc in loaded.documents:
        entry = cache.by_stem.get(doc.stem) if cache is not None else None
        if entry is not None and entry.nquads is not None and entry.problems is not None:
            kept.append(entry.nquads)
            made.digests[str(graph_iri(doc.stem))] = hashlib.sha256(entry.nquads).hexdigest()
            continue
        part = Dataset()
        triples.add_document(part, doc, claims[doc.stem], vocab)
        found = quads(part)
        store.extend(found)
        made.fresh[doc.stem] = part.graph(graph_iri(doc.stem))
        if entry is not None:
            entry.nquads = ox.serialize(found, format=ox.RdfFormat.N_QUADS)
            made.digests[str(graph_iri(doc.stem))] = hashlib.sha256(entry.nquads).hexdigest()
    if kept:  # kg's own N-Quads, checked when made: not checked again (0.6 s against 1.4 s at 1,000 articles)
        store.load(b"".join(kept), format=ox.RdfFormat.N_QUADS, lenient=True)
    curated = Dataset()
    triples.add_contradictions(curated, loaded, vocab)
    store.extend(quads(curated))
    made.curated = shacl._union(curated)
    return made


def add_derived(made: Assembly, derived: bytes) -> None:
    """Put the facts the rules derived (N-Triples, as Oxigraph wrote them) into the store's derived graph."""
    name = ox.NamedNode(str(triples.DERIVED_GRAPH))
    made.store.load(derived, format=ox.RdfFormat.N_TRIPLES, to_graph=name, lenient=True)


def check(made: Assembly, derived: bytes, shapes: Graph, cache: Documents | None) -> list[str]:
    """Every SHACL violation of the build: the reference's and each document's (kept or found now), the derived ones'.

    ``derived`` is what the rules derived, in N-Triples as Oxigraph wrote them.
    """
    problems = []
    reference = cache.previous("reference") if cache is not None else None
    if reference is None:
        reference = shacl.validate(made.base, shapes).problems
    if cache is not None:
        cache.extra["reference"] = reference
    problems += reference
    rest = Graph()
    for triple in made.curated:
        rest.add(triple)
    for triple in _unchecked(derived, cache):
        rest.add(triple)
    parts = [(f"document {stem}", graph) for stem, graph in made.fresh.items()] + [("derived", rest)]
    reports = {}
    for start in range(0, len(parts), BATCH):  # a batch at a time: memory bounded by the batch, not the corpus
        batch = dict(parts[start:start + BATCH])
        reports.update(shacl.validate_parts(_context(made, batch.values()), batch, shapes))
    for name, report in reports.items():
        problems += report.problems
        entry = cache.by_stem.get(name.removeprefix("document ")) if cache is not None and name != "derived" else None
        if entry is not None:
            entry.problems = report.problems
    if cache is not None:
        problems += [p for e in cache.by_stem.values() if e.document.stem not in made.fresh for p in e.problems or []]
    return sorted(problems)


def _unchecked(derived: bytes, cache: Documents | None) -> list:
    """The derived triples about nodes the last build did not validate with the same triples (all without a cache).

    A derived node (a contradiction, a rule) is named by what it links, so most of
    them come again unchanged after an edit; a node validated before, with the same
    triples, is valid again: what its shapes check of other nodes (the claims it links
    are claims) holds, since the rules derived it from them in this build. A node's
    triples are its lines of N-Triples (each begins with the node and a space).
    """
    about: dict = {}
    for line in derived.split(b"\n"):
        if line:
            about.setdefault(line[:line.index(b" ")], []).append(line)
    digests = {s.decode(): hashlib.sha256(b"\n".join(sorted(found))).hexdigest() for s, found in about.items()}
    seen = (cache.previous("derived") or {}) if cache is not None else {}
    if cache is not None:
        cache.extra["derived"] = digests
    lines = [line for s, found in about.items() if seen.get(s.decode()) != digests[s.decode()] for line in found]
    return [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            for q in ox.parse(b"\n".join([*lines, b""]), format=ox.RdfFormat.N_TRIPLES)]


def _context(made: Assembly, parts) -> Graph:
    """The ontology and reference data, and the types of the nodes of other documents the parts name."""
    context = Graph()
    for triple in made.base:
        context.add(triple)
    inside = {s for part in parts for s in part.subjects()} | set(made.base.subjects())
    named = {o for part in parts for o in part.objects() if isinstance(o, URIRef) and o not in inside}
    for node in named:
        for quad in made.store.quads_for_pattern(ox.NamedNode(str(node)), _TYPE, None):
            context.add((node, RDF.type, URIRef(quad.object.value)))
    return context
