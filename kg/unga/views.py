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
    }


def _colour(value: float, low: float) -> str:
    """White (low) to dark blue (1); grey where undefined."""
    if math.isnan(value):
        return "#dddddd"
    t = min(max((value - low) / (1 - low), 0.0), 1.0) if low < 1 else 1.0
    r, g, b = (int(255 + (c - 255) * t) for c in (8, 48, 107))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap_svg(result: Matrix, cell: int = 12) -> str:
    n = len(result.labels)
    low = -1.0 if result.metric in ("s-score", "kappa") else 0.0
    margin = 8 + 6 * max([len(label) for label in result.labels] + [4])
    size = margin + n * cell + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size + 20}" font-family="sans-serif" font-size="{cell - 3}">',
        f'<title>{escape(result.metric)} between {n} actors in UN General Assembly votes</title>',
        f'<text x="4" y="{size + 14}" font-size="11">{escape(result.metric)}: white {low:g} … dark blue 1; grey: no common vote</text>',
    ]
    for i, label in enumerate(result.labels):
        y = margin + i * cell
        parts.append(f'<text x="{margin - 4}" y="{y + cell - 3}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<text transform="translate({margin + i * cell + cell - 3},{margin - 4}) rotate(-90)">{escape(label)}</text>')
        for j in range(n):
            value = float(result.values[i, j])
            tip = f"{label} – {result.labels[j]}: " + ("no common vote" if math.isnan(value) else f"{value:.3f}")
            parts.append(f'<rect x="{margin + j * cell}" y="{y}" width="{cell}" height="{cell}" '
                         f'fill="{_colour(value, low)}"><title>{escape(tip)}</title></rect>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


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
    n = len(result.labels)
    fig, ax = plt.subplots(figsize=(max(6, n * 0.18), max(6, n * 0.18)))
    low = -1.0 if result.metric in ("s-score", "kappa") else 0.0
    image = ax.imshow(result.values, cmap="Blues", vmin=low, vmax=1)
    ax.set_xticks(range(n), result.labels, rotation=90, fontsize=6)
    ax.set_yticks(range(n), result.labels, fontsize=6)
    fig.colorbar(image, ax=ax, label=result.metric)
    fig.tight_layout()
    fig.savefig(out, format="png", dpi=150)
    plt.close(fig)
