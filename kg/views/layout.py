"""Where each actor of the page stands: a seeded force layout computed here, not in the browser.

The page draws the positions it is given with vis-network's physics off, so the same
graph gives the same picture, and the page is ready as soon as it is drawn. The
layout is Fruchterman and Reingold's (1991): every pair of nodes repels, every line
pulls its two ends together, and the steps cool until the picture holds still; a
light gravity keeps parts that no line joins near the middle. networkx has the same
algorithm, but needs scipy from 500 nodes on, which kg does not depend on: this one
is numpy only, in blocks of rows, so that 2,000 actors stay within memory.

Then the layout is made readable at the size a page opens in: turned so that its
long side lies across the screen, stretched to a landscape box whose area grows with
the number of actors (so that ``FONT``-sized labels are readable when the whole view
fits a 1400×900 window), and nodes whose labels would overlap are pushed apart. The
``focus`` actor, when given, stays at (0, 0) throughout.
"""

from __future__ import annotations

import math

SEED = 7
FONT = 14  # label size in canvas units, as the page draws it
SPACING = 118  # canvas units of side per actor: the box holds n squares of this side
ASPECT = 4 / 3  # width over height of the box, as a landscape window
MIN_HEIGHT = 620  # a few actors still spread over a window, at a readable scale
CHAR_WIDTH = 0.58  # a label's width per character, in font sizes
BLOCK = 256  # rows of the pairwise repulsion computed at once


def _spring(n: int, ends, weights, fixed: int | None, seed: int, iterations: int):
    """Fruchterman-Reingold positions in the unit square (before scaling); ``fixed`` stays at (0, 0)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) - 0.5
    if fixed is not None:
        pos[fixed] = 0.0
    k = math.sqrt(1.0 / n)  # the distance at which repulsion and attraction balance
    step = 0.1
    cool = step / (iterations + 1)
    i, j = ends
    for _ in range(iterations):
        x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
        shift = np.zeros_like(pos)
        for start in range(0, n, BLOCK):  # repulsion k²/d from every other node
            dx = x[start:start + BLOCK, None] - x[None, :]
            dy = y[start:start + BLOCK, None] - y[None, :]
            force = np.float32(k * k) / np.maximum(dx * dx + dy * dy, np.float32(1e-6))
            shift[start:start + BLOCK, 0] += (dx * force).sum(axis=1)
            shift[start:start + BLOCK, 1] += (dy * force).sum(axis=1)
        if len(i):  # attraction d²/k along every line
            delta = pos[i] - pos[j]
            distance = np.sqrt(np.maximum((delta ** 2).sum(axis=1), 1e-12))
            pull = delta * (distance * weights / k)[:, None]
            np.add.at(shift, i, -pull)
            np.add.at(shift, j, pull)
        shift -= pos * (0.4 * k * math.sqrt(n))  # gravity towards the middle
        length = np.sqrt(np.maximum((shift ** 2).sum(axis=1), 1e-12))
        pos += shift * (np.minimum(length, step) / length)[:, None]
        if fixed is not None:
            pos[fixed] = 0.0
        step -= cool
    return pos


def _landscape(pos, n: int, fixed: int | None):
    """Turn the long side across, centre (unless a node is fixed at the middle) and stretch to the box."""
    import numpy as np

    centre = np.zeros(2) if fixed is not None else pos.mean(axis=0)
    pos = pos - centre
    if n > 2:
        _, vectors = np.linalg.eigh(np.cov(pos.T))
        axis = vectors[:, -1] * (1 if vectors[0, -1] >= 0 else -1)  # a sign fixed by rule, not by chance
        pos = pos @ np.array([[axis[0], -axis[1]], [axis[1], axis[0]]])
    height = max(SPACING * math.sqrt(n / ASPECT), MIN_HEIGHT)
    width = height * ASPECT
    if fixed is None:
        pos = pos - (pos.max(axis=0) + pos.min(axis=0)) / 2
    # each side of the middle stretched to the box's edge: a focus off-centre in its cloud still fills the window
    upper = np.maximum(pos.max(axis=0), 1e-9)
    lower = np.maximum(-pos.min(axis=0), 1e-9)
    half = np.array([width / 2, height / 2])
    return np.where(pos >= 0, pos * half / upper, pos * half / lower)


def _untangle(pos, boxes, fixed: int | None, rounds: int = 80):
    """Push apart nodes whose boxes (node and label below it, canvas units) overlap, along the cheaper axis."""
    import numpy as np

    n = len(pos)
    half = boxes[:, :2] / 2
    pos = pos + boxes[:, 2:]  # the middle of each box, below the node's own middle
    movable = np.ones(n)
    if fixed is not None:
        movable[fixed] = 0.0
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        overlap = half[:, None, :] + half[None, :, :] + 4 - np.abs(delta)
        clash = (overlap[:, :, 0] > 0) & (overlap[:, :, 1] > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        axis = (overlap[:, :, 1] < overlap[:, :, 0]).astype(int)  # 1: moving vertically is cheaper
        amount = np.where(axis == 1, overlap[:, :, 1], overlap[:, :, 0]) * clash
        direction = np.where(delta >= 0, 1.0, -1.0)
        # ties of direction (equal coordinates) are broken by index, so that the result is fixed
        order = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]).astype(float)
        direction = np.where(delta == 0, order[:, :, None], direction)
        share = movable[:, None] / np.maximum(movable[:, None] + movable[None, :], 1)
        push = np.zeros_like(pos)
        push[:, 0] = (amount * share * direction[:, :, 0] * (axis == 0)).sum(axis=1)
        push[:, 1] = (amount * share * direction[:, :, 1] * (axis == 1)).sum(axis=1)
        pos = pos + push * 0.6
    return pos - boxes[:, 2:]


def positions(nodes: list[str], lines: list[tuple[str, str, float]], labels: dict[str, str] | None = None,
              sizes: dict[str, float] | None = None, focus: str | None = None, seed: int = SEED) -> dict[str, tuple]:
    """Canvas positions (x, y) for ``nodes``, pulled together by ``lines`` (a, b, weight); ``focus`` at (0, 0).

    The same nodes, lines and seed give the same positions, rounded to a tenth.
    ``labels`` and ``sizes`` (node radius, canvas units) let nodes be pushed apart
    until no label overlaps another (for views of up to 600 actors: beyond, labels are
    too small to read until one zooms in, and the check would cost more than it gives).
    """
    import numpy as np

    nodes = list(nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    fixed = index.get(focus) if focus is not None else None
    pairs = [(index[a], index[b], w) for a, b, w in lines if a in index and b in index and a != b]
    ends = (np.array([p[0] for p in pairs], dtype=int), np.array([p[1] for p in pairs], dtype=int))
    weights = np.array([p[2] for p in pairs], dtype=float)
    iterations = 120 if n <= 300 else 60 if n <= 1000 else 40
    pos = _spring(n, ends, weights, fixed, seed, iterations) if n > 1 else np.zeros((1, 2))
    pos = _landscape(pos, n, fixed) if n > 1 else pos
    if 1 < n <= 600:
        labels, sizes = labels or {}, sizes or {}
        boxes = []
        for node in nodes:  # vis-network writes a label under its node: the box spans both
            size, text = sizes.get(node, 12), labels.get(node, node)
            below = 4 + FONT * 1.25
            boxes.append([max(2 * size, CHAR_WIDTH * FONT * len(text)), 2 * size + below, 0.0, below / 2])
        pos = _untangle(pos, np.array(boxes), fixed)
    if fixed is not None:
        pos[fixed] = 0.0
    return {node: (round(float(x), 1) + 0.0, round(float(y), 1) + 0.0) for node, (x, y) in zip(nodes, pos)}
