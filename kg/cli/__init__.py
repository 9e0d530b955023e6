"""The ``kg`` command line: a thin shell over the library.

Each command parses its options, calls one or two library functions and renders the
result. Library errors become one line ``Error: …`` on stderr with the documented
exit code (1 violations, 2 bad input or usage, 3 store problems); no tracebacks.
"""

from __future__ import annotations

import sys

import click

from kg import __version__
from kg.errors import KgError, ValidationFailed


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


from kg.cli.analysis import clusters, compare, list_contradictions  # noqa: E402
from kg.cli.export import export  # noqa: E402
from kg.cli.graph import build, load, serve, validate  # noqa: E402
from kg.cli.query import list_queries, run_query  # noqa: E402
from kg.cli.votes import corroborate, import_group, votes  # noqa: E402

for command in (build, validate, load, serve, list_queries, run_query, compare, clusters, list_contradictions,
                export, import_group, votes, corroborate):
    main.add_command(command)
