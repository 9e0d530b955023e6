"""Rules: CONSTRUCT queries in ``queries/rules/`` that derive facts at build time.

Each rule runs over the whole graph with ``?rule`` bound to its own IRI, so the
facts it derives can record which rule produced them. The rules themselves are
described in the derived graph (name, description, file).

A derivation can be scoped to a set of actors (``derive_triples(store, actors)``): each rule
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
from collections.abc import Callable, Collection, Iterable

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.catalogue import files as catalogue
from kg.catalogue import sparql
from kg.errors import InputError, UsageError
from kg.store import deadline
from kg.store.dataset import query_options
from kg.store.terms import triples_graph
from kg.terms.vocab import SA, rule_iri

_SCOPE = re.compile(r"^([ \t]*)# scope:((?:[ \t]+\?\w+)+)[ \t]*$", re.MULTILINE)
_ACTOR_LINKS = (SA.actor, SA.target, SA.claimant)


def _node(term: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_LINKS = tuple(map(_node, _ACTOR_LINKS))  # the actors a tie reads: its holder, its target (and a claimant)
_READ = (_node(SA.actor), _node(SA.claimant))  # those any other claim reads
_TYPE, _TIE, _REPORT, _ABOUT, _CLAIM = map(_node, (RDF.type, SA.Tie, SA.Report, SA.about, SA.claim))
_CURATED, _FALSE = _node(SA.curated), ox.Literal("false", datatype=_node(XSD.boolean))
_EVIDENCE_LINKS = tuple(f"<{p}> <".encode() for p in (SA.claim, PROV.wasDerivedFrom))  # (the object an IRI)
_NOT_CURATED = f'<{SA.curated}> "false"^^<{XSD.boolean}> .'.encode()
_RULE, _LABEL, _DESCRIPTION, _FILE = map(_node, (SA.Rule, RDFS.label, DCTERMS.description, SA.ruleFile))


def derive(dataset: Dataset | ox.Store, actors: Iterable[str] | None = None) -> Graph:
    """The facts every rule derives from ``dataset`` (or an Oxigraph store holding it), as an rdflib Graph.

    ``derive_triples`` read into rdflib, for readers that want a graph (tests, benchmarks).
    """
    if not isinstance(dataset, ox.Store):
        store = ox.Store()
        store.bulk_load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
        dataset = store
    return triples_graph(derive_triples(dataset, actors))


def derive_triples(store: ox.Store, actors: Iterable[str] | None = None,
                   only: Collection[str] | None = None) -> list[ox.Triple]:
    """The facts every rule derives from the graphs of ``store``, with the rules' descriptions, as Oxigraph triples.

    With ``actors`` (actor IRIs), only the contradictions that read a claim of one of
    them; ``stale(old, store, actors)`` tells which earlier ones they replace. With
    ``only`` (rule names), only those rules run. The rules run on the store itself and
    their triples stay Oxigraph's: at 1,000 articles, reading the 60,000 derived
    triples into rdflib took as long as the rules.
    """
    found: dict[ox.Triple, None] = {}  # in order, each once
    for described, result in _runs(store, actors, only, list):
        found.update((triple, None) for triple in described)
        found.update((triple, None) for triple in result)
    return list(found)


def derive_text(store: ox.Store, actors: Iterable[str] | None = None, only: Collection[str] | None = None) -> bytes:
    """``derive_triples(store, actors, only)`` as N-Triples, the same lines in the same order, each once.

    Each rule's triples are written by Oxigraph as it derives them, never made Python
    objects: at 1,000 synthetic articles (570,000 derived triples) the objects held
    some 230 MB more at the build's peak than the lines of text. A line ends with " .\n"
    and begins with its subject and a space (kg derives no blank node): ``stale`` and
    ``drop`` read lines.
    """
    found: dict[bytes, None] = {}
    for described, result in _runs(store, actors, only, lambda r: r.serialize(format=ox.RdfFormat.N_TRIPLES)):
        for text in (ox.serialize(described, format=ox.RdfFormat.N_TRIPLES), result):
            found.update(dict.fromkeys(text.splitlines(keepends=True)))
    return b"".join(found)


def _runs(store: ox.Store, actors: Iterable[str] | None, only: Collection[str] | None, take: Callable):
    """Each rule that runs (``derive_triples``), in turn: the triples describing it and ``take`` of what it derives."""
    scope = None if actors is None else _terms(actors)
    for rule in catalogue.rules():
        if only is not None and rule.name not in only:
            continue
        node = ox.NamedNode(str(rule_iri(rule.name)))
        text = rule.text if scope is None else scoped(rule.text, scope)
        try:
            result = _construct(store, sparql.bind(text, {"rule": rule_iri(rule.name)}), take)
        except SyntaxError as exc:
            raise InputError(f"rule does not parse: SPARQL syntax error: {exc}", rule.path) from None
        if result is None:
            raise InputError("a rule must be a CONSTRUCT query", rule.path)
        described = ((_TYPE, _RULE), (_LABEL, ox.Literal(rule.name)),
                     (_DESCRIPTION, ox.Literal(rule.description or rule.summary)),
                     (_FILE, ox.Literal(f"rules/{rule.path.name}")))
        yield [ox.Triple(node, p, o) for p, o in described], result


def _construct(store: ox.Store, text: str, take: Callable):
    """``take`` of the triples of a CONSTRUCT query on ``store`` (the union of its graphs); None for another kind.

    ``take`` reads the QueryTriples (which evaluate as they are read). Without a
    deadline (kg's own rules), in a worker thread so that Ctrl-C still stops the build.
    """
    def work(cancelled):
        result = store.query(text, **query_options(store))
        return take(result) if isinstance(result, ox.QueryTriples) else None
    return deadline.run(work, None, lambda: InputError("a rule did not finish"))


_TOKENS = re.compile(r"""
    (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<comment>\#[^\n]*)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[^\W\d_][\w.-]*)?:[\w.:%\\-]*)
  | (?P<word>\w+)
  | (?P<punct>\S)
""", re.VERBOSE)
_PREFIX = re.compile(r"^\s*PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)
_LISTS = {"SELECT", "GROUP", "ORDER"}  # clauses that list variables one after the other, in no triple
_END_OF_LIST = {"{", "}", "WHERE", "HAVING", "ORDER", "LIMIT", "OFFSET"}
_TERMS = {"var", "iri", "pname", "string"}


def reads(text: str) -> frozenset[str] | None:
    """The predicates a rule's triple patterns can match: every IRI its text names; None if it may match any.

    A pattern matches only triples whose predicate it names, unless its predicate is a
    variable or a negated property set (``!sa:p``): then None. Found from the tokens of
    the text, erring towards None: a variable between two terms (``?s ?p ?o``) or after
    ``;`` or ``[`` is taken for a predicate, outside the lists of SELECT, GROUP BY and
    ORDER BY, and so is any ``!`` before a name or a parenthesis.
    """
    prefixes = dict(_PREFIX.findall(text))
    found, tokens = set(), []
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind == "comment":
            continue
        if kind == "iri":
            if ":" not in value:  # relative to a BASE: not compared
                return None
            found.add(value[1:-1])
        elif kind == "pname":
            prefix, _, local = value.partition(":")
            local = local.rstrip(".")  # a name ends before the dot that ends a triple
            if prefix not in prefixes or "\\" in local:  # (an escaped character: not compared)
                return None
            found.add(prefixes[prefix] + local)
        elif kind == "word" and value == "a":
            found.add(str(RDF.type))
        elif kind == "word" and (value.lower() in {"true", "false"} or value[0].isdigit()):
            kind = "string"  # a literal: a term of a triple like any other
        tokens.append((kind, value.upper() if kind == "word" else value))
    listing = False
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value in _LISTS:
            listing = True
        elif value in _END_OF_LIST:
            listing = False
        before = tokens[i - 1] if i else ("punct", "")
        after = tokens[i + 1] if i + 1 < len(tokens) else ("punct", "")
        if kind == "var" and not listing and (before[1] in {";", "["} or (
                (before[0] in _TERMS or before[1] in {"]", ")", "A"}) and (after[0] in _TERMS or after[1] in {"[", "("}))):
            return None
        if value == "!" and (after[0] in {"iri", "pname"} or after[1] in {"(", "^", "A"}):
            return None
    return frozenset(found)


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


def stale(derived: list[bytes], store: ox.Store, actors: Iterable[str]) -> set[bytes]:
    """The derived contradictions in ``derived`` (lines of N-Triples) that ``derive_text(store, actors)`` replaces:
    their nodes, as the lines begin with them.

    Those naming a claim that ``store`` no longer holds, or a claim (or, for a report,
    the claim it is about) of one of ``actors``. Removing them from ``derived`` and
    adding a scoped derivation gives a full derivation of ``store``, provided
    ``actors`` holds every actor whose claims changed (``scope`` of each changed
    document's graph, before and after). The lines are read as text, not parsed: at
    1,000 synthetic articles the 570,000 derived triples took 0.7 s to parse.
    """
    wanted = {str(a) for a in actors}
    inferred, evidence = set(), {}
    for line in derived:
        subject, rest = line.split(b" ", 1)
        if rest.startswith(_EVIDENCE_LINKS):
            evidence.setdefault(subject, set()).add(rest[rest.index(b" ") + 1:rest.rindex(b" .")])
        elif rest.startswith(_NOT_CURATED):
            inferred.add(subject)
    evidence = {node: claims for node, claims in evidence.items() if node in inferred}
    touched = {}  # each claim once: it is in many contradictions
    for claim in set().union(*evidence.values()):
        node = ox.NamedNode(claim[1:-1].decode("utf-8"))
        touched[claim] = _gone(store, node) or bool(_actors(store, node, about=True) & wanted)
    return {contradiction for contradiction, claims in evidence.items() if any(touched[c] for c in claims)}


def drop(derived: list[bytes], contradictions: set[bytes]) -> list[bytes]:
    """The lines of ``derived`` that are not about ``contradictions`` (``stale``)."""
    return [line for line in derived if line[:line.index(b" ")] not in contradictions]


def scope(store: ox.Store, graph: str) -> set[str]:
    """The actors a document's graph touches: of its claims, and of the claims its records name or report on."""
    name = ox.NamedNode(graph)
    found: set[str] = set()
    links = {str(link) for link in _ACTOR_LINKS}  # an action's target too: more than needed does no harm
    for quad in store.quads_for_pattern(None, None, None, name):
        if quad.predicate.value in links and isinstance(quad.object, ox.NamedNode):
            found.add(quad.object.value)
        elif quad.predicate in (_CLAIM, _ABOUT) and isinstance(quad.object, ox.NamedNode):
            found |= _actors(store, quad.object, about=False)
    return found


def claim_scope(quads: Iterable[ox.Quad], claims: set, store: ox.Store) -> set[str]:
    """The actors the claims ``claims`` are read as: their actors as ``stale`` reads them, from their triples in
    ``quads`` (as they are now, or were), and those of the claims they report on, from ``store``."""
    quads = [q for q in quads if q.subject in claims and isinstance(q.object, ox.NamedNode)]
    ties = {q.subject for q in quads if q.predicate == _TYPE and q.object == _TIE}
    found: set[str] = set()
    for quad in quads:
        # an action's target is named, not read: only a tie's target is a side of it
        if quad.predicate in (_LINKS if quad.subject in ties else _READ):
            found.add(quad.object.value)
        elif quad.predicate == _ABOUT:
            found |= _actors(store, quad.object, about=False)
    return found


def _gone(store: ox.Store, node) -> bool:
    """True when ``store`` says nothing about ``node`` any more (its document was removed)."""
    return next(iter(store.quads_for_pattern(node, None, None)), None) is None


def _actors(store: ox.Store, subject, about: bool) -> set[str]:
    """The actors of a claim in ``store``; with ``about``, and of the claim a report is about."""
    # an action's target is named, not read: only a tie's target is a side of it
    links = _LINKS if _is_a(store, subject, _TIE) else _READ
    found = {q.object.value for link in links for q in store.quads_for_pattern(subject, link, None)}
    if about and _is_a(store, subject, _REPORT):
        for q in store.quads_for_pattern(subject, _ABOUT, None):
            found |= _actors(store, q.object, about=False)
    return found


def _is_a(store: ox.Store, subject, kind: ox.NamedNode) -> bool:
    return next(iter(store.quads_for_pattern(subject, _TYPE, kind)), None) is not None
