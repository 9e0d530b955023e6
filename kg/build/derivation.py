"""The derived graph of a build: every rule over the whole graph, or after an edit only what the edit touches.

A build with a cache (``kg.build.cache``) keeps what the rules derived. When the next
build changes, adds or removes some documents and nothing else (the same rules, the
same context), the contradictions that read a claim of an actor those documents
touch, before or after the edit (``rules.scope``), are dropped and derived again for
those actors alone (``rules.stale``, ``rules.derive(store, actors)``); the result is
the full derivation, as a test checks. Anything else derives everything.
"""

from __future__ import annotations

import hashlib

from rdflib import Graph

from kg.build import rules
from kg.build.assemble import Assembly
from kg.build.cache import Documents
from kg.catalogue import files as catalogue
from kg.terms.vocab import graph_iri

KEPT = "derivation"  # what the cache keeps: the rules' digest and the derived graph in N-Triples


def _rules_digest() -> str:
    digest = hashlib.sha256()
    for rule in catalogue.rules():
        digest.update(f"\0{rule.path.name}\0{rule.text}".encode())
    return digest.hexdigest()


def derive(made: Assembly, cache: Documents | None) -> Graph:
    """What the rules derive from the build's store: anew, or from the last build's for the documents that changed."""
    digest = _rules_digest()
    previous = cache.previous(KEPT) if cache is not None else None
    changed = cache.changed() if cache is not None else None
    if previous is None or previous[0] != digest or changed is None:
        derived = rules.derive(made.store)
    else:
        actors = set().union(*(entry.scope for entry in changed))
        for stem in made.fresh:
            actors |= rules.scope(made.store, str(graph_iri(stem)))
        derived = Graph()
        derived.parse(data=previous[1], format="nt")
        if actors or changed:
            rules.drop(derived, rules.stale(derived, made.store, actors))
            derived += rules.derive(made.store, actors) if actors else Graph()
    if cache is not None:
        for stem in made.fresh:
            if stem in cache.by_stem:
                cache.by_stem[stem].scope = rules.scope(made.store, str(graph_iri(stem)))
        cache.extra[KEPT] = (digest, derived.serialize(format="nt", encoding="utf-8"))
    return derived

