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
from kg.store.terms import to_oxigraph
from kg.terms.ontology import Vocabulary
from kg.terms.vocab import graph_iri

_TYPE = ox.NamedNode(str(RDF.type))
RUN = 20_000  # triples validated in one run (``check``)


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
    fresh: dict[str, int] = field(default_factory=dict)  # document stem -> its triples, made in this build
    curated: Graph = field(default_factory=Graph)  # the curated contradictions
    digests: dict[str, str] = field(default_factory=dict)  # document graph IRI -> digest of its N-Quads in the cache
    texts: dict[str, tuple] = field(default_factory=dict)  # graph IRI -> its N-Triples then and now (kept.Text)


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
        made.fresh[doc.stem] = len(found)  # (its rdflib graph is not kept: validation reads the store)
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

    ``derived`` is what the rules derived, in N-Triples as Oxigraph wrote them. The
    parts are validated about ``RUN`` triples at a time (each document whole, the
    derived contradictions a share at a time), each run as N-Triples of its own with
    the ontology, the reference data and the types of the nodes of other parts the run
    names. The validator's time grows faster than its input (572,000 derived
    triples took 31 s in one run, 7 s in runs of 17,000), and memory stays bounded by a
    run, not the corpus.
    """
    problems = []
    reference = cache.previous("reference") if cache is not None else None
    if reference is None:
        reference = shacl.validate(made.base, shapes).problems
    if cache is not None:
        cache.extra["reference"] = reference
    problems += reference
    curated = ox.serialize(_triples(made.curated), format=ox.RdfFormat.N_TRIPLES).splitlines()
    subjects = {line.split(b" ", 1)[0] for line in curated}  # (in their documents' graphs too)
    parts = [(f"document {stem}", count, lambda stem=stem: _document(made, stem, subjects))
             for stem, count in made.fresh.items()]
    parts.append(("derived", len(curated), lambda: curated))
    share: list[bytes] = []
    text = made.texts.get(str(triples.DERIVED_GRAPH))
    before = text.before if text is not None else None  # what the last build derived
    for lines in [*_unchecked(derived, cache, before), None]:  # (None: the end, the last share)
        share += lines or []
        if share and (lines is None or len(share) >= RUN):
            parts.append((f"derived {len(parts)}", len(share), lambda share=share: share))
            share = []
    base = ox.serialize(_triples(made.base), format=ox.RdfFormat.N_TRIPLES).splitlines()
    described = {line.split(b" ", 1)[0] for line in base}
    found: dict[str, list[str]] = {}
    run: list = []
    size = 0
    for index, (name, count, load) in enumerate(parts):
        run.append((name, load))
        size += count
        if size >= RUN or index == len(parts) - 1:
            for part, report in _validate(made, base, described, run, shapes).items():
                found[part] = report.problems
            run, size = [], 0
    for name, found_problems in found.items():
        problems += found_problems
        stem = name.removeprefix("document ")
        entry = cache.by_stem.get(stem) if cache is not None and stem != name else None
        if entry is not None:
            entry.problems = found_problems
    if cache is not None:
        problems += [p for e in cache.by_stem.values() if e.document.stem not in made.fresh for p in e.problems or []]
    return sorted(problems)


def _validate(made: Assembly, base: list[bytes], described: set[bytes], run: list, shapes: Graph) -> dict:
    """Validate the parts of ``run`` (name, what loads its lines of N-Triples) together: a report per part.

    Each part's subjects are its focus nodes; it is validated over the ontology and the
    reference data (``base``, whose subjects are ``described``), the other parts of the
    run, and the types of the nodes of other documents it names (from the build's
    store). The parts stay N-Triples lines: a node is what a line begins with, an IRI it
    names what its object is.
    """
    lines = list(base)
    owner: dict[bytes, str] = {}
    named = set()
    for name, load in run:
        for line in load():
            subject, rest = line.split(b" ", 1)
            owner.setdefault(subject, name)
            value = rest.split(b" ", 1)[1]
            if value.startswith(b"<"):
                named.add(value[:value.index(b">") + 1])
            lines.append(line)
    named -= owner.keys() | described
    kind = _TYPE.value.encode()
    for node in named:
        for quad in made.store.quads_for_pattern(ox.NamedNode(node[1:-1].decode()), _TYPE, None):
            if isinstance(quad.object, ox.NamedNode):
                lines.append(b"%s <%s> <%s> ." % (node, kind, quad.object.value.encode()))
    return shacl.validate_nodes(b"\n".join([*lines, b""]), owner, shapes)


def _document(made: Assembly, stem: str, curated: set[bytes]) -> list[bytes]:
    """A document's lines of N-Triples, from its graph in the build's store, without the curated contradictions."""
    text = made.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph_iri(stem))))
    return [line for line in text.splitlines() if line.split(b" ", 1)[0] not in curated]


def _triples(graph: Graph) -> list[ox.Triple]:
    return [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph]


def _unchecked(derived: bytes, cache: Documents | None, before: bytes | None = None) -> list[list[bytes]]:
    """The derived nodes the last build did not validate with the same triples (all without a cache): their lines.

    A derived node (a contradiction, a rule) is named by what it links, so most of
    them come again unchanged after an edit; a node validated before, with the same
    triples, is valid again: what its shapes check of other nodes (the claims it links
    are claims) holds, since the rules derived it from them in this build. A node's
    triples are its lines of N-Triples (each begins with the node and a space).
    ``before`` is what the last build derived: when nothing changed, nothing is left
    to validate, and the digests are not taken again (1 s at 1,000 synthetic articles).
    """
    seen = (cache.previous("derived") or {}) if cache is not None else {}
    if seen and before == derived:
        cache.extra["derived"] = seen
        return []
    about: dict = {}
    for line in derived.split(b"\n"):
        if line:
            about.setdefault(line[:line.index(b" ")], []).append(line)
    digests = {s.decode(): hashlib.sha256(b"\n".join(sorted(found))).hexdigest() for s, found in about.items()}
    if cache is not None:
        cache.extra["derived"] = digests
    return [found for s, found in about.items() if seen.get(s.decode()) != digests[s.decode()]]
