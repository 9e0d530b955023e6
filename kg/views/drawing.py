"""How the page draws a view: the palette, the shapes and dashes, the legend, and the view's parts.

Every colour-coded meaning has a second cue that survives without colour: actors
are shaped by type; lines are solid for ties and dashed for alignment, and a
negative line carries a bar across its middle; a stance line is dotted, with a
bar (opposes), a dot (neutral) or a square (ambivalent) in its middle; an actor
holding a contradiction has a thick dashed ring and a ⚠, a line resting on a
contradicted claim a glow and a ⚠. The signal colours are told apart by lightness,
not hue (positive dark blue, negative vermilion), so that they stay apart under
every colour-vision deficiency; ``contrast`` gives the WCAG ratio a test holds them to.
"""

from __future__ import annotations

WHITE = "#ffffff"
BORDER = "#333333"
SIGN_COLOUR = {1: "#08306b", -1: "#d55e00", 0: "#737373"}
CONTRADICTION_COLOUR = "#a4006b"
STANCE_COLOUR = {"supports": SIGN_COLOUR[1], "opposes": SIGN_COLOUR[-1], "neutral": "#737373", "ambivalent": "#6a3d9a"}
# a mark in the middle of a line, vis-network's arrow types: the cue that does not need colour
STANCE_MARK = {"supports": None, "opposes": "bar", "neutral": "circle", "ambivalent": "box"}
SIGN_MARK = {1: None, -1: "bar", 0: None}
ALIGNMENT_DASHES = [8, 5]
STANCE_DASHES = [2, 5]
RING_DASHES = [5, 3]
NODE_STYLE = {
    "state": {"shape": "dot", "color": "#a6cee3", "size": 12, "text": "State"},
    "bloc": {"shape": "hexagon", "color": "#fdbf6f", "size": 16, "text": "Bloc or organisation"},
    "entity": {"shape": "square", "color": "#cab2d6", "size": 12, "text": "Sub-state entity"},
    "official": {"shape": "triangle", "color": "#b2df8a", "size": 13, "text": "Official"},
    "other": {"shape": "diamond", "color": "#d9d9d9", "size": 13, "text": "Other actor"},
}
ISSUE_STYLE = {"shape": "box", "color": "#e4d7f2", "border": "#6a3d9a", "text": "Issue"}
FOCUS_SIZE = 20


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour ``#rrggbb``, as WCAG 2 defines it."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def style() -> dict:
    """The palette and cues, for the page's script to draw with."""
    return {
        "nodes": {k: {"shape": v["shape"], "color": v["color"], "size": v["size"]} for k, v in NODE_STYLE.items()},
        "issue": {k: ISSUE_STYLE[k] for k in ("shape", "color", "border")},
        "border": BORDER, "focus_size": FOCUS_SIZE, "sign": {str(k): v for k, v in SIGN_COLOUR.items()},
        "sign_mark": {str(k): v for k, v in SIGN_MARK.items()}, "stance": STANCE_COLOUR, "stance_mark": STANCE_MARK,
        "contradiction": CONTRADICTION_COLOUR, "alignment_dashes": ALIGNMENT_DASHES,
        "stance_dashes": STANCE_DASHES, "ring_dashes": RING_DASHES,
    }


_SHAPES = {
    "dot": '<circle cx="11" cy="11" r="8" fill="{c}" stroke="{b}"{w}/>',
    "hexagon": '<polygon points="11,2 19,6.5 19,15.5 11,20 3,15.5 3,6.5" fill="{c}" stroke="{b}"{w}/>',
    "triangle": '<polygon points="11,2 20,19 2,19" fill="{c}" stroke="{b}"{w}/>',
    "diamond": '<polygon points="11,1 21,11 11,21 1,11" fill="{c}" stroke="{b}"{w}/>',
    "box": '<rect x="1" y="5" width="20" height="12" fill="{c}" stroke="{b}"{w}/>',
    "square": '<rect x="3" y="3" width="16" height="16" fill="{c}" stroke="{b}"{w}/>',
}
_LINE = '<line x1="2" y1="7" x2="42" y2="7" stroke="{c}" stroke-width="{w}"{d}/>'
_MARKS = {
    None: "",
    "bar": '<line x1="22" y1="1" x2="22" y2="13" stroke="{c}" stroke-width="3"/>',
    "circle": '<circle cx="22" cy="7" r="4" fill="{c}"/>',
    "box": '<rect x="18" y="3" width="8" height="8" fill="{c}"/>',
}


def _dashes(pattern) -> str:
    return ' stroke-dasharray="{}"'.format(" ".join(map(str, pattern))) if pattern else ""


def _line(colour: str, dashes=None, mark=None, width: int = 3) -> str:
    return _LINE.format(c=colour, w=width, d=_dashes(dashes)) + _MARKS[mark].format(c=colour)


def legend(issue: bool) -> tuple[list[dict], list[dict]]:
    """The legend's entries as (svg, text): actors, then lines (with the stance lines in an issue view)."""
    nodes = [{"svg": _SHAPES[s["shape"]].format(c=s["color"], b=BORDER, w=""), "text": s["text"]}
             for s in NODE_STYLE.values()]
    if issue:
        nodes.append({"svg": _SHAPES["box"].format(c=ISSUE_STYLE["color"], b=ISSUE_STYLE["border"], w=""),
                      "text": ISSUE_STYLE["text"]})
    ring = f' stroke-width="3.5"{_dashes([3, 2])}'
    nodes.append({"svg": _SHAPES["dot"].format(c=NODE_STYLE["state"]["color"], b=CONTRADICTION_COLOUR, w=ring),
                  "text": "⚠ holds a contradiction (dashed ring)"})
    glow = f'<line x1="2" y1="7" x2="42" y2="7" stroke="{CONTRADICTION_COLOUR}" stroke-width="10" stroke-opacity="0.35"/>'
    edges = [
        {"svg": _line(SIGN_COLOUR[1]), "text": "positive tie (ally, partner, member …)"},
        {"svg": _line(SIGN_COLOUR[-1], mark="bar"), "text": "negative tie (sanctions, hostility …): a bar across"},
        {"svg": _line(SIGN_COLOUR[1], ALIGNMENT_DASHES), "text": "agree on shared issues (dashed)"},
        {"svg": _line(SIGN_COLOUR[-1], ALIGNMENT_DASHES, "bar"), "text": "disagree on shared issues"},
        {"svg": glow + _line(SIGN_COLOUR[1]), "text": "⚠ rests on a contradicted claim (glow)"},
        {"svg": _line("#555555", width=6), "text": "wider: more weight"},
    ]
    if issue:
        edges += [{"svg": _line(STANCE_COLOUR[s], STANCE_DASHES, STANCE_MARK[s]), "text": f"{s} the issue (dotted)"}
                  for s in ("supports", "opposes", "ambivalent", "neutral")]
    return nodes, edges


def document_titles(store) -> dict[str, str]:
    """The title of every source document, by the file name claims cite it by."""
    from kg.catalogue import files as catalogue

    text = catalogue.internal("export/documents").text
    return {str(row["source"]): str(row["title"]) for row in store.query(text).dicts()}


def focus_view(graph, actor: str, depth: int = 1):
    """The actors within ``depth`` steps of ``actor`` and the edges that lead away from it.

    Kept: every tie among these actors, and the alignment edges between actors at
    different distances from the focus. Alignment among actors at the same distance
    (the EU states agreeing with one another) is left out: it is the whole-graph
    view's business and would bury the focus actor's own lines.
    """
    import networkx as nx

    distance = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), actor, cutoff=depth)
    view = graph.__class__(**graph.graph)
    view.graph.update(focus=actor, depth=depth)
    view.add_nodes_from((n, graph.nodes[n]) for n in sorted(distance))
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    for u, v, key, data in edges:
        if u in distance and v in distance and (data.get("kind") == "tie" or distance[u] != distance[v]):
            if graph.is_multigraph():
                view.add_edge(u, v, key=key, **data)
            else:
                view.add_edge(u, v, **data)
    return view


def _edges(graph):
    if graph.is_multigraph():
        for u, v, _key, data in graph.edges(keys=True, data=True):
            yield u, v, data
    else:
        yield from graph.edges(data=True)


def edge_groups(graph) -> dict[tuple, list[dict]]:
    """The view's edges as the page draws them: one line per pair, kind and sign.

    Two actors are often linked several times (an alliance, a partnership and an
    energy dependence; agreement on four issues): one line each would bury the
    picture, so they are drawn as one line whose width is their summed weight and
    whose panel lists every relation and every piece of evidence. Ties keep their
    direction; alignment is symmetric.
    """
    groups: dict[tuple, list[dict]] = {}
    for u, v, data in _edges(graph):
        kind = data.get("kind") or ""
        ends = (u, v) if kind == "tie" else tuple(sorted((u, v)))
        groups.setdefault((*ends, kind, data.get("sign", 0)), []).append(data)
    return groups
