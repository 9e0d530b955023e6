"""The drawing of a view: actors and lines in vis-network's terms, built with pyvis.

Nodes are shaped and coloured by the actor's type; lines coloured by sign, solid for
ties and dashed for alignment, wider with more weight. Several edges of one kind and
sign between two actors become one line listing them all. Actors involved in a
contradiction get an orange ring, lines resting on a contradicted claim an orange
glow. With an issue, the issue is a node and each actor's stance on it a dotted line.
Every text is carried as data (``info``) for the page to show as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.analysis.contradictions import Contradiction

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
ISSUE_STYLE = {"shape": "box", "color": "#e4d7f2", "text": "Issue"}
STANCE_COLOUR = {"supports": "#2e7d32", "opposes": "#c62828", "neutral": "#9e9e9e", "ambivalent": "#8e6bb8"}
STANCE_DASHES = [2, 5]

@dataclass(frozen=True)
class IssueLayer:
    """An issue drawn as a node, and the current stances on it of the actors in view."""

    notation: str
    label: str
    positions: dict  # actor IRI -> list of {stance, kind, quote, source, date, claim}

    @property
    def node(self) -> str:
        return f"issue/{self.notation}"


def issue_layer(store, actors, issue: str, as_of=None) -> IssueLayer:
    """The stances on ``issue`` (notation or label) of ``actors``: each actor's latest statement and action."""
    from kg.analysis import stances

    held = stances.load(store, as_of)
    notation = held.scheme.check(issue)
    positions = {}
    for actor in actors:
        current = held.current(actor, notation)
        if current:
            positions[actor] = [{"stance": p.stance, "kind": p.kind, **p.evidence()} for p in current]
    return IssueLayer(notation, held.scheme.label(notation), positions)


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


def summary(contradiction: Contradiction) -> dict:
    """A contradiction as the page lists it: its type as a reader says it, note and origin."""
    return {"type": contradiction.type_label, "note": contradiction.note or "", "curated": contradiction.curated,
            "rule": contradiction.rule or ""}


def _node_info(label: str, data: dict, degree: int, contradictions: list[Contradiction]) -> dict:
    kind = data.get("type") or "other"
    lines = [NODE_STYLE.get(kind, NODE_STYLE["other"])["text"] + (f" · ISO {data['iso']}" if data.get("iso") else ""),
             f"{degree} edge{'s' if degree != 1 else ''} in this view"]
    return {"heading": label, "lines": lines, "contradictions": [summary(c) for c in contradictions], "evidence": []}


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
    return {"heading": heading, "lines": lines, "contradictions": [summary(c) for c in contradictions],
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


def _stance_lines(net, layer: IssueLayer, labels: dict, by_claim: dict) -> None:
    net.add_node(layer.node, label=layer.label, shape=ISSUE_STYLE["shape"], kind="issue",
                 color={"background": ISSUE_STYLE["color"], "border": "#6a4c93"}, borderWidth=2, mass=2,
                 info={"heading": layer.label, "lines": [f"Issue · {len(layer.positions)} actors in view take a stance"],
                       "contradictions": [], "evidence": []})
    for actor, positions in sorted(layer.positions.items()):
        by_stance: dict[str, list[dict]] = {}
        for p in positions:
            by_stance.setdefault(p["stance"], []).append(p)
        for stance, group in sorted(by_stance.items()):
            contested = sorted({c for p in group for c in by_claim.get(p["claim"], [])}, key=lambda c: c.iri)
            kinds = " and ".join(sorted({p["kind"] for p in group}))
            colour = STANCE_COLOUR.get(stance, STANCE_COLOUR["neutral"])
            options = {
                "id": f"s-{actor}-{stance}", "kind": "stance", "sign": 0, "members": 0, "contested": bool(contested),
                "color": {"color": colour, "highlight": colour, "hover": colour}, "value": float(len(group)),
                "dashes": STANCE_DASHES, "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                "info": {"heading": f"{labels[actor]} {stance}: {layer.label}",
                         "lines": [f"its latest {kinds}"], "contradictions": [summary(c) for c in contested],
                         "evidence": [_evidence(p) for p in group]},
            }
            if contested:
                options["shadow"] = {"enabled": True, "color": CONTRADICTION_COLOUR, "size": 18, "x": 0, "y": 0}
            net.add_edge(actor, layer.node, **options)


def _bend_parallel_lines(net) -> None:
    """Two actors joined by several lines: the first straight, the others bowed apart, so each can be told and hovered."""
    seen: dict[tuple, int] = {}
    for edge in net.edges:
        pair = tuple(sorted((edge["from"], edge["to"])))
        n = seen.get(pair, 0)
        seen[pair] = n + 1
        if n:
            # one side, then the other, further each time; the sense of "clockwise" follows the line's direction
            side = "curvedCW" if (n % 2 == 1) == (edge["from"] == pair[0]) else "curvedCCW"
            edge["smooth"] = {"enabled": True, "type": side, "roundness": round(0.18 * ((n + 1) // 2), 2)}


def _place(net, focus: str | None) -> None:
    """Give every node its seeded position: the page draws them as they are, with physics off."""
    from kg.views import layout

    # friends close, rivals apart: a pair pulls by its strongest line, not by how many lines join it
    pull = {(1, "tie"): 1.0, (1, "alignment"): 0.3, (-1, "tie"): 0.15, (-1, "alignment"): 0.1}
    pairs: dict[tuple, float] = {}
    for e in net.edges:
        pair = tuple(sorted((e["from"], e["to"])))
        pairs[pair] = max(pairs.get(pair, 0.0), pull.get((e.get("sign"), e.get("kind")), 0.3))
    lines = [(a, b, w) for (a, b), w in sorted(pairs.items())]
    sizes = {n["id"]: float(n.get("size", 12)) for n in net.nodes}
    placed = layout.positions([n["id"] for n in net.nodes], lines, {n["id"]: n["label"] for n in net.nodes}, sizes,
                              focus)
    for node in net.nodes:
        node["x"], node["y"] = placed[node["id"]]


def network(graph, contradictions: list[Contradiction] = (), focus: str | None = None, layer: IssueLayer | None = None,
            titles: dict[str, str] | None = None):
    """The pyvis network for a view: nodes styled by type, edges by sign, kind and contradiction.

    The ``focus`` actor, when given, is drawn larger and pinned in the middle; with
    ``titles`` (file name → title) each piece of evidence also names its source's title.
    """
    from pyvis.network import Network

    net = Network(directed=True)  # directed: pyvis merges two edges between a pair otherwise
    by_actor: dict[str, list[Contradiction]] = {}
    by_claim: dict[str, list[Contradiction]] = {}
    for c in sorted(contradictions, key=lambda c: c.iri):  # each panel lists them in one fixed order
        for actor in c.actors:
            by_actor.setdefault(actor.iri, []).append(c)
        for claim in c.claims:
            by_claim.setdefault(claim, []).append(c)
    labels = {}
    for node, data in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
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
            options.update(size=20, font={"size": 18}, fixed={"x": True, "y": True})
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
    if layer is not None:
        _stance_lines(net, layer, labels, by_claim)
    _place(net, focus)
    _bend_parallel_lines(net)
    for edge in net.edges:
        for item in edge["info"]["evidence"]:
            if (titles or {}).get(item.get("source")):
                item["source_title"] = titles[item["source"]]
    return net


