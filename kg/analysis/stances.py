"""Where actors stand on each issue: their own positions and what those imply.

Positions are read through ``queries/internal/analysis/positions.rq`` and the issue scheme
through ``kg.analysis.scheme``. A position on an issue is also read, as the
ontology says, as

- the same stance on every broader issue (``skos:broader``, transitively): a narrower
  issue shares the polarity of its broader one, so saying "Crimea is Ukraine"
  supports "Ukraine's territorial integrity" and "territorial integrity of states";
- the opposite stance on every issue that the issue or a broader one counters
  (``sa:counters``): backing sanctions against Russia opposes Russia's war.

Such *implied* positions keep the claim, quote and source they rest on and name the
issue they were recorded on (``via``). An actor's own positions on an issue always
take precedence: implied ones stand in only where it has none of its own.

An actor's *current* stance on an issue is its latest statement and its latest
action there (as of the date the positions were read for), so that what a state says
and what it does are both compared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import product

from rdflib import XSD, Literal, URIRef

from kg.analysis.scheme import Scheme, scheme
from kg.catalogue import run as query
from kg.errors import UsageError
from kg.terms.dates import counts_by, parse_day

KINDS = ("statement", "action")
OPPOSITE = {"supports": "opposes", "opposes": "supports"}


@dataclass(frozen=True)
class Position:
    """One position, read as a stance on ``issue`` (an issue notation)."""

    claim: str  # IRI of the claim it rests on
    actor: str  # IRI of the actor
    kind: str  # statement | action
    issue: str  # the issue it is read as answering
    stance: str  # supports | opposes | neutral | ambivalent
    date: str  # YYYY-MM-DD, the first day of the period when only a year or month is known
    quote: str
    source: str  # the source document's file name
    via: str | None = None  # for an implied position: the issue it was recorded on
    precision: str = "day"  # day | month | year
    basis: str = "stated"  # stated | inferred | document: the text gives no date, the document's stands in
    action: str | None = None  # the action type's notation (vote, veto …) for an action
    target: str | None = None  # IRI of the actor it is directed at, if any
    speaker: str | None = None  # label of the official who voiced it, if the text names one
    reported: str | None = None  # YYYY-MM-DD, the date of the document that reports it

    @property
    def shown_date(self) -> str:
        """The date as precisely as it is known: YYYY, YYYY-MM or YYYY-MM-DD."""
        return shown_date(self.date, self.precision)

    @property
    def document_dated(self) -> bool:
        """True when the text gives no date and the document's date stands in for it."""
        return self.basis == "document"

    def evidence(self) -> dict:
        return evidence(self.quote, self.source, self.shown_date, self.claim, self.speaker, self.basis)


def shown_date(date: str, precision: str | None) -> str:
    return date[:4] if precision == "year" else date[:7] if precision == "month" else date


def evidence(quote, source, date, claim, speaker=None, basis=None) -> dict:
    """One piece of evidence as every view shows it.

    ``speaker`` names the official who voiced the quote (None when the text names
    none); ``date_basis`` is ``"document"`` when the text gives no date and the
    document's stands in for it, else ``"stated"`` or ``"inferred"``.
    """
    return {"quote": quote, "source": source, "date": date, "claim": claim, "speaker": speaker,
            "date_basis": basis or "stated"}


def quoted(quote: str, speaker: str | None) -> str:
    """A quote as a table shows it: with its speaker first when the text names one."""
    return f"{speaker}: {quote}" if speaker else quote


def as_of_day(value, param: str = "as_of") -> dt.date | None:
    """A date given as ``datetime.date`` or ``YYYY-MM-DD`` text; UsageError naming ``param`` if it is not one."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_day(value)
    except ValueError as exc:
        raise UsageError(str(exc), param=param) from None


def as_of_bindings(as_of) -> dict:
    day = as_of_day(as_of)
    return {} if day is None else {"as_of": Literal(day.isoformat(), datatype=XSD.date)}


def check_kind(kind: str | None) -> str | None:
    if kind is not None and kind not in KINDS:
        raise UsageError(f"kind '{kind}' is not one of {', '.join(KINDS)}")
    return kind


def positions(store, as_of=None, kind: str | None = None, actors: list[str] | None = None) -> list[Position]:
    """Every position recorded in the graph, optionally as of a date, of one kind, and of some ``actors`` (IRIs), by date and claim.

    A position dated only by its month or year counts from the last day of that
    period on, or of its document if earlier (``kg.terms.dates.counts_by``).
    """
    bindings = as_of_bindings(as_of)
    limit = str(bindings["as_of"]) if bindings else None
    where = {}
    if check_kind(kind):
        bindings["kind"] = Literal(kind)
        where["kind"] = {kind}
    if actors is not None:
        bindings["actor"] = [URIRef(a) for a in actors]
        where["actor"] = set(actors)
    found = [
        Position(
            claim=r["claim"], actor=r["actor"], kind=r["kind"], issue=r["issue"], stance=r["stance"],
            date=r["date"], quote=r["quote"], source=r["source"], precision=r["precision"],
            basis=r["basis"] or "stated", action=r["action"], target=r["target"],
            speaker=r["speaker_label"], reported=r["reported"],
        )
        for r in query.select(store, "analysis/positions", bindings, where)
        # the query's cut by date (a kept answer has none), then the rule for a month or a year
        if (limit is None or r["date"] <= limit) and counts_by(r["date"], r["precision"], limit, r["reported"])
    ]
    return sorted(found, key=lambda p: (p.date, p.claim))


def implied(position: Position, issues: Scheme) -> list[Position]:
    """What a position implies on broader issues and on the issues they counter."""
    out = []
    upward = issues.ancestors(position.issue)
    for broader in upward:
        out.append(replace(position, issue=broader, via=position.issue))
    flipped = OPPOSITE.get(position.stance, position.stance)
    for issue in [position.issue, *upward]:
        for countered in issues.issues[issue].counters:
            out.append(replace(position, issue=countered, stance=flipped, via=position.issue))
    return out


def agreement(p: Position, q: Position) -> int:
    """+1 for the same stance, -1 for supports against opposes, 0 otherwise."""
    if p.stance == q.stance:
        return 1
    if OPPOSITE.get(p.stance) == q.stance:
        return -1
    return 0


def _latest(items: list[Position]) -> list[Position]:
    """The latest statement and the latest action among ``items``."""
    latest = {}
    for p in sorted(items, key=lambda p: (p.date, p.claim)):
        latest[p.kind] = p
    return [latest[k] for k in KINDS if k in latest]


@dataclass
class Stances:
    """Every actor's own and implied positions, by (actor IRI, issue notation)."""

    scheme: Scheme
    own: dict[tuple[str, str], list[Position]]
    derived: dict[tuple[str, str], list[Position]]

    def __post_init__(self) -> None:
        # per actor: the issues it stands on by its own positions, and by any
        self._own_issues: dict[str, set[str]] = {}
        self._all_issues: dict[str, set[str]] = {}
        for actor, issue in self.own:
            self._own_issues.setdefault(actor, set()).add(issue)
            self._all_issues.setdefault(actor, set()).add(issue)
        for actor, issue in self.derived:
            self._all_issues.setdefault(actor, set()).add(issue)
        self._current: dict[tuple[str, str], list[Position]] = {}  # asked again for every pair of actors

    def actors(self) -> list[str]:
        return sorted(self._own_issues)

    def issues_of(self, actor: str) -> set[str]:
        return set(self._own_issues.get(actor, ()))

    def has_own(self, actor: str, issue: str) -> bool:
        return (actor, issue) in self.own

    def current(self, actor: str, issue: str) -> list[Position]:
        """The actor's latest statement and latest action on the issue, own ones first, else implied."""
        found = self._current.get((actor, issue))
        if found is None:
            found = self._current[(actor, issue)] = _latest(self.own.get((actor, issue)) or self.derived.get((actor, issue)) or [])
        return list(found)

    def shared(self, a: str, b: str) -> list[str]:
        """Issues on which both actors stand, at least one of them by a position of its own."""
        common = self._all_issues.get(a, set()) & self._all_issues.get(b, set())
        return sorted(i for i in common if self.has_own(a, i) or self.has_own(b, i))

    def agreement(self, a: str, b: str, issue: str) -> float | None:
        """Mean agreement of the two actors' current positions on the issue, in [-1, 1]; None if either has none."""
        ps, qs = self.current(a, issue), self.current(b, issue)
        if not ps or not qs:
            return None
        values = [agreement(p, q) for p, q in product(ps, qs)]
        return sum(values) / len(values)


def load(store, as_of=None, kind: str | None = None, actors: list[str] | None = None) -> Stances:
    """The stances of every actor in ``store`` (or of ``actors``, IRIs), from positions up to ``as_of`` and of ``kind``.

    An actor's stances rest on its own positions alone, so those of a few actors are
    read without the others' (a comparison at a thousand articles reads a third of them).
    """
    return from_positions(scheme(store), positions(store, as_of, kind, actors))


def from_positions(issues: Scheme, held: list[Position], implied_by: dict | None = None) -> Stances:
    """The stances that the positions ``held`` give, with what they imply on other issues.

    ``implied_by`` (claim -> implied positions), when given, keeps what each position
    implies for the next call: a reader of many days' stances reads each position once.
    """
    own: dict[tuple[str, str], list[Position]] = {}
    derived: dict[tuple[str, str], list[Position]] = {}
    for p in held:
        own.setdefault((p.actor, p.issue), []).append(p)
        if implied_by is None:
            found = implied(p, issues)
        else:
            found = implied_by.get(p.claim)
            if found is None:
                found = implied_by[p.claim] = implied(p, issues)
        for q in found:
            derived.setdefault((q.actor, q.issue), []).append(q)
    return Stances(issues, own, derived)
