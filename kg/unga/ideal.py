"""Ideal points of the states per UN General Assembly session: the votes as the model reads them, the stored fit, rows.

``estimate`` turns the vote index into the observations of idealfit.py: one unit per
state per regular session (a UN seat is one chain through its holders: SFR Yugoslavia,
FR Yugoslavia / Serbia and Montenegro, Serbia, as the model's authors count it; the
USSR's record is already Russia's), one item per roll call, absences missing. Roll
calls matched as the same text voted again (``un_matched_roll_calls.csv``, from Bailey,
Strezhnev and Voeten's replication data, keyed by the Voeten rcid) are one item: every
set of matched roll calls shares its parameters. As in the authors' data preparation,
votes on amendments and paragraphs after 1989 (here: a roll call on a resolution that is
not its final vote) are left out, and so is every item on which all voters chose alike.

The fit is stored beside the vote index (``ideal-points[-TOPIC].npz``), stamped with the
index, the matches and the model version, and fitted again when any of them changes.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.atomic import write_atomic
from kg.errors import InputError, StoreError, UsageError
from kg.unga import idealfit
from kg.unga.index import VoteIndex, tag_bit
from kg.unga.sources import TAG_NAMES

MODEL_VERSION = "bsv2017-mode-2"
MATCHES = Path(__file__).with_name("un_matched_roll_calls.csv")
# a seat followed through its holders: holder → the state that holds the seat now
SEATS = {"sfr-yugoslavia": "serbia", "serbia-and-montenegro": "serbia"}
ANCHOR = "united-states"  # the sign: the United States on the positive side, as in the published estimates
_ARRAYS = ("chain", "holder", "session", "theta", "se", "votes", "sessions", "session_days")


@dataclass
class Estimates:
    """One fitted position per state and session (units sorted by seat, then session)."""

    chain: np.ndarray  # str: the seat's current holder (actor id)
    holder: np.ndarray  # str: the state that cast the unit's votes
    session: np.ndarray  # int16
    theta: np.ndarray
    se: np.ndarray
    votes: np.ndarray  # int32: the votes behind the estimate
    sessions: np.ndarray  # int16: every session fitted, ascending
    session_days: np.ndarray  # datetime64[D]: the median day of each session's roll calls
    iterations: int = 0
    converged: bool = True


def read_matches(path: Path | None = None) -> list[tuple[str, str]]:
    """The pairs (earlier rcid, later rcid) of roll calls on the same text; InputError naming a bad line."""
    path = Path(path) if path is not None else MATCHES
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the matched roll calls ({getattr(exc, 'strerror', None) or exc})", path,
                         param="matches") from None
    header = [h.strip().strip('"') for h in (lines[0].split(",") if lines else [])]
    if "rcid1" not in header or "rcid2" not in header:
        raise InputError("the matched roll calls need the columns rcid1 and rcid2", path, param="matches")
    i, j = header.index("rcid1"), header.index("rcid2")
    pairs = []
    for number, line in enumerate(lines[1:], start=2):
        cells = [c.strip().strip('"') for c in line.split(",")]
        if not line.strip():
            continue
        if len(cells) <= max(i, j) or not (cells[i].isdigit() and cells[j].isdigit()):
            raise InputError("rcid1 and rcid2 must be roll call numbers", path, number, param="matches")
        pairs.append((cells[i], cells[j]))
    return pairs


def _linked(index: VoteIndex, rows: np.ndarray, pairs: list[tuple[str, str]]) -> np.ndarray:
    """The item of each selected roll call: matched roll calls (and chains of them) share one."""
    parent = np.arange(len(index.dates))
    if index.keys is None:
        raise StoreError("the vote index predates roll call ids, which the matched roll calls need; "
                         "run 'kg import unga PATH-TO-VOTES' again")
    row_of = {str(k): r for r, k in enumerate(index.keys)}

    def root(r: int) -> int:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for first, second in pairs:
        a, b = row_of.get(first), row_of.get(second)
        if a is not None and b is not None:
            ra, rb = root(a), root(b)
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([root(r) for r in rows])
    return np.unique(roots, return_inverse=True)[1].astype(np.int32)


def _kept_rows(index: VoteIndex, topic: str | None) -> np.ndarray:
    keep = index.sessions >= 1
    amendment = (np.char.str_len(index.symbols.astype(str)) > 0) & (np.char.find(index.iris.astype(str), "/rollcall/") >= 0)
    keep &= ~(amendment & (index.dates >= np.datetime64("1990-01-01")))
    if topic is not None:
        if topic not in TAG_NAMES:
            raise UsageError(f"unknown topic '{topic}'; use one of {', '.join(TAG_NAMES)}", param="topic")
        keep &= (index.tags & tag_bit(topic)) != 0
    return np.flatnonzero(keep)


def problem(index: VoteIndex, topic: str | None = None, pairs: list[tuple[str, str]] | None = None):
    """The observations of the model, with what each unit is: (Problem, chain ids, holder ids, sessions, votes)."""
    rows = _kept_rows(index, topic)
    items = _linked(index, rows, read_matches() if pairs is None else pairs)
    votes = index.votes[rows]
    seat = np.array([SEATS.get(str(a), str(a)) for a in index.actors])
    r, c = np.nonzero((votes >= 1) & (votes <= 3))
    choice = (votes[r, c] - 1).astype(np.int8)
    item = items[r]
    # drop items on which every voter chose alike: they say nothing about positions
    seen = np.zeros((items.max() + 1 if len(items) else 0, 3), bool)
    seen[item, choice] = True
    useful = seen.sum(axis=1) >= 2
    keep = useful[item]
    r, c, choice, item = r[keep], c[keep], choice[keep], np.unique(item[keep], return_inverse=True)[1].astype(np.int32)
    if not len(choice):
        raise UsageError("no contested roll call in the selection: nothing to estimate positions from", param="topic")
    session = index.sessions[rows][r].astype(np.int64)
    seat_codes, seat_of = np.unique(seat[c], return_inverse=True)
    key = seat_of.astype(np.int64) * 1000 + session
    units, unit = np.unique(key, return_inverse=True)
    unit_chain, unit_session = units // 1000, (units % 1000).astype(np.int16)
    counts = np.bincount(unit, minlength=len(units))
    holders = np.empty(len(units), dtype=object)
    # the holder of a unit: the state that cast most of its votes (a seat changes hands within a session)
    pair_key = unit.astype(np.int64) * len(index.actors) + c
    pk, pn = np.unique(pair_key, return_counts=True)
    for k in pk[np.argsort(pn, kind="stable")]:
        holders[k // len(index.actors)] = str(index.actors[k % len(index.actors)])
    gap = np.zeros(len(units))
    same = unit_chain[1:] == unit_chain[:-1]
    gap[1:] = np.where(same, unit_session[1:] - unit_session[:-1], 0)
    start = start_positions(unit, item, choice, unit_session, unit_chain, index, holders)
    built = idealfit.Problem(unit.astype(np.int32), item, choice, unit_chain.astype(np.int32), gap, start)
    return built, seat_codes[unit_chain], holders.astype(str), unit_session, counts


def start_positions(unit, item, choice, unit_session, unit_chain, index=None, holders=None) -> np.ndarray:
    """The static estimate a user would make first: per session, the first principal component of the votes.

    Votes coded −1 yes, 0 abstain, 1 no, missing as the roll call's mean; each session's
    sign follows the previous session's over the states in both.
    """
    n_units = len(unit_session)
    out = np.zeros(n_units)
    previous = None
    for s in np.unique(unit_session):
        members = np.flatnonzero(unit_session == s)
        at = {u: i for i, u in enumerate(members)}
        mask = np.isin(unit, members)
        its, cols = np.unique(item[mask], return_inverse=True)
        matrix = np.full((len(members), len(its)), np.nan)
        matrix[[at[u] for u in unit[mask]], cols] = choice[mask].astype(float) - 1.0
        means = np.nanmean(matrix, axis=0)
        matrix = np.where(np.isnan(matrix), means, matrix) - means
        score = _first_component(matrix)
        if previous is not None:
            common = np.intersect1d(unit_chain[members], list(previous))
            if len(common):
                mine = dict(zip(unit_chain[members], score))
                if sum(mine[c] * previous[c] for c in common) < 0:
                    score = -score
        previous = dict(zip(unit_chain[members], score))
        out[members] = score
    return out


def _first_component(matrix: np.ndarray, steps: int = 200) -> np.ndarray:
    """The standardised scores on the first principal component of a centred matrix, by power iteration.

    (A full SVD is no faster for one component and, with BLAS threads on a busy machine, far slower.)
    """
    vector = matrix[np.argmax((matrix ** 2).sum(axis=1))].copy()
    for _ in range(steps):
        new = matrix.T @ (matrix @ vector)
        norm = np.linalg.norm(new)
        if norm == 0:
            return np.zeros(len(matrix))
        new /= norm
        if np.abs(new - vector).max() < 1e-9:
            break
        vector = new
    score = matrix @ vector
    return (score - score.mean()) / (score.std() or 1.0)


def estimate(index: VoteIndex, topic: str | None = None, pairs: list[tuple[str, str]] | None = None) -> Estimates:
    """Fit the model to the selected votes of ``index``; the sign puts the United States on the positive side."""
    built, chain, holder, session, counts = problem(index, topic, pairs)
    result = idealfit.fit(built)
    theta, beta = result.theta, result.beta
    anchor = chain == ANCHOR
    if anchor.any() and theta[anchor].mean() < 0:
        theta = -theta
    sessions = np.unique(session)
    days = np.array([np.datetime64(int(np.median(index.dates[index.sessions == s].astype("int64"))), "D")
                     for s in sessions], dtype="datetime64[D]")
    return Estimates(chain.astype(str), holder, session, theta, result.se, counts.astype(np.int32), sessions, days,
                     result.iterations, result.converged)


def stamp(index: VoteIndex, topic: str | None, matches: Path | None) -> str:
    """What a stored fit depends on: the index, the topic, the matches and the model version."""
    digest = hashlib.sha256(MODEL_VERSION.encode())
    for dataset, value in sorted(index.stamps.items()):
        digest.update(f"{dataset}={value};".encode())
    digest.update(f"topic={topic};".encode())
    digest.update(Path(matches or MATCHES).read_bytes())
    return digest.hexdigest()


def stored(index: VoteIndex, folder: Path | None, topic: str | None = None, matches: Path | None = None) -> Estimates:
    """The fit for ``index`` from ``folder`` when its stamp matches, else fitted now and stored there."""
    pairs = read_matches(matches)
    value = stamp(index, topic, matches)
    path = Path(folder) / f"ideal-points{'-' + topic if topic else ''}.npz" if folder is not None else None
    if path is not None and path.is_file():
        try:
            with np.load(path, allow_pickle=False) as data:
                if str(data["stamp"]) == value:
                    return Estimates(**{name: data[name] for name in _ARRAYS},
                                     iterations=int(data["iterations"]), converged=bool(data["converged"]))
        except (OSError, KeyError, ValueError, TypeError, EOFError, zipfile.BadZipFile, zlib.error):
            pass  # a damaged stored fit is fitted again and replaced
    result = estimate(index, topic, pairs)
    if path is not None:
        arrays = {name: getattr(result, name) for name in _ARRAYS}
        write_atomic(path, lambda out: np.savez(out, stamp=np.array(value), iterations=np.array(result.iterations),
                                                converged=np.array(result.converged), **arrays), create_parent=True)
    return result
