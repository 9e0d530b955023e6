"""The derived graph of a build: every rule over the whole graph, or after an edit only what the edit touches.

A build with a cache (``kg.build.cache``) keeps what the rules derived. When the next
build changes, adds or removes some documents and nothing else (the same rules, the
same context), the contradictions that read a claim of an actor those documents
touch, before or after the edit (``rules.scope``), are dropped and derived again for
those actors alone (``rules.stale``, ``rules.derive_triples(store, actors)``); the result is
the full derivation, as a test checks. Anything else derives everything.

Dropping and re-adding costs more than deriving everything once the actors touched
hold a sizeable share of the claims: on 1,000 replicated articles an edit touching
Russia and Azerbaijan (13 % of the claims) took 16.7 s scoped against 12.9 s for
everything (a loaded machine). So a scoped run is made only when the actors touched
are the actors of at most ``SHARE`` of the claims.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from rdflib import RDF, RDFS

from kg.build import rules
from kg.build.assemble import Assembly
from kg.build.cache import Documents
from kg.build.triples import DERIVED_GRAPH
from kg.catalogue import files as catalogue
from kg.terms.vocab import SA, graph_iri

SHARE = 0.05  # the largest share of the claims whose actors an edit may touch and still be derived alone
_TYPE = ox.NamedNode(str(RDF.type))
KEPT = "derivation"  # what the cache keeps: the rules' digest and the derived graph in N-Triples


def _rules_digest() -> str:
    digest = hashlib.sha256()
    for rule in catalogue.rules():
        digest.update(f"\0{rule.path.name}\0{rule.text}".encode())
    return digest.hexdigest()


def _share(store: ox.Store, actors: set[str]) -> float:
    """The share of the claims (by ``sa:actor``) whose actor is one of ``actors``."""
    link = ox.NamedNode(str(SA.actor))
    total = sum(1 for _ in store.quads_for_pattern(None, link, None))
    touched = sum(1 for actor in actors for _ in store.quads_for_pattern(None, link, ox.NamedNode(actor)))
    return touched / total if total else 1.0


def derive(made: Assembly, cache: Documents | None) -> list[ox.Triple]:
    """What the rules derive from the build's store: anew, or from the last build's for the documents that changed."""
    digest = _rules_digest()
    # the actors each document made now touches: to re-derive for them, and kept for the next build's edit
    scopes = {stem: rules.scope(made.store, str(graph_iri(stem))) for stem in made.fresh} if cache is not None else {}
    actors = _touched(made, cache, digest, scopes)
    if actors is None:
        derived = rules.derive_triples(made.store)
    else:
        derived = list(ox.parse(cache.previous(KEPT)[1], format=ox.RdfFormat.N_TRIPLES))
        if actors:  # none: no claim changed
            derived = rules.drop(derived, rules.stale(derived, made.store, actors))
            derived = list(dict.fromkeys(derived + rules.derive_triples(made.store, actors)))
    if cache is not None:
        for stem, scope in scopes.items():
            if stem in cache.by_stem:
                cache.by_stem[stem].scope = scope
        text = ox.serialize(derived, format=ox.RdfFormat.N_TRIPLES)
        previous = cache.previous(KEPT)
        # the graph's text before and now, which the kept store compares rather than read its own (kg.build.kept)
        made.texts[str(DERIVED_GRAPH)] = (previous[1] if previous is not None else None, text)
        cache.extra[KEPT] = (digest, text)
    return derived


def _touched(made: Assembly, cache: Documents | None, digest: str, scopes: dict[str, set[str]]) -> set[str] | None:
    """The actors to derive again alone, or None to derive everything.

    A document whose claims (the triples about them) and curated contradictions are as
    they were touches no actor: its text or its quotes' offsets changed, which no rule
    reads.
    """
    previous = cache.previous(KEPT) if cache is not None else None
    changed = cache.changed() if cache is not None else None
    if previous is None or previous[0] != digest or changed is None:
        return None
    kinds = {ox.NamedNode(str(c)) for c in made.base.transitive_subjects(RDFS.subClassOf, SA.Claim)}
    same = set()
    for old in changed:
        new = cache.by_stem.get(old.document.stem)
        if new is not None and new is not old and new.nquads is not None and old.nquads is not None \
                and new.contradictions == old.contradictions and _claims(new.nquads, kinds) == _claims(old.nquads, kinds):
            same.add(old.document.stem)
    actors = set().union(*(entry.scope for entry in changed if entry.document.stem not in same))
    for stem in made.fresh.keys() - same:
        actors |= scopes[stem]
    return actors if _share(made.store, actors) <= SHARE else None


def _claims(nquads: bytes, kinds: set) -> set:
    """The triples about the claims of a document's N-Quads (those the rules read)."""
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    claims = {q.subject for q in quads if q.predicate == _TYPE and q.object in kinds}
    return {(q.subject, q.predicate, q.object) for q in quads if q.subject in claims}
