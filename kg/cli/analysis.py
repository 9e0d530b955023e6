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
    open_graph,
    say,
    store_options,
)


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
    with the others; the ties between them (ally, candidate, sanctions …) with their
    quotes; then an agreement score per pair in [-1, 1] (+1: always on the same
    side) with the shared issues and documents it rests on, marked * when fewer
    than 3 issues. An official stands for the state he speaks for. With --votes, also
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
    if len(names) < 2:
        raise UsageError("compare needs at least two actors, e.g. kg compare Serbia Russia or kg compare Serbia --against Russia EU")
    graph = open_graph(seeds, graph_path)
    result = graph.compare(*(names[:1] if against else names), against=names[1:] if against else None,
                           as_of=as_of, issues=issues, kind=kind)
    vote_rows = None
    if with_votes:
        from kg.unga import views

        # the actors the comparison found, so that both tables are about the same actors
        vote_rows = graph.votes().pairs(result.chosen, against, as_of=as_of)
    if fmt == "json":
        data = result.to_json()
        if vote_rows is not None:
            data["votes"] = vote_rows
        click.echo(render([], [], "json", data))
    elif fmt in ("csv", "tsv"):
        click.echo(render(result.rows(), alignment.CSV_COLUMNS, fmt))
    else:
        click.echo(render(result.rows(), alignment.ROW_COLUMNS, full=full))
        if result.ties:
            click.echo()
            click.echo(render(result.tie_rows(), alignment.TIE_COLUMNS, full=full))
        click.echo()
        click.echo(render(result.pair_rows(), alignment.PAIR_COLUMNS, full=full))
        if result.footnote:
            click.echo(result.footnote)
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

    graph = open_graph(seeds, graph_path)
    if with_votes:
        from kg.errors import UsageError
        from kg.unga import communities

        if issues or kind:
            raise UsageError("--issue and --kind select claims; with --votes use kg votes matrix --issue for vote tags")
        voted = graph.votes().clusters(seed=seed, as_of=as_of)
        rows = voted.cluster_rows()
        click.echo(render(rows, communities.CLUSTER_COLUMNS, fmt, voted.to_json(), full=full))
        return
    result = graph.clusters(as_of=as_of, issues=issues, kind=kind, seed=seed)
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
              help="Only this type: rhetoric_vs_action, hedging, reversal_over_time, member_vs_bloc, entity_vs_state, "
                   "tie_vs_position, source_dispute or rival_ties.")
@click.option("--pairs", is_flag=True, help="List every pair of claims, one contradiction each, instead of tensions.")
@format_option
@full_option
@store_options
def list_contradictions(actor: str | None, kind: str | None, pairs: bool, fmt: str, full: bool, seeds: Path | None,
                        graph_path: Path | None) -> None:
    """Show the tensions in an actor's words, deeds and ties, strongest first.

    A tension gathers every contradiction of one type between the same sides (one
    actor's vote against the Crimea resolutions and its saying Crimea is Ukraine),
    with its strength (documents, closeness, recency), its origin (curated or the
    rules that found it) and one row per side: its latest claim with stance, date,
    quote, speaker and sources. --pairs lists each pair of claims instead. ACTOR may
    be a name, alias or ISO code; without it, all are shown.

    \b
    Example:
      kg contradictions Serbia
      kg contradictions Serbia --pairs
      kg contradictions RS --type rival_ties --format json
    """
    from kg.analysis import contradictions, tensions
    from kg.views.tables import render

    graph = open_graph(seeds, graph_path)
    # a table names each item once, over its rows; CSV and TSV repeat it on every row
    repeat = fmt in ("csv", "tsv")
    if pairs:
        found = graph.contradictions(actor, kind)
        rows = contradictions.rows(found, repeat=repeat)
        click.echo(render(rows, contradictions.COLUMNS, fmt, [c.to_json() for c in found], full=full))
        if fmt == "table":
            say(f"{len(found)} contradiction{'s' if len(found) != 1 else ''}.")
        return
    found = graph.tensions(actor, kind)
    click.echo(render(tensions.rows(found, repeat=repeat), tensions.COLUMNS, fmt, [t.to_json() for t in found],
                      full=full))
    if fmt == "table":
        count = sum(len(t.pairs) for t in found)
        say(f"{len(found)} tension{'s' if len(found) != 1 else ''} ({count} pair{'s' if count != 1 else ''} of claims; "
            "--pairs lists them).")
