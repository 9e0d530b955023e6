"""The ``kg`` command line: a thin shell over the library.

Each command parses its options, calls one or two library functions and renders the
result. Library errors become one line ``Error: …`` on stderr with the documented
exit code (1 violations, 2 bad input or usage, 3 store problems); no tracebacks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .cli_options import (
    _store_choice,
    as_of_option,
    format_option,
    graph_option,
    issue_option,
    kind_option,
    open_store,
    say,
    seeds_option,
    store_options,
)
from .cli_votes import _vote_store, corroborate, import_group, votes
from .errors import KgError, ValidationFailed


class _Group(click.Group):
    """Turns library errors into one-line messages and exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ValidationFailed as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KgError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """The knowledge graph of state alignments.

    Build the graph from sourced claims, query it, and see with whom a state sides.

    \b
    Example:
      kg build && kg query positions --param actor=Serbia
    """


@main.command()
@seeds_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the graph (default: the --graph location).")
@graph_option
@click.option("--format", "fmt", type=click.Choice(["trig", "nquads", "jsonld"]), default="trig", show_default=True,
              help="RDF format of the written graph.")
def build(seeds: Path | None, output: Path | None, graph_path: Path | None, fmt: str) -> None:
    """Build the graph from the seeds, check it and write it; print what it holds.

    Every quote is checked to occur verbatim in its article, rules derive
    contradictions, and the result is validated against the SHACL shapes before it
    is written (atomically: nothing is left half-written on failure).

    \b
    Example:
      kg build --seeds ./my-seeds -o graph.nq --format nquads
    """
    from . import build as builder
    from . import paths
    from .render import table

    seeds_dir = Path(seeds or paths.default_seeds_dir())
    built = builder.build(seeds_dir)
    target = output or graph_path or paths.default_graph_path()
    default_location = output is None and graph_path is None
    builder.write(built.dataset, target, fmt, create_parent=default_location)
    if fmt == "trig":
        builder.write_manifest(target, built, seeds_dir)
    rows = [{"what": k, "count": v} for k, v in built.summary.lines()]
    click.echo(table(rows, ["what", "count"]))
    say(f"Wrote {target} ({fmt}); the SHACL validation conforms.")


@main.command()
@seeds_option
def validate(seeds: Path | None) -> None:
    """Run every check on the seeds without writing anything.

    Exit code 0 when all holds, 1 when there are violations (each listed with its
    file and line), 2 when an input cannot be read.

    \b
    Example:
      kg validate --seeds ./seeds
    """
    from . import build as builder
    from . import paths

    seeds_dir = Path(seeds or paths.default_seeds_dir())
    built = builder.build(seeds_dir)
    s = built.summary
    click.echo(f"OK: {s.documents} documents, {s.claims} claims, all quotes verbatim, SHACL validation conforms.")


@main.command()
@store_options
def load(seeds: Path | None, graph_path: Path | None) -> None:
    """Write the built graph into a store, replacing the graphs kg owns there.

    Only the graphs under https://w3id.org/state-alignments/id/graph/ are replaced;
    other graphs in the store are left alone. Loading again gives the same store.
    A load that stops halfway leaves a mark, and reading commands refuse the store
    until it is loaded again. Stop 'kg serve' on a directory before loading it.

    \b
    Example:
      kg load --store ./kg-store
      kg load --store http://127.0.0.1:7878
    """
    from . import graphfile

    store, timeout = _store_choice()
    graphs = graphfile.load(store, seeds, graph_path, say, timeout)
    say(f"Loaded {len(graphs)} graphs into {store}.")


@main.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the graph to the network.")
@click.option("--port", type=click.IntRange(1, 65535), envvar="KG_PORT", default=7878, show_default=True,
              help="Port to listen on (or $KG_PORT).")
def serve(seeds: Path | None, graph_path: Path | None, host: str, port: int) -> None:
    """Serve the graph as a read-only SPARQL endpoint (Oxigraph) until Ctrl-C.

    With --store DIR it serves that directory as loaded by 'kg load'; without, it
    loads the built graph into $KG_HOME/store first. Queries see the union of all
    graphs as their default graph; the endpoint is at /query, a query editor at /.

    \b
    Example:
      kg serve --port 7878 &
      kg query positions --param actor=Serbia --store http://127.0.0.1:7878
    """
    from . import graphfile
    from . import serve as server

    store, timeout = _store_choice()
    location = graphfile.serving_location(store, seeds, graph_path, say)
    server.run(location, host, port, say)


@main.command()
@store_options
@click.argument("actors", nargs=-1, required=True)
@click.option("--against", is_flag=True,
              help="Compare the first actor with each of the others (not the others with each other).")
@as_of_option
@issue_option
@kind_option
@click.option("--votes", "with_votes", is_flag=True,
              help="Add the vote-based scores of each pair from the imported UN votes (see kg votes).")
@format_option
def compare(seeds, graph_path, actors, against, as_of, issues, kind, with_votes, fmt) -> None:
    """Compare actors issue by issue: stances, dates, quotes, agreement scores.

    For every issue on which one of the ACTORS has a position, shows each actor's
    latest statement and latest action there, marked as agreeing or disagreeing
    with the others, then an agreement score per pair in [-1, 1] (+1: always on the
    same side) with the number of shared issues it rests on. With --votes, also
    the UN General Assembly vote metrics of each pair (up to --as-of), from the
    votes imported with 'kg import unga'.

    \b
    Examples:
      kg compare Serbia --against Russia EU
      kg compare Serbia --against Russia EU --votes
      kg compare Serbia Iran --as-of 2020-01-01
      kg compare Serbia Russia --kind action --format json
    """
    from . import alignment
    from .render import render, table

    from .errors import UsageError

    names = list(actors)
    if with_votes and fmt in ("csv", "tsv"):
        raise UsageError("--votes shows a second table: use --format table or json (or kg votes for the votes alone as CSV)")
    store = open_store(seeds, graph_path)
    result = alignment.compare(store, names[:1] if against else names, against=names[1:] if against else None,
                               as_of=as_of, issues=list(issues), kind=kind)
    vote_rows = None
    if with_votes:
        from . import paths, reference
        from .stances import as_of_day
        from .unga import analysis, index, views

        selection = analysis.Selection(until=as_of_day(as_of))
        ref = reference.load(Path(seeds or paths.default_seeds_dir()))
        vote_rows = analysis.pairs(index.read_index(_vote_store()), ref, names, against, selection)
    if fmt == "json":
        data = result.to_json()
        if vote_rows is not None:
            data["votes"] = vote_rows
        click.echo(render([], [], "json", data))
    elif fmt in ("csv", "tsv"):
        click.echo(render(result.rows(), alignment.CSV_COLUMNS, fmt))
    else:
        click.echo(table(result.rows(), alignment.ROW_COLUMNS))
        click.echo()
        click.echo(table(result.pair_rows(), alignment.PAIR_COLUMNS))
        if vote_rows is not None:
            click.echo()
            click.echo(table(vote_rows, views.PAIR_COLUMNS))


@main.command()
@store_options
@as_of_option
@issue_option
@kind_option
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the community detection.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many cross-pressured actors the table lists.")
@click.option("--votes", "with_votes", is_flag=True,
              help="Cluster the states by their UN General Assembly votes instead (needs kg import unga).")
@format_option
def clusters(seeds, graph_path, as_of, issues, kind, seed, top, with_votes, fmt) -> None:
    """Alignment clusters, and the actors cross-pressured between them.

    Clusters are communities of the positive ties and agreements between actors;
    an actor is cross-pressured when it sits in unbalanced triads (one or three
    negative edges: its friend's friend is its enemy). With --votes, the clusters
    are communities of the states whose UN votes agree beyond chance (Cohen's
    kappa > 0 on at least 100 common roll calls up to --as-of).

    \b
    Examples:
      kg clusters
      kg clusters --as-of 2020-01-01 --format json
      kg clusters --votes --as-of 2019-12-31
    """
    from . import clusters as clustering
    from .render import render, table

    if with_votes:
        from . import paths, reference
        from .errors import UsageError
        from .stances import as_of_day
        from .unga import analysis, communities, index

        if issues or kind:
            raise UsageError("--issue and --kind select claims; with --votes use kg votes matrix --issue for vote tags")
        ref = reference.load(Path(seeds or paths.default_seeds_dir()))
        matrix = analysis.matrix(index.read_index(_vote_store()), ref, None, analysis.Selection(until=as_of_day(as_of)), "kappa")
        voted = communities.vote_clusters(matrix, seed=seed)
        rows = voted.cluster_rows()
        click.echo(render(rows, communities.CLUSTER_COLUMNS, fmt, voted.to_json()) if fmt != "table"
                   else table(rows, communities.CLUSTER_COLUMNS, max_width=2000))
        return
    store = open_store(seeds, graph_path)
    result = clustering.clusters(store, as_of=as_of, issues=list(issues), kind=kind, seed=seed)
    if fmt == "json":
        click.echo(render([], [], "json", result.to_json()))
    elif fmt in ("csv", "tsv"):
        click.echo(render(result.actor_rows(), clustering.ACTOR_COLUMNS, fmt))
    else:
        click.echo(table(result.cluster_rows(), clustering.CLUSTER_COLUMNS, max_width=400))
        click.echo()
        click.echo(table(result.pressure_rows()[:top], clustering.PRESSURE_COLUMNS))
        ratio = "no triads" if result.balance_ratio is None else f"{result.balance_ratio:.0%} of {result.triads} triads balanced"
        say(f"{len(result.unbalanced)} unbalanced triads; {ratio}.")


@main.command(name="queries")
@click.argument("name", required=False)
@format_option
def list_queries(name: str | None, fmt: str) -> None:
    """List the query catalogue: each query's name, summary and parameters.

    Parameters marked * are required. Give a NAME to see that query's description.

    \b
    Example:
      kg queries
      kg queries positions --format json
    """
    from . import query
    from .render import render

    found = query.describe(name)
    if name is not None and fmt == "table":
        click.echo(f"{found[0].name}: {found[0].description or found[0].summary}\n")
        click.echo(render(query.param_rows(found[0]), ["parameter", "type", "required", "default", "description"]))
        return
    click.echo(render(query.catalogue_rows(found), ["name", "summary", "parameters"], fmt, json_value=query.catalogue_json(found)))


@main.command(name="query")
@click.argument("name", required=False, metavar="NAME|FILE.rq")
@click.option("-e", "--expression", "text", default=None, metavar="SPARQL", help="Run this query text instead of a named query or file.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter the query declares; repeat for more. Bound as a typed RDF term, never pasted into the text.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True,
              help="Output format for SELECT and ASK (json: SPARQL 1.1 JSON results); graphs print as Turtle.")
@store_options
def run_query(name: str | None, text: str | None, params: tuple[str, ...], fmt: str, seeds: Path | None, graph_path: Path | None) -> None:
    """Run a read-only SPARQL query: one of the catalogue, a .rq file, or text.

    An actor parameter may be a name, alias or ISO code; an issue its notation
    ('kg query issues'); a date YYYY-MM-DD. SPARQL updates are refused.

    \b
    Example:
      kg query positions --param actor=Serbia --param as-of=2020-01-01
      kg query my.rq --format csv
      kg query -e 'SELECT ?name WHERE { ?a a sa:State ; rdfs:label ?name }'
    """
    from . import query
    from .errors import UsageError

    if (name is None) == (text is None):
        raise UsageError("give one query: a NAME from 'kg queries', a FILE.rq, or -e 'SPARQL text'")
    found = query.from_text(text) if text is not None else query.load(name)
    values = query.parse_pairs(params)
    query.check(found, values)
    store = open_store(seeds, graph_path)
    click.echo(query.render(query.run(store, found, values), fmt))


@main.command(name="contradictions")
@click.argument("actor", required=False)
@click.option("--type", "kind", default=None, metavar="TYPE",
              help="Only this type: rhetoric_vs_action, reversal_over_time, source_dispute or rival_ties.")
@format_option
@store_options
def list_contradictions(actor: str | None, kind: str | None, fmt: str, seeds: Path | None, graph_path: Path | None) -> None:
    """Show where an actor's words and deeds, statements over time, or ties pull apart.

    Each contradiction with its type, the actors, whether a curator recorded it or
    which rule derived it, and both claims with stance, date, quote and source.
    ACTOR may be a name, alias or ISO code; without it, all are shown.

    \b
    Example:
      kg contradictions Serbia
      kg contradictions RS --type rival_ties --format json
    """
    from . import contradictions

    store = open_store(seeds, graph_path)
    found = contradictions.find(store, actor, kind)
    click.echo(contradictions.render(found, fmt))
    if fmt == "table":
        say(f"{len(found)} contradiction{'s' if len(found) != 1 else ''}.")


@main.group()
def export() -> None:
    """Write the graph, or the alignment network, for a browser or other tools.

    \b
    Example:
      kg export html -o serbia.html --focus Serbia
    """


output_option = click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
                             help="File to write (written atomically; the folder must exist).")
issue_filter = click.option("--issue", default=None, help="Only alignment on this issue (and narrower ones); ties stay.")
as_of_filter = click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
                            help="Only claims dated up to this day, and memberships in force on it.")


@export.command("html")
@store_options
@output_option
@click.option("--focus", default=None, metavar="ACTOR", help="Centre on this actor (name, alias or ISO code).")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --focus: how many steps away from it to show.")
@issue_filter
@as_of_filter
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
    from . import exports

    store = open_store(seeds, graph_path)
    target = output or Path(f"{(focus or 'network').lower().replace(' ', '-')}.html")
    result = exports.page(store, target, focus=focus, depth=depth, issue=issue, as_of=as_of)
    stances = f", {result.stance_lines} stances on the issue" if issue else ""
    say(f"Wrote {result.path}: {result.title}; {result.actors} actors, {result.lines} lines for "
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
    @issue_filter
    @as_of_filter
    def command(seeds, graph_path, output, issue, as_of) -> None:
        from . import exports

        store = open_store(seeds, graph_path)
        target = output or Path(f"network{suffix}")
        nodes, edges = exports.view_file(store, target, fmt, issue=issue, as_of=as_of)
        say(f"Wrote {target}: {nodes} actors, {edges} ties and alignments ({fmt}).")

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
    from . import exports, graphfile

    source = graphfile.ensure_built(seeds, graph_path, say)
    suffix = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}[fmt]
    target = output or Path(f"graph{suffix}")
    count = exports.rdf(source, target, fmt)
    say(f"Wrote {target}: {count} triples ({fmt}).")


main.add_command(import_group)
main.add_command(votes)
main.add_command(corroborate)


if __name__ == "__main__":  # pragma: no cover
    main()
