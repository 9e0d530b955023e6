"""Vote-based alignment between states and blocs: one pair, one against all, all pairs.

Works on the vote index (see index.py), restricted to a selection of roll calls (a
session range, a date range, an issue tag), with the metrics of metrics.py. A name is
a state or a bloc of the reference data (by name, alias, id or ISO code) or an actor
of the imported votes (by id, label or ISO code).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

import numpy as np

from kg.build.reference import Reference, UnknownName, normalise
from kg.errors import UsageError
from kg.unga import blocs, metrics
from kg.unga.index import VoteIndex, tag_bit
from kg.unga.read import TAG_NAMES


@dataclass(frozen=True)
class Selection:
    """Which roll calls count: bounds are inclusive; None means unbounded."""

    first_session: int | None = None
    last_session: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    tag: str | None = None

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
        return keep


@dataclass
class Party:
    """A state or a bloc with its vote on every roll call of the index."""

    id: str
    label: str
    kind: str  # "state" | "bloc"
    votes: np.ndarray


def resolve(index: VoteIndex, ref: Reference, name: str) -> Party:
    """The state or bloc a name denotes, with its votes; UsageError if it has none."""
    try:
        actor_id = ref.resolve(name)
    except UnknownName as exc:
        actor_id = _imported(index, name)
        if actor_id is None:
            raise exc from None
    actor = ref.actors.get(actor_id)
    if actor is not None and actor.category == "bloc":
        periods = blocs.members_at(ref.memberships, actor_id)
        if not periods:
            raise UsageError(f"bloc '{actor.name}' has no members in the reference data (seeds/reference/memberships.yaml)")
        return Party(actor_id, actor.name, "bloc", blocs.bloc_votes(index, periods))
    col = index.column(actor_id)
    if col is None:
        label = actor.name if actor else name
        raise UsageError(f"'{label}' cast no vote in the imported UN General Assembly data")
    return Party(actor_id, actor.name if actor else str(index.labels[col]), "state", index.votes[:, col])


def _imported(index: VoteIndex, name: str) -> str | None:
    key = normalise(name)
    for values in (index.actors, index.labels, index.isos):
        for i, value in enumerate(values):
            if value and normalise(str(value)) == key:
                return str(index.actors[i])
    close = difflib.get_close_matches(key, [normalise(str(v)) for v in index.labels], n=2, cutoff=0.75)
    if close:
        raise UsageError(f"unknown actor '{name}'; did you mean {' or '.join(repr(c) for c in close)}?")
    return None


def _row(a: Party, b: Party, result: metrics.Scores, i: int, j: int) -> dict:
    row = {"a": a.label, "b": b.label, "votes": int(result.n[i, j]), "same": int(result.same[i, j]),
           "opposite": int(result.opposite[i, j]), "one_abstains": int(result.one_abstain[i, j])}
    for metric in metrics.METRICS:
        value = result.get(metric, i, j)
        row[metric] = None if value is None else round(value, 4)
    return row


def pair(index: VoteIndex, ref: Reference, a: str, b: str, selection: Selection = Selection()) -> dict:
    """Every metric between two states or blocs over the selected roll calls."""
    first, second = resolve(index, ref, a), resolve(index, ref, b)
    rows = selection.rows(index)
    result = metrics.scores(first.votes[rows, None], second.votes[rows, None])
    return _row(first, second, result, 0, 0)


def against_all(index: VoteIndex, ref: Reference, a: str, selection: Selection = Selection(),
                sort: str = "agreement", min_votes: int = 1) -> list[dict]:
    """Every metric between one state or bloc and every state that voted, best first by ``sort``."""
    if sort not in metrics.METRICS:
        raise UsageError(f"unknown metric '{sort}'; use one of {', '.join(metrics.METRICS)}")
    first = resolve(index, ref, a)
    rows = selection.rows(index)
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


def matrix(index: VoteIndex, ref: Reference, names: list[str] | None = None, selection: Selection = Selection(),
           metric: str = "agreement", min_votes: int = 1) -> Matrix:
    """One metric between every pair of the named states and blocs (default: every state that voted)."""
    if metric not in metrics.METRICS:
        raise UsageError(f"unknown metric '{metric}'; use one of {', '.join(metrics.METRICS)}")
    rows = selection.rows(index)
    if names:
        parties = [resolve(index, ref, name) for name in names]
        votes = np.stack([p.votes for p in parties], axis=1)[rows]
        ids, labels = [p.id for p in parties], [p.label for p in parties]
    else:
        votes = index.votes[rows]
        voted = np.flatnonzero(((votes >= 1) & (votes <= 3)).sum(axis=0) >= min_votes)
        votes = votes[:, voted]
        ids = [str(index.actors[j]) for j in voted]
        labels = [_label(ref, index, int(j)) for j in voted]
    result = metrics.scores(votes)
    return Matrix(metric, labels, ids, result.values[metric], result.n)


def pairs(index: VoteIndex, ref: Reference, names: list[str], against: bool = False,
          selection: Selection = Selection()) -> list[dict]:
    """Every metric for each pair of ``names``: the first against each other one (``against``), or every pair."""
    if against:
        couples = [(names[0], other) for other in names[1:]]
    else:
        couples = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    return [pair(index, ref, a, b, selection) for a, b in couples]
