"""Vote-based alignment between states and blocs: one pair, one against all, all pairs.

Works on the vote index (see index.py), restricted to a selection of roll calls (a
session range, a date range, an issue tag), with the metrics of metrics.py. A name is
resolved by the roster of ``kg.terms.names``: an actor of the reference data (by name,
alias, ISO code or id), else a state only the imported votes know (by id, label, ISO
code or a dissolved state's other names: "Yugoslavia" is the SFR Yugoslavia's record),
else a predecessor's name (the state that continues its seat). Only states and blocs
vote, so an official stands for the state he speaks for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import warnings
from dataclasses import dataclass

import numpy as np

from kg.build.reference import Reference
from kg.errors import Note, UsageError, named
from kg.terms.names import Actor, Roster
from kg.terms.vocab import actor_iri
from kg.unga import blocs, countries, metrics, seats
from kg.unga.index import IMPORTANT, VoteIndex, tag_bit
from kg.unga.sources import TAG_NAMES


@dataclass(frozen=True)
class Selection:
    """Which roll calls count: bounds are inclusive; None means unbounded."""

    first_session: int | None = None
    last_session: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    tag: str | None = None
    special: str | None = None  # an emergency special or special session (ES-11, S-29): its symbols name it
    important: bool = False  # only the State Department's important votes
    symbols: frozenset[str] | None = None  # only the roll calls on these resolutions (linked to an issue)

    def rows(self, index: VoteIndex) -> np.ndarray:
        keep = np.ones(len(index.dates), dtype=bool)
        if self.first_session is not None:
            keep &= index.sessions >= self.first_session
        if self.last_session is not None:
            keep &= (index.sessions <= self.last_session) & (index.sessions >= 0)
        if self.since is not None:
            keep &= index.dates >= np.datetime64(self.since, "D")
        if self.until is not None:
            keep &= index.dates <= np.datetime64(self.until, "D")
        if self.tag is not None:
            if self.tag not in TAG_NAMES:
                raise UsageError(f"unknown issue tag '{self.tag}'; use one of {', '.join(TAG_NAMES)}")
            keep &= (index.tags & tag_bit(self.tag)) != 0
        if self.special is not None:
            keep &= np.char.startswith(index.symbols.astype(str), f"A/RES/{self.special}/")
        if self.important:
            keep &= (index.tags & IMPORTANT) != 0
        if self.symbols is not None:
            keep &= np.isin(index.symbols, sorted(self.symbols))
        return keep

    def period(self) -> str:
        """The selection's bounds in words, for a note: "until 1990-01-01", "in session 80"."""
        parts = []
        if self.first_session is not None or self.last_session is not None:
            low, high = self.first_session, self.last_session
            parts.append(f"in session {low}" if low == high else f"in sessions {low or 1}–{high or '…'}")
        if self.special:
            parts.append(f"in session {self.special}")
        if self.since:
            parts.append(f"from {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        return " ".join(parts) or "in the whole record"


@dataclass
class Party:
    """A state or a bloc with its vote on every roll call of the index."""

    id: str
    label: str
    kind: str  # "state" | "bloc"
    votes: np.ndarray
    seat: seats.Seat | None = None  # the seat followed through its holders, when one is


def roster(index: VoteIndex, ref: Reference) -> Roster:
    """The actors a vote command may name: the reference data's first, then the states only the votes know."""
    alpha3 = countries.alpha3_codes()
    # the names of the states whose record a state continues under one code (the Soviet Union's is Russia's)
    known = [dataclasses.replace(a, predecessors=(*a.predecessors, *countries.PREDECESSORS.get(a.id, ())))
             for a in ref.roster.actors.values()]
    recorded = [
        Actor(iri=str(actor_iri(str(a))), id=str(a), label=str(label), type="state",
              iso=str(iso) or None, iso3=alpha3.get(str(iso)), aliases=countries.FORMER_NAMES.get(str(a), ()),
              predecessors=countries.PREDECESSORS.get(str(a), ()))
        for a, label, iso in zip(index.actors, index.labels, index.isos)
        if str(a) not in ref.actors
    ]
    return Roster(known, fallback=Roster(recorded))


def parties(index: VoteIndex, ref: Reference, chosen: list[str | Actor], seat: bool = False) -> list[Party]:
    """The state or bloc each name (or actor already resolved) denotes, with its votes.

    An official stands for the state he speaks for, with a note; UnknownActor for a
    name that denotes no actor, UsageError for an actor that cast no vote. With
    ``seat``, a state whose UN seat changed hands stands for the seat: each holder's
    votes in its period (seats.py), with a note naming the holders and the dates.
    """
    actors = roster(index, ref)
    found = [item if isinstance(item, Actor) else actors.resolve(item) for item in chosen]
    return [_party(index, ref, actors.state_of(actor), seat) for actor in found]


def resolve(index: VoteIndex, ref: Reference, name: str | Actor, seat: bool = False) -> Party:
    """The state or bloc a name denotes, with its votes; UsageError if it has none."""
    return parties(index, ref, [name], seat)[0]


def _party(index: VoteIndex, ref: Reference, actor: Actor, seat: bool = False) -> Party:
    known = ref.actors.get(actor.id)
    if known is not None and known.category == "bloc":
        periods = blocs.members_at(ref.memberships, actor.id)
        if not periods:
            raise UsageError(f"bloc '{actor.label}' has no members in the reference data (seeds/reference/memberships.yaml)")
        return Party(actor.id, actor.label, "bloc", blocs.bloc_votes(index, periods))
    followed = seats.following(actor.id, actor.label) if seat else None
    if followed is not None:
        warnings.warn(Note(f"{actor.label} as the {followed.name} seat: {followed.describe()}"), stacklevel=3)
        return Party(actor.id, actor.label, "state", seats.votes(index, followed), followed)
    col = index.column(actor.id)
    if col is None:
        raise UsageError(f"'{actor.label}' cast no vote in the imported UN General Assembly data")
    return Party(actor.id, actor.label, "state", index.votes[:, col])


def _silent(index: VoteIndex, rows: np.ndarray, selection: Selection, chosen: list[Party]) -> None:
    """A note for each state that cast no vote in the selection, naming who held its seat then."""
    for party in chosen:
        if party.kind != "state" or ((party.votes[rows] >= 1) & (party.votes[rows] <= 3)).any():
            continue
        text = f"{party.label} cast no vote {selection.period()}"
        others = [] if party.seat else seats.others_in(index, rows, party.id)
        if others:
            text += (f"; its UN seat was held then by {' and '.join(others)}: name them, or follow the seat "
                     f"with {named('seat')}")
        warnings.warn(Note(text), stacklevel=3)


def _row(a: Party, b: Party, result: metrics.Scores, i: int, j: int) -> dict:
    row = {"a": a.label, "b": b.label, "votes": int(result.n[i, j]), "same": int(result.same[i, j]),
           "opposite": int(result.opposite[i, j]), "one_abstains": int(result.one_abstain[i, j])}
    for metric in metrics.METRICS:
        value = result.get(metric, i, j)
        row[metric] = None if value is None else round(value, 4)
    followed = [p.seat.json() | {"actor": p.label} for p in (a, b) if p.seat is not None]
    if followed:
        row["seats"] = followed
    return row


def pair(index: VoteIndex, ref: Reference, a: str | Actor, b: str | Actor,
         selection: Selection = Selection(), seat: bool = False) -> dict:
    """Every metric between two states or blocs over the selected roll calls."""
    first, second = parties(index, ref, [a, b], seat)
    _silent(index, selection.rows(index), selection, [first, second])
    return _scored(index, first, second, selection)


def _scored(index: VoteIndex, first: Party, second: Party, selection: Selection) -> dict:
    rows = selection.rows(index)
    result = metrics.scores(first.votes[rows, None], second.votes[rows, None])
    return _row(first, second, result, 0, 0)


def against_all(index: VoteIndex, ref: Reference, a: str, selection: Selection = Selection(),
                sort: str = "agreement", min_votes: int = 1, seat: bool = False) -> list[dict]:
    """Every metric between one state or bloc and every state that voted, best first by ``sort``."""
    if sort not in metrics.METRICS:
        raise UsageError(f"unknown metric '{sort}'; use one of {', '.join(metrics.METRICS)}")
    first = resolve(index, ref, a, seat)
    rows = selection.rows(index)
    _silent(index, rows, selection, [first])
    result = metrics.scores(first.votes[rows, None], index.votes[rows])
    out = []
    for j, actor_id in enumerate(index.actors):
        if actor_id == first.id or result.n[0, j] < min_votes:
            continue
        other = Party(str(actor_id), _label(ref, index, j), "state", index.votes[:, j])
        out.append(_row(first, other, result, 0, j))
    out.sort(key=lambda r: (r[sort] is None, -(r[sort] or 0), r["b"]))
    return out


def _label(ref: Reference, index: VoteIndex, col: int) -> str:
    actor = ref.actors.get(str(index.actors[col]))
    return actor.name if actor else str(index.labels[col])


@dataclass
class Matrix:
    metric: str
    labels: list[str]
    ids: list[str]
    values: np.ndarray  # float, NaN where undefined
    votes: np.ndarray  # roll calls on which both voted
    seats: list[dict] = dataclasses.field(default_factory=list)  # the seats followed (Seat.json), if any
    period: str = ""  # the selection in words, for a title
    coverage: dict = dataclasses.field(default_factory=dict)  # what the imported record holds (coverage())


def matrix(index: VoteIndex, ref: Reference, names: list[str] | None = None, selection: Selection = Selection(),
           metric: str = "agreement", min_votes: int = 1, seat: bool = False) -> Matrix:
    """One metric between every pair of the named states and blocs (default: every state that voted)."""
    if metric not in metrics.METRICS:
        raise UsageError(f"unknown metric '{metric}'; use one of {', '.join(metrics.METRICS)}")
    rows = selection.rows(index)
    seat_list: list[dict] = []
    if names:
        chosen = parties(index, ref, list(names), seat)
        _silent(index, rows, selection, chosen)
        seat_list = [p.seat.json() | {"actor": p.label} for p in chosen if p.seat is not None]
        votes = np.stack([p.votes for p in chosen], axis=1)[rows]
        ids, labels = [p.id for p in chosen], [p.label for p in chosen]
    else:
        votes = index.votes[rows]
        voted = np.flatnonzero(((votes >= 1) & (votes <= 3)).sum(axis=0) >= min_votes)
        votes = votes[:, voted]
        ids = [str(index.actors[j]) for j in voted]
        labels = [_label(ref, index, int(j)) for j in voted]
    result = metrics.scores(votes)
    return Matrix(metric, labels, ids, result.values[metric], result.n, seats=seat_list)


def pairs(index: VoteIndex, ref: Reference, names: list[str | Actor], against: bool = False,
          selection: Selection = Selection(), seat: bool = False) -> list[dict]:
    """Every metric for each pair of ``names``: the first against each other one (``against``), or every pair.

    ``names`` may hold actors already resolved (``kg.terms.names.Actor``), so that the
    votes compared are those of the actors a comparison of claims found.
    """
    chosen = parties(index, ref, list(names), seat)
    if against:
        couples = [(chosen[0], other) for other in chosen[1:]]
    else:
        couples = [(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1:]]
    return [_scored(index, a, b, selection) for a, b in couples]


def coverage(index: VoteIndex) -> dict:
    """What the imported record holds: first and last vote date, regular sessions, roll calls, datasets."""
    regular = index.sessions[index.sessions >= 0]
    return {"first": str(index.dates.min()) if len(index.dates) else None,
            "last": str(index.dates.max()) if len(index.dates) else None,
            "sessions": [int(regular.min()), int(regular.max())] if len(regular) else None,
            "roll_calls": int(len(index.dates)), "datasets": sorted(index.stamps)}


def coverage_text(found: dict) -> str:
    """The coverage as a note says it."""
    low, high = found["sessions"] or (None, None)
    return (f"the imported UN votes cover {found['first']} – {found['last']}"
            + (f", sessions {low}–{high}" if low is not None else "") + f" ({found['roll_calls']} roll calls)")
