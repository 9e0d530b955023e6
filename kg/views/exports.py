"""Writing the graph for other tools: RDF, GraphML, GEXF, node-link JSON and the HTML page.

Every export is written atomically (a temporary file beside the target, then a
rename), so a failed export never leaves a half-written file. The RDF export is the
built graph as it is; the others are the NetworkX view of ``kg.network`` with the
attributes it documents, flattened where a format only holds plain values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rdflib import Dataset, Graph

from kg.atomic import write_atomic, write_text  # noqa: F401 - write_atomic is part of this module's API
from kg.errors import StoreError, UsageError, named
from kg.terms.vocab import PREFIXES

RDF_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
GRAPH_FORMATS = ("graphml", "gexf", "json")


# --- RDF -------------------------------------------------------------------------


def rdf(graph_file: Path, output: Path, fmt: str = "turtle") -> int:
    """Write the built graph in ``fmt``; return the number of triples written.

    TriG, N-Quads and JSON-LD keep the named graphs (one per source document);
    Turtle has none, so it holds their union, as queries see it.
    """
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown RDF format '{fmt}'; use one of {', '.join(RDF_FORMATS)}")
    dataset = Dataset()
    try:
        dataset.parse(str(graph_file), format="trig")
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"cannot read the graph {graph_file}: {exc}; rebuild it with 'kg build'") from None
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)
    if fmt == "turtle":
        target: Graph | Dataset = Graph()
        for prefix, namespace in PREFIXES.items():
            target.bind(prefix, namespace, replace=True)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            target.add((s, p, o))
        count = len(target)
    else:
        target = dataset
        count = sum(1 for _ in dataset.quads((None, None, None, None)))
    write_atomic(output, lambda out: target.serialize(destination=out, format=RDF_FORMATS[fmt], encoding="utf-8"))
    return count


# --- NetworkX view in graph formats ------------------------------------------------


def flat(graph):
    """A copy of a view with only plain attribute values, as GraphML and GEXF require.

    The evidence list of an edge becomes ``evidence`` (a JSON text, so nothing is
    lost) and ``evidence_count``; lists of plain values are joined with '; '; missing
    values are left out rather than written as the text 'None'.
    """
    out = graph.__class__()
    out.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))})
    for node, data in graph.nodes(data=True):
        out.add_node(node, **_plain(data))
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
    for *ends, data in edges:
        out.add_edge(*ends, **_plain(data))
    return out


def _plain(data: dict) -> dict:
    plain = {}
    for key, value in data.items():
        if value is None:
            continue
        if key == "evidence" and isinstance(value, list):
            plain["evidence"] = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
            plain["evidence_count"] = len(value)
        elif isinstance(value, bool) or isinstance(value, (int, float, str)):
            plain[key] = value
        elif isinstance(value, (list, tuple, set)):
            plain[key] = "; ".join(str(v) for v in value)
        else:
            plain[key] = str(value)
    return plain


def graph_file(graph, output: Path, fmt: str) -> Path:
    """Write a NetworkX view as GraphML, GEXF or node-link JSON (atomically)."""
    import networkx as nx

    if fmt not in GRAPH_FORMATS:
        raise UsageError(f"unknown graph format '{fmt}'; use one of {', '.join(GRAPH_FORMATS)}")
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
        return write_text(output, text + "\n")
    plain = flat(graph)
    if fmt == "graphml":
        return write_atomic(output, lambda out: nx.write_graphml(plain, out, encoding="utf-8"))
    return write_atomic(output, lambda out: nx.write_gexf(plain, out, encoding="utf-8"))


# --- the interactive page -----------------------------------------------------------


@dataclass
class HtmlExport:
    """What ``kg export html`` wrote: the file, its title and what it shows."""

    path: Path
    title: str
    actors: int
    edges: int  # edges of the view
    lines: int  # drawn lines (parallel edges of one kind and sign are drawn as one)
    contradicted_lines: int
    flagged_actors: list[str]
    stance_lines: int = 0  # with an issue: lines from actors to the issue


def focus_inputs(store, focus: str | None):
    """What the page is built from, and its focus: (inputs, focus actor, focus label, the official's label or None).

    An official given as the focus stands for the state he speaks for, with a note,
    and the state's own positions and ties narrow to those he voiced
    (``network.voiced_by``): the page shows his state as he speaks for it.
    """
    import warnings

    from kg.analysis import network
    from kg.errors import Note

    data = network.inputs(store)
    if not focus:
        return data, None, None, None
    actor = data.actors.resolve(focus)
    state = data.actors.get(actor.acts_for) if actor.type == "official" and actor.acts_for else None
    if state is None:
        return data, actor, actor.label, None
    warnings.warn(Note(f"{actor.label} speaks for {state.label}; the page centres on {state.label} "
                       f"with the positions and ties he voiced for it"), stacklevel=2)
    return network.voiced_by(data, actor.iri, state.iri), state, f"{state.label} as voiced by {actor.label}", actor.label


def selected_view(store, focus: str | None = None, depth: int = 1, issue: str | None = None, as_of=None,
                  focused=None):
    """The NetworkX view with the filters of ``kg export``: (view, focus IRI or None, focus label or None).

    ``focused`` is what ``focus_inputs`` returned, when the caller has it already.
    Raises UsageError for an unknown actor or issue, a bad date or depth, and when
    nothing is left to show after the filters.
    """
    from kg.analysis import network
    from kg.views import drawing

    if depth < 1:
        raise UsageError(f"must be 1 or more, not {depth}", param="depth")
    if depth != 1 and not focus:
        raise UsageError(f"{named('depth')} counts steps from the {named('focus')} actor; give {named('focus')} too", param="depth")
    data, actor, focus_label, _ = focused or focus_inputs(store, focus)
    view = network.build(data, as_of, [issue] if issue else None, around=actor.iri if actor and depth == 1 else None)
    focus_iri = None
    if actor is not None:
        focus_iri = actor.iri
        if focus_iri not in view:
            raise UsageError(f"{actor.label} has no ties or positions{_filters(issue, as_of)}; nothing to show, no file written")
        view = drawing.focus_view(view, focus_iri, depth)
    if view.number_of_edges() == 0:
        around = f" around {focus_label}" if focus_label else ""
        raise UsageError(f"no ties or alignments{around}{_filters(issue, as_of)}; nothing to show, no file written")
    return view, focus_iri, focus_label


def _title(focus_label: str | None, depth: int, issue_label: str | None, as_of: str | None) -> str:
    """What the page shows, as its title says it: whose network, on which issue, as of when."""
    if focus_label:
        title = f"{focus_label} and the actors within {depth} step{'s' if depth != 1 else ''}"
    else:
        title = "The alignment network of all actors"
    if issue_label:
        title += f": stances on {issue_label}"
    if as_of:
        title += f", as of {as_of}"
    return title


def _filters(issue, as_of) -> str:
    parts = []
    if issue:
        parts.append(f"on issue '{issue}'")
    if as_of:
        parts.append(f"as of {as_of}")
    return (" " + " ".join(parts)) if parts else ""


def page(store, output: Path, focus: str | None = None, depth: int = 1, issue: str | None = None,
         as_of=None, made: datetime | None = None) -> HtmlExport:
    """Write the interactive, self-contained HTML page of the view (atomically).

    The page carries the view of every day in the data up to ``as_of`` (its date
    slider) and the views made from statements only and actions only (its filter).
    """
    from kg.analysis import contradictions, network
    from kg.views import drawing, history, pagedata
    from kg.views import page as html

    focused = focus_inputs(store, focus) if depth >= 1 else None
    view, focus_iri, focus_label = selected_view(store, focus, depth, issue, as_of, focused)
    data, speaker = focused[0], focused[3]
    day = view.graph.get("as_of") or None
    notation = data.scheme.check(issue) if issue else None
    past = history.collect(data, focus_iri, depth, notation, day, final=view)
    # the contradictions involving the actors of the view only: at scale most of a graph's are elsewhere
    found = contradictions.find(store, as_of=day, actors=sorted(n for n, a in past.nodes.items() if a.get("type") != "issue"))
    if speaker:  # the state as he voiced it: its contradictions among his own words and deeds only
        found = [c for c in found if all(e.actor != focused[1].label or e.speaker == speaker for e in c.evidence)]
    block, figures = pagedata.assemble(past, data, found, drawing.document_titles(store), focus_iri, notation, day)
    label = data.scheme.label(notation) if notation else None
    title = _title(focus_label, depth, label, day)
    made = made or datetime.now(timezone.utc)
    details = [f"{view.number_of_nodes()} actors, {view.number_of_edges()} ties and alignments"]
    if label:
        details.append(f"stances on {label} and alignment on it and narrower issues")
    details.append(f"as of {day}" if day else "all dates")
    stamp = f"made {made.strftime('%Y-%m-%d %H:%M')} UTC by kg"
    write_text(output, html.render(block, title, " · ".join(details), stamp))
    return HtmlExport(Path(output), title, view.number_of_nodes(), view.number_of_edges(), figures.lines,
                      figures.contested_lines, figures.flagged, figures.stance_lines)


def view_file(store, output: Path, fmt: str, issue: str | None = None, as_of=None) -> tuple[int, int]:
    """Write the NetworkX view as GraphML, GEXF or node-link JSON; return (nodes, edges)."""
    view, _, _ = selected_view(store, None, 1, issue, as_of)
    graph_file(view, output, fmt)
    return view.number_of_nodes(), view.number_of_edges()
