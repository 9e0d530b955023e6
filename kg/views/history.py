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

import bisect
from dataclasses import dataclass, field

from kg.terms.dates import known_from

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


MAX_DAYS = 80
WORK = 400_000  # claims times days: a large graph gets fewer days, so that its page stays light and quick


def breakpoints(data, as_of: str | None) -> list[str | None]:
    """The days on which the view may change, up to ``as_of``, then ``as_of`` itself (None: all dates).

    With more of them than the page can carry (``MAX_DAYS``, fewer for a graph of many
    claims), the last day of each month on which something changes stands for the month,
    then that of each year for the year, then every n-th of those: each day shown is still
    exactly the view as of that day, the slider just skips the days between.
    """
    # a claim dated to a month or year counts from the end of its period or its document (dates.counts_by)
    days = ({known_from(p.date, p.precision, p.reported) for p in data.positions}
            | {known_from(t["date"], t["precision"], t.get("reported")) for t in data.ties}
            | {t["end"] for t in data.ties if t["end"]})
    days = sorted(d for d in days if as_of is None or d < as_of)
    most = max(12, min(MAX_DAYS, WORK // max(len(data.ties) + len(data.positions), 1)))
    for width in (7, 4):  # YYYY-MM, then YYYY
        if len(days) <= most:
            break
        days = sorted({d[:width]: d for d in days}.values())
    if len(days) > most:
        step = len(days) / most
        days = [days[min(len(days) - 1, round(len(days) - 1 - i * step))] for i in range(most)][::-1]
    return days + [as_of]


def collect(data, focus: str | None = None, depth: int = 1, issue: str | None = None, as_of: str | None = None,
            kinds=KINDS, final=None) -> History:
    """The views of every breakpoint day, for each kind in ``kinds``, merged into dated nodes and lines.

    ``data`` is ``kg.analysis.network.inputs(store)``; ``focus`` an actor IRI, ``issue``
    a notation (alignment on it and narrower issues, and every actor's stance on it);
    ``final`` the view of ``as_of`` of every kind, when the caller made it already.
    """
    from kg.analysis import network
    from kg.views import drawing

    made = {} if final is None else {(as_of, None): final}  # each view made once (a network build takes 0.4 s at scale)

    def view(day, kind):
        if (day, kind) not in made:
            graph = network.build(data, day, [issue] if issue else None, kind, around=focus if depth == 1 else None)
            if focus is not None:
                graph = drawing.focus_view(graph, focus, depth) if focus in graph else graph.__class__(**graph.graph)
            made[(day, kind)] = graph
        return made[(day, kind)]

    days = breakpoints(data, as_of)
    # the slider starts on the first day on which the view holds a line
    first = next((i for i, day in enumerate(days) if view(day, None).number_of_edges()), len(days) - 1)
    days = days[first:]
    history = History(days, tuple(kinds), {}, {}, {})
    ties: dict[int, list] = {}  # the whole view's ties of each day: the same in the view of one kind
    for kind in kinds:
        changed = _changes(data, days, kind)
        graph = None
        for index, day in enumerate(days):
            if graph is not None and not changed[index] and index < len(days) - 1:
                pass  # nothing of this kind starts or stops counting since the day before: the same view
            elif kind is not None and focus is None:
                graph = network.build(data, day, [issue] if issue else None, kind, ties=False)
            else:
                graph = view(day, kind)
            if kind is not None and focus is None:
                _add_ties(history, ties[index], key(kind), index)
            if kind is None and index == len(days) - 1:
                history.final = graph
            found = _add_view(history, graph, key(kind), index)
            if kind is None:
                ties[index] = found
            if issue:
                _add_stances(history, data.stances(day, kind), graph, issue, key(kind), index)
    return history


def _changes(data, days: list, kind: str | None) -> list[bool]:
    """For each day, whether a position of ``kind`` (any, for None) or a tie starts or stops counting since the day
    before: on the other days the view is the one of the day before, and is not made again."""
    held = [p for p in data.positions if kind is None or p.kind == kind]
    moments = sorted([known_from(p.date, p.precision, p.reported) for p in held]
                     + [known_from(t["date"], t["precision"], t.get("reported")) for t in data.ties]
                     + [t["end"] for t in data.ties if t["end"]])
    changed, previous = [], None
    for day in days:
        after = bisect.bisect_right(moments, previous) if previous is not None else 0  # the first moment after it
        changed.append(previous is None or (after < len(moments) and (day is None or moments[after] <= day)))
        previous = day
    return changed


def _add_ties(history: History, ties: list, kind: str, index: int) -> None:
    for group, ident in ties:
        history.lines[group].members[ident].days.setdefault(kind, set()).add(index)
        for node in group[:2]:
            history.node_days[node].setdefault(kind, set()).add(index)


def _add_view(history: History, graph, kind: str, index: int) -> list:
    """Record the nodes and edges of one day's view, the edges grouped into lines as ``edge_groups`` does;
    return the ties, as (line, member)."""
    ties = []
    for node, attrs in graph.nodes(data=True):
        if node not in history.nodes:
            history.nodes[node] = dict(attrs)
        history.node_days.setdefault(node, {}).setdefault(kind, set()).add(index)
    lines = history.lines
    for u, v, key, edge in graph.edges(keys=True, data=True):
        line_kind, sign = edge.get("kind") or "", edge.get("sign", 0)
        group = (u, v, line_kind, sign) if line_kind == "tie" or u <= v else (v, u, line_kind, sign)
        line = lines.get(group)
        if line is None:
            line = lines[group] = Line(*group)
        # a tie claim is the same edge every day; an alignment is the same while its evidence is
        ident = key if line_kind == "tie" else (key, edge.get("weight"), tuple(e.get("claim") for e in edge.get("evidence") or []))
        member = line.members.get(ident)
        if member is None:
            member = line.members[ident] = Member(str(edge.get("relation") or line_kind), float(edge.get("weight", 1) or 0),
                                                  list(edge.get("evidence") or []), edge.get("issue"))
        member.days.setdefault(kind, set()).add(index)
        if line_kind == "tie":
            ties.append((group, ident))
    return ties


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
