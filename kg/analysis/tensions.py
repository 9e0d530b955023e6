"""Tensions: the contradictions a reader counts as one, each with all its claim pairs.

A rule derives one contradiction per pair of claims, so one sentence repeated by
three articles, set against two others, gives six rows. A *tension* gathers the
contradictions of one type held by the same actors whose sides are the same: for a
position, its actor, kind (statement or action), stance and the question its issue
answers (its broadest ancestor that is no principle: "Crimea as part of Ukraine" and
"Donbas as part of Ukraine" answer "Ukraine's territorial integrity"); for a tie, its
actor and target (an ally and a strategic partner of Russia hold one tie to Russia);
for a report, its claimant and what it is about. In a tie against a position, the
target's own positions are evidence, not a side. Within a side, the claims reporting
one fact from several documents form one claim group (``kg.analysis.groups``).

Strength, higher first::

    strength = documents * closeness + recency

- ``documents``: the distinct source documents behind the sides' claims;
- ``closeness``: 1 when every position side answers the same question (saying Crimea
  is Ukraine and voting against the Crimea resolutions: a contradiction on its face),
  0.25 when it is inferred: the sides answer different questions (a double standard
  under a principle, issues that counter each other) or the tension rests on ties
  (rival ties, a tie against a position). An inferred tension needs four times the
  documents of a direct one to weigh as much;
- ``recency``: 1 / (1 + years between the tension's latest claim and the latest claim
  of all the tensions listed), in (0, 1]: between tensions of equal weight, the more
  recent comes first.

Pure functions over ``kg.analysis.contradictions.Contradiction`` records: nothing here
reads a store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.analysis import groups as claim_groups
from kg.analysis.contradictions import CURATED, TYPES, Actor, Contradiction, Evidence
from kg.analysis.stances import shown_date

POSITION_KINDS = ("statement", "action")
TIE_TYPES = ("rival_ties", "tie_vs_position")
INFERRED = 0.25  # the closeness of a tension that is inferred rather than on its face


@dataclass(frozen=True)
class Side:
    """One side of a tension: whose claims, of what kind, taking which stance on what."""

    actor: str | None
    kind: str
    stance: str | None  # a position's stance; None for a tie or report side (its claims may differ)
    question: str | None  # the question a position answers (notation), the target of a tie, the subject of a report

    def sort_key(self) -> tuple:
        return (self.kind != "tie", self.actor or "", self.kind, self.question or "", self.stance or "")


@dataclass(frozen=True)
class SideClaims:
    """A side with its claims, by claim group (one fact from several documents is one group), the latest first."""

    side: Side
    groups: tuple[tuple[Evidence, ...], ...]  # each group's claims, most precise first

    @property
    def latest(self) -> Evidence:
        """The most recent claim of the side."""
        return max((g[0] for g in self.groups), key=lambda e: (e.date, e.claim))

    def shown(self, issues: set[str]) -> Evidence:
        """The claim that stands for the side in a table: on an issue of another side if one is, else the latest."""
        return max((g[0] for g in self.groups), key=lambda e: (e.issue in issues, e.date, e.claim))

    @property
    def sources(self) -> list[str]:
        return sorted({e.source for g in self.groups for e in g})

    def to_json(self) -> dict:
        return {"actor": self.side.actor, "kind": self.side.kind, "stance": self.side.stance,
                "question": self.side.question,
                "groups": [{"sources": sorted({e.source for e in g}), "claims": [e.to_json() for e in g]}
                           for g in self.groups]}


@dataclass(frozen=True)
class Tension:
    """Contradictions of one type, held by the same actors, between the same sides."""

    type: str
    type_label: str
    actors: tuple[Actor, ...]
    sides: tuple[SideClaims, ...]
    pairs: tuple[Contradiction, ...]  # every contradiction it gathers, in the order of the model
    documents: int
    closeness: float
    latest: str  # the day of its latest claim
    strength: float = 0.0

    @property
    def labels(self) -> list[str]:
        return [a.label for a in self.actors]

    @property
    def origins(self) -> list[str]:
        """``curated`` and/or the names of the rules that derived its pairs."""
        return sorted({c.origin for c in self.pairs}, key=lambda o: (o != CURATED, o))

    @property
    def origin(self) -> str:
        return ", ".join(self.origins)

    @property
    def issues(self) -> list[str]:
        return sorted({i for c in self.pairs for i in c.issues})

    @property
    def note(self) -> str | None:
        """The note of its most recent pair (the rule's or the curator's words)."""
        return max(self.pairs, key=lambda c: (c.evidence[-1].date, c.iri)).note

    def to_json(self) -> dict:
        return {
            "type": self.type, "type_label": self.type_label, "actors": self.labels,
            "actor_ids": [a.iri for a in self.actors], "origin": self.origins, "strength": round(self.strength, 3),
            "documents": self.documents, "closeness": self.closeness, "latest": self.latest, "issues": self.issues,
            "note": self.note, "sides": [s.to_json() for s in self.sides],
            "pairs": [c.iri for c in self.pairs],
        }


def _side(e: Evidence) -> Side:
    if e.kind in POSITION_KINDS:
        return Side(e.actor, e.kind, e.stance, e.question or e.issue)
    return Side(e.actor, e.kind, None, e.subject)


def _keyed(c: Contradiction) -> list[Evidence]:
    """The claims whose sides make the tension: in a tie against a position, not the target's positions."""
    if c.type != "tie_vs_position":
        return list(c.evidence)
    targets = {e.subject for e in c.evidence if e.kind == "tie"}
    return [e for e in c.evidence if e.kind == "tie" or e.actor not in targets]


def _closeness(c_type: str, sides: list[Side]) -> float:
    if c_type in TIE_TYPES:
        return INFERRED
    questions = {s.question for s in sides if s.kind in POSITION_KINDS}
    return 1.0 if len(questions) <= 1 else INFERRED


def _years(earlier: str, later: str) -> float:
    return max((dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days, 0) / 365.25


def _group(evidence: list[Evidence]) -> tuple[tuple[Evidence, ...], ...]:
    unique = list({e.claim: e for e in evidence}.values())
    found = claim_groups.group(unique, lambda e: claim_groups.Dated(
        (e.actor, e.kind, e.stance, e.subject, e.issue), e.date[:10], e.precision, e.source, e.claim))
    return tuple(sorted((tuple(g.items) for g in found), key=lambda g: (max(e.date for e in g), g[0].claim), reverse=True))


def gather(items: list[Contradiction]) -> list[Tension]:
    """The tensions of some contradictions, strongest first (see the module's formula)."""
    buckets: dict[tuple, list[Contradiction]] = {}
    for c in items:
        sides = frozenset(_side(e) for e in _keyed(c))
        buckets.setdefault((c.type, tuple(a.iri for a in c.actors), sides), []).append(c)
    built = []
    for (c_type, _, sides), pairs in buckets.items():
        keyed = [e for c in pairs for e in _keyed(c)]
        by_side: dict[Side, list[Evidence]] = {}
        for e in keyed:
            by_side.setdefault(_side(e), []).append(e)
        # the target's positions in a tie against a position: shown as one more side, not keyed
        known = set(keyed)  # a set: a tension of thousands of pairs made this a quadratic search of a list
        for c in pairs:
            for e in c.evidence:
                if e not in known:
                    by_side.setdefault(_side(e), []).append(e)
        side_claims = tuple(SideClaims(s, _group(ev)) for s, ev in sorted(by_side.items(), key=lambda kv: kv[0].sort_key()))
        first = pairs[0]
        built.append(Tension(
            type=c_type, type_label=first.type_label, actors=first.actors, sides=side_claims, pairs=tuple(pairs),
            documents=len({e.source for e in keyed}), closeness=_closeness(c_type, list(sides)),
            latest=max(e.date[:10] for c in pairs for e in c.evidence),
        ))
    if not built:
        return []
    newest = max(t.latest for t in built)
    order = {t: n for n, t in enumerate(TYPES)}
    scored = [Tension(**{**t.__dict__, "strength": t.documents * t.closeness + 1 / (1 + _years(t.latest, newest))})
              for t in built]
    return sorted(scored, key=lambda t: (-t.strength, order.get(t.type, len(TYPES)), t.labels, t.latest,
                                         t.pairs[0].iri))


COLUMNS = ["#", "tension", "strength", "docs", "origin", "date", "claim by", "kind", "stance", "on", "quote", "speaker",
           "source"]


def rows(tensions: list[Tension], repeat: bool = False) -> list[dict]:
    """One row per side of each tension, its latest claim standing for the side; the tension's own columns
    (type and actors, strength, documents, origin) on its first side only, unless ``repeat``."""
    out = []
    for n, t in enumerate(tensions, start=1):
        for i, sc in enumerate(t.sides):
            first = repeat or i == 0
            e = sc.shown({x.issue for other in t.sides if other is not sc for g in other.groups for x in g})
            more = sum(len(g) for g in sc.groups) - 1
            sources = sc.sources
            out.append({
                "#": n if first else None,
                "tension": f"{t.type} ({', '.join(t.labels)})" if first else None,
                "strength": f"{t.strength:.2f}" if first else None,
                "docs": t.documents if first else None,
                "origin": t.origin if first else None,
                "date": shown_date(e.date, e.precision), "claim by": e.actor, "kind": e.kind, "stance": e.stance, "on": e.subject,
                "quote": e.quote if not more else f"{e.quote} (+{more} more)",
                "speaker": e.speaker,
                "source": ", ".join(sources),
            })
    return out
