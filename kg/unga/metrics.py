"""Vote-based alignment metrics, as the field computes them, over a roll calls × actors matrix.

Votes are coded 1 yes, 2 abstain, 3 no; 4 (absent, not voting) and 0 (no record:
absent, not voting or not yet a member) are absences. For two actors, only the roll
calls on which both cast yes, abstain or no count: **absences are excluded from every
metric**. With n such roll calls, of which ``same`` have the same choice (both yes,
both no or both abstain), ``opposite`` have one yes and one no, and ``one_abstain``
have exactly one abstention (so n = same + opposite + one_abstain):

``agreement`` (raw agreement)
    same / n. An abstention is a choice like the others: both abstaining agree.
``coincidence`` (votes-only coincidence)
    identical / (identical + opposite), where identical counts both yes or both no:
    roll calls on which either abstains are left out.
``state-department`` (the US State Department's current method)
    (same + ½ · one_abstain) / n: the same vote 1, only one side abstaining ½,
    opposite votes 0.
``s-score`` (Signorino and Ritter 1999, unweighted, on the three-point scale)
    1 − 2 · d / d_max with d the mean distance |x − y| between the two votes coded
    yes = 1, abstain = 2, no = 3 and d_max = 2; that is 1 − (one_abstain + 2 ·
    opposite) / n. It runs from −1 (always opposite) to 1 (always the same).
``kappa`` (Cohen's kappa, as Häge 2011 proposes for UN votes)
    (p_o − p_e) / (1 − p_e) with p_o = same / n and p_e = Σ_k a_k · b_k / n², where
    a_k and b_k count the choices k ∈ {yes, abstain, no} of each actor on the same n
    roll calls: agreement corrected for what the two actors' own vote distributions
    would give by chance. Undefined when p_e = 1 (both always vote the same one way).
``pi`` (Scott's pi, Scott 1955)
    (p_o − p_e) / (1 − p_e) like kappa, but with the chance agreement of the pair's
    pooled choices: p_e = Σ_k ((a_k + b_k) / 2n)². Where kappa credits two actors with
    different habits (one mostly yes, one mostly abstaining) for that difference, pi
    takes both as drawing from one distribution, so pi ≤ kappa. Undefined when p_e = 1.

A metric is None (undefined) when its denominator is 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kg.unga import METRICS

__all__ = ["METRICS", "Scores", "scores"]
YES, ABSTAIN, NO = 1, 2, 3


@dataclass
class Scores:
    """Every metric for actors X (rows) against actors Z (columns), with the counts behind them."""

    n: np.ndarray  # roll calls on which both voted
    same: np.ndarray
    opposite: np.ndarray
    one_abstain: np.ndarray
    values: dict[str, np.ndarray]  # metric → float array, NaN where undefined

    def get(self, metric: str, i: int, j: int) -> float | None:
        value = float(self.values[metric][i, j])
        return None if np.isnan(value) else value


def _onehot(votes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return ((votes == YES).astype(np.float32), (votes == ABSTAIN).astype(np.float32), (votes == NO).astype(np.float32))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _chance_corrected(p_o: np.ndarray, p_e: np.ndarray) -> np.ndarray:
    """(p_o − p_e) / (1 − p_e), NaN where p_e is undefined or 1."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.isnan(p_e) | (p_e >= 1), np.nan, (p_o - p_e) / np.where(p_e >= 1, 1, 1 - p_e))


def scores(x_votes: np.ndarray, z_votes: np.ndarray | None = None) -> Scores:
    """All metrics between every column of ``x_votes`` and every column of ``z_votes``.

    Both are (roll calls × actors) int8 arrays over the same roll calls; without
    ``z_votes`` the columns of ``x_votes`` are compared with each other (the matrix).
    """
    xy, xa, xn = _onehot(x_votes)
    zy, za, zn = xy, xa, xn
    if z_votes is not None:
        zy, za, zn = _onehot(z_votes)
    xp, zp = xy + xa + xn, zy + za + zn
    same = xy.T @ zy + xa.T @ za + xn.T @ zn
    opposite = xy.T @ zn + xn.T @ zy
    n = xp.T @ zp
    xa_zp, xp_za, xa_za = xa.T @ zp, xp.T @ za, xa.T @ za
    one_abstain = xa_zp + xp_za - 2 * xa_za
    identical = same - xa_za
    # each actor's choices on the roll calls both voted on: a_k (rows), b_k (columns)
    a = [(xy.T @ zp).astype(np.float64), xa_zp.astype(np.float64), (xn.T @ zp).astype(np.float64)]
    b = [(xp.T @ zy).astype(np.float64), xp_za.astype(np.float64), (xp.T @ zn).astype(np.float64)]
    n64 = n.astype(np.float64)
    p_o = _ratio(same.astype(np.float64), n64)
    kappa = _chance_corrected(p_o, _ratio(sum(ak * bk for ak, bk in zip(a, b)), n64 * n64))
    pi = _chance_corrected(p_o, _ratio(sum((ak + bk) ** 2 for ak, bk in zip(a, b)), 4 * n64 * n64))
    values = {
        "agreement": p_o,
        "coincidence": _ratio(identical.astype(np.float64), (identical + opposite).astype(np.float64)),
        "state-department": _ratio(same + 0.5 * one_abstain.astype(np.float64), n64),
        "s-score": np.where(n > 0, 1 - _ratio((one_abstain + 2 * opposite).astype(np.float64), n64), np.nan),
        "kappa": kappa,
        "pi": pi,
    }
    as_int = lambda a: np.rint(a).astype(np.int64)  # noqa: E731
    return Scores(as_int(n), as_int(same), as_int(opposite), as_int(one_abstain), values)
