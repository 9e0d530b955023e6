"""The estimator of dynamic ideal points: posterior mode and curvature of an ordered-probit item-response model.

The model (Bailey, Strezhnev and Voeten, "Estimating dynamic state preferences from
United Nations voting data", Journal of Conflict Resolution 61(2), 2017): state i in
session t has a position θ_it; on roll call j it votes yes, abstain or no as a latent
z = β_j θ_it + ε (ε standard normal) falls below γ1_j, between γ1_j and γ2_j, or above
γ2_j. Priors: β_j ~ N(0, 1); γ ~ N(0, 10²) (nearly flat); θ_it ~ N(θ_i,t-1, v_it), a
random walk whose variance ``v_it = smooth · n_it / (n_it + n_i,t-1)`` (n: the votes
behind each estimate) lets a session with more votes move further from the last one, as
in the authors' code; a session after a gap is tied to the last one before it with the
variance times the gap; the first session of a state has a weak N(0, 2²) prior, and every
position an N(0, 1) one, the scale it is standardised to: a mode, unlike the authors' posterior
mean, lets a state that votes almost always with one side (the United States, the Soviet bloc)
drift far out unless each position is shrunk as their draws are. Roll calls
linked as the same text voted again (``Problem.item``) share β and γ across sessions:
they bridge the sessions onto one scale.

The authors sample the posterior by MCMC overnight; this fits its mode by alternating
Newton steps, deterministic and in seconds: the item parameters of every roll call given
the positions (a concave problem per roll call, solved for all at once), then every
position given the items (concave too: each state's chain of sessions is one tridiagonal
system), each step halved where it would lower the posterior. After each round the
positions are standardised to mean 0 and variance 1 over all state-sessions (the items
absorb the change, so the fit is unchanged), as the authors' sampler does each draw. The
standard error of each θ is the Laplace one, from the curvature of the posterior in θ
with the items at their mode: it leaves out the items' own uncertainty, so it is smaller
than the MCMC credible interval, most where a state cast few votes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg import solveh_banded
from scipy.special import log_ndtr, ndtr, ndtri

YES, ABSTAIN, NO = 0, 1, 2
FAR = 30.0  # a cut-point at ±FAR stands for ±∞: a roll call on which no one abstained or no one voted no
_LOG_2PI = np.log(2 * np.pi)


@dataclass
class Problem:
    """Votes as observations: unit (a state in a session), item (a roll call, or a linked set of them), choice."""

    unit: np.ndarray  # int32, one per vote
    item: np.ndarray  # int32
    choice: np.ndarray  # int8: YES, ABSTAIN, NO
    chain: np.ndarray  # int32 per unit: its state's chain; units of a chain are contiguous, in session order
    gap: np.ndarray  # float per unit: sessions since the chain's previous unit (0 for the first)
    start: np.ndarray  # float per unit: a starting position (e.g. per-session principal component)


@dataclass
class Fit:
    theta: np.ndarray  # per unit
    se: np.ndarray  # per unit
    beta: np.ndarray  # per item
    cuts: np.ndarray  # (items, 2)
    iterations: int
    converged: bool


class _Votes:
    """The votes sorted by choice, so that each formula runs on the one group it concerns."""

    def __init__(self, problem: Problem):
        order = np.argsort(problem.choice, kind="stable")
        self.unit, self.item = problem.unit[order], problem.item[order]
        choice = problem.choice[order]
        n_yes, n_abstain = int((choice == YES).sum()), int((choice == ABSTAIN).sum())
        self.yes, self.abstain, self.no = slice(0, n_yes), slice(n_yes, n_yes + n_abstain), slice(n_yes + n_abstain, None)
        self.is_yes, self.is_abstain, self.is_no = choice == YES, choice == ABSTAIN, choice == NO

    def bounds(self, theta, beta, cuts):
        """Where the latent z of each vote must fall, less β θ: below b (yes), in [a, b] (abstain), above a (no)."""
        eta = beta[self.item] * theta[self.unit]
        y, m, n = self.yes, self.abstain, self.no
        return (cuts[self.item[y], 0] - eta[y], cuts[self.item[m], 0] - eta[m], cuts[self.item[m], 1] - eta[m],
                cuts[self.item[n], 1] - eta[n])

    def loglik(self, theta, beta, cuts):
        return _loglik(*self.bounds(theta, beta, cuts))


def _loglik(b_yes, a_mid, b_mid, a_no):
    """log P of every vote: log Φ(b), log(Φ(b) − Φ(a)), log Φ(−a), accurate in both tails."""
    upper = a_mid + b_mid > 0  # both bounds high: work in the upper tail, where Φ would lose the digits
    near, far = np.where(upper, -a_mid, b_mid), np.where(upper, -b_mid, a_mid)
    log_near = log_ndtr(near)
    with np.errstate(divide="ignore"):  # an empty interval (a = b) is log 0, bounded below
        mid = log_near + np.log1p(-np.exp(np.minimum(log_ndtr(far) - log_near, 0.0)))
    return np.concatenate([log_ndtr(b_yes), np.maximum(mid, -1e3), log_ndtr(-a_no)])


def _derivatives(votes: _Votes, theta, beta, cuts):
    """Per vote: derivatives of log P in its lower and upper bound a, b (ℓa, ℓb, ℓaa, ℓab, ℓbb)."""
    b_yes, a_mid, b_mid, a_no = votes.bounds(theta, beta, cuts)
    ll = _loglik(b_yes, a_mid, b_mid, a_no)
    n = len(ll)
    la, lb, laa, lab, lbb = (np.zeros(n) for _ in range(5))
    y, m, o = votes.yes, votes.abstain, votes.no
    fb = np.exp(-0.5 * b_yes ** 2 - 0.5 * _LOG_2PI - ll[y])  # φ(b)/P
    lb[y], lbb[y] = fb, -b_yes * fb - fb * fb
    fa = np.exp(-0.5 * a_no ** 2 - 0.5 * _LOG_2PI - ll[o])
    la[o], laa[o] = -fa, a_no * fa - fa * fa
    fa = np.exp(-0.5 * a_mid ** 2 - 0.5 * _LOG_2PI - ll[m])
    fb = np.exp(-0.5 * b_mid ** 2 - 0.5 * _LOG_2PI - ll[m])
    la[m], lb[m] = -fa, fb
    laa[m], lbb[m], lab[m] = a_mid * fa - fa * fa, -b_mid * fb - fb * fb, fa * fb
    return la, lb, laa, lab, lbb


def _item_objective(votes, theta, beta, cuts):
    free = np.abs(cuts) < FAR
    return (np.bincount(votes.item, votes.loglik(theta, beta, cuts), len(beta)) - 0.5 * beta ** 2
            - 0.005 * (np.where(free, cuts, 0.0) ** 2).sum(axis=1))


def _item_step(votes: _Votes, theta, beta, cuts, kind):
    """One Newton step for every roll call's (β, γ1, γ2), halved per roll call where it lowers the posterior."""
    n = len(beta)
    la, lb, laa, lab, lbb = _derivatives(votes, theta, beta, cuts)
    th, it = theta[votes.unit], votes.item
    yes, mid, no = votes.is_yes, votes.is_abstain, votes.is_no
    # γ1 is the upper bound of a yes and the lower of an abstention; γ2 the upper of an abstention, the lower of a no
    d1, d2 = np.where(yes, lb, la) * ~no, np.where(no, la, lb) * ~yes
    d11 = np.where(yes, lbb, laa) * ~no
    d22 = np.where(no, laa, lbb) * ~yes
    g = np.zeros((n, 3))
    g[:, 0] = np.bincount(it, -th * (la + lb), n) - beta
    g[:, 1] = np.bincount(it, d1, n)
    g[:, 2] = np.bincount(it, d2, n)
    h = np.zeros((n, 3, 3))
    h[:, 0, 0] = np.bincount(it, th * th * (laa + 2 * lab + lbb), n) - 1.0
    h[:, 0, 1] = np.bincount(it, -th * (d11 + lab * mid), n)
    h[:, 0, 2] = np.bincount(it, -th * (d22 + lab * mid), n)
    h[:, 1, 1] = np.bincount(it, d11, n) - 0.01
    h[:, 2, 2] = np.bincount(it, d22, n) - 0.01
    h[:, 1, 2] = np.bincount(it, lab, n)
    g[:, 1:] -= 0.01 * np.where(np.abs(cuts) < FAR, cuts, 0)
    h[:, 1, 0], h[:, 2, 0], h[:, 2, 1] = h[:, 0, 1], h[:, 0, 2], h[:, 1, 2]
    # yes and no only: one cut-point γ1 = γ2; the column of γ2 folds into γ1's
    tie = kind == 1
    g[tie, 1] += g[tie, 2]
    h[tie, 0, 1] += h[tie, 0, 2]
    h[tie, 1, 0] = h[tie, 0, 1]
    h[tie, 1, 1] += 2 * h[tie, 1, 2] + h[tie, 2, 2]
    fixed = np.stack([np.zeros(n, bool), kind == 3, (kind == 1) | (kind == 2)], axis=1)  # kind 2: no "no"; 3: no "yes"
    g[fixed] = 0.0
    h[fixed[:, :, None] | fixed[:, None, :]] = 0.0
    h[:, [1, 2], [1, 2]] -= fixed[:, 1:]  # −1 on the diagonal of a fixed parameter: a zero step
    step = np.linalg.solve(-h, g[:, :, None])[:, :, 0]
    step[tie, 2] = step[tie, 1]
    before = _item_objective(votes, theta, beta, cuts)
    t = np.ones(n)
    for _ in range(10):
        nb, nc = beta + t * step[:, 0], cuts + t[:, None] * step[:, 1:]
        ok = (nc[:, 0] <= nc[:, 1]) & (np.abs(nb) < 20)
        after = np.where(ok, _item_objective(votes, theta, nb, nc), -np.inf)
        worse = after < before - 1e-9
        if not worse.any():
            break
        t[worse] *= 0.5
    t[worse] = 0.0
    return beta + t * step[:, 0], cuts + t[:, None] * step[:, 1:]


def _prior(problem: Problem, smooth: float):
    """Per unit: the precision tying it to the chain's previous unit (0 for a chain's first), and the heads' prior."""
    counts = np.bincount(problem.unit, minlength=len(problem.chain)).astype(float)
    first = problem.gap == 0
    prev_counts = np.roll(counts, 1)
    var = smooth * counts / np.maximum(counts + prev_counts, 1) * np.maximum(problem.gap, 1)
    link = np.where(first, 0.0, 1.0 / np.maximum(var, 1e-6))
    # N(0, 1) on every position (the final scale) keeps a state that nearly always votes with one side from
    # drifting out: with N(0, 3²) the Soviet bloc sat at -4.3 in session 30 against -2.4 in the published estimates
    return link, np.where(first, 1.0 / 4.0, 0.0) + 1.0


def _chain_objective(votes, chain, theta, beta, cuts, link, head):
    unit = np.bincount(votes.unit, votes.loglik(theta, beta, cuts), len(theta))
    diff = theta - np.roll(theta, 1)
    unit = unit - 0.5 * link * diff ** 2 - 0.5 * head * theta ** 2
    return np.bincount(chain, unit)


def _precision(votes, theta, beta, cuts, link, head):
    """The gradient of the log posterior in θ and its negative Hessian, as the bands solveh_banded takes."""
    la, lb, laa, lab, lbb = _derivatives(votes, theta, beta, cuts)
    be, n = beta[votes.item], len(theta)
    grad = np.bincount(votes.unit, -be * (la + lb), n)
    curv = -np.bincount(votes.unit, be * be * (laa + 2 * lab + lbb), n)
    diff = theta - np.roll(theta, 1)
    grad -= link * diff + head * theta
    grad[:-1] += link[1:] * diff[1:]
    diag = curv + head + link
    diag[:-1] += link[1:]
    bands = np.zeros((2, n))
    bands[0, 1:] = -link[1:]
    bands[1] = np.maximum(diag, 1e-9)
    return grad, bands


def _theta_step(votes, chain, theta, beta, cuts, link, head):
    """One Newton step for every position, chain by chain, halved per chain where it lowers the posterior."""
    grad, bands = _precision(votes, theta, beta, cuts, link, head)
    step = solveh_banded(bands, grad)
    before = _chain_objective(votes, chain, theta, beta, cuts, link, head)
    t = np.ones(chain.max() + 1)
    for _ in range(10):
        after = _chain_objective(votes, chain, theta + t[chain] * step, beta, cuts, link, head)
        worse = after < before - 1e-9
        if not worse.any():
            break
        t[worse] *= 0.5
    t[worse] = 0.0
    return theta + t[chain] * step


def _kinds(problem: Problem, n_items: int) -> np.ndarray:
    """0 all three choices seen, 1 yes and no only, 2 yes and abstain only, 3 abstain and no only."""
    seen = np.zeros((n_items, 3), bool)
    seen[problem.item, problem.choice] = True
    kind = np.zeros(n_items, np.int8)
    kind[~seen[:, ABSTAIN]] = 1
    kind[~seen[:, NO]] = 2
    kind[~seen[:, YES]] = 3
    return kind


def fit(problem: Problem, smooth: float = 1.0, tolerance: float = 1e-3, max_iterations: int = 200,
        standardise: int = 10) -> Fit:
    """The posterior mode of the positions and item parameters, with a Laplace standard error for each position.

    Every roll call must have votes in at least two of the three choices.
    """
    votes = _Votes(problem)
    n_items = int(problem.item.max()) + 1
    kind = _kinds(problem, n_items)
    theta = (problem.start - problem.start.mean()) / (problem.start.std() or 1.0)
    beta = np.zeros(n_items)
    totals = np.bincount(problem.item, minlength=n_items)
    below = np.stack([np.bincount(problem.item, problem.choice <= k, n_items) for k in (YES, ABSTAIN)], axis=1)
    cuts = ndtri(np.clip(below / totals[:, None], 0.01, 0.99))  # the shares of yes and of yes or abstain
    cuts[:, 1] = np.maximum(cuts[:, 1], cuts[:, 0] + 0.1)
    cuts[kind == 1, 1] = cuts[kind == 1, 0]
    cuts[kind == 2, 1] = FAR
    cuts[kind == 3, 0] = -FAR
    link, head = _prior(problem, smooth)
    converged, iteration = False, 0
    for iteration in range(1, max_iterations + 1):
        beta, cuts = _item_step(votes, theta, beta, cuts, kind)
        new = _theta_step(votes, problem.chain, theta, beta, cuts, link, head)
        if iteration <= standardise:
            new, beta, cuts = _standardised(new, beta, cuts)
        change = np.abs(new - theta).max()
        theta = new
        if change < tolerance * theta.std() and iteration > standardise:  # in units of the final scale
            converged = True
            break
    _, bands = _precision(votes, theta, beta, cuts, link, head)
    se = _band_inverse_diagonal(bands, problem.chain)
    sd = theta.std()
    theta, beta, cuts = _standardised(theta, beta, cuts)
    return Fit(theta, se / sd, beta, cuts, iteration, converged)


def _standardised(theta, beta, cuts):
    """θ rescaled to mean 0 and variance 1, with β and γ changed so that every β θ − γ stays as it was."""
    mean, sd = theta.mean(), theta.std()
    cuts = np.where(np.abs(cuts) < FAR, cuts - (beta * mean)[:, None], cuts)
    return (theta - mean) / sd, beta * sd, cuts


def _band_inverse_diagonal(bands: np.ndarray, chain: np.ndarray) -> np.ndarray:
    """The square root of the diagonal of the inverse of a tridiagonal precision, chain by chain (each block small)."""
    se = np.empty(bands.shape[1])
    bounds = np.flatnonzero(np.diff(chain)) + 1
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(chain)]):
        block = np.diag(bands[1, lo:hi])
        off = bands[0, lo + 1:hi]
        block[np.arange(hi - lo - 1), np.arange(1, hi - lo)] = off
        block[np.arange(1, hi - lo), np.arange(hi - lo - 1)] = off
        se[lo:hi] = np.sqrt(np.diag(np.linalg.inv(block)))
    return se
