"""One renderer for every listing command: aligned tables for people, CSV/TSV/JSON for scripts."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Sequence

FORMATS = ("table", "csv", "tsv", "json")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return " ".join(str(value).split())


def table(rows: Sequence[dict], columns: Sequence[str], max_width: int = 60) -> str:
    """An aligned plain-text table; long cells are cut with an ellipsis."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def delimited(rows: Iterable[dict], columns: Sequence[str], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue().rstrip("\n")


def render(rows: Sequence[dict], columns: Sequence[str], fmt: str = "table", json_value: Any = None) -> str:
    """Render rows in one of FORMATS; ``json_value`` replaces the rows for JSON when given."""
    if fmt == "json":
        return json.dumps(json_value if json_value is not None else list(rows), indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        return delimited(rows, columns, ",")
    if fmt == "tsv":
        return delimited(rows, columns, "\t")
    return table(rows, columns)
