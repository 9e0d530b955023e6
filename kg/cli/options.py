"""The options and helpers that the ``kg`` commands share.

Every command that reads the graph takes the same store options and opens the store
the same way; every listing command takes the same ``--format`` and ``--full``.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.errors import one_line


def say(message: str) -> None:
    click.echo(message, err=True)


def shown(path: Path) -> str:
    """An output path as messages name it: ``-`` is standard output."""
    return "standard output" if str(path) == "-" else str(path)


seeds_option = click.option(
    "--seeds",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="KG_SEEDS",
    default=None,
    help="A workspace or seeds folder (default: $KG_SEEDS, else the workspace around the current folder, else the "
    "seeds shipped with kg).",
)
graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="KG_GRAPH",
    default=None,
    help="Built graph file (default: $KG_GRAPH, else the seeds' own under $KG_HOME, ~/.local/share/kg).",
)


def _remember(ctx: click.Context, param: click.Parameter, value):
    ctx.meta[f"kg.{param.name}"] = value
    return value


# --store and --timeout reach open_graph through the context, so that commands keep
# their signatures (seeds, graph_path) whichever store they read.
store_option = click.option(
    "--store",
    envvar="KG_STORE",
    default=None,
    expose_value=False,
    callback=_remember,
    metavar="DIR|URL",
    help="Graph store (default: $KG_STORE, else the built graph in memory): an Oxigraph "
    "directory filled by 'kg load', or the http(s) URL of a SPARQL endpoint.",
)
class Seconds(click.ParamType):
    """A positive, finite number of seconds (FloatRange lets nan and inf through)."""

    name = "seconds"

    def convert(self, value, param, ctx):
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            seconds = float("nan")
        if not (0 < seconds < float("inf")):
            self.fail(f"'{one_line(str(value))}' is not a positive number of seconds (e.g. 30)", param, ctx)
        return seconds


timeout_option = click.option(
    "--timeout",
    type=Seconds(),
    envvar="KG_STORE_TIMEOUT",
    default=None,
    expose_value=False,
    callback=_remember,
    help="Seconds each query (each request to the store) may take in all (default: $KG_STORE_TIMEOUT, else 30).",
)


def store_options(func):
    """The options of every command that reads the graph: the store, the seeds and the built graph."""
    return seeds_option(graph_option(store_option(timeout_option(func))))


def _store_choice() -> tuple[str | None, float | None]:
    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx else {}
    return meta.get("kg.store"), meta.get("kg.timeout")


def open_graph(seeds: Path | None, graph_path: Path | None):
    """The graph a reading command asks (--store, --timeout), as the Python API opens it; the store opens on first use."""
    from kg import api

    store, timeout = _store_choice()
    return api.open(store, seeds, graph_path, timeout, say)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
full_option = click.option(
    "--full",
    is_flag=True,
    default=False,
    help="One line per row, every cell whole (by default a table in a terminal fits its width, wrapping long texts).",
)


as_of_option = click.option("--as-of", "as_of", metavar="YYYY-MM-DD", default=None,
                            help="Only claims dated on or before this date, and memberships in force on it.")


def issue_option(repeatable: bool = True):
    """``--issue``: with ``repeatable`` it may be given several times (parameter ``issues``), else once (``issue``).

    The page of ``kg export html`` draws its issue as one node, so the exports take one.
    """
    return click.option("--issue", "issues" if repeatable else "issue", multiple=repeatable, metavar="ISSUE",
                        default=None, help="Only positions on this issue and its narrower issues (notation or label"
                        + ("; repeatable" if repeatable else "") + "); ties stay.")


kind_option = click.option("--kind", type=click.Choice(["statement", "action"]), default=None,
                           help="Only positions of this kind: what actors said, or what they did.")
