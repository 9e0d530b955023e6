"""The derived graph of a build: every rule over the whole graph, or after an edit only what the edit touches.

A build with a cache (``kg.build.cache``) keeps what the rules derived. When the next
build changes, adds or removes some documents and nothing else (the same rules, the
same context), what the last build derived is brought up to date (``rederive``):

- a rule whose patterns name none of the predicates of the triples that changed
  (``rules.reads``) cannot see the edit, and what it derived stays: a flipped stance
  does not run the rules about ties alone;
- of the other rules, the contradictions that read a claim of an actor those documents
  touch, before or after the edit (``rules.scope``), are dropped and derived again for
  those actors alone (``rules.stale``, ``rules.derive_triples(store, actors)``).

The result is the full derivation, as tests check. Anything else derives everything.

An edited claim touches its own actors (``rules.claim_scope``), not every actor of its
article. A scoped run costs less than a full one only while the actors touched hold a
modest share of the claims: at 1,000 replicated articles, the six rules that read a
stance took 1.70 s of CPU over everything, 1.14 s scoped to Montenegro (2 % of the
claims), 1.34 s to Russia (12 %), 1.45 s to Serbia (20 %) and 1.57 s to both (32 %),
dropping the stale contradictions included. So a scoped run is made only when the
actors touched are the actors of at most ``SHARE`` of the claims; otherwise the rules
that can see the edit run over everything. (With the derived triples moved through
rdflib, an edit touching 13 % of the claims took 16.7 s scoped against 12.9 s in full.)
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from rdflib import RDF, RDFS

from kg.build import kept, rules
from kg.build.assemble import Assembly
from kg.build.cache import Documents
from kg.build.triples import DERIVED_GRAPH
from kg.catalogue import files as catalogue
from kg.terms.vocab import SA, graph_iri, rule_iri

SHARE = 0.25  # the largest share of the claims whose actors an edit may touch and still be derived alone
_TYPE = ox.NamedNode(str(RDF.type))
_DERIVED_BY = f" <{SA.derivedBy}> ".encode()  # as it follows a line's subject in N-Triples
KEPT = "derivation"  # what the cache keeps: the rules' digest and the derived graph's (its N-Triples kept as a text)


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


def derive(made: Assembly, cache: Documents | None) -> None:
    """What the rules derive from the build's store, as N-Triples in ``made.texts`` (the derived graph's, before and now).

    Derived anew, or from the last build's for the documents that changed; when no
    claim changed (an article's text edited), the last build's N-Triples are taken as
    they were, not parsed and written again (1.2 s at 1,000 synthetic articles).
    """
    digest = _rules_digest()
    # the actors each document made now touches: to re-derive for them, and kept for the next build's edit
    scopes = {stem: rules.scope(made.store, str(graph_iri(stem))) for stem in made.fresh} if cache is not None else {}
    # what the last build derived, with its digest, and the digest of the rules that derived it
    then_rules, before_digest = (cache.previous(KEPT) if cache is not None else None) or (None, None)
    before = cache.text(KEPT, before_digest) if before_digest is not None else None
    change = _touched(made, cache, scopes) if before is not None and then_rules == digest else None
    if change is None:
        text = rules.derive_text(made.store)
    elif change[0] == set():  # no claim changed
        text = before
    else:
        actors, predicates = change
        if actors and _share(made.store, actors) > SHARE:
            actors = None
        text = rederive(before, made.store, actors, predicates)
    # the graph's text before and now: the store and validation read it, the kept store compares it (kg.build.kept);
    # with a cache, its digest as the kept store records it, taken once for each text (0.5 s at 1,000 synthetic articles)
    now_digest = (before_digest if text is before else kept.text_digest(text)) if cache is not None else None
    made.texts[str(DERIVED_GRAPH)] = kept.Text(before, text, before_digest if before is not None else None, now_digest)
    if cache is not None:
        for stem, scope in scopes.items():
            if stem in cache.by_stem:
                cache.by_stem[stem].scope = scope
        cache.extra[KEPT] = (digest, now_digest)
        cache.keep_text(KEPT, text, now_digest)


def rederive(old: bytes, store: ox.Store, actors: set[str] | None, predicates: set[str] | None) -> bytes:
    """The rules' derivation of ``store`` (N-Triples), from ``old``, theirs before documents changed.

    ``actors`` holds every actor whose claims changed (None: derive again for all),
    ``predicates`` every predicate of a triple added or removed (None: any may have).
    A rule that reads none of ``predicates`` keeps what it derived; the others derive
    again for ``actors`` (``rules.stale``) or for all. The lines are kept as text, each
    once, those kept in the order they had.
    """
    every = catalogue.rules()
    lines = old.splitlines(keepends=True)
    subjects = [line[:line.index(b" ")] for line in lines]
    owner = {s: line[len(s) + len(_DERIVED_BY):line.rindex(b" .")]
             for s, line in zip(subjects, lines) if line.startswith(_DERIVED_BY, len(s))}
    nodes = {name: f"<{rule_iri(name)}>".encode() for name in (rule.name for rule in every)}
    owner.update({node: node for node in nodes.values()})
    run = {rule.name for rule in every if predicates is None or _sees(rule.text, predicates)}
    if any(s not in owner for s in subjects):  # a triple no rule answers for: derived again whole
        run = {rule.name for rule in every}
    running = {nodes[name] for name in run}
    kept = [line for s, line in zip(subjects, lines) if owner.get(s) not in running]
    if actors is None:
        return b"".join(dict.fromkeys(kept + rules.derive_text(store, only=run).splitlines(keepends=True)))
    again = [line for s, line in zip(subjects, lines) if owner.get(s) in running]
    again = rules.drop(again, rules.stale(again, store, actors))
    fresh = rules.derive_text(store, actors, only=run).splitlines(keepends=True)
    return b"".join(dict.fromkeys(kept + again + fresh))


def _sees(text: str, predicates: set[str]) -> bool:
    read = rules.reads(text)
    return read is None or not read.isdisjoint(predicates)


def _touched(made: Assembly, cache: Documents, scopes: dict[str, set[str]]) -> tuple | None:
    """The actors and predicates the documents that changed touch (``rederive``), or None to derive everything.

    A document whose claims (the triples about them) and curated contradictions are as
    they were touches no actor: its text or its quotes' offsets changed, which no rule
    reads. An edited document touches the actors of the claims whose triples changed
    (``rules.claim_scope``, before and after); one that came, went or changed its
    curated contradictions, every actor its graph touches (``rules.scope``). The
    predicates are those of the quads that differ between an edited document's graph
    before and now; None when a document came, went, or changed its curated
    contradictions (kept apart from its graph).
    """
    changed = cache.changed()
    if changed is None:
        return None
    kinds = {ox.NamedNode(str(c)) for c in made.base.transitive_subjects(RDFS.subClassOf, SA.Claim)}
    edited, actors, predicates = set(), set(), set()
    for old in changed:
        new = cache.by_stem.get(old.document.stem)
        if new is None or new is old or new.nquads is None or old.nquads is None \
                or new.contradictions != old.contradictions:
            predicates = None
            actors |= old.scope
            continue
        edited.add(old.document.stem)
        before, after = _quads(old.nquads), _quads(new.nquads)
        differ = before ^ after
        if predicates is not None:
            predicates |= {q.predicate.value for q in differ}
        claims = {q.subject for q in before | after if q.predicate == _TYPE and q.object in kinds}
        actors |= rules.claim_scope(before | after, {q.subject for q in differ} & claims, made.store)
    if made.fresh.keys() - edited:  # a new document (or one made again for want of its kept graph)
        predicates = None
    for stem in made.fresh.keys() - edited:
        actors |= scopes[stem]
    return actors, predicates


def _quads(nquads: bytes) -> set[ox.Quad]:
    return set(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
