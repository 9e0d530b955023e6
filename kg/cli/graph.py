"""The commands that make the graph and put it in a store: ``kg init``, ``build``, ``validate``, ``load``, ``serve``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kg.cli.options import (
    _store_choice,
    graph_option,
    say,
    seeds_option,
    shown,
    store_options,
)


@click.command()
@seeds_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True), default=None,
              help="Where to write the graph (default: the --graph location); - for standard output.")
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
    from kg.build import pipeline as builder
    from kg.views.tables import table

    with _Progress() as progress:
        built, target = builder.build_file(seeds, output or graph_path, fmt, stage=progress)
    rows = [{"what": k, "count": v} for k, v in built.summary.lines()]
    click.echo(table(rows, ["what", "count"]), err=str(target) == "-")  # the graph itself is on stdout then
    say(f"Read {built.workspace.describe()}.")
    say(f"Wrote {shown(target)} ({fmt}); the SHACL validation conforms.")


class _Progress:
    """The stage a build is in, on stderr, once it has run 2 s (not when stderr is piped or a file)."""

    STAGES = ("read", "triples", "rules", "shacl", "write")

    def __init__(self):
        import threading

        self.start, self.name, self.shown = time.monotonic(), "read", False
        self.stop = threading.Event()
        self.ticker = threading.Thread(target=self._tick, daemon=True) if sys.stderr.isatty() else None

    def __call__(self, name: str) -> None:
        self.name = name

    def _tick(self) -> None:
        while not self.stop.wait(0.25):
            elapsed = time.monotonic() - self.start
            if elapsed >= 2 and self.name in self.STAGES:
                step = self.STAGES.index(self.name) + 1
                click.echo(f"\rbuilding: {self.name} (stage {step} of {len(self.STAGES)}), {elapsed:.0f} s   ",
                           err=True, nl=False)
                self.shown = True

    def __enter__(self) -> "_Progress":
        if self.ticker is not None:
            self.ticker.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.ticker is not None:
            self.ticker.join()
        if self.shown:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)


@click.command()
@seeds_option
def validate(seeds: Path | None) -> None:
    """Run every check on the seeds without writing anything.

    Exit code 0 when all holds, 1 when there are violations (each listed with its
    file and line), 2 when an input cannot be read.

    \b
    Example:
      kg validate --seeds ./seeds
    """
    from kg import api

    space = api.workspace(seeds)
    s = api.validate(space)  # a problem names its file, the path showing which folder was read
    click.echo(f"OK: {s.documents} documents, {s.claims} claims, all quotes verbatim, SHACL validation conforms.")
    if s.pending:  # drafted claims not yet accepted: not built, not errors
        click.echo(f"Pending review (not built): {len(s.pending)} claims; accept with 'kg draft --accept FILE.yaml'.")
        for line in s.pending:
            click.echo(f"  {line}")
    click.echo(f"Checked {space.describe()}.")


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--copy-seeds", is_flag=True, default=False,
              help="Copy the shipped seeds and issues in, to edit as your own, and read the workspace alone.")
def init(folder: Path, copy_seeds: bool) -> None:
    """Make FOLDER (default: here) a workspace for your own articles, actors and issues.

    It gets kg.toml, articles/ and reference/ (actors, aliases, memberships,
    resolutions, issues: each empty but for commented examples). Every kg command
    run inside it reads it, over the seeds shipped with kg, and builds its own graph.

    \b
    Example:
      kg init my-kg && cd my-kg && kg validate
    """
    from kg import api

    space = api.init(folder, copy_seeds)
    click.echo(f"Made {space.describe()}:")
    click.echo(f"  {space.root / 'kg.toml'}  settings (shipped = {'true' if space.shipped else 'false'})")
    click.echo(f"  {space.root / 'articles'}  your articles (NAME.txt) and their annotation files (NAME.yaml)")
    click.echo(f"  {space.root / 'reference'}  actors, aliases, memberships, resolutions and issues of your own")
    click.echo(f"Its graph is built into {space.graph_file}.")


@click.command()
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
    from kg import api

    store, timeout = _store_choice()
    graphs = api.load(store, seeds, graph_path, timeout, say)
    say(f"Loaded {len(graphs)} graphs into {store}.")


@click.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the graph to the network.")
@click.option("--port", type=click.IntRange(1, 65535), envvar="KG_PORT", default=7878, show_default=True,
              help="Port to listen on (or $KG_PORT).")
def serve(seeds: Path | None, graph_path: Path | None, host: str, port: int) -> None:
    """Serve the graph as a read-only SPARQL endpoint until Ctrl-C.

    With --store DIR it serves that directory as loaded by 'kg load'; without, it
    loads the built graph into $KG_HOME/store first. Queries see the union of all
    graphs as their default graph; the endpoint is at /query, a query editor at /.
    Each query has --timeout seconds; requests from other web pages and SERVICE
    calls are refused.

    \b
    Example:
      kg serve --port 7878 &
      kg query positions --param actor=Serbia --store http://127.0.0.1:7878
    """
    from kg.build import current as graphfile
    from kg.store import server

    store, timeout = _store_choice()
    location = graphfile.serving_location(store, seeds, graph_path, say)
    server.run(location, host, port, say, timeout)
