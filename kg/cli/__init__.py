"""The ``kg`` command line: a thin shell over the library.

Each command parses its options, calls one or two library functions and renders the
result. Library errors become one line ``Error: …`` on stderr with the documented
exit code (1 violations, 2 bad input or usage, 3 store problems); no tracebacks.
Ctrl-C stops any command at once with the line ``Interrupted.`` and exit code 130.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import warnings

INTERRUPTED = 130  # what a shell reports for a command stopped by SIGINT (128 + 2)


def _interrupted_while_loading(signum, frame) -> None:
    os.write(2, b"Interrupted.\n")
    os._exit(INTERRUPTED)


# Ctrl-C while the command line loads (a tenth of a second of imports) ends it with the
# same one line, not the traceback of an import; the usual handler is back at the end.
_LOADING = signal.getsignal(signal.SIGINT) is signal.default_int_handler
if _LOADING:
    try:
        signal.signal(signal.SIGINT, _interrupted_while_loading)
    except ValueError:  # imported outside the main thread: its signals are not ours
        _LOADING = False

import click  # noqa: E402

from kg import __version__  # noqa: E402
from kg.errors import KgError, Note  # noqa: E402
from kg.store import deadline  # noqa: E402


def flag(command: click.Command | None, param: str) -> str | None:
    """How ``command`` spells the library parameter ``param``: its option's long flag or its argument's name.

    A group's subcommands are searched too, so that an error raised by ``kg export
    html`` finds ``--depth`` without knowing which subcommand ran.
    """
    commands = [command] if command is not None else []
    if isinstance(command, click.Group):
        commands += list(command.commands.values())
    for each in commands:
        for option in each.params:
            if option.name != param:
                continue
            if isinstance(option, click.Option):
                return max(option.opts, key=len)
            return option.human_readable_name
    return None


@contextlib.contextmanager
def _notes():
    """Print each ``Note`` the library issues (an official taken as his state …) once, as ``Note: …`` on stderr."""
    shown: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("always", Note)
        other = warnings.showwarning

        def show(message, category, *args, **kwargs):
            if not issubclass(category, Note):
                return other(message, category, *args, **kwargs)
            ctx = click.get_current_context(silent=True)
            command = ctx.meta.get("kg.command") if ctx else None
            text = message.naming(lambda name: flag(command, name) or name) if isinstance(message, Note) else str(message)
            if text not in shown:
                shown.add(text)
                click.echo(f"Note: {text}", err=True)

        warnings.showwarning = show
        yield


class _Group(click.Group):
    """Turns library errors into one-line messages and exit codes, naming parameters by their flags."""

    def resolve_command(self, ctx: click.Context, args):
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta["kg.command"] = command
        return name, command, rest

    def invoke(self, ctx: click.Context):
        try:
            with _notes():
                return super().invoke(ctx)
        except KgError as exc:
            command = ctx.meta.get("kg.command")
            click.echo(f"Error: {exc.naming(lambda name: flag(command, name) or name)}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(INTERRUPTED)

    def __call__(self, *args, **kwargs):
        """Run as the ``kg`` program, leaving at once even while work given up on still runs in a thread.

        Oxigraph cannot stop a query, so a query past its deadline or interrupted
        goes on in its worker thread; the process then ends here, without the
        interpreter's wind-down running while Oxigraph still reads the store.
        """
        # numpy's BLAS on several threads slows the small matrices of the vote metrics
        # (6,203 roll calls × 201 states): the all-pairs matrix took 0.26 s on one thread
        # against 1.9 s on two of a busy 2-core machine (bench/unga.py). Set before numpy loads.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        # A command makes many small objects and few cycles: the collector's default pace (a look at the youngest
        # objects every 700 allocations) took a tenth of kg contradictions Serbia at 1,000 articles (0.35 s of work
        # after the imports, 0.31 s at this pace); the build sets its own (kg.build.pipeline).
        gc.set_threshold(50_000, 20, 100)
        try:
            return self.main(*args, **kwargs)
        except SystemExit as exc:
            if deadline.abandoned():
                for stream in (sys.stdout, sys.stderr):
                    with contextlib.suppress(Exception):
                        stream.flush()
                os._exit(exc.code if isinstance(exc.code, int) else 1)
            raise


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
from kg.cli.draft import draft  # noqa: E402
from kg.cli.graph import build, init, load, serve, validate  # noqa: E402
from kg.cli.query import list_queries, run_query  # noqa: E402
from kg.cli.votes import corroborate, import_group, votes  # noqa: E402

for command in (init, build, validate, draft, load, serve, list_queries, run_query, compare, clusters, list_contradictions,
                export, import_group, votes, corroborate):
    main.add_command(command)

if _LOADING:
    signal.signal(signal.SIGINT, signal.default_int_handler)
