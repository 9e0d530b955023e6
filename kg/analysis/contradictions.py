"""Contradictions: one model for every reader (the CLI, the page, scripts).

The rows the catalogue query ``contradictions`` gives, one per claim a contradiction
links, are read here in two parts (the contradictions, then their claims' evidence once
per claim) and grouped into one record per contradiction: its type, the actors
it involves, where it comes from (a curator, or the rule that derived it, by name and
IRI), its note, and its claims, the earlier first, each with quote, source, date,
actor, kind, stance, subject and issue.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.analysis.stances import quoted, shown_date
from kg.catalogue import files as catalogue
from kg.catalogue import run as query
from kg.terms.dates import counts_by

TYPES = ("rhetoric_vs_action", "hedging", "reversal_over_time", "member_vs_bloc", "entity_vs_state", "tie_vs_position",
         "source_dispute", "rival_ties")
CURATED = "curated"


@dataclass(frozen=True)
class Actor:
    """An actor a contradiction involves."""

    iri: str
    label: str


@dataclass(frozen=True)
class Evidence:
    """One claim of a contradiction, with its quote and where it comes from."""

    claim: str  # the claim's IRI
    actor: str | None  # the label of its actor or claimant
    kind: str  # statement, action, tie, agreement or report
    stance: str | None  # its stance, tie type, asserted value or agreement status
    subject: str | None  # what it is about: issue, tie target, reported claim or agreement
    issue: str | None  # the notation of its issue, when it has one
    date: str
    quote: str | None
    source: str  # the file name of its source document
    speaker: str | None = None  # the label of the official who said or did it, when the claim names one
    precision: str = "day"  # how precisely its date is known: day, month or year
    question: str | None = None  # the question its issue answers: its broadest ancestor that is no principle
    basis: str = "stated"  # stated | inferred | document: the text gives no date, the document's stands in
    reported: str | None = None  # YYYY-MM-DD, the date of the document that reports it

    def to_json(self) -> dict:
        return {
            "claim": self.claim, "actor": self.actor, "kind": self.kind, "stance": self.stance,
            "subject": self.subject, "issue": self.issue, "date": self.date, "quote": self.quote, "source": self.source,
            "speaker": self.speaker, "date_basis": self.basis,
        }


@dataclass(frozen=True)
class Contradiction:
    """A contradiction: its type, the actors involved, its origin, note and claims (the earlier first)."""

    iri: str
    type: str  # the type's notation, one of TYPES
    type_label: str  # the type's label, as a reader says it ("ties to rival blocs")
    actors: tuple[Actor, ...]  # by label
    evidence: tuple[Evidence, ...]
    curated: bool
    rule: str | None = None  # the name of the rule that derived it
    rule_iri: str | None = None
    note: str | None = None

    @property
    def origin(self) -> str:
        """``curated`` when a curator recorded it, else the name of the rule that derived it."""
        return CURATED if self.curated else str(self.rule)

    @property
    def labels(self) -> list[str]:
        return [a.label for a in self.actors]

    @property
    def claims(self) -> frozenset[str]:
        return frozenset(e.claim for e in self.evidence)

    @property
    def issues(self) -> list[str]:
        """The issues its claims are about (notations), where they have one."""
        return sorted({e.issue for e in self.evidence if e.issue})

    def to_json(self) -> dict:
        return {
            "id": self.iri,
            "type": self.type,
            "type_label": self.type_label,
            "actors": self.labels,
            "actor_ids": [a.iri for a in self.actors],
            "issues": self.issues,
            "origin": self.origin,
            "curated": self.curated,
            "rule": self.rule_iri,
            "note": self.note,
            "evidence": [e.to_json() for e in self.evidence],
        }


def _day(value) -> str | None:
    return str(value)[:10] if value else None


def find(store, actor: str | None = None, type: str | None = None, as_of=None,
         actors: list[str] | None = None) -> list[Contradiction]:
    """Every contradiction, or those involving ``actor`` (name, alias or ISO code), of one ``type``,
    or (with ``as_of``, a date) whose claims all count by that day: a claim known to the month or
    the year counts from the end of its period, or from its document's date when that comes first
    (``kg.terms.dates.counts_by``). ``actors`` (IRIs), in place of ``actor``: those involving any of them.

    Sorted by type (in the order of TYPES), actors, the first claim's date and IRI.

    Two reads: the contradictions with the claims they link and the actors they involve,
    then the evidence of those claims, once per claim (a claim stands in many pairs).
    """
    heads_query = catalogue.internal("analysis/contradictions")
    terms = query.bindings(store, heads_query, {k: v for k, v in (("actor", actor), ("type", type)) if v})
    if actors is not None:
        terms["actor"] = [URIRef(a) for a in actors]
    where = {}  # the same contradictions, taken from an answer the build kept whole
    if "actor" in terms:
        chosen = terms["actor"] if isinstance(terms["actor"], list) else [terms["actor"]]
        where["involved"] = {str(a) for a in chosen}
    if "type" in terms:
        where["type"] = {str(terms["type"])}
    heads: dict[str, dict] = {}
    linked: dict[str, set[str]] = {}
    involved: dict[str, set[tuple[str, str]]] = {}
    for row in query.select(store, "analysis/contradictions", terms, where, by="contradiction"):
        iri = row["contradiction"]
        heads.setdefault(iri, row)
        linked.setdefault(iri, set()).add(row["claim"])
        involved.setdefault(iri, set()).add((row["involved_name"], row["involved"]))
    evidence = _evidence(store, sorted(set().union(*linked.values())))
    limit = _day(as_of)
    found = []
    for iri, row in heads.items():
        claims = tuple(sorted((evidence[c] for c in linked[iri] if c in evidence), key=lambda e: (e.date, e.claim)))
        if not claims or not all(counts_by(e.date[:10], e.precision, limit, e.reported) for e in claims):
            continue
        curated = row["origin"] == CURATED
        found.append(Contradiction(
            iri=iri, type=row["contradiction_type"], type_label=row["type_label"],
            actors=_actors(involved[iri]), evidence=claims, curated=curated,
            rule=None if curated else row["origin"], rule_iri=row["rule"], note=row["note"],
        ))
    order = {t: n for n, t in enumerate(TYPES)}
    return sorted(found, key=lambda c: (order.get(c.type, len(TYPES)), c.labels, c.evidence[0].date, c.iri))


def _actors(named: set[tuple[str, str]]) -> tuple[Actor, ...]:
    """The involved actors by label; an actor with two labels is one actor, named by the first in order."""
    first: dict[str, str] = {}
    for name, iri in sorted(named):
        first.setdefault(iri, name)
    return tuple(sorted((Actor(i, n) for i, n in first.items()), key=lambda a: (a.label, a.iri)))


def _evidence(store, claims: list[str]) -> dict[str, Evidence]:
    """The evidence of each claim, by IRI."""
    if not claims:
        return {}
    found: dict[str, Evidence] = {}
    for row in query.select(store, "analysis/claim-evidence", {"claim": [URIRef(c) for c in claims]}, {"claim": set(claims)}):
        found.setdefault(row["claim"], Evidence(
            claim=row["claim"], actor=row["claim_actor"], kind=row["kind"], stance=row["stance"],
            subject=row["subject"], issue=row["issue"], date=row["date"], quote=row["quote"], source=row["source"],
            speaker=row["speaker"], precision=row["precision"] or "day", question=row["question"] or row["issue"],
            basis=row["date_basis"] or "stated", reported=_day(row["reported"]),
        ))
    return found


COLUMNS = ["#", "type", "origin", "actors", "date", "claim by", "kind", "stance", "on", "quote", "source"]


def rows(items: list[Contradiction], repeat: bool = False) -> list[dict]:
    """One row per claim, keyed by COLUMNS; the contradiction's own columns on its first claim only, unless ``repeat``."""
    out = []
    for n, item in enumerate(items, start=1):
        for i, ev in enumerate(item.evidence):
            first = repeat or i == 0
            out.append({
                "#": n if first else None,
                "type": item.type if first else None,
                "origin": item.origin if first else None,
                "actors": ", ".join(item.labels) if first else None,
                "date": shown_date(ev.date, ev.precision), "claim by": ev.actor, "kind": ev.kind,
                "stance": ev.stance, "on": ev.subject, "quote": quoted(ev.quote, ev.speaker), "source": ev.source,
            })
    return out
