"""Running catalogue queries: finding one, typing its parameters, shaping its results.

A parameter value given as text becomes an RDF term of the parameter's type: an
actor by name, alias, ISO code, id or IRI (resolved by the roster of
``kg.terms.names``, read from the graph; an official given as an actor stands for
the state he speaks for, with a note, and as an ``official`` for himself), an issue or other coded term by its
notation or label, a date as ``xsd:date``. The
terms are bound by ``store.query`` as a VALUES block, never pasted into the text.
"""

from __future__ import annotations

import difflib
import re
import warnings

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.catalogue import files as catalogue
from kg.catalogue import results, sparql
from kg.catalogue.results import QueryResult
from kg.errors import InputError, Note, UsageError, named
from kg.terms import names
from kg.terms.dates import parse_day
from kg.terms.vocab import PREFIXES

# the class of the terms each coded parameter type names by notation
_CODED = {
    "issue": "http://www.w3.org/2004/02/skos/core#Concept",
    "stance": PREFIXES["sa"] + "Stance",
    "tie-type": PREFIXES["sa"] + "TieType",
    "agreement-status": PREFIXES["sa"] + "AgreementStatus",
    "contradiction-type": PREFIXES["sa"] + "ContradictionType",
}
_SURROGATE = re.compile("[\ud800-\udfff]")
_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.S)


def parse_pairs(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` strings as a mapping; a malformed pair is a usage error."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{named('params')} expects NAME=VALUE, got '{pair}'", param="params")
        values[name.strip()] = value
    return values


def roster(store) -> names.Roster:
    """Every actor of the graph in ``store`` with the names it goes by, to resolve names against."""
    found: dict[str, dict] = {}
    for row in store.query(catalogue.internal("lookup/actor-names").text).dicts():
        iri = str(row["actor"])
        record = found.setdefault(iri, {
            "iri": iri, "id": iri.rsplit("/", 1)[-1], "label": str(row["label"]), "type": str(row["type"]),
            "iso": _text(row["iso"]), "iso3": _text(row["iso3"]), "acts_for": _text(row["acts_for"]),
            "part_of": _text(row["part_of"]),
            "aliases": [], "predecessors": [],
        })
        if row["alias"] is not None:
            record["aliases"].append(str(row["alias"]))
        if row["predecessor"] is not None:
            record["predecessors"].append(str(row["predecessor"]))
    return names.Roster(
        names.Actor(**{**r, "aliases": tuple(r["aliases"]), "predecessors": tuple(r["predecessors"])})
        for r in found.values()
    )


def _text(value) -> str | None:
    return None if value is None else str(value)


def resolve_actor(store, name: str, param: str = "actor", speaker: str | None = None) -> URIRef:
    """The actor a name, alias, id, ISO code or IRI denotes in the graph; UnknownActor if none.

    An official stands for the state (or bloc) he speaks for, with a note: positions
    are the state's, the official only voices them. ``speaker`` names the query's
    parameter that keeps what he himself voiced, for the note to point to.
    """
    actors = roster(store)
    found = actors.resolve(name)
    state = actors.get(found.acts_for) if found.type == "official" and found.acts_for else None
    if state is None:
        return URIRef(found.iri)
    voiced = f" (what {found.label} voiced: {speaker}={name})" if speaker else ""
    warnings.warn(Note(f"{found.label} speaks for {state.label}; parameter '{param}' takes {state.label}{voiced}"),
                  stacklevel=2)
    return URIRef(state.iri)


def resolve_official(store, name: str, param: str = "speaker") -> URIRef:
    """The official a name denotes, as himself; UsageError when it names a state or another actor."""
    found = roster(store).resolve(name)
    if found.type != "official":
        raise UsageError(f"parameter '{param}': {found.label} is a {found.type}, not an official; "
                         f"name an official who speaks for a state ('kg query actors' lists them)")
    return URIRef(found.iri)


def resolve_code(store, param_type: str, code: str, param: str) -> URIRef:
    """The term of a coded type (issue, stance, …) with this notation or label; UnknownName if none."""
    result = store.query(catalogue.internal("lookup/notations").text, {"class": URIRef(_CODED[param_type])})
    terms: dict[str, URIRef] = {}
    labels: dict[str, str] = {}
    for row in result.dicts():
        notation = str(row["notation"])
        terms[notation] = URIRef(row["term"])
        labels[notation] = str(row["label"]) if row["label"] is not None else notation
    if param_type == "issue":
        return terms[names.resolve_issue(code, labels)]  # one message for an issue, wherever it is named
    try:
        return terms[names.resolve_code(param_type, code, labels)]
    except names.UnknownName as exc:
        raise UsageError(f"parameter '{param}': {exc}") from None


def to_term(store, param: catalogue.Param, value: str, speaker: str | None = None) -> Node:
    """The RDF term a parameter value denotes, by the parameter's type (``speaker``: see ``resolve_actor``)."""
    if param.type == "actor":
        return resolve_actor(store, value, param.name, speaker)
    if param.type == "official":
        return resolve_official(store, value, param.name)
    if param.type in _CODED:
        return resolve_code(store, param.type, value, param.name)
    if param.type == "date":
        try:
            return Literal(parse_day(value).isoformat(), datatype=XSD.date)
        except ValueError as exc:
            raise UsageError(f"parameter '{param.name}': {exc}") from None
    if param.type == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise UsageError(f"parameter '{param.name}': '{value}' is not a whole number") from None
    if param.type == "iri":
        iri = full_iri(value)
        if iri is None:
            raise UsageError(f"parameter '{param.name}': '{value}' is not an IRI (write it in full, e.g. https://…)")
        return URIRef(iri)
    if param.type == "claim":
        return resolve_claim(store, value, param.name)
    return Literal(value)


_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")


def full_iri(value: str) -> str | None:
    """The IRI ``value`` names in full, in angle brackets or as a prefixed name (as tables print it); None if none."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    else:
        prefix, colon, local = text.partition(":")
        if colon and prefix in PREFIXES:
            text = PREFIXES[prefix] + re.sub(r"\\(.)", r"\1", local)  # undo the escapes of a SPARQL local name
    return text if _IRI.fullmatch(text) else None  # fullmatch: '$' would let a final line break through


def resolve_claim(store, value: str, param: str) -> Literal:
    """A claim named by its id, FILE-STEM/id or IRI (also as tables print it), as the text the queries match.

    An id may name claims of several files; a name that matches no claim with evidence
    is a UsageError naming the closest ids.
    """
    wanted = (full_iri(value) if ":" in value else None) or value.strip()
    claims = [(str(r["claim"]), str(r["id"])) for r in store.query(catalogue.internal("lookup/claims").text).dicts()]
    if any(wanted in (iri, id_) or iri.endswith("/" + wanted) for iri, id_ in claims):
        return Literal(wanted)
    close = difflib.get_close_matches(wanted.rsplit("/", 1)[-1], sorted({id_ for _, id_ in claims}), n=2, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UsageError(f"parameter '{param}': unknown claim '{value}'{hint} "
                     "(an id, FILE-STEM/id or IRI; 'kg query timeline -p actor=NAME' lists an actor's claims)")


def check(query: catalogue.QueryFile, values: dict[str, str]) -> None:
    """Raise UsageError for an update, a SERVICE call, an undeclared parameter or a missing required one.

    All of it is checked before any store is opened or built.
    """
    sparql.query_form(query.text)
    sparql.refuse_service(query.text)
    declared = {p.name: p for p in query.params}
    for name, value in values.items():
        if _SURROGATE.search(f"{name}{value}"):  # a byte of the command line that was not UTF-8
            raise UsageError(f"parameter '{name}': the value is not UTF-8 text; give it as UTF-8")
    for name in values:
        if name not in declared:
            if declared:
                listed = ", ".join(declared)
                raise UsageError(f"query '{query.name}' has no parameter '{name}'; its parameters: {listed}")
            raise UsageError(
                f"query '{query.name}' takes no parameters, so '{name}' cannot be bound; "
                "declare it in a '#+ params:' header"
            )
    for param in query.params:
        value = values.get(param.name, param.default)
        if param.required and (value is None or value == ""):
            about = f" ({param.description})" if param.description else ""
            raise UsageError(
                f"query '{query.name}' needs the parameter '{param.name}'{about}; give it as {named('params')} {param.name}=VALUE", param="params"
            )


def bindings(store, query: catalogue.QueryFile, values: dict[str, str]) -> dict[str, Node]:
    """The query's parameters as RDF terms: given values, then defaults; missing required ones are errors."""
    check(query, values)
    terms: dict[str, Node] = {}
    speaker = next((p.name for p in query.params if p.type == "official"), None)
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is not None and value != "":
            terms[param.variable] = to_term(store, param, value, speaker)
    return terms


# The project's prefixes, declared on one line before every query so that a query
# given as text can use them; a query's own declarations come later and win.
PROLOGUE = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"


def select(store, name: str, bindings: dict[str, Node | list[Node]] | None = None,
           where: dict[str, set[str]] | None = None, by: str | None = None) -> list[dict[str, str | None]]:
    """The rows of internal query ``name`` with ``bindings``, as plain values (``results.rows``).

    From the whole answer the build kept with the store when there is one
    (``kg.store.answers``): the rows whose value of each variable of ``where`` is one
    of its values, or with ``by`` every row of each value of ``by`` that has such a
    row (``Answer.rows``). ``where`` and ``by`` must name the rows the bindings select.
    Else from the store.
    """
    kept = store.kept(name)
    if kept is not None:
        return kept.rows(where, by)
    return results.rows(store.query(PROLOGUE + catalogue.internal(name).text, bindings))


def run(store, query: catalogue.QueryFile, values: dict[str, str] | None = None) -> QueryResult:
    """Run a read-only query with its parameters bound as typed RDF terms."""
    sparql.query_form(query.text)  # refuses an update before anything runs
    terms = bindings(store, query, values or {})
    text = PROLOGUE + query.text
    try:
        return store.query(text, terms)
    except UsageError as exc:
        if "syntax error" not in str(exc):
            raise
        if terms:
            # report the position in the text as written, not as bound
            try:
                store.query(text)
            except UsageError as unbound:
                exc = unbound
        raise _syntax_error(query, exc) from None


def _syntax_error(query: catalogue.QueryFile, exc: UsageError) -> InputError:
    message = str(exc).removeprefix("SPARQL syntax error: ")
    match = _SYNTAX_POSITION.search(message)
    where = str(query.path) if query.path is not None else query.name
    if match:
        line, column, detail = match.groups()
        detail = " ".join(detail.split())
        line = max(int(line) - PROLOGUE.count("\n"), 1)
        return InputError(f"line {line}, column {column}: SPARQL syntax error: {detail}", where)
    return InputError(f"SPARQL syntax error: {' '.join(message.split())}", where)
