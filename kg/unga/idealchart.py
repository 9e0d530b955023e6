"""A line chart of ideal points over the sessions, each line with its band of ±1.96 standard errors, as SVG.

Written by this module itself (no plotting library): one line per state or bloc, its
band shaded behind it, sessions along the bottom with their years, the scale up the
side, a title, and a legend beside the plot wide enough for the longest name.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

from kg.atomic import write_atomic
from kg.errors import UsageError

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
           "#bcbd22"]
_CHAR = 7.0  # width of a character at font-size 12, generous so that no label is clipped


def _ticks(low: float, high: float, count: int = 6) -> list[float]:
    step = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(step)) if step > 0 else 1
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= step), default=magnitude)
    first = math.ceil(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]


def svg(rows: list[dict], title: str) -> str:
    """The chart of ``rows`` (actor, session, year, ideal_point, low, high), one line per actor."""
    actors = list(dict.fromkeys(r["actor"] for r in rows))
    if not actors:
        raise UsageError("no ideal points to draw: the selection holds no state that voted", param="chart")
    sessions = [r["session"] for r in rows]
    first, last = min(sessions), max(sessions)
    low = min(r["low"] for r in rows)
    high = max(r["high"] for r in rows)
    pad = (high - low) * 0.05 or 0.5
    low, high = low - pad, high + pad
    legend = 40 + _CHAR * max(len(a) for a in actors)
    left, top, width, height = 60, 46, 720, 360
    total_w, total_h = left + width + 20 + legend, top + height + 60

    def x(session: float) -> float:
        return left + (session - first) / max(last - first, 1) * width

    def y(value: float) -> float:
        return top + (high - value) / (high - low) * height

    years = {r["session"]: r["year"] for r in rows}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w:.0f}" height="{total_h:.0f}" '
           f'viewBox="0 0 {total_w:.0f} {total_h:.0f}" font-family="sans-serif" font-size="12">',
           f'<title>{escape(title)}</title>',
           f'<rect width="{total_w:.0f}" height="{total_h:.0f}" fill="white"/>',
           f'<text x="{left}" y="24" font-size="15" font-weight="bold">{escape(title)}</text>',
           f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" stroke="#999"/>']
    for tick in _ticks(low, high):
        out.append(f'<line x1="{left}" x2="{left + width}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
    step = max(1, math.ceil((last - first + 1) / 12))
    for s in range(first, last + 1, step):
        out.append(f'<line x1="{x(s):.1f}" x2="{x(s):.1f}" y1="{top + height}" y2="{top + height + 4}" stroke="#999"/>')
        label = f"{s}" + (f" ({years[s]})" if s in years else "")
        out.append(f'<text x="{x(s):.1f}" y="{top + height + 18}" text-anchor="middle" font-size="10">{escape(label)}</text>')
    out.append(f'<text x="{left + width / 2}" y="{top + height + 40}" text-anchor="middle">'
               'UN General Assembly session (year it opened)</text>')
    out.append(f'<text transform="translate(16,{top + height / 2}) rotate(-90)" text-anchor="middle">'
               'ideal point (positive: the side of the United States)</text>')
    for n, actor in enumerate(actors):
        colour = COLOURS[n % len(COLOURS)]
        mine = sorted((r for r in rows if r["actor"] == actor), key=lambda r: r["session"])
        for run in _runs(mine):
            band = [f"{x(r['session']):.1f},{y(r['high']):.1f}" for r in run]
            band += [f"{x(r['session']):.1f},{y(r['low']):.1f}" for r in reversed(run)]
            out.append(f'<polygon points="{" ".join(band)}" fill="{colour}" fill-opacity="0.18" stroke="none"/>')
            line = " ".join(f"{x(r['session']):.1f},{y(r['ideal_point']):.1f}" for r in run)
            out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for r in mine:
            tip = f"{actor}, session {r['session']}: {r['ideal_point']:.2f} ({r['low']:.2f} to {r['high']:.2f})"
            out.append(f'<circle cx="{x(r["session"]):.1f}" cy="{y(r["ideal_point"]):.1f}" r="2.2" fill="{colour}">'
                       f'<title>{escape(tip)}</title></circle>')
        ly = top + 10 + n * 20
        lx = left + width + 20
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="14" height="10" fill="{colour}" fill-opacity="0.5"/>')
        out.append(f'<text x="{lx + 20}" y="{ly}">{escape(actor)}</text>')
    note_y = top + 10 + len(actors) * 20 + 6
    out.append(f'<text x="{left + width + 20}" y="{note_y}" font-size="10" fill="#555">bands: ±1.96 s.e.</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _runs(rows: list[dict]) -> list[list[dict]]:
    """Consecutive sessions together: a line breaks where a state cast no vote for a session or more."""
    runs: list[list[dict]] = []
    for r in rows:
        if runs and r["session"] == runs[-1][-1]["session"] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


def chart(rows: list[dict], path: Path, title: str) -> Path:
    """Write the chart as SVG to ``path`` (atomically)."""
    path = Path(path)
    if path.suffix.lower() != ".svg" and str(path) != "-":
        raise UsageError(f"{path}: write the chart as .svg", param="chart")
    text = svg(rows, title)
    write_atomic(path, lambda out: out.write(text.encode("utf-8")))
    return path
