"""Claim groups: one fact reported by several documents, counted once with all its sources.

Two claims report *the same fact* when they have

- the same actor, the same kind (statement, action or tie), the same action type
  (vote, veto … for an action), the same issue and stance (for a position), the
  same tie type (for a tie) and the same target (or neither has one); and
- compatible dates: the period one date names (a day, a month or a year, as precisely
  as the text gives it) lies within the other's. ``2015`` and ``2015-07-09`` are
  compatible, ``2015-07`` and ``2015-08`` are not, nor are two different days. A claim
  the text does not date carries its document's day, so two undated reports of a
  stance on different days stay two facts: each says what held when it was written.

The speaker may differ: a president and his minister voicing one stance report one
fact. Compatibility is not transitive (``2015`` is compatible with ``2015-07`` and
``2015-08``), so a group holds only claims compatible with every other member: the
claims are taken most precise first, each joining the first group whose members it
is compatible with; the result depends only on the claims, not on their order.

A group counts once wherever a score is computed: one tie edge in the network, one
current position in an agreement, and its documents counted once in a score's
support. Pure functions over plain data: nothing here reads a store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from kg.terms.dates import period_end

T = TypeVar("T")

_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Dated:
    """What grouping needs of a claim: its fact key, its period and its source document."""

    key: tuple  # actor, kind, action, issue, stance, tie, target: whatever makes the fact
    start: str  # YYYY-MM-DD, the first day of its period
    precision: str  # day | month | year
    source: str
    claim: str

    @property
    def end(self) -> str:
        return _end(self.start, self.precision)


@lru_cache(maxsize=4096)
def _end(start: str, precision: str) -> str:
    return period_end(dt.date.fromisoformat(start), precision).isoformat()


def compatible(a: Dated, b: Dated) -> bool:
    """True when one claim's period lies within the other's (periods are days, months or years)."""
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


@dataclass
class Group(Generic[T]):
    """Claims reporting one fact: the items, most precise first, and the documents reporting it."""

    items: list[T] = field(default_factory=list)
    dated: list[Dated] = field(default_factory=list)

    @property
    def first(self) -> T:
        """The member stating the fact most precisely (earliest source on a tie)."""
        return self.items[0]

    @property
    def claims(self) -> list[str]:
        return [d.claim for d in self.dated]

    @property
    def sources(self) -> list[str]:
        """The documents reporting the fact, each once, in order of first mention."""
        return list(dict.fromkeys(d.source for d in self.dated))


def group(items: Iterable[T], describe: Callable[[T], Dated]) -> list[Group[T]]:
    """The claim groups of ``items``; ``describe`` gives each item's fact key, period and source.

    Groups come in the order of their most precise member (by key, date, claim), so
    that the same claims always give the same groups.
    """
    described = [(describe(item), item) for item in items]
    described.sort(key=lambda pair: (repr(pair[0].key), _RANK[pair[0].precision], pair[0].start, pair[0].claim))
    groups: dict[tuple, list[Group[T]]] = {}
    for info, item in described:
        for candidate in groups.setdefault(info.key, []):
            # days, months and years are nested or disjoint, and members come most precise first: a group's
            # members all lie within its last, so a claim fits them all when it fits the last (one check,
            # not one per member: a fact reported by hundreds of documents is otherwise quadratic)
            if compatible(info, candidate.dated[-1]):
                candidate.items.append(item)
                candidate.dated.append(info)
                break
        else:
            groups[info.key].append(Group([item], [info]))
    return [g for key in groups for g in groups[key]]


def of_position(position) -> Dated:
    """The fact a position (``kg.analysis.stances.Position``) reports."""
    p = position
    return Dated((p.actor, p.kind, p.action, p.issue, p.stance, None, p.target), p.date, p.precision, p.source, p.claim)


def of_tie(tie: dict) -> Dated:
    """The fact a tie row of ``analysis/ties.rq`` reports (a membership from the register is its own group)."""
    return Dated((tie["actor"], "tie", None, None, None, tie["tie"], tie["target"]),
                 tie["date"], tie.get("precision") or "day", tie["source"], tie["claim"])


def sources_of(positions, groups_by_claim: dict[str, Group]) -> set[str]:
    """The documents behind some positions, each position standing for its whole group."""
    found: set[str] = set()
    for p in positions:
        held = groups_by_claim.get(p.claim)
        found.update(held.sources if held else [p.source])
    return found


def by_claim(groups: Iterable[Group]) -> dict[str, Group]:
    """Each claim's group, by claim IRI."""
    return {claim: g for g in groups for claim in g.claims}
