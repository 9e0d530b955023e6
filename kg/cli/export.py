"""``kg export``: the page, the network for other tools, the graph as RDF."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import (
    as_of_option,
    graph_option,
    issue_option,
    open_graph,
    say,
    seeds_option,
    shown,
    store_options,
)


@click.group()
def export() -> None:
    """Write the graph, or the alignment network, for a browser or other tools.

    \b
    Example:
      kg export html -o serbia.html --focus Serbia
    """


output_option = click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
                             default=None, help="File to write (written atomically; the folder must exist), "
                             "or - for standard output.")


@export.command("html")
@store_options
@output_option
@click.option("--focus", default=None, metavar="ACTOR", help="Centre on this actor (name, alias or ISO code).")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --focus: how many steps away from it to show.")
@issue_option(repeatable=False)
@as_of_option
def export_html(seeds, graph_path, output, focus, depth, issue, as_of) -> None:
    """An interactive page of the alignment network, self-contained and safe to open offline.

    Actors are shaped and coloured by type, lines coloured by sign (solid: ties,
    dashed: agreement or disagreement on issues), contradictions marked with ⚠;
    hovering a line shows its quotes, sources and dates. The file holds everything
    it needs and fetches nothing.

    \b
    Example:
      kg export html -o serbia.html --focus Serbia --as-of 2021-12-31
    """
    target = output or Path(f"{(focus or 'network').lower().replace(' ', '-')}.html")
    result = open_graph(seeds, graph_path).export_page(target, focus=focus, depth=depth, issue=issue, as_of=as_of)
    stances = f", {result.stance_lines} stances on the issue" if issue else ""
    say(f"Wrote {shown(result.path)}: {result.title}; {result.actors} actors, {result.lines} lines for "
        f"{result.edges} ties and alignments{stances}, {result.contradicted_lines} resting on contradicted claims.")


def _view_export(fmt: str, suffix: str, what: str):
    @export.command(fmt, help=f"""The alignment network as {what}, with every node and edge attribute.

    The evidence of an edge (quotes, sources, dates, claims) is kept as JSON text in
    its 'evidence' attribute{' (a list in JSON)' if fmt == 'json' else ''}.

    \b
    Example:
      kg export {fmt} -o network{suffix} --as-of 2021-12-31
    """)
    @store_options
    @output_option
    @issue_option(repeatable=False)
    @as_of_option
    def command(seeds, graph_path, output, issue, as_of) -> None:
        target = output or Path(f"network{suffix}")
        nodes, edges = open_graph(seeds, graph_path).export_network(target, fmt, issue=issue, as_of=as_of)
        say(f"Wrote {shown(target)}: {nodes} actors, {edges} ties and alignments ({fmt}).")

    return command


_view_export("graphml", ".graphml", "GraphML (Gephi, yEd, Cytoscape)")
_view_export("gexf", ".gexf", "GEXF (Gephi)")
_view_export("json", ".json", "node-link JSON (networkx, D3)")


@export.command("rdf")
@seeds_option
@graph_option
@output_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "jsonld"]), default="turtle",
              show_default=True, help="RDF format; Turtle holds the union of the named graphs.")
def export_rdf(seeds, graph_path, output, fmt) -> None:
    """The built graph in an RDF format, with the project's prefixes.

    TriG, N-Quads and JSON-LD keep one named graph per source document; Turtle has
    no named graphs and holds their union, as queries see it.

    \b
    Example:
      kg export rdf --format turtle -o graph.ttl
    """
    from kg import api

    suffix = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}[fmt]
    target = output or Path(f"graph{suffix}")
    count = api.open(None, seeds, graph_path, say=say).export_rdf(target, fmt)
    say(f"Wrote {shown(target)}: {count} triples ({fmt}).")
