"""The analysis commands: ``kg compare``, ``kg clusters``, ``kg contradictions``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import (
    as_of_option,
    format_option,
    full_option,
    issue_option,
    kind_option,
    open_store,
    say,
    store_options,
)
from kg.cli.votes import _vote_store


@click.command()
@store_options
@click.argument("actors", nargs=-1, required=True)
@click.option("--against", is_flag=True,
              help="Compare the first actor with each of the others (not the others with each other).")
@as_of_option
@issue_option()
@kind_option
@click.option("--votes", "with_votes", is_flag=True,
              help="Add the vote-based scores of each pair from the imported UN votes (see kg votes).")
@format_option
@full_option
def compare(seeds, graph_path, actors, against, as_of, issues, kind, with_votes, fmt, full) -> None:
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
    from kg.analysis import alignment
    from kg.errors import UsageError
    from kg.views.tables import render

    names = list(actors)
    if with_votes and fmt in ("csv", "tsv"):
        raise UsageError("--votes shows a second table: use --format table or json (or kg votes for the votes alone as CSV)")
    store = open_store(seeds, graph_path)
    result = alignment.compare(store, names[:1] if against else names, against=names[1:] if against else None,
                               as_of=as_of, issues=list(issues), kind=kind)
    vote_rows = None
    if with_votes:
        from kg import paths
        from kg.analysis.stances import as_of_day
        from kg.build import reference
        from kg.unga import analysis, index, views

        selection = analysis.Selection(until=as_of_day(as_of))
        ref = reference.load(Path(seeds or paths.default_seeds_dir()))
        # the actors the comparison found, so that both tables are about the same actors
        vote_rows = analysis.pairs(index.read_index(_vote_store()), ref, result.chosen, against, selection)
    if fmt == "json":
        data = result.to_json()
        if vote_rows is not None:
            data["votes"] = vote_rows
        click.echo(render([], [], "json", data))
    elif fmt in ("csv", "tsv"):
        click.echo(render(result.rows(), alignment.CSV_COLUMNS, fmt))
    else:
        click.echo(render(result.rows(), alignment.ROW_COLUMNS, full=full))
        click.echo()
        click.echo(render(result.pair_rows(), alignment.PAIR_COLUMNS, full=full))
        if vote_rows is not None:
            click.echo()
            click.echo(render(vote_rows, views.PAIR_COLUMNS, full=full))


@click.command()
@store_options
@as_of_option
@issue_option()
@kind_option
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the community detection.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many cross-pressured actors the table lists.")
@click.option("--votes", "with_votes", is_flag=True,
              help="Cluster the states by their UN General Assembly votes instead (needs kg import unga).")
@format_option
@full_option
def clusters(seeds, graph_path, as_of, issues, kind, seed, top, with_votes, fmt, full) -> None:
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
    from kg.analysis import clusters as clustering
    from kg.views.tables import render

    if with_votes:
        from kg import paths
        from kg.analysis.stances import as_of_day
        from kg.build import reference
        from kg.errors import UsageError
        from kg.unga import analysis, communities, index

        if issues or kind:
            raise UsageError("--issue and --kind select claims; with --votes use kg votes matrix --issue for vote tags")
        ref = reference.load(Path(seeds or paths.default_seeds_dir()))
        matrix = analysis.matrix(index.read_index(_vote_store()), ref, None, analysis.Selection(until=as_of_day(as_of)), "kappa")
        voted = communities.vote_clusters(matrix, seed=seed)
        rows = voted.cluster_rows()
        click.echo(render(rows, communities.CLUSTER_COLUMNS, fmt, voted.to_json(), full=full))
        return
    store = open_store(seeds, graph_path)
    result = clustering.clusters(store, as_of=as_of, issues=list(issues), kind=kind, seed=seed)
    if fmt == "json":
        click.echo(render([], [], "json", result.to_json()))
    elif fmt in ("csv", "tsv"):
        click.echo(render(result.actor_rows(), clustering.ACTOR_COLUMNS, fmt))
    else:
        click.echo(render(result.cluster_rows(), clustering.CLUSTER_COLUMNS, full=full))
        click.echo()
        click.echo(render(result.pressure_rows()[:top], clustering.PRESSURE_COLUMNS, full=full))
        ratio = "no triads" if result.balance_ratio is None else f"{result.balance_ratio:.0%} of {result.triads} triads balanced"
        say(f"{len(result.unbalanced)} unbalanced triads; {ratio}.")


@click.command(name="contradictions")
@click.argument("actor", required=False)
@click.option("--type", "kind", default=None, metavar="TYPE",
              help="Only this type: rhetoric_vs_action, reversal_over_time, source_dispute or rival_ties.")
@format_option
@full_option
@store_options
def list_contradictions(actor: str | None, kind: str | None, fmt: str, full: bool, seeds: Path | None,
                        graph_path: Path | None) -> None:
    """Show where an actor's words and deeds, statements over time, or ties pull apart.

    Each contradiction with its type, the actors, whether a curator recorded it or
    which rule derived it, and both claims with stance, date, quote and source.
    ACTOR may be a name, alias or ISO code; without it, all are shown.

    \b
    Example:
      kg contradictions Serbia
      kg contradictions RS --type rival_ties --format json
    """
    from kg.analysis import contradictions
    from kg.views.tables import render

    store = open_store(seeds, graph_path)
    found = contradictions.find(store, actor, kind)
    # a table names each contradiction once, over its claims' rows; CSV and TSV repeat it on every row
    rows = contradictions.rows(found, repeat=fmt in ("csv", "tsv"))
    click.echo(render(rows, contradictions.COLUMNS, fmt, [c.to_json() for c in found], full=full))
    if fmt == "table":
        say(f"{len(found)} contradiction{'s' if len(found) != 1 else ''}.")
