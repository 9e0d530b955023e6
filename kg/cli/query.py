"""The catalogue commands: ``kg queries`` and ``kg query``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import (
    format_option,
    full_option,
    open_graph,
    store_options,
)


@click.command(name="queries")
@click.argument("name", required=False)
@click.option("--sparql", is_flag=True, help="Print the SPARQL text of the query NAME (with its '#+' header) instead.")
@format_option
@full_option
def list_queries(name: str | None, sparql: bool, fmt: str, full: bool) -> None:
    """List the query catalogue: each query's name, summary and parameters.

    Parameters marked * are required. Give a NAME to see that query's
    description, and --sparql to print its text, a start for a query of your
    own. The classes, properties and values a query can use, with example
    queries, are in ontology/REFERENCE.md.

    \b
    Example:
      kg queries
      kg queries positions --format json
      kg queries positions --sparql > mine.rq
    """
    from kg.catalogue import files as catalogue
    from kg.errors import UsageError
    from kg.views.tables import render

    if sparql and name is None:
        raise UsageError("--sparql prints one query: give its NAME ('kg queries' lists them)")
    found = catalogue.describe(name)
    if sparql:
        click.echo(found[0].text, nl=not found[0].text.endswith("\n"))
        return
    if name is not None and fmt == "table":
        click.echo(f"{found[0].name}: {found[0].description or found[0].summary}\n")
        click.echo(render(catalogue.param_rows(found[0]), ["parameter", "type", "required", "default", "description"],
                          full=full))
        return
    click.echo(render(catalogue.catalogue_rows(found), ["name", "summary", "parameters"], fmt,
                      json_value=catalogue.catalogue_json(found), full=full))


@click.command(name="query")
@click.argument("name", required=False, metavar="NAME|FILE.rq")
@click.option("-e", "--expression", "text", default=None, metavar="SPARQL", help="Run this query text instead of a named query or file.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter the query declares; repeat for more. Bound as a typed RDF term, never pasted into the text.")
@format_option
@full_option
@store_options
def run_query(name: str | None, text: str | None, params: tuple[str, ...], fmt: str, full: bool, seeds: Path | None,
              graph_path: Path | None) -> None:
    """Run a read-only SPARQL query: one of the catalogue, a .rq file, or text.

    An actor parameter may be a name, alias or ISO code; an issue its notation
    ('kg query issues'); a date YYYY-MM-DD. SPARQL updates are refused. SELECT
    and ASK results print in --format (json: SPARQL 1.1 JSON results), graphs
    as Turtle; IRIs print as a query reads them, to paste back. To
    write a query: ontology/REFERENCE.md lists the classes, properties and
    values of the graph with example queries; 'kg queries NAME --sparql' prints
    a catalogue query to start from.

    \b
    Example:
      kg query positions --param actor=Serbia --param as-of=2020-01-01
      kg query my.rq --format csv
      kg query -e 'SELECT ?name WHERE { ?a a sa:State ; rdfs:label ?name }'
    """
    from kg.catalogue import files as catalogue
    from kg.catalogue import run as query
    from kg.errors import UsageError
    from kg.views.tables import query_result

    if (name is None) == (text is None):
        raise UsageError("give one query: a NAME from 'kg queries', a FILE.rq, or -e 'SPARQL text'")
    found = catalogue.from_text(text) if text is not None else catalogue.load(name)
    result = open_graph(seeds, graph_path).query(found, **query.parse_pairs(params))
    click.echo(query_result(result.raw, fmt, full))
