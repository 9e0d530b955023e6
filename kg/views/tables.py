"""One renderer for every listing command: aligned tables for people, CSV/TSV/JSON for scripts.

A table printed to a terminal fits its width (or ``$COLUMNS`` when set): the widest
text columns are narrowed first, none below its heading or MIN_CELL characters, and
their text wraps onto more lines, so that no word of a quote is lost. Printed
elsewhere (a pipe, a file) without ``$COLUMNS``, every row is one line with whole
cells. An IRI is never wrapped, and is printed so that it can be pasted back into a
query as printed: a prefixed name
(``sa:Ally``) when its local part is a valid SPARQL local name, else the full IRI in
angle brackets (a ``/`` may not stand unescaped in a local name, and not every
SPARQL engine reads the escaped form). ``full`` prints every row on one line, whole.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

FORMATS = ("table", "csv", "tsv", "json")
MIN_CELL = 10  # a narrowed column keeps at least this many characters (a whole date)
GAP = "  "


class Iri(str):
    """An IRI among a row's values: printed in a form a query accepts, and never cut."""


# SPARQL 1.1 PN_LOCAL without escapes (PLX): what may follow a prefix unescaped
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_CHARS_BASE + "_\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_LOCAL = re.compile(f"[{_PN_CHARS_BASE}_:0-9](?:[{_PN_CHARS}.:]*[{_PN_CHARS}:])?")


def iri_text(iri: str, prefixes: dict[str, str] | None = None) -> str:
    """An IRI as SPARQL reads it: a prefixed name where its local part allows, else ``<iri>``."""
    if prefixes is None:
        from kg.terms.vocab import PREFIXES as prefixes
    best = max((p for p, ns in prefixes.items() if iri.startswith(str(ns))), key=lambda p: len(str(prefixes[p])), default=None)
    if best is not None:
        local = iri[len(str(prefixes[best])):]
        if local == "" or _PN_LOCAL.fullmatch(local):
            return f"{best}:{local}"
    return f"<{iri}>"


def terminal_width() -> int | None:
    """The width a table must fit: $COLUMNS when set, else the terminal's; None when printing elsewhere."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Iri):
        return iri_text(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return " ".join(str(value).split())


def fit(widths: Sequence[int], floors: Sequence[int], budget: int) -> list[int]:
    """Column widths that sum to at most ``budget``, narrowing the widest first and none below its floor.

    All columns wider than some level are narrowed to that level (the highest that fits,
    the characters left over going to the first of them); when even the floors do not
    fit, every column stands at its floor and the table is wider than the budget.
    """
    def at(level: int) -> list[int]:
        return [max(f, min(w, level)) for w, f in zip(widths, floors)]

    if sum(widths) <= budget:
        return list(widths)
    low, high = 0, max(widths)  # the sum at level `high` exceeds the budget
    while low + 1 < high:
        middle = (low + high) // 2
        low, high = (middle, high) if sum(at(middle)) <= budget else (low, middle)
    out = at(low)
    spare = budget - sum(out)
    for i, (w, f) in enumerate(zip(widths, floors)):
        if spare <= 0:
            break
        if out[i] < w and out[i] >= f:
            out[i] += 1
            spare -= 1
    return out


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def table(rows: Sequence[dict], columns: Sequence[str], width: int | None = None, full: bool = False) -> str:
    """An aligned plain-text table; fitted to ``width`` (default: the terminal's) by wrapping text, unless ``full``."""
    values = [[row.get(c) for c in columns] for row in rows]
    cells = [[_cell(v) for v in row] for row in values]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    width = None if full else (terminal_width() if width is None else width)
    if width is not None:
        floors = []
        for i, column in enumerate(columns):
            longest_iri = max([len(r[i]) for r, v in zip(cells, values) if isinstance(v[i], Iri)], default=0)
            floors.append(max(min(widths[i], max(len(column), MIN_CELL)), longest_iri))
        widths = fit(widths, floors, width - len(GAP) * (len(columns) - 1))
    lines = [GAP.join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append(GAP.join("-" * w for w in widths))
    for row in cells:
        wrapped = [_wrap(c, w) for c, w in zip(row, widths)]
        for k in range(max(len(parts) for parts in wrapped)):
            lines.append(GAP.join((parts[k] if k < len(parts) else "").ljust(w) for parts, w in zip(wrapped, widths)).rstrip())
    return "\n".join(lines)


def delimited(rows: Iterable[dict], columns: Sequence[str], delimiter: str) -> str:
    """Rows as CSV or TSV with a heading line; IRIs in full, cells whole."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([str(v) if isinstance(v, Iri) else _cell(v) for v in (row.get(c) for c in columns)])
    return out.getvalue().rstrip("\n")


def render(rows: Sequence[dict], columns: Sequence[str], fmt: str = "table", json_value: Any = None,
           full: bool = False) -> str:
    """Rows in one of FORMATS; ``json_value`` replaces the rows for JSON when given; ``full``: whole table cells."""
    if fmt == "json":
        return json.dumps(json_value if json_value is not None else list(rows), indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        return delimited(rows, columns, ",")
    if fmt == "tsv":
        return delimited(rows, columns, "\t")
    return table(rows, columns, full=full)


def query_result(result, fmt: str = "table", full: bool = False) -> str:
    """A query's result: rows for SELECT (SPARQL 1.1 JSON results as ``json``), true or false for ASK,
    Turtle for the graph of a CONSTRUCT or DESCRIBE (in no other format)."""
    from kg.catalogue import results
    from kg.errors import UsageError, named

    if not isinstance(result, (bool, results.SelectResult)):
        if fmt != "table":
            raise UsageError(f"a CONSTRUCT or DESCRIBE query gives a graph, printed as Turtle; leave out {named('fmt')} {fmt}",
                             param="fmt")
        return results.turtle(result).rstrip("\n")
    if fmt == "json":
        return json.dumps(results.sparql_json(result), indent=2, ensure_ascii=False)
    if isinstance(result, bool):
        return "true" if result else "false"
    from rdflib import URIRef

    rows = [{v: Iri(t) if isinstance(t, URIRef) else results.cell(t) for v, t in zip(result.variables, row)}
            for row in result.rows]
    return render(rows, result.variables, fmt, full=full)
