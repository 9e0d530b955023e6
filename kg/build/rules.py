"""Rules: CONSTRUCT queries in ``queries/rules/`` that derive facts at build time.

Each rule runs over the whole graph with ``?rule`` bound to its own IRI, so the
facts it derives can record which rule produced them. The rules themselves are
described in the derived graph (name, description, file).

A derivation can be scoped to a set of actors (``derive(store, actors)``): each rule
then derives only the contradictions whose claims are read from those actors. A
rule marks where its scope goes with a comment line ``# scope: ?var …`` naming the
variables that hold the actors it reads; a scoped run puts ``VALUES ?var {…}`` (one
variable) or ``FILTER (?var IN (…) || …)`` there, and a full run leaves the comment.
The actors each rule reads, and so what a change to one actor's claims touches:

- rhetoric vs action, hedging, reversal over time: the actor's own claims;
- entity vs state: the entity's and its state's; member vs bloc: the member's and the bloc's;
- tie vs position: the tie holder's and the tie target's;
- rival ties: the tie holder's, both targets' and the bloc's (the ties setting them apart);
- source dispute: both claimants' and the disputed claim's actors.

So every contradiction reads the actors (``sa:actor``, ``sa:target``, ``sa:claimant``)
of the claims it names (``sa:claim``, ``prov:wasDerivedFrom``) and, for a report, of
what it is about: ``stale`` finds the derived contradictions a scoped derivation
replaces, and ``scope`` the actors a document's graph touches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.catalogue import files as catalogue
from kg.catalogue import sparql
from kg.errors import InputError, UsageError
from kg.store.embedded import OxigraphStore
from kg.terms.vocab import SA, rule_iri

_SCOPE = re.compile(r"^([ \t]*)# scope:((?:[ \t]+\?\w+)+)[ \t]*$", re.MULTILINE)
_ACTOR_LINKS = (SA.actor, SA.target, SA.claimant)


def derive(dataset: Dataset | ox.Store, actors: Iterable[str] | None = None) -> Graph:
    """The facts every rule derives from ``dataset`` (or an Oxigraph store holding it), with the rules' descriptions.

    With ``actors`` (actor IRIs), only the contradictions that read a claim of one of
    them; ``stale(old, store, actors)`` tells which earlier ones they replace.
    """
    if isinstance(dataset, ox.Store):  # kg's own rules: no deadline (Ctrl-C still stops them)
        store = OxigraphStore(dataset, "build", timeout=float("inf"))
    else:
        store = OxigraphStore.in_memory(timeout=float("inf"))
        store.load_dataset(dataset)
    scope = None if actors is None else _terms(actors)
    derived = Graph()
    for rule in catalogue.rules():
        node = rule_iri(rule.name)
        text = rule.text if scope is None else scoped(rule.text, scope)
        try:
            result = store.query(text, {"rule": node})
        except UsageError as exc:
            raise InputError(f"rule does not parse: {exc}", rule.path) from None
        if not isinstance(result, Graph):
            raise InputError("a rule must be a CONSTRUCT query", rule.path)
        derived.add((node, RDF.type, SA.Rule))
        derived.add((node, RDFS.label, Literal(rule.name)))
        derived.add((node, DCTERMS.description, Literal(rule.description or rule.summary)))
        derived.add((node, SA.ruleFile, Literal(f"rules/{rule.path.name}")))
        for triple in result:
            derived.add(triple)
    return derived


def _terms(actors: Iterable[str]) -> list[str]:
    terms = []
    for actor in sorted(set(map(str, actors))):
        if not actor or not sparql.valid_iri(actor):
            raise UsageError(f"'{actor}' is not an actor IRI", param="actors")
        terms.append(f"<{actor}>")
    return terms


def scoped(text: str, terms: list[str]) -> str:
    """A rule's text with each ``# scope: ?var …`` line made a restriction to the actors ``terms`` (N-Triples IRIs)."""
    def restriction(match: re.Match) -> str:
        names = match.group(2).split()
        if len(names) == 1:
            return f"{match.group(1)}VALUES {names[0]} {{ {' '.join(terms)} }}"
        listed = ", ".join(terms)
        return f"{match.group(1)}FILTER ({' || '.join(f'{name} IN ({listed})' for name in names)})"
    return _SCOPE.sub(restriction, text)


def stale(derived: Graph, store: ox.Store, actors: Iterable[str]) -> set[URIRef]:
    """The derived contradictions in ``derived`` that ``derive(store, actors)`` replaces.

    Those naming a claim that ``store`` no longer holds, or a claim (or, for a report,
    the claim it is about) of one of ``actors``. Removing them from ``derived`` and
    adding a scoped derivation gives a full derivation of ``store``, provided
    ``actors`` holds every actor whose claims changed (``scope`` of each changed
    document's graph, before and after).
    """
    wanted = {str(a) for a in actors}
    found = set()
    for contradiction in set(derived.subjects(SA.curated, Literal(False))):
        evidence = set(derived.objects(contradiction, SA.claim)) | set(derived.objects(contradiction, PROV.wasDerivedFrom))
        if any(_gone(store, node) or _actors(store, node, about=True) & wanted for node in evidence):
            found.add(contradiction)
    return found


def drop(derived: Graph, contradictions: Iterable[URIRef]) -> None:
    """Remove every triple about ``contradictions`` from ``derived``."""
    for contradiction in contradictions:
        derived.remove((contradiction, None, None))


def scope(store: ox.Store, graph: str) -> set[str]:
    """The actors a document's graph touches: of its claims, and of the claims its records name or report on."""
    name = ox.NamedNode(graph)
    found: set[str] = set()
    links = {str(link) for link in _ACTOR_LINKS}  # an action's target too: more than needed does no harm
    for quad in store.quads_for_pattern(None, None, None, name):
        if quad.predicate.value in links and isinstance(quad.object, ox.NamedNode):
            found.add(quad.object.value)
        elif quad.predicate.value in (str(SA.claim), str(SA.about)) and isinstance(quad.object, ox.NamedNode):
            found |= _actors(store, URIRef(quad.object.value), about=False)
    return found


def _gone(store: ox.Store, node: URIRef) -> bool:
    """True when ``store`` says nothing about ``node`` any more (its document was removed)."""
    return next(iter(store.quads_for_pattern(ox.NamedNode(str(node)), None, None)), None) is None


def _actors(store: ox.Store, node: URIRef, about: bool) -> set[str]:
    """The actors of a claim in ``store``; with ``about``, and of the claim a report is about."""
    subject = ox.NamedNode(str(node))
    # an action's target is named, not read: only a tie's target is a side of it
    links = _ACTOR_LINKS if _is_a(store, subject, SA.Tie) else (SA.actor, SA.claimant)
    found = {q.object.value for link in links for q in store.quads_for_pattern(subject, ox.NamedNode(str(link)), None)}
    if about and _is_a(store, subject, SA.Report):
        for q in store.quads_for_pattern(subject, ox.NamedNode(str(SA.about)), None):
            found |= _actors(store, URIRef(q.object.value), about=False)
    return found


def _is_a(store: ox.Store, subject: ox.NamedNode, kind_of: URIRef) -> bool:
    kind = (subject, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(kind_of)))
    return next(iter(store.quads_for_pattern(*kind)), None) is not None
