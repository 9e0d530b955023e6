"""The ``kg`` commands for UN General Assembly votes: ``kg import unga``, ``kg votes``, ``kg corroborate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import _store_choice, format_option, full_option, open_graph, say, store_options
from kg.unga import METRICS


class _Progress:
    """A progress bar on stderr per phase of a long job."""

    def __init__(self):
        self.bar, self.phase, self.done = None, None, 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.bar = click.progressbar(length=max(total, 1), label=phase, file=sys.stderr)
            self.bar.__enter__()
            self.phase, self.done = phase, 0
        self.bar.update(max(done - self.done, 0))
        self.done = max(done, self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.group(name="import")
def import_group() -> None:
    """Import official records (UN General Assembly votes) into a directory store."""


@import_group.command(name="unga")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@click.option("--strict", is_flag=True, help="Stop at the first bad row instead of reporting and skipping it.")
@click.option("--replace", is_flag=True,
              help="Replace a dataset even with fewer roll calls or votes than it holds (refused otherwise).")
@store_options
def import_unga(files, strict, replace, seeds, graph_path) -> None:
    """Import UN General Assembly roll-call votes into the store (default $KG_HOME/store).

    PATH is the folder of the Voeten/unvotes tables (un_votes, un_roll_calls,
    un_roll_call_issues; .csv or .csv.gz), those files, or a UN Digital Library
    "General Assembly Voting Data" CSV. Each vote becomes an action in the graph;
    a vote index for 'kg votes' is written beside the store. Bad rows are listed
    with their file and line and skipped. Importing again replaces the dataset;
    one with fewer roll calls or votes than before (a damaged file?) needs --replace.
    An interrupted import leaves the store as it was.

    \b
    Example:
      kg import unga unvotes/
      kg import unga ga_voting.csv --strict --store ./kg-store
    """
    from kg import api
    from kg.views.tables import table

    progress = _Progress()
    try:
        report = api.import_unga(list(files), _store_choice()[0], seeds, strict, progress, replace)
    finally:
        progress.close()
    rows = [{"dataset": d.dataset, "roll calls": d.rollcalls, "votes": d.votes, "states": d.actors,
             "status": "unchanged" if d.unchanged else "imported", "index": d.index_file} for d in report.datasets]
    click.echo(table(rows, ["dataset", "roll calls", "votes", "states", "status", "index"]))
    for bad in report.bad[:20]:
        say(f"bad row: {bad}")
    if len(report.bad) > 20:
        say(f"… and {len(report.bad) - 20} more bad rows")
    say(f"Imported in {report.seconds:.1f} s; {len(report.bad)} bad rows skipped.")
    from kg.unga.analysis import coverage_text

    say(f"Coverage: {coverage_text(api.open(_store_choice()[0], seeds).votes().coverage())}.")


_METRICS = list(METRICS)
_TOPICS = ["palestine", "nuclear", "disarmament", "human-rights", "colonialism", "economic-development"]


class _DefaultGroup(click.Group):
    """A group whose default command runs when the first word is not one of its subcommands.

    ``kg votes A B`` and ``kg votes A --against-all`` run the default command;
    ``kg votes matrix …`` (and any other subcommand) runs that subcommand. ``kg votes
    --help`` shows the default command's help followed by the list of subcommands.
    """

    default = "pairs"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default, *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command = self.commands[self.default]
        with click.Context(command, info_name=ctx.info_name, parent=ctx.parent) as inner:
            command.format_help(inner, formatter)
        self.format_commands(ctx, formatter)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in super().list_commands(ctx) if name != self.default]


def _selection_options(func):
    """The options that choose the roll calls, shared by ``kg votes A B`` and ``kg votes matrix``."""
    for option in reversed([
        click.option("--session", default=None, metavar="N|N-M|ES-N",
                     help="Only roll calls of this session, range of regular sessions, or emergency special session (ES-11)."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only roll calls on or after this date."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only roll calls on or before this date."),
        click.option("--topic", type=click.Choice(_TOPICS), default=None,
                     help="Only roll calls with this UN topic tag (Voeten's issue codes)."),
        click.option("--issue", default=None, metavar="ISSUE",
                     help="Only roll calls on resolutions the reference data links to this issue or a narrower one "
                     "(notation or label, as everywhere)."),
        click.option("--important", is_flag=True, help="Only the State Department's important votes."),
        click.option("--seat", is_flag=True,
                     help="Follow each state's UN seat through its successions (Serbia: SFR Yugoslavia, "
                     "FR Yugoslavia / Serbia and Montenegro, Serbia), printing who held it when."),
        click.option("--metric", type=click.Choice(_METRICS), default="agreement", show_default=True,
                     help="Metric to sort by (--against-all) or to show (matrix)."),
        click.option("--min-votes", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Leave out states with fewer common votes than this."),
        format_option, full_option, store_options,
    ]):
        func = option(func)
    return func


@click.group(cls=_DefaultGroup, name="votes")
def votes() -> None:
    """How often states and blocs vote alike in the UN General Assembly."""


def _covered(record) -> dict:
    """The record's coverage, said on stderr (every votes output carries it)."""
    from kg.unga.analysis import coverage_text

    found = record.coverage()
    say(f"Note: {coverage_text(found)}.")
    return found


@votes.command(name="pairs")
@click.argument("names", nargs=-1, required=True, metavar="A [B]")
@click.option("--against-all", is_flag=True, help="Compare A with every state that voted.")
@_selection_options
def pairs(names, against_all, session, since, until, topic, issue, important, seat, metric, min_votes, fmt, full,
          seeds, graph_path) -> None:
    """How often states and blocs vote alike in the UN General Assembly.

    Six metrics over the n roll calls on which both voted (absences excluded), with
    same = both the same choice, opposite = one yes and one no, one_abstains = only
    one abstains:

    \b
      agreement         same / n
      coincidence       identical / (identical + opposite), identical = both yes or both no
      state-department  (same + ½·one_abstains) / n   (the US State Department's method)
      s-score           1 − (one_abstains + 2·opposite) / n   (Signorino–Ritter, −1 … 1)
      kappa             (p_o − p_e) / (1 − p_e), p_o = same / n, p_e = Σ_k a_k·b_k / n²   (Cohen)
      pi                (p_o − p_e) / (1 − p_e), p_e = Σ_k ((a_k + b_k) / 2n)²   (Scott)

    a_k and b_k count each side's choices k (yes, abstain, no) on those n roll calls.
    A bloc (EU, NATO) votes as the majority of its members at the date of each vote.
    Needs 'kg import unga' first; the record's coverage is noted on stderr.

    \b
    Usage: kg votes A B | kg votes A --against-all | kg votes matrix [NAME]...

    \b
    Examples:
      kg votes Serbia Russia --session 61-74
      kg votes Serbia --against-all --topic human-rights --metric kappa
      kg votes Serbia Russia --until 1990-01-01 --seat
      kg votes Serbia --against-all --important --metric pi
      kg votes matrix Serbia Russia EU NATO China --format csv
      kg votes matrix --since 2010-01-01 --heatmap votes.svg
    """
    from kg.errors import UsageError
    from kg.unga import views
    from kg.views.tables import render

    record = open_graph(seeds, graph_path).votes()
    selection = {"session": session, "since": since, "until": until, "topic": topic, "issue": issue,
                 "important": important, "seat": seat}
    if against_all:
        if len(names) != 1:
            raise UsageError("--against-all compares one state or bloc with all others; give one name")
        rows = record.against_all(names[0], metric, min_votes, **selection)
    elif len(names) == 2:
        rows = [record.pair(names[0], names[1], **selection)]
    else:
        raise UsageError("give two names (kg votes A B), one with --against-all, or 'matrix' and any names")
    found = _covered(record)
    click.echo(render(rows, views.PAIR_COLUMNS, fmt, [row | {"coverage": found} for row in rows], full=full))


@votes.command(name="matrix")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option("--heatmap", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Draw it as an image (.svg; .png needs matplotlib), ordered by similarity, instead of printing it.")
@click.option("--print", "also_print", is_flag=True, help="With --heatmap: print the matrix too.")
@_selection_options
def matrix(names, heatmap, also_print, session, since, until, topic, issue, important, seat, metric, min_votes, fmt,
           full, seeds, graph_path) -> None:
    """The metric for every pair of the named states and blocs (all states if none are named).

    With --heatmap the matrix is drawn (rows and columns ordered by similarity, a
    colour bar, the metric and period in the title) and not printed unless --print.

    \b
    Examples:
      kg votes matrix Serbia Russia EU NATO China --format csv
      kg votes matrix --since 2010-01-01 --heatmap votes.svg
    """
    from kg.unga import views
    from kg.views.tables import render

    record = open_graph(seeds, graph_path).votes()
    result = record.matrix(list(names), metric, min_votes, session=session, since=since, until=until, topic=topic,
                           issue=issue, important=important, seat=seat)
    _covered(record)
    if heatmap:
        views.heatmap(result, heatmap)
        say(f"Wrote {heatmap}.")
    if also_print or not heatmap:
        rows, columns = views.matrix_rows(result)
        click.echo(render(rows, columns, fmt, views.matrix_json(result), full=full))


from kg.cli.ideal import ideal_points  # noqa: E402  (a subcommand in a module of its own)

votes.add_command(ideal_points)


@click.command()
@format_option
@full_option
@store_options
def corroborate(fmt, full, seeds, graph_path) -> None:
    """Check what the articles say about UN votes against the official record.

    Every claim that a state voted yes, no or abstained on a resolution, and every
    report of a vote's result ("adopted with 63 in favour and 19 against"), is marked
    corroborated, contradicted or not in the record, naming the article and the
    roll call it was checked against. The claims come from the built graph, the
    record from the votes imported with 'kg import unga' (--store, default
    $KG_HOME/store).

    \b
    Example:
      kg corroborate --format csv
    """
    from kg import api
    from kg.unga import corroborate as checking
    from kg.views.tables import render

    # the claims come from the built graph; --store names the directory of the imported votes
    verdicts = api.open(None, seeds, graph_path, say=say).corroborate(votes=_store_choice()[0])
    click.echo(render([v.row() for v in verdicts], checking.COLUMNS, fmt, full=full))
    counts = {k: sum(v.verdict == k for v in verdicts) for k in (checking.CORROBORATED, checking.CONTRADICTED, checking.NOT_IN_RECORD)}
    say(", ".join(f"{n} {k}" for k, n in counts.items()) + ".")
