"""Views of vote-based alignment: rows for the renderer, JSON, and a heatmap image.

The heatmap is written as SVG by this module itself (no plotting library needed);
PNG needs matplotlib, which is imported only then. Files are written atomically.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

from kg.atomic import write_atomic
from kg.errors import UsageError
from kg.unga import METRICS
from kg.unga.analysis import Matrix

PAIR_COLUMNS = ["a", "b", "votes", *METRICS, "same", "opposite", "one_abstains"]


def _value(x: float) -> float | None:
    return None if math.isnan(x) else round(float(x), 4)


def matrix_rows(result: Matrix) -> tuple[list[dict], list[str]]:
    """One row per actor, one column per actor: the metric, blank where undefined."""
    columns = ["actor", *result.labels]
    rows = []
    for i, label in enumerate(result.labels):
        row = {"actor": label}
        for j, other in enumerate(result.labels):
            row[other] = _value(result.values[i, j])
        rows.append(row)
    return rows, columns


def matrix_json(result: Matrix) -> dict:
    return {
        "metric": result.metric,
        "actors": [{"id": i, "label": label} for i, label in zip(result.ids, result.labels)],
        "values": [[_value(v) for v in row] for row in result.values],
        "votes": result.votes.tolist(),
        "period": result.period,
        "coverage": result.coverage,
        **({"seats": result.seats} if result.seats else {}),
    }


def _low(metric: str) -> float:
    return -1.0 if metric in ("s-score", "kappa", "pi") else 0.0


def similarity_order(result: Matrix) -> list[int]:
    """The actors in an order that puts similar ones side by side: the leaves of an average-linkage clustering.

    The distance between two actors is 1 − the metric (no common vote: the largest
    distance); the leaves are ordered optimally (scipy's optimal leaf ordering), so
    that blocs form blocks along the diagonal.
    """
    import numpy as np

    n = len(result.labels)
    if n < 3:
        return list(range(n))
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import squareform

    distance = 1.0 - np.nan_to_num(np.asarray(result.values, dtype=float), nan=_low(result.metric))
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    condensed = squareform(np.clip(distance, 0.0, None), checks=False)
    tree = hierarchy.optimal_leaf_ordering(hierarchy.linkage(condensed, method="average"), condensed)
    return [int(i) for i in hierarchy.leaves_list(tree)]


def _colour(value: float, low: float) -> str:
    """White (0 on a 0 … 1 scale) to dark blue (1); on a −1 … 1 scale dark red (−1), white (0), dark blue (1);
    grey where undefined."""
    if math.isnan(value):
        return "#bdbdbd"
    end = (8, 48, 107)
    if low < 0 and value < 0:
        value, end = -value, (103, 0, 13)
    t = min(max(value, 0.0), 1.0)
    r, g, b = (int(255 + (c - 255) * t) for c in end)
    return f"#{r:02x}{g:02x}{b:02x}"


def _ink(value: float, low: float) -> str:
    """The colour of a value written on its cell: white on dark cells."""
    return "#ffffff" if not math.isnan(value) and abs(value) > 0.6 else "#000000"


def _title(result: Matrix) -> str:
    return f"{result.metric} in UN General Assembly votes, {result.period or 'in the whole record'}"


def heatmap_svg(result: Matrix) -> str:
    """The matrix as an SVG heatmap: ordered by similarity, with a title, a colour bar and (up to 30) values."""
    order = similarity_order(result)
    labels = [result.labels[i] for i in order]
    n, low = len(labels), _low(result.metric)
    cell = 44 if n <= 8 else 28 if n <= 30 else 12
    font = 12 if n <= 30 else 9
    margin = 10 + int(font * 0.62 * max([len(label) for label in labels] + [4]))
    top = 64 + margin  # title lines, then the column labels
    grid = n * cell
    bar_x = margin + grid + 24
    title = _title(result)
    subtitle = (f"{n} states and blocs, ordered by similarity (average-linkage clustering); "
                "grey: no common vote")
    if result.seats:
        subtitle += "; seats followed: " + ", ".join(f"{s['actor']} ({s['seat']})" for s in result.seats)
    width = max(bar_x + 70, 20 + int(7.6 * len(title)), 20 + int(6.2 * len(subtitle)))
    height = top + max(grid, 160) + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="{font}">',
        f'<title>{escape(title)}</title>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="10" y="22" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<text x="10" y="42" font-size="11" fill="#444444">{escape(subtitle)}</text>',
    ]
    for a, i in enumerate(order):
        y = top + a * cell
        parts.append(f'<text x="{margin - 4}" y="{y + cell / 2 + font / 3:.1f}" text-anchor="end">{escape(labels[a])}</text>')
        parts.append(f'<text transform="translate({margin + a * cell + cell / 2 + font / 3:.1f},{top - 4}) rotate(-90)">'
                     f'{escape(labels[a])}</text>')
        for b, j in enumerate(order):
            value = float(result.values[i, j])
            shown = "no common vote" if math.isnan(value) else f"{value:.3f}"
            tip = f"{labels[a]} – {labels[b]}: {shown} ({int(result.votes[i, j])} common votes)"
            x = margin + b * cell
            outline = ' stroke="#ffffff" stroke-width="0.5"' if n <= 30 else ""  # small cells stay solid
            parts.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{_colour(value, low)}"'
                         f'{outline}><title>{escape(tip)}</title></rect>')
            if n <= 30 and not math.isnan(value):
                parts.append(f'<text x="{x + cell / 2}" y="{y + cell / 2 + font / 3:.1f}" text-anchor="middle" '
                             f'font-size="{font - 2 if n > 8 else font}" fill="{_ink(value, low)}">{value:.2f}</text>')
    parts += _colour_bar(bar_x, top, max(grid, 160), low, result.metric)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _colour_bar(x: int, top: int, height: int, low: float, metric: str) -> list[str]:
    """A vertical colour bar from ``low`` (bottom) to 1 (top), with its values."""
    steps = 40
    parts = [f'<text x="{x}" y="{top - 8}" font-size="11">{escape(metric)}</text>']
    for k in range(steps):
        value = 1 - (1 - low) * (k + 0.5) / steps
        parts.append(f'<rect x="{x}" y="{top + k * height / steps:.1f}" width="16" height="{height / steps + 0.5:.1f}" '
                     f'fill="{_colour(value, low)}"/>')
    parts.append(f'<rect x="{x}" y="{top}" width="16" height="{height}" fill="none" stroke="#666666"/>')
    ticks = [1.0, 0.5, 0.0, -0.5, -1.0] if low < 0 else [1.0, 0.75, 0.5, 0.25, 0.0]
    for value in ticks:
        y = top + (1 - value) / (1 - low) * height
        parts.append(f'<line x1="{x + 16}" y1="{y:.1f}" x2="{x + 20}" y2="{y:.1f}" stroke="#666666"/>')
        parts.append(f'<text x="{x + 23}" y="{y + 4:.1f}" font-size="11">{value:g}</text>')
    return parts


def heatmap(result: Matrix, path: Path) -> Path:
    """Write the matrix as a heatmap image; the suffix chooses SVG or PNG."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise UsageError(f"{path}: write the heatmap as .svg or .png")

    def produce(out) -> None:
        if suffix == ".svg":
            out.write(heatmap_svg(result).encode("utf-8"))
        else:
            _png(result, out)

    write_atomic(path, produce)
    return path


def _png(result: Matrix, out) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise UsageError("a PNG heatmap needs matplotlib ('pip install matplotlib'); or write .svg") from None
    order = similarity_order(result)
    labels = [result.labels[i] for i in order]
    n, low = len(labels), _low(result.metric)
    fig, ax = plt.subplots(figsize=(max(6, n * 0.18), max(6, n * 0.18)))
    values = result.values[order][:, order]
    image = ax.imshow(values, cmap="RdBu" if low < 0 else "Blues", vmin=low, vmax=1)
    ax.set_xticks(range(n), labels, rotation=90, fontsize=6 if n > 30 else 9)
    ax.set_yticks(range(n), labels, fontsize=6 if n > 30 else 9)
    if n <= 30:
        for a in range(n):
            for b in range(n):
                if not math.isnan(values[a, b]):
                    ax.text(b, a, f"{values[a, b]:.2f}", ha="center", va="center", fontsize=7,
                            color="white" if abs(values[a, b]) > 0.6 else "black")
    ax.set_title(_title(result), fontsize=10)
    fig.colorbar(image, ax=ax, label=result.metric)
    fig.tight_layout()
    fig.savefig(out, format="png", dpi=150)
    plt.close(fig)
