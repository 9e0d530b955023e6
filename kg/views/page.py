"""The interactive graph page: one self-contained HTML file that works offline and runs nothing it was given.

The page is rendered from our own template. vis-network's script and style sheet,
shipped inside the pyvis package, are inlined (the style sheet without the 13
button images it embeds, which the page never shows); a Content-Security-Policy
forbids every request and every script but the page's own (listed by hash). The
data (``kg.views.pagedata``) travels as a JSON block whose ``<``, ``>`` and ``&`` are
escaped, and the page puts every text on screen with ``textContent`` only: a quote
holding ``<script>`` shows as text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from kg import __version__
from kg.views import drawing

TEMPLATES = Path(__file__).resolve().parent / "templates"

# vis-network options: the nodes stand where kg.views.layout placed them (physics off), so the
# same view always gives the same picture; the page's script styles each node and line itself.
OPTIONS = {
    "autoResize": True,
    "layout": {"randomSeed": 7, "improvedLayout": False},
    "nodes": {"font": {"size": 14, "strokeWidth": 4, "strokeColor": "#ffffff", "color": "#1a1a1a"}, "borderWidth": 1},
    "edges": {
        "smooth": False,
        "scaling": {"min": 1, "max": 7},
        "selectionWidth": 2,
        "font": {"size": 14, "align": "middle", "strokeWidth": 4},
    },
    "interaction": {"hover": True, "tooltipDelay": 3_600_000, "navigationButtons": False, "multiselect": False,
                    "keyboard": {"enabled": False}, "hideEdgesOnDrag": False},  # the page has its own keys
    "physics": {"enabled": False},
}


def _json_for_html(value) -> str:
    """JSON that cannot end the script element it sits in, whatever the texts hold."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style sheet as shipped in the pyvis package, the sheet without its images."""
    import importlib.util

    # found, not imported: importing pyvis imports IPython (0.2 s), and the page wants two of its files only
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'pyvis'; install kg's dependencies (pip install -e .)")
    lib = Path(list(spec.submodule_search_locations)[0]).resolve() / "templates" / "lib" / "vis-9.1.2"
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # the navigation and manipulation buttons' pictures (222 KB): the page has buttons of its own
    css = re.sub(r'background-image:\s*url\("?data:[^)]*\)', "background-image:none", css)
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), css


def render(block: dict, title: str, subtitle: str, stamp: str = "") -> str:
    """The self-contained page for a data block of ``kg.views.pagedata.assemble``."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    vis_js, vis_css = _vis_assets()
    page_js = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    legend_nodes, legend_edges = drawing.legend(bool(block.get("issue")))
    return env.get_template("graph.html").render(
        title=title,
        subtitle=subtitle,
        stamp=stamp,
        version=__version__,
        script_hashes=Markup(" ".join(_script_hash(code) for code in (vis_js, page_js))),
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        page_js=Markup(page_js),
        data_json=Markup(_json_for_html({**block, "options": OPTIONS, "title": title})),
        legend_nodes=[{"svg": Markup(i["svg"]), "text": i["text"]} for i in legend_nodes],
        legend_edges=[{"svg": Markup(i["svg"]), "text": i["text"]} for i in legend_edges],
    )
