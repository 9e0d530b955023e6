"""A bloc's vote on each roll call: the majority vote of its members at that date.

Membership periods come from the reference data (``seeds/reference/memberships.yaml``,
role ``member`` only, candidates excluded). On each roll call the bloc's vote is the
choice (yes, abstain or no) cast by most of the members that voted; a tie between
choices, or no member voting, gives no bloc vote, which the metrics treat as an
absence. A state compared with its own bloc counts among the bloc's members.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from kg.build.records import Membership
from kg.unga.index import VoteIndex
from kg.unga.metrics import ABSTAIN, NO, YES


def members_at(memberships: list[Membership], bloc: str) -> list[tuple[str, dt.date, dt.date | None]]:
    return [(m.member, m.start, m.end) for m in memberships if m.organisation == bloc and m.role == "member"]


def bloc_votes(index: VoteIndex, periods: list[tuple[str, dt.date, dt.date | None]]) -> np.ndarray:
    """The bloc's vote (int8, one per roll call of ``index``): the plurality of its voting members."""
    counts = np.zeros((len(index.dates), 4), dtype=np.int32)
    for member, start, end in periods:
        col = index.column(member)
        if col is None:
            continue
        during = index.dates >= np.datetime64(start, "D")
        if end is not None:
            during &= index.dates < np.datetime64(end, "D")
        votes = index.votes[:, col]
        for code in (YES, ABSTAIN, NO):
            counts[:, code] += during & (votes == code)
    best = counts[:, 1:].max(axis=1)
    winners = (counts[:, 1:] == best[:, None]).sum(axis=1)
    result = (counts[:, 1:].argmax(axis=1) + 1).astype(np.int8)
    result[(best == 0) | (winners > 1)] = 0
    return result
