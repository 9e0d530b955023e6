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

from kg import __version__
from kg.analysis.contradictions import Contradiction
from kg.views.drawing import (
    CONTRADICTION_COLOUR,
    ISSUE_STYLE,
    NODE_STYLE,
    SIGN_COLOUR,
    STANCE_COLOUR,
    STANCE_DASHES,
    IssueLayer,
    network,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"

# vis-network options: the nodes stand where kg.views.layout placed them (physics off), so the
# same view always gives the same picture; edge widths scale with the edge weight.
OPTIONS = {
    "autoResize": True,
    "layout": {"randomSeed": 7, "improvedLayout": False},
    "nodes": {"font": {"size": 14, "strokeWidth": 4, "strokeColor": "#ffffff"}, "borderWidth": 1, "size": 12},
    "edges": {
        "smooth": False,
        "scaling": {"min": 1, "max": 7},
        "selectionWidth": 2,
        "font": {"size": 11, "align": "middle", "strokeWidth": 3},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "multiselect": False},
    "physics": {"enabled": False},
}


@dataclass
class Page:
    """The rendered page and what it holds."""

    html: str
    nodes: int
    edges: int
    contradicted_edges: int = 0
    flagged_actors: list[str] = field(default_factory=list)
    stance_lines: int = 0  # of the edges, those from actors to the issue node


def _legend(layer: IssueLayer | None) -> tuple[list[dict], list[dict]]:
    shapes = {
        "dot": '<circle cx="11" cy="11" r="8" fill="{c}" stroke="#333"/>',
        "hexagon": '<polygon points="11,2 19,6.5 19,15.5 11,20 3,15.5 3,6.5" fill="{c}" stroke="#333"/>',
        "triangle": '<polygon points="11,2 20,19 2,19" fill="{c}" stroke="#333"/>',
        "diamond": '<polygon points="11,1 21,11 11,21 1,11" fill="{c}" stroke="#333"/>',
    }
    nodes = [{"svg": shapes[s["shape"]].format(c=s["color"]), "text": s["text"]} for s in NODE_STYLE.values()]
    if layer is not None:
        nodes.append({"svg": f'<rect x="1" y="5" width="20" height="12" fill="{ISSUE_STYLE["color"]}" stroke="#6a4c93"/>',
                      "text": ISSUE_STYLE["text"]})
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
    if layer is not None:
        dots = ' stroke-dasharray="{}"'.format(" ".join(map(str, STANCE_DASHES)))
        edges += [{"svg": line.format(c=STANCE_COLOUR[s], w=3, d=dots), "text": f"{s} the issue"}
                  for s in ("supports", "opposes", "ambivalent", "neutral")]
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


def render(graph, title: str, subtitle: str, contradictions: list[Contradiction] = (), focus: str | None = None,
           layer: IssueLayer | None = None, titles: dict[str, str] | None = None, stamp: str = "") -> Page:
    """The self-contained page for a view (a NetworkX graph as ``kg.network.view`` makes it)."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    net = network(graph, list(contradictions), focus, layer, titles)
    nodes, edges, *_ = net.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": OPTIONS}
    vis_js, vis_css = _vis_assets()
    page_js = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    legend_nodes, legend_edges = _legend(layer)
    html = env.get_template("graph.html").render(
        title=title,
        subtitle=subtitle,
        stamp=stamp,
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
    stance_lines = sum(1 for e in edges if e["kind"] == "stance")
    return Page(html, len(nodes), len(edges), sum(1 for e in edges if e["contested"]), flagged, stance_lines)
