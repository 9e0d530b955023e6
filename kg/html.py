"""The interactive graph page: one self-contained HTML file that works offline and runs nothing it was given.

The page is built with pyvis (nodes and edges in vis-network's terms) and rendered
from our own template, not pyvis's: pyvis's template fetches Bootstrap and
vis-network from CDNs. vis-network's script and style sheet, shipped inside the
pyvis package, are inlined; a Content-Security-Policy forbids every request and
every script but the page's own (listed by hash). Texts from the sources travel as
a JSON data block whose ``<``, ``>`` and ``&`` are escaped, and the page puts them
on screen with ``textContent`` only: a quote holding ``<script>`` shows as text.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__

TEMPLATES = Path(__file__).resolve().parent / "templates"

# How each kind of actor is drawn: vis-network shape and colour.
NODE_STYLE = {
    "state": {"shape": "dot", "color": "#4e79a7", "text": "State"},
    "bloc": {"shape": "hexagon", "color": "#f28e2b", "text": "Bloc or organisation"},
    "official": {"shape": "triangle", "color": "#76b7b2", "text": "Official"},
    "other": {"shape": "diamond", "color": "#9c755f", "text": "Other actor"},
}
SIGN_COLOUR = {1: "#2e7d32", -1: "#c62828", 0: "#9e9e9e"}
CONTRADICTION_COLOUR = "#ff8f00"
ALIGNMENT_DASHES = [6, 6]

# vis-network options: a force layout that settles (then the page stops it) and stays
# legible for the whole seed graph; edge widths scale with the edge weight.
OPTIONS = {
    "autoResize": True,
    "layout": {"randomSeed": 7},  # the same view gives the same picture
    "nodes": {"font": {"size": 22, "strokeWidth": 4, "strokeColor": "#ffffff"}, "borderWidth": 1, "size": 18},
    "edges": {
        "smooth": {"enabled": True, "type": "dynamic"},
        "scaling": {"min": 1, "max": 7},
        "selectionWidth": 2,
        "font": {"size": 11, "align": "middle", "strokeWidth": 3},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "multiselect": False},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.012, "springLength": 130,
                             "springConstant": 0.06, "avoidOverlap": 0.6},
        "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True},
        "minVelocity": 0.75,
    },
}


@dataclass(frozen=True)
class Contradiction:
    """A contradiction as the page shows it: its type, note, claims and the actors it involves."""

    iri: str
    type: str
    claims: frozenset[str]
    actors: frozenset[str]
    note: str = ""
    curated: bool = False
    rule: str = ""

    def summary(self) -> dict:
        return {"type": self.type, "note": self.note, "curated": self.curated, "rule": self.rule}


@dataclass
class Page:
    """The rendered page and what it holds."""

    html: str
    nodes: int
    edges: int
    contradicted_edges: int = 0
    flagged_actors: list[str] = field(default_factory=list)


def contradictions(store, as_of=None) -> list[Contradiction]:
    """Every contradiction in the graph, curated or derived; with ``as_of``, only those whose claims all date up to it."""
    from . import paths

    text = (paths.queries_dir() / "export-contradictions.rq").read_text(encoding="utf-8")
    rows: dict[str, dict] = {}
    for row in store.query(text).dicts():
        entry = rows.setdefault(str(row["contradiction"]), {
            "type": str(row["type"]), "note": str(row["note"] or ""), "curated": str(row["curated"]) == "true",
            "rule": str(row["rule"] or ""), "claims": set(), "actors": set(), "dates": set()})
        entry["claims"].add(str(row["claim"]))
        if row["actor"] is not None:
            entry["actors"].add(str(row["actor"]))
        if row["claim_date"] is not None:
            entry["dates"].add(str(row["claim_date"]))
    limit = str(as_of)[:10] if as_of else None
    return [
        Contradiction(iri, e["type"], frozenset(e["claims"]), frozenset(e["actors"]), e["note"], e["curated"], e["rule"])
        for iri, e in sorted(rows.items())
        if limit is None or all(d[:10] <= limit for d in e["dates"])
    ]


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
    view.add_nodes_from((n, graph.nodes[n]) for n in distance)
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


def _node_info(label: str, data: dict, degree: int, contradictions: list[Contradiction]) -> dict:
    kind = data.get("type") or "other"
    lines = [NODE_STYLE.get(kind, NODE_STYLE["other"])["text"] + (f" · ISO {data['iso']}" if data.get("iso") else ""),
             f"{degree} edge{'s' if degree != 1 else ''} in this view"]
    return {"heading": label, "lines": lines, "contradictions": [c.summary() for c in contradictions], "evidence": []}


def _edge_info(source: str, target: str, group: list[dict], directed: bool, contradictions: list[Contradiction]) -> dict:
    first = group[0]
    sign, kind = first.get("sign", 0), first.get("kind")
    arrow = "→" if directed and kind == "tie" else "—"
    relations = list(dict.fromkeys(str(d.get("relation") or kind or "related") for d in group))
    heading = f"{source} {arrow} {target}: {'; '.join(relations)}"
    what = {"tie": "explicit tie", "alignment": "positions on shared issues"}.get(kind, kind or "")
    weight = sum(float(d.get("weight", 1) or 0) for d in group)
    lines = [f"{'positive' if sign > 0 else 'negative' if sign < 0 else 'neutral'} ({what}), weight {weight:g}"]
    evidence, seen = [], set()
    for d in group:
        for item in d.get("evidence") or []:
            key = (item.get("claim"), item.get("quote"))
            if key not in seen:
                seen.add(key)
                evidence.append(_evidence(item))
    lines.append(f"{len(evidence)} piece{'s' if len(evidence) != 1 else ''} of evidence")
    return {"heading": heading, "lines": lines, "contradictions": [c.summary() for c in contradictions],
            "evidence": evidence}


def edge_groups(graph) -> dict[tuple, list[dict]]:
    """The view's edges as the page draws them: one line per pair, kind and sign.

    Two actors are often linked several times (an alliance, a partnership and an
    energy dependence; agreement on four issues): one line each would bury the
    picture, so they are drawn as one line whose width is their summed weight and
    whose tooltip lists every relation and every piece of evidence. Ties keep their
    direction; alignment is symmetric.
    """
    groups: dict[tuple, list[dict]] = {}
    for u, v, data in _edges(graph):
        kind = data.get("kind") or ""
        ends = (u, v) if kind == "tie" else tuple(sorted((u, v)))
        groups.setdefault((*ends, kind, data.get("sign", 0)), []).append(data)
    return groups


def _evidence(item: dict) -> dict:
    keep = ("quote", "source", "source_title", "date", "claim")
    return {k: (str(item[k]) if item.get(k) is not None else "") for k in keep if k in item}


def network(graph, contradictions: list[Contradiction] = (), focus: str | None = None):
    """The pyvis network for a view: nodes styled by type, edges by sign, kind and contradiction.

    The ``focus`` actor, when given, is drawn larger and pinned in the middle.
    """
    from pyvis.network import Network

    net = Network(directed=True)  # directed: pyvis merges two edges between a pair otherwise
    by_actor: dict[str, list[Contradiction]] = {}
    by_claim: dict[str, list[Contradiction]] = {}
    for c in contradictions:
        for actor in c.actors:
            by_actor.setdefault(actor, []).append(c)
        for claim in c.claims:
            by_claim.setdefault(claim, []).append(c)
    labels = {}
    for node, data in graph.nodes(data=True):
        label = str(data.get("label") or node)
        labels[node] = label
        style = NODE_STYLE.get(data.get("type"), NODE_STYLE["other"])
        flagged = by_actor.get(node, [])
        options = {
            "color": {"background": style["color"], "border": CONTRADICTION_COLOUR if flagged else "#333333",
                      "highlight": {"background": style["color"], "border": "#000000"}},
            "borderWidth": 5 if flagged else 1,
            "info": _node_info(label, data, graph.degree(node), flagged),
            "kind": data.get("type") or "other",
        }
        if node == focus:
            options.update(size=30, font={"size": 30}, x=0, y=0, fixed={"x": True, "y": True})
        net.add_node(str(node), label=label + (" ⚠" if flagged else ""), shape=style["shape"], **options)
    for index, ((u, v, kind, sign), group) in enumerate(sorted(edge_groups(graph).items(), key=lambda i: i[0])):
        claims = {str(e.get("claim")) for d in group for e in d.get("evidence") or [] if e.get("claim")}
        contested = sorted({c for claim in claims for c in by_claim.get(claim, [])}, key=lambda c: c.iri)
        colour = SIGN_COLOUR.get(sign, SIGN_COLOUR[0])
        options = {
            "id": f"e{index}",
            "color": {"color": colour, "highlight": colour, "hover": colour},
            "value": sum(float(d.get("weight", 1) or 0) for d in group),
            "dashes": ALIGNMENT_DASHES if kind == "alignment" else False,
            "arrows": {"to": {"enabled": graph.is_directed() and kind == "tie", "scaleFactor": 0.6}},
            "info": _edge_info(labels[u], labels[v], group, graph.is_directed(), contested),
            "kind": kind,
            "sign": sign,
            "members": len(group),
            "contested": bool(contested),
        }
        if contested:
            options["shadow"] = {"enabled": True, "color": CONTRADICTION_COLOUR, "size": 18, "x": 0, "y": 0}
            options["label"] = "⚠"
            options["font"] = {"color": CONTRADICTION_COLOUR, "size": 16, "strokeWidth": 4}
        net.add_edge(str(u), str(v), **options)
    return net


def _legend() -> tuple[list[dict], list[dict]]:
    shapes = {
        "dot": '<circle cx="11" cy="11" r="8" fill="{c}" stroke="#333"/>',
        "hexagon": '<polygon points="11,2 19,6.5 19,15.5 11,20 3,15.5 3,6.5" fill="{c}" stroke="#333"/>',
        "triangle": '<polygon points="11,2 20,19 2,19" fill="{c}" stroke="#333"/>',
        "diamond": '<polygon points="11,1 21,11 11,21 1,11" fill="{c}" stroke="#333"/>',
    }
    nodes = [{"svg": shapes[s["shape"]].format(c=s["color"]), "text": s["text"]} for s in NODE_STYLE.values()]
    nodes.append({"svg": f'<circle cx="11" cy="11" r="7" fill="#ddd" stroke="{CONTRADICTION_COLOUR}" stroke-width="4"/>',
                  "text": "⚠ involved in a contradiction"})
    line = '<line x1="2" y1="7" x2="42" y2="7" stroke="{c}" stroke-width="{w}"{d}/>'
    dash = ' stroke-dasharray="6 6"'
    edges = [
        {"svg": line.format(c=SIGN_COLOUR[1], w=3, d=""), "text": "positive tie (ally, partner, member …)"},
        {"svg": line.format(c=SIGN_COLOUR[-1], w=3, d=""), "text": "negative tie (sanctions, hostility …)"},
        {"svg": line.format(c=SIGN_COLOUR[1], w=3, d=dash), "text": "agree on shared issues"},
        {"svg": line.format(c=SIGN_COLOUR[-1], w=3, d=dash), "text": "disagree on shared issues"},
        {"svg": f'<line x1="2" y1="7" x2="42" y2="7" stroke="{CONTRADICTION_COLOUR}" stroke-width="9" stroke-opacity="0.5"/>'
                + line.format(c=SIGN_COLOUR[1], w=3, d=""), "text": "⚠ rests on a contradicted claim"},
        {"svg": line.format(c="#555", w=6, d=""), "text": "wider: more weight"},
    ]
    return nodes, edges


def _json_for_html(value) -> str:
    """JSON that cannot end the script element it sits in, whatever the texts hold."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style sheet as shipped in the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def render(graph, title: str, subtitle: str, contradictions: list[Contradiction] = (), focus: str | None = None) -> Page:
    """The self-contained page for a view (a NetworkX graph as ``kg.network.view`` makes it)."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    net = network(graph, list(contradictions), focus)
    nodes, edges, *_ = net.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": OPTIONS}
    vis_js, vis_css = _vis_assets()
    page_js = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    legend_nodes, legend_edges = _legend()
    html = env.get_template("graph.html").render(
        title=title,
        subtitle=subtitle,
        version=__version__,
        script_hashes=Markup(" ".join(_script_hash(code) for code in (vis_js, page_js))),
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        page_js=Markup(page_js),
        data_json=Markup(_json_for_html(data)),
        legend_nodes=[{"svg": Markup(i["svg"]), "text": i["text"]} for i in legend_nodes],
        legend_edges=[{"svg": Markup(i["svg"]), "text": i["text"]} for i in legend_edges],
    )
    flagged = sorted(n["info"]["heading"] for n in nodes if n["info"]["contradictions"])
    return Page(html, len(nodes), len(edges), sum(1 for e in edges if e["contested"]), flagged)
