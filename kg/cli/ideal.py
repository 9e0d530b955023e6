"""``kg votes ideal-points``: each state's position per UN General Assembly session, with its uncertainty."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import format_option, full_option, open_graph, say, store_options
from kg.unga.sources import TAG_NAMES


@click.command(name="ideal-points")
@click.option("--actors", default=None, metavar="A,B,…",
              help="States or blocs, comma-separated (a bloc is its members' median); default: every state "
                   "(with --chart: Serbia, Russia, United States, EU).")
@click.option("--sessions", default=None, metavar="N|N-M", help="Only these regular sessions (default: all).")
@click.option("--topic", type=click.Choice(TAG_NAMES), default=None,
              help="Fit on the roll calls with this UN topic tag only.")
@click.option("--chart", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also draw the positions over the sessions with their bands, as SVG.")
@format_option
@full_option
@store_options
def ideal_points(actors, sessions, topic, chart, fmt, full, seeds, graph_path) -> None:
    """Each state's ideal point per UN General Assembly session, with its standard error.

    One dimension from yes / abstain / no (absences missing): the dynamic ordinal
    item-response model of Bailey, Strezhnev and Voeten (2017) - two cut-points per
    roll call, each state's position tied to its previous session's by a random walk,
    roll calls voted again on the same text sharing their parameters across sessions.
    Fitted at its posterior mode (not by MCMC), in about a minute for all 74 sessions,
    and stored beside the vote index until the votes change. Scale: mean 0, variance 1
    over all state-sessions, the United States on the positive side; low and high are
    the 95% band (±1.96 standard errors). A seat's present holder follows the seat back
    (Serbia: SFR Yugoslavia, FR Yugoslavia); voted_as names who cast the votes.

    \b
    Examples:
      kg votes ideal-points --actors Serbia,Russia,"United States",EU --sessions 61-74
      kg votes ideal-points --sessions 74 --format csv
      kg votes ideal-points --chart ideal.svg
    """
    from kg.unga.idealchart import chart as draw
    from kg.unga.idealrows import COLUMNS, DEFAULT_CHART
    from kg.views.tables import render

    names = [n.strip() for n in actors.split(",") if n.strip()] if actors else None
    record = open_graph(seeds, graph_path).votes()
    result = record.ideal_points(names or (DEFAULT_CHART if chart else None), sessions=sessions, topic=topic)
    if chart:
        span = f"sessions {result.first}-{result.last}"
        title = f"Ideal points in the UN General Assembly, {span}" + (f", topic {topic}" if topic else "")
        draw(result.rows, chart, title)
        say(f"Wrote {chart}.")
    click.echo(render(result.rows, COLUMNS, fmt, result.json(), full=full))
