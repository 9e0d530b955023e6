"""The UN General Assembly votes imported into a store, ready to measure: one state or bloc against others.

``VoteRecord.open(store, seeds)`` reads the vote index of a directory store (checked
against the store, see index.py) with the reference data that names the states and
the blocs; its methods are the questions ``kg votes``, ``kg compare --votes`` and
``kg clusters --votes`` ask. Each takes the same selection of roll calls: a session
or range of sessions, a first and last date, an issue tag.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kg import paths
from kg.build import reference
from kg.build.reference import Reference
from kg.errors import UsageError
from kg.terms import sessions
from kg.terms.dates import parse_day
from kg.unga import analysis, index, metrics
from kg.unga.index import VoteIndex
from kg.unga.sources import TAG_NAMES

Session = int | str | tuple[int, int] | None  # 61, "61-74", (61, 74) or "ES-11"


def location(store: str | Path | None = None) -> Path:
    """The directory store that holds imported votes: ``store``, else ``$KG_HOME/store``."""
    from kg.store.remote import is_url

    if store and is_url(str(store)):
        raise UsageError(f"{store} is an endpoint; imported votes and their index live in a directory store",
                         param="store")
    return Path(store) if store else paths.default_home() / "store"


def selection(session: Session = None, since=None, until=None, issue: str | None = None,
              as_of=None) -> analysis.Selection:
    """The roll calls to count: of a session or range of sessions, between two dates, with an issue tag.

    ``as_of`` is ``until`` as the comparisons of claims name it: votes up to that day.
    """
    first = last = special = None
    if isinstance(session, tuple):
        first, last = session
    elif isinstance(session, int):
        first = last = session
    elif session:
        text = str(session).strip()
        try:
            named = sessions.parse(text)
            if named.regular:
                first = last = named.number
            else:
                special = str(named)
        except ValueError:
            low, _, high = text.partition("-")
            try:
                first, last = int(low), int(high or low)
            except ValueError:
                raise UsageError(f"'{session}': give a session number, a range like 61-74, or an emergency special "
                                 "session like ES-11", param="session") from None
    if issue is not None and issue not in TAG_NAMES:
        raise UsageError(f"unknown issue tag '{issue}'; use one of {', '.join(TAG_NAMES)}", param="issue")
    last_day = _day(until, "until") or _day(as_of, "as_of")
    return analysis.Selection(first, last, _day(since, "since"), last_day, issue, special)


def _day(value, param: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return parse_day(value)
    except ValueError as exc:
        raise UsageError(str(exc), param=param) from None


def _metric(metric: str) -> str:
    if metric not in metrics.METRICS:
        raise UsageError(f"unknown metric '{metric}'; use one of {', '.join(metrics.METRICS)}", param="metric")
    return metric


@dataclass
class VoteRecord:
    """The vote index of a store with the reference data; every method measures how states vote alike."""

    index: VoteIndex
    ref: Reference

    @classmethod
    def open(cls, store: str | Path | None = None, seeds: Path | None = None) -> "VoteRecord":
        """The votes imported into the directory ``store`` (default ``$KG_HOME/store``), named by the ``seeds``."""
        votes = index.read_index(location(store))
        return cls(votes, reference.load(Path(seeds or paths.default_seeds_dir())))

    def pair(self, a, b, *, session: Session = None, since=None, until=None, issue: str | None = None) -> dict:
        """Every metric between two states or blocs: one row with ``a``, ``b``, ``votes`` and each metric."""
        return analysis.pair(self.index, self.ref, a, b, selection(session, since, until, issue))

    def pairs(self, names: list, against: bool = False, *, session: Session = None, since=None, until=None,
              issue: str | None = None, as_of=None) -> list[dict]:
        """Every metric for each pair of ``names``, or for the first against each of the others (``against``)."""
        return analysis.pairs(self.index, self.ref, list(names), against,
                              selection(session, since, until, issue, as_of))

    def against_all(self, name, metric: str = "agreement", min_votes: int = 1, *, session: Session = None,
                    since=None, until=None, issue: str | None = None) -> list[dict]:
        """Every metric between one state or bloc and each state that voted, best first by ``metric``."""
        return analysis.against_all(self.index, self.ref, name, selection(session, since, until, issue),
                                    _metric(metric), min_votes)

    def matrix(self, names: list | None = None, metric: str = "agreement", min_votes: int = 1, *,
               session: Session = None, since=None, until=None, issue: str | None = None) -> analysis.Matrix:
        """One metric between every pair of ``names`` (default: every state that voted)."""
        return analysis.matrix(self.index, self.ref, list(names) if names else None,
                               selection(session, since, until, issue), _metric(metric), min_votes)

    def clusters(self, seed: int = 42, min_votes: int = 100, *, session: Session = None, since=None, until=None,
                 issue: str | None = None, as_of=None):
        """Louvain communities of the states whose votes agree beyond chance (kappa > 0 on ``min_votes`` roll calls)."""
        from kg.unga import communities

        kappa = analysis.matrix(self.index, self.ref, None, selection(session, since, until, issue, as_of), "kappa")
        return communities.vote_clusters(kappa, min_votes=min_votes, seed=seed)

    def corroborate(self, claims_store) -> list:
        """Each claim of the graph in ``claims_store`` about a UN vote, checked against this record."""
        from kg.unga import corroborate as checking

        return checking.corroborate(claims_store, self.index)
