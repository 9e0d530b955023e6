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


def say(message: str) -> None:
    click.echo(message, err=True)


seeds_option = click.option(
    "--seeds",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="KG_SEEDS",
    default=None,
    help="Seeds folder (default: $KG_SEEDS, else the seeds shipped with kg).",
)
graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="KG_GRAPH",
    default=None,
    help="Built graph file (default: $KG_GRAPH, else $KG_HOME/graph.trig, ~/.local/share/kg/graph.trig).",
)


def store_options(func):
    """The options of every command that reads the graph: where the seeds and the built graph are."""
    return seeds_option(graph_option(func))


def open_store(seeds: Path | None, graph_path: Path | None):
    """The store a reading command queries, built from the seeds first when needed."""
    from . import graphfile

    return graphfile.open_store(seeds, graph_path, say)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)


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


if __name__ == "__main__":  # pragma: no cover
    main()
