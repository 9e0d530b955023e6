"""The ideal points a user asks for: named states, seats and blocs over a range of sessions, as rows.

A state's name gives its own sessions; the name of a seat's present holder follows the
seat back through its predecessors (Serbia: SFR Yugoslavia until 1992, FR Yugoslavia /
Serbia and Montenegro until 2006), each row naming in ``voted_as`` the state that cast
the votes. A bloc (EU, NATO) is the median of its members' positions at each session
(members on the session's median day, seeds/reference/memberships.yaml); its standard
error is that of the median when each member's position varies by its own standard
error (simulated, with a fixed seed, so the same every run).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kg.build.reference import Reference
from kg.errors import UsageError
from kg.unga import analysis, blocs
from kg.unga.ideal import Estimates
from kg.unga.index import VoteIndex

COLUMNS = ["actor", "session", "year", "ideal_point", "se", "low", "high", "votes", "voted_as"]
DEFAULT_CHART = ["Serbia", "Russia", "United States", "EU"]
Z95 = 1.959964


@dataclass
class IdealPoints:
    """Rows of ideal points with what they were fitted on."""

    rows: list[dict]
    topic: str | None
    first: int
    last: int
    iterations: int
    converged: bool

    def json(self) -> dict:
        return {"model": "dynamic ordinal item response (Bailey, Strezhnev and Voeten 2017), posterior mode",
                "scale": "mean 0 and variance 1 over all state-sessions; the United States on the positive side",
                "topic": self.topic, "sessions": [self.first, self.last], "iterations": self.iterations,
                "converged": self.converged, "rows": self.rows}


def session_range(sessions, fitted: np.ndarray) -> tuple[int, int]:
    """``sessions`` (N, "N-M" or (N, M)) as bounds within the fitted sessions; UsageError otherwise."""
    low, high = int(fitted.min()), int(fitted.max())
    if sessions is None:
        return low, high
    if isinstance(sessions, int):
        first = last = sessions
    elif isinstance(sessions, tuple):
        first, last = sessions
    else:
        text = str(sessions).strip()
        a, _, b = text.partition("-")
        try:
            first, last = int(a), int(b or a)
        except ValueError:
            raise UsageError(f"'{sessions}': give a session number or a range like 61-74", param="sessions") from None
    if first > last or last < low or first > high:
        raise UsageError(f"no ideal points for sessions {first}-{last}: the votes give sessions {low}-{high}",
                         param="sessions")
    return max(first, low), min(last, high)


def _label(ref: Reference, index: VoteIndex, actor_id: str) -> str:
    known = ref.actors.get(actor_id)
    if known is not None:
        return known.name
    col = index.column(actor_id)
    return str(index.labels[col]) if col is not None else actor_id


def _row(name: str, session: int, year: int, theta: float, se: float, votes, voted_as: str) -> dict:
    return {"actor": name, "session": int(session), "year": int(year), "ideal_point": round(float(theta), 4),
            "se": round(float(se), 4), "low": round(float(theta - Z95 * se), 4),
            "high": round(float(theta + Z95 * se), 4), "votes": votes, "voted_as": voted_as}


def rows(index: VoteIndex, ref: Reference, est: Estimates, actors: list | None = None, sessions=None,
         topic: str | None = None) -> IdealPoints:
    """The ideal points of ``actors`` (default: every state) in ``sessions`` (default: all)."""
    first, last = session_range(sessions, est.sessions)
    years = {int(s): int(str(d)[:4]) for s, d in zip(est.sessions, est.session_days)}
    within = (est.session >= first) & (est.session <= last)
    out: list[dict] = []
    if not actors:
        for u in np.flatnonzero(within):
            label = _label(ref, index, str(est.holder[u]))
            out.append(_row(label, est.session[u], years[int(est.session[u])], est.theta[u], est.se[u],
                            int(est.votes[u]), label))
        out.sort(key=lambda r: (r["session"], -r["ideal_point"], r["actor"]))
        return IdealPoints(out, topic, first, last, 0, True)
    roster = analysis.roster(index, ref)
    for name in actors:
        actor = roster.state_of(roster.resolve(name))
        known = ref.actors.get(actor.id)
        if known is not None and known.category == "bloc":
            out.extend(_bloc(index, ref, est, actor.id, actor.label, within, years))
            continue
        mine = within & ((est.chain == actor.id) if (est.chain == actor.id).any() else (est.holder == actor.id))
        if not mine.any():
            raise UsageError(f"'{actor.label}' has no ideal point in sessions {first}-{last}: it cast no vote on a "
                             "contested roll call there", param="actors")
        for u in np.flatnonzero(mine):
            out.append(_row(actor.label, est.session[u], years[int(est.session[u])], est.theta[u], est.se[u],
                            int(est.votes[u]), _label(ref, index, str(est.holder[u]))))
    return IdealPoints(out, topic, first, last, est.iterations, est.converged)


def _bloc(index, ref, est: Estimates, bloc: str, label: str, within, years) -> list[dict]:
    periods = blocs.members_at(ref.memberships, bloc)
    if not periods:
        raise UsageError(f"bloc '{label}' has no members in the reference data (seeds/reference/memberships.yaml)",
                         param="actors")
    out = []
    for s, day in zip(est.sessions, est.session_days):
        if not within[est.session == s].any():
            continue
        members = {m for m, start, end in periods
                   if np.datetime64(start, "D") <= day and (end is None or day < np.datetime64(end, "D"))}
        units = np.flatnonzero((est.session == s) & np.isin(est.holder, list(members)))
        if not len(units):
            continue
        theta, se = est.theta[units], est.se[units]
        draws = np.random.default_rng(int(s)).normal(theta, se, size=(400, len(units)))
        spread = float(np.median(draws, axis=1).std())
        out.append(_row(label, s, years[int(s)], np.median(theta), spread, int(est.votes[units].sum()),
                        f"median of {len(units)} members"))
    return out
