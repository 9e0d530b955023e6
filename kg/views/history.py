"""The view of every day in the data, merged into dated lines: what the page's date slider shows.

The page carries, for each line and each actor, the days on which the view holds it,
so that moving the slider to a day shows exactly what ``kg export html --as-of DAY``
would draw, without a new export. The days are those on which something changes: a
claim's date, a membership's beginning or end. The view is also made from
statements only and from actions only (the page's filter by kind), so each line
says on which days it holds for each kind.

A line is an edge group of ``kg.views.drawing.edge_groups`` (two actors, a kind, a
sign); its *members* are the edges it stands for, each as it is on the days it
holds: an alignment whose evidence changes is a new member from that day on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = (None, "statement", "action")  # the whole view, then the views of one kind of position


@dataclass
class Member:
    """One edge of a line, as it is on the days it holds (by kind: "" for the whole view)."""

    relation: str
    weight: float
    evidence: list[dict]
    issue: str | None = None  # an alignment's issue
    kind: str | None = None  # a stance's position kind (statement, action)
    days: dict[str, set[int]] = field(default_factory=dict)


@dataclass
class Line:
    """What the page draws as one line: its two ends, kind, sign (a stance for stance lines) and members."""

    source: str
    target: str
    kind: str  # tie, alignment or stance
    sign: int
    stance: str | None = None
    members: dict[tuple, Member] = field(default_factory=dict)


@dataclass
class History:
    """The views of a page's days (the last is the export's own, ``None`` for all dates) and what they draw."""

    days: list[str | None]
    kinds: tuple
    nodes: dict[str, dict]  # node -> its attributes
    node_days: dict[str, dict[str, set[int]]]  # node -> kind key -> days on which it is in the view
    lines: dict[tuple, Line]
    final: object = None  # the export's own view (the whole view, last day)


def key(kind: str | None) -> str:
    return kind or ""


def breakpoints(data, as_of: str | None) -> list[str | None]:
    """The days on which the view may change, up to ``as_of``, then ``as_of`` itself (None: all dates)."""
    days = {p.date for p in data.positions} | {t["date"] for t in data.ties} | {t["end"] for t in data.ties if t["end"]}
    return sorted(d for d in days if as_of is None or d < as_of) + [as_of]


def collect(data, focus: str | None = None, depth: int = 1, issue: str | None = None, as_of: str | None = None,
            kinds=KINDS) -> History:
    """The views of every breakpoint day, for each kind in ``kinds``, merged into dated nodes and lines.

    ``data`` is ``kg.analysis.network.inputs(store)``; ``focus`` an actor IRI, ``issue``
    a notation (alignment on it and narrower issues, and every actor's stance on it).
    """
    from kg.analysis import network
    from kg.views import drawing

    def view(day, kind):
        graph = network.build(data, day, [issue] if issue else None, kind)
        if focus is not None:
            return drawing.focus_view(graph, focus, depth) if focus in graph else graph.__class__(**graph.graph)
        return graph

    days = breakpoints(data, as_of)
    # the slider starts on the first day on which the view holds a line
    first = next((i for i, day in enumerate(days) if view(day, None).number_of_edges()), len(days) - 1)
    days = days[first:]
    history = History(days, tuple(kinds), {}, {}, {})
    for kind in kinds:
        for index, day in enumerate(days):
            graph = view(day, kind)
            if kind is None and index == len(days) - 1:
                history.final = graph
            _add_view(history, graph, key(kind), index)
            if issue:
                _add_stances(history, data.stances(day, kind), graph, issue, key(kind), index)
    return history


def _add_view(history: History, graph, kind: str, index: int) -> None:
    from kg.views import drawing

    for node, attrs in graph.nodes(data=True):
        history.nodes.setdefault(node, dict(attrs))
        history.node_days.setdefault(node, {}).setdefault(kind, set()).add(index)
    for (u, v, line_kind, sign), group in drawing.edge_groups(graph).items():
        line = history.lines.setdefault((u, v, line_kind, sign), Line(u, v, line_kind, sign))
        for edge in group:
            claims = tuple(str(e.get("claim")) for e in edge.get("evidence") or [])
            ident = (edge.get("relation"), edge.get("issue"), round(float(edge.get("weight", 1) or 0), 9), claims)
            member = line.members.setdefault(ident, Member(
                str(edge.get("relation") or line_kind), float(edge.get("weight", 1) or 0),
                list(edge.get("evidence") or []), edge.get("issue")))
            member.days.setdefault(kind, set()).add(index)


def _add_stances(history: History, held, graph, issue: str, kind: str, index: int) -> None:
    """Each actor's latest statement and action on the issue, as lines to the issue's node."""
    node = f"issue/{issue}"
    history.nodes.setdefault(node, {"label": held.scheme.label(issue), "type": "issue"})
    history.node_days.setdefault(node, {}).setdefault(kind, set()).add(index)
    for actor in sorted(graph.nodes):
        for p in held.current(actor, issue):
            line = history.lines.setdefault((actor, node, "stance", p.stance),
                                            Line(actor, node, "stance", 0, stance=p.stance))
            member = line.members.setdefault((p.claim, p.kind), Member(
                f"its latest {p.kind}", 1.0, [p.evidence()], issue, p.kind))
            member.days.setdefault(kind, set()).add(index)


def ranges(days: set[int]) -> list[int]:
    """Sorted day indices as flat [start, end) pairs: {0, 1, 2, 5} gives [0, 3, 5, 6]."""
    out: list[int] = []
    for day in sorted(days):
        if out and out[-1] == day:
            out[-1] = day + 1
        else:
            out += [day, day + 1]
    return out


def presence(days: dict[str, set[int]], kinds) -> list[int] | dict[str, list[int]]:
    """The days of a node or member for the page: one list when every kind agrees, else one per kind."""
    per_kind = {key(k): ranges(days.get(key(k), set())) for k in kinds}
    values = list(per_kind.values())
    if all(v == values[0] for v in values):
        return values[0]
    return {k: v for k, v in per_kind.items() if v}
