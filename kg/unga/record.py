"""The UN General Assembly votes imported into a store, ready to measure: one state or bloc against others.

``VoteRecord.open(store, seeds)`` reads the vote index of a directory store (checked
against the store, see index.py) with the reference data that names the states and
the blocs; its methods are the questions ``kg votes``, ``kg compare --votes`` and
``kg clusters --votes`` ask. Each takes the same selection of roll calls: a session
or range of sessions, a first and last date, a UN topic tag (``topic``), the State
Department's important votes (``important``), and an issue of the scheme (``issue``:
the roll calls on resolutions the reference data links to it). With ``seat`` a state
stands for its UN seat through its successions (seats.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kg import paths
from kg.build import reference
from kg.build.reference import Reference
from kg.errors import UsageError, named
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


def selection(session: Session = None, since=None, until=None, topic: str | None = None,
              as_of=None, important: bool = False, symbols: frozenset[str] | None = None) -> analysis.Selection:
    """The roll calls to count: of a session or range of sessions, between two dates, with a UN topic tag.

    ``as_of`` is ``until`` as the comparisons of claims name it: votes up to that day;
    ``important``: only the State Department's important votes; ``symbols``: only the
    roll calls on these resolutions.
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
    if topic is not None and topic not in TAG_NAMES:
        raise UsageError(f"unknown UN topic '{topic}'; use one of {', '.join(TAG_NAMES)}", param="topic")
    last_day = _day(until, "until") or _day(as_of, "as_of")
    return analysis.Selection(first, last, _day(since, "since"), last_day, topic, special, bool(important), symbols)


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
    folder: Path | None = None  # the vote index's folder, where derived results (ideal points) are kept

    @classmethod
    def open(cls, store: str | Path | None = None, seeds: Path | None = None) -> "VoteRecord":
        """The votes imported into the directory ``store`` (default ``$KG_HOME/store``), named by the ``seeds``."""
        where = location(store)
        votes = index.read_index(where)
        return cls(votes, reference.load(Path(seeds or paths.default_seeds_dir())), index.folder_for(where))

    def coverage(self) -> dict:
        """What the imported record holds: ``first`` and ``last`` vote date, regular ``sessions`` [first, last],
        ``roll_calls`` and ``datasets``."""
        return analysis.coverage(self.index)

    def select(self, session: Session = None, since=None, until=None, topic: str | None = None,
               important: bool = False, issue: str | None = None, as_of=None) -> analysis.Selection:
        """The selection of roll calls the parameters name, checked against this record.

        An unknown session, an ``issue`` no resolution of the reference data is linked to,
        and ``important`` in a record without the State Department's marks are errors.
        """
        chosen = selection(session, since, until, topic, as_of, important, self._symbols(issue))
        self._check(chosen, session)
        return chosen

    def _symbols(self, issue: str | None) -> frozenset[str] | None:
        if issue is None:
            return None
        from kg.terms import ontology
        from kg.terms.names import UnknownIssue, resolve_issue

        scheme = ontology.vocabulary(ontology.load_graph()).issues
        topics = f"UN votes are tagged by UN topics: use {named('topic')} ({', '.join(TAG_NAMES)})"
        try:
            notation = resolve_issue(issue, {n: i.label for n, i in scheme.items()})
        except UnknownIssue as exc:
            raise UsageError(f"{exc.message()}; {topics}", param="issue") from None
        within = {n for n in scheme if n == notation or _broader(scheme, n, notation)}
        linked = frozenset(r.symbol for r in self.ref.resolutions.values() if r.issue in within)
        if not linked:
            raise UsageError(f"no resolution of the reference data (seeds/reference/resolutions.yaml) is linked to "
                             f"issue '{notation}'; {topics}", param="issue")
        return linked

    def _check(self, chosen: analysis.Selection, session: Session) -> None:
        found = self.coverage()
        held = sorted({int(s) for s in self.index.sessions if s >= 0})
        if chosen.first_session is not None or chosen.last_session is not None:
            low, high = chosen.first_session or 0, chosen.last_session or 10 ** 4
            if not any(low <= s <= high for s in held):
                raise UsageError(f"session {session} is not in the imported votes, which hold sessions "
                                 f"{held[0]}–{held[-1]} ({found['first']} – {found['last']})" if held
                                 else f"session {session} is not in the imported votes, which name no session",
                                 param="session")
        if chosen.special is not None and not chosen.rows(self.index).any():
            specials = sorted({str(sym).split("/")[2] for sym in self.index.symbols
                               if str(sym).startswith(("A/RES/ES-", "A/RES/S-"))})
            raise UsageError(f"session {chosen.special} is not in the imported votes, which hold the special sessions "
                             f"{', '.join(specials) or 'none'}", param="session")
        if chosen.important and not (self.index.tags & index.IMPORTANT).any():
            raise UsageError("the imported votes mark no roll call as one of the State Department's important votes "
                             "(Voeten's tables mark them; an index written before kg kept the marks needs "
                             "'kg import unga' again)", param="important")

    def pair(self, a, b, *, session: Session = None, since=None, until=None, topic: str | None = None,
             important: bool = False, issue: str | None = None, seat: bool = False) -> dict:
        """Every metric between two states or blocs: one row with ``a``, ``b``, ``votes`` and each metric.

        With ``seat``, a state stands for its UN seat through its successions; the row
        then names the seats' holders and their dates (``seats``).
        """
        return analysis.pair(self.index, self.ref, a, b, self.select(session, since, until, topic, important, issue),
                             seat)

    def pairs(self, names: list, against: bool = False, *, session: Session = None, since=None, until=None,
              topic: str | None = None, important: bool = False, issue: str | None = None, as_of=None,
              seat: bool = False) -> list[dict]:
        """Every metric for each pair of ``names``, or for the first against each of the others (``against``)."""
        return analysis.pairs(self.index, self.ref, list(names), against,
                              self.select(session, since, until, topic, important, issue, as_of), seat)

    def against_all(self, name, metric: str = "agreement", min_votes: int = 1, *, session: Session = None,
                    since=None, until=None, topic: str | None = None, important: bool = False,
                    issue: str | None = None, seat: bool = False) -> list[dict]:
        """Every metric between one state or bloc and each state that voted, best first by ``metric``."""
        return analysis.against_all(self.index, self.ref, name,
                                    self.select(session, since, until, topic, important, issue),
                                    _metric(metric), min_votes, seat)

    def matrix(self, names: list | None = None, metric: str = "agreement", min_votes: int = 1, *,
               session: Session = None, since=None, until=None, topic: str | None = None, important: bool = False,
               issue: str | None = None, seat: bool = False) -> analysis.Matrix:
        """One metric between every pair of ``names`` (default: every state that voted)."""
        chosen = self.select(session, since, until, topic, important, issue)
        result = analysis.matrix(self.index, self.ref, list(names) if names else None, chosen, _metric(metric),
                                 min_votes, seat)
        result.period, result.coverage = chosen.period(), self.coverage()
        return result

    def ideal_points(self, actors: list | None = None, *, sessions=None, topic: str | None = None,
                     matches: Path | None = None):
        """Each state's (or bloc's median) ideal point per session, with its standard error (see kg.unga.ideal).

        Fitted once per topic and kept beside the vote index until the votes change.
        Example: ``g.votes().ideal_points(["Serbia", "EU"], sessions="61-74").rows[0]["ideal_point"]``
        """
        from kg.unga import ideal, idealrows

        fitted = ideal.stored(self.index, self.folder, topic, matches)
        result = idealrows.rows(self.index, self.ref, fitted, actors, sessions, topic)
        result.iterations, result.converged = fitted.iterations, fitted.converged
        return result

    def clusters(self, seed: int = 42, min_votes: int = 100, *, session: Session = None, since=None, until=None,
                 topic: str | None = None, important: bool = False, issue: str | None = None, as_of=None):
        """Louvain communities of the states whose votes agree beyond chance (kappa > 0 on ``min_votes`` roll calls)."""
        from kg.unga import communities

        kappa = analysis.matrix(self.index, self.ref, None,
                                self.select(session, since, until, topic, important, issue, as_of), "kappa")
        return communities.vote_clusters(kappa, min_votes=min_votes, seed=seed)

    def corroborate(self, claims_store) -> list:
        """Each claim of the graph in ``claims_store`` about a UN vote, checked against this record."""
        from kg.unga import corroborate as checking

        return checking.corroborate(claims_store, self.index)


def _broader(scheme: dict, notation: str, ancestor: str) -> bool:
    """Whether ``ancestor`` is a broader issue of ``notation``, transitively."""
    todo, seen = list(scheme[notation].broader), set()
    while todo:
        issue = todo.pop()
        if issue == ancestor:
            return True
        if issue not in seen and issue in scheme:
            seen.add(issue)
            todo.extend(scheme[issue].broader)
    return False
