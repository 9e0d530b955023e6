"""The Python API: open the graph, ask it what the ``kg`` commands ask, export it; build seeds, import votes.

    import kg

    g = kg.open()                                   # the graph of the shipped seeds, in memory
    g.query("positions", actor="Serbia").rows       # rows of plain values
    g.compare("Serbia", against=["Russia", "EU"]).pairs

Each command of the CLI parses its flags, calls the function or method here that
has its name, and renders the result, so both give the same answers. Parameters
keep the library's names (``as_of``, ``issues``, ``kind``), and an error names the
parameter it is about (``KgError.param``). Nothing heavy is imported until used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from kg.catalogue.results import Result

Say = Callable[[str], None]  # where progress messages go ("Building the graph …"); None is quiet

_NETWORK_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}


def open(store=None, seeds: str | Path | None = None, graph_path: str | Path | None = None,
         timeout: float | None = None, say: Say | None = None) -> "Graph":
    """The graph to ask: ``store`` a directory, an http(s) URL or a store (or Graph) already open; by default the seeds' graph in memory.

    Example: ``g = kg.open(store="./kg-store")`` reads a store filled by ``kg load``.
    """
    return Graph(store, seeds, graph_path, timeout, say)


def init(folder: str | Path = ".", copy_seeds: bool = False):
    """Make ``folder`` a workspace over the shipped seeds (``copy_seeds``: a copy of them, read alone); ``kg.init("my-kg")``."""
    from kg.build import scaffold
    return scaffold.init(Path(folder), copy_seeds)


def workspace(seeds: str | Path | None = None):
    """The seeds read here: ``seeds``, ``$KG_SEEDS``, the workspace around the current folder, or the shipped ones."""
    from kg.build import workspace as found
    return found.resolve(seeds)


def draft_article(path, title=None, date=None, url=None, force=False, seeds=None, accept=False):
    """Draft ``ARTICLE.yaml`` beside an article, its claims pending review (a Draft); ``accept``: accept them (a count)."""
    from kg.draft import article  # (the stage's package: hence not kg.draft)
    return article.accept(path) if accept else article.draft(path, title, date, url, force, seeds)


def build_graph(seeds: str | Path | None = None, output: str | Path | None = None, fmt: str = "trig", stage=None):
    """Build the graph from a seeds folder, check it and write it (default ``$KG_HOME/graph.trig``); the build.

    (Not ``kg.build``: that name is the package of the build stage.) ``stage``, a
    callable, is told each stage as it begins (read, triples, rules, shacl, write, done).
    An article unchanged since the last build into the default place is not read again.
    Example: ``kg.build_graph("my-seeds", "graph.nq", fmt="nquads").summary.claims``
    """
    from kg.build import pipeline

    return pipeline.build_file(seeds, output, fmt, stage=stage)[0]


def validate(seeds: str | Path | None = None):
    """Run every check of a build without writing anything; the summary, or ValidationFailed listing each problem.

    Example: ``kg.validate("my-seeds").documents``
    """
    from kg.build import pipeline

    return pipeline.build(seeds).summary


def load(store: str | Path, seeds: str | Path | None = None, graph_path: str | Path | None = None,
         timeout: float | None = None, say: Say | None = None) -> list[str]:
    """Write the built graph into a directory or endpoint ``store``, replacing the graphs kg owns there; their IRIs.

    Example: ``kg.load("./kg-store")`` and then ``kg.open(store="./kg-store")``
    """
    from kg.build import current

    return current.load(str(store) if store else None, seeds, graph_path, say, timeout)


def import_unga(files, store: str | Path | None = None, seeds: str | Path | None = None, strict: bool = False,
                progress: Callable[[str, int, int], None] | None = None, replace: bool = False):
    """Import UN General Assembly votes (Voeten/unvotes tables or a UN Digital Library CSV) into a directory store.

    ``store`` defaults to ``$KG_HOME/store``; bad rows are skipped and listed in the
    report (``strict`` stops at the first); ``progress(phase, done, total)``. A
    dataset with fewer roll calls or votes than the one it would replace is refused
    unless ``replace``. An interrupted import leaves the store as it was.
    Example: ``kg.import_unga(["votes/"]).datasets[0].votes``
    """
    from kg.unga import importer, record

    return importer.import_into([Path(f) for f in ([files] if isinstance(files, (str, Path)) else files)],
                                record.location(store), seeds, strict, progress, replace)


class Graph:
    """The knowledge graph as kg reads it: a store to ask, the seeds it is built from, the UN votes imported beside it.

    The store opens on first use, so a graph opened for its votes alone builds nothing.
    Example: ``with kg.open() as g: g.contradictions("Serbia")``
    """

    def __init__(self, store=None, seeds: str | Path | None = None, graph_path: str | Path | None = None,
                 timeout: float | None = None, say: Say | None = None):
        if isinstance(store, Graph):
            store = store.store
        given = store is None or isinstance(store, (str, Path))
        self.location = (str(store) if store else None) if given else None  # a directory or URL, as given
        self._store = None if given else store
        self.seeds = Path(seeds) if seeds else None
        self.graph_path = Path(graph_path) if graph_path else None
        self.timeout = timeout
        self._say = say

    def __repr__(self) -> str:
        return f"kg.Graph(store={self.location or 'memory'!r}, seeds={str(self.seeds) if self.seeds else None!r})"

    @property
    def store(self):
        """The open store (embedded Oxigraph or a SPARQL endpoint), built from the seeds first when needed."""
        if self._store is None:
            from kg.build import current

            self._store = current.open_store(self.seeds, self.graph_path, self._say, self.location, self.timeout)
        return self._store

    def close(self) -> None:
        """Close the store (a directory store stays locked for writers while open)."""
        if self._store is not None and hasattr(self._store, "close"):
            self._store.close()
        self._store = None

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def query(self, query, **params) -> "Result":
        """Run a catalogue query by name (or a ``.rq`` file, SPARQL text, a query file read) with its typed parameters.

        A parameter is named as the query declares it, with ``_`` for ``-``; a value is
        text (a name, alias or ISO code for an actor) or a ``datetime.date``.
        Example: ``g.query("positions", actor="Serbia", as_of="2020-01-01").rows``
        """
        from kg.catalogue import files, run
        from kg.catalogue.results import Result

        found = query
        if isinstance(query, str):
            found = files.load(query) if query.endswith(".rq") or len(query.split()) == 1 else files.from_text(query)
        declared = {p.name for p in found.params}
        values = {}
        for name, value in params.items():
            if value is None:
                continue  # as if not given: the query's default, or the error for a required parameter
            key = name if name in declared else name.replace("_", "-")
            values[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
        run.check(found, values)
        return Result(run.run(self.store, found, values))

    def compare(self, *actors: str, against: list[str] | None = None, as_of=None, issues=None, kind: str | None = None):
        """Compare actors issue by issue: every pair of ``actors``, or each of them against each of ``against``.

        Example: ``g.compare("Serbia", against=["Russia", "EU"]).pairs[0].agreement``
        """
        from kg.analysis import alignment

        return alignment.compare(self.store, list(actors), against=list(against) if against else None, as_of=as_of,
                                 issues=_listed(issues), kind=kind)

    def clusters(self, as_of=None, issues=None, kind: str | None = None, seed: int = 42):
        """Alignment clusters (Louvain communities), the unbalanced triads and the cross-pressured actors.

        Example: ``g.clusters().cross_pressured[0].actor``
        """
        from kg.analysis import clusters

        return clusters.clusters(self.store, as_of=as_of, issues=_listed(issues), kind=kind, seed=seed)

    def contradictions(self, actor: str | None = None, type: str | None = None, as_of=None) -> list:
        """Contradictions (curated or derived), of one actor and ``type`` if given, each with both claims.

        Example: ``[c.type for c in g.contradictions("Serbia")]``
        """
        from kg.analysis import contradictions

        return contradictions.find(self.store, actor, type, as_of)

    def tensions(self, actor: str | None = None, type: str | None = None, as_of=None) -> list:
        """The contradictions gathered into tensions (``kg.analysis.tensions``), strongest first.

        Each tension holds every claim pair of one type between the same sides, by claim
        group, with its strength (documents, closeness, recency).
        Example: ``[(t.type, t.labels) for t in g.tensions("Serbia")]``
        """
        from kg.analysis import tensions

        return tensions.gather(self.contradictions(actor, type, as_of))

    def network(self, as_of=None, issues=None, kind: str | None = None):
        """The alignment network as a NetworkX MultiDiGraph of actors and signed, weighted edges.

        Example: ``g.network(as_of="2021-12-31").number_of_edges()``
        """
        from kg.analysis import network

        return network.view(self.store, as_of=as_of, issues=_listed(issues), kind=kind)

    def export_page(self, output: str | Path, focus: str | None = None, depth: int = 1, issue: str | None = None,
                    as_of=None):
        """Write the interactive, self-contained HTML page of the network (around ``focus`` if given).

        Example: ``g.export_page("serbia.html", focus="Serbia").actors``
        """
        from kg.views import exports

        return exports.page(self.store, Path(output), focus=focus, depth=depth, issue=issue, as_of=as_of)

    def export_network(self, output: str | Path, fmt: str | None = None, issue: str | None = None,
                       as_of=None) -> tuple[int, int]:
        """Write the network as GraphML, GEXF or node-link JSON (``fmt``, else by suffix); (actors, edges) written.

        Example: ``g.export_network("network.graphml")``
        """
        from kg.errors import UsageError
        from kg.views import exports

        fmt = fmt or _NETWORK_SUFFIXES.get(Path(output).suffix)
        if fmt is None:
            raise UsageError(f"'{output}' ends in none of {', '.join(_NETWORK_SUFFIXES)}; give the format",
                             param="fmt")
        return exports.view_file(self.store, Path(output), fmt, issue=issue, as_of=as_of)

    def export_rdf(self, output: str | Path, fmt: str = "turtle") -> int:
        """Write the graph built from the seeds as Turtle, TriG, N-Quads or JSON-LD; the triples written.

        Example: ``g.export_rdf("graph.ttl")``
        """
        from kg.build import current
        from kg.views import exports

        return exports.rdf(current.ensure_built(self.seeds, self.graph_path, self._say), Path(output), fmt)

    def votes(self, store: str | Path | None = None):
        """The UN votes imported into the directory ``store`` (default: this graph's, else ``$KG_HOME/store``).

        Example: ``g.votes().pair("Serbia", "Russia", session="61-74")["kappa"]``
        """
        from kg.unga.record import VoteRecord

        return VoteRecord.open(store or self.location, self.seeds)

    def corroborate(self, votes: str | Path | None = None) -> list:
        """What this graph's articles claim about UN votes, each claim checked against the votes imported into ``votes``.

        ``votes`` is a directory store, as for ``votes()``.
        Example: ``[v.verdict for v in g.corroborate()]``
        """
        return self.votes(votes).corroborate(self.store)


def _listed(issues) -> list[str] | None:
    """An issue or a list of issues as a list (None for all)."""
    if issues is None:
        return None
    return [issues] if isinstance(issues, str) else list(issues)
