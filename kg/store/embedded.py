"""Graph stores that queries run against, behind one small interface.

Every store has ``name``, ``query(text, bindings)`` returning a SelectResult, a bool
or an rdflib Graph, and ``replace_graphs(source)`` which writes the graphs kg owns
(those under ``id:graph/``) and leaves every other graph alone. The embedded stores
are here: Oxigraph in memory (the default, loaded from the built graph) or in a
directory; ``kg.remote`` has the SPARQL endpoint. Queries read the graphs built from
the seeds as their default graph; imported votes are named graphs a query names
(``kg.store.dataset`` says why).

Replacing graphs marks the store first (a triple in ``id:load-in-progress``), drops
the graphs kg owns, adds the new ones and removes the mark; a store still marked was
left halfway by an interrupted load, and readers refuse it. ``kg load`` and ``kg
import unga`` do not change a directory store in place: they write a copy beside it
and swap the directories (``kg.store.swap``), so the mark only matters on a server.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import Node

from kg import atomic
from kg.catalogue import files as catalogue
from kg.catalogue import sparql
from kg.catalogue.results import QueryResult, SelectResult
from kg.errors import StoreError, UsageError
from kg.store import answers, deadline
from kg.store.stream import chunks
from kg.store.terms import once, to_rdflib, triples_graph
from kg.store.dataset import BUILT_GRAPHS, query_options, with_union
from kg.terms.vocab import ID

OWNED_GRAPHS = BUILT_GRAPHS
LOAD_MARK_GRAPH = str(ID) + "load-in-progress"
BULK_CHUNK_BYTES = 128 * 2**20  # N-Quads bulk-loaded at a time: about 530,000 quads of UN votes
LOAD_MARK = ox.Quad(
    ox.NamedNode(str(ID) + "store"),
    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
    ox.Literal("kg load is replacing the graphs of kg in this store; if it stopped, run kg load again"),
    ox.NamedNode(LOAD_MARK_GRAPH),
)


def store_query(name: str) -> str:
    """The text of one of the queries that stores run themselves (``queries/internal/store/``)."""
    return catalogue.internal(f"store/{name}").text


def _source_quads(source: Path | Dataset) -> Iterator[ox.Quad]:
    if isinstance(source, Dataset):
        return ox.parse(source.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    source = Path(source)
    fmt = ox.RdfFormat.from_extension(source.suffix.lstrip(".")) or ox.RdfFormat.TRIG
    return ox.parse(path=str(source), format=fmt)


def owned_quads(source: Path | Dataset, where: str) -> Iterator[ox.Quad]:
    """The quads of ``source``; StoreError for one outside the graphs kg owns: kg writes nothing else."""
    try:
        for quad in _source_quads(source):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or not graph.value.startswith(OWNED_GRAPHS):
                raise StoreError(
                    f"{where}: {source} has triples outside the graphs kg owns ({graph}); "
                    f"kg loads only graphs under {OWNED_GRAPHS}, as 'kg build' writes them"
                )
            yield quad
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{where}: cannot read {source}: {exc}; rebuild it with 'kg build'") from None


def _open_settled(name: str, read_only: bool) -> ox.Store:
    """Open an Oxigraph directory, trying again for 3 s while a writer's opening replaces its files."""
    for _ in range(60):
        try:
            return ox.Store.read_only(name) if read_only else ox.Store(name)
        except RuntimeError as exc:  # a file gone, made obsolete by a writer opening the store just then
            problem = str(exc).splitlines()[0][:160]
            time.sleep(0.05)
    raise StoreError(f"store {name}: cannot read it ({problem}); if kg load or kg import unga writes it, try again later")


def _file_gone(exc: BaseException) -> bool:
    """True for RocksDB's error on a table file a writer's compaction removed under a read-only reader."""
    text = str(exc)
    return "No such file or directory" in text and ".sst" in text


class OxigraphStore:
    """An embedded Oxigraph store, in memory or in a directory."""

    def __init__(self, store: ox.Store, name: str, timeout: float | None = None, reopen=None,
                 kept: answers.Kept | None = None):
        self._store = store
        self.name = name
        self.timeout = timeout  # seconds per query; None: $KG_STORE_TIMEOUT, else 30
        self._reopen = reopen  # a read-only directory store: opens it again (see _reading)
        self._kept = kept  # a read-only directory store: the answers a build kept in it (kg.store.answers)

    @classmethod
    def in_memory(cls, timeout: float | None = None) -> "OxigraphStore":
        return cls(ox.Store(), "memory", timeout)

    @classmethod
    def open_directory(cls, path: Path, read_only: bool = False, timeout: float | None = None) -> "OxigraphStore":
        """A persistent store in ``path``; read-only opening lets other readers (kg serve) share it.

        A swap of the directory that a killed ``kg load`` or import had committed is
        completed first (``kg.atomic.tidy``), so a reader finds the store whole.
        """
        path = Path(path)
        name = str(path)
        try:
            atomic.tidy(Path(os.path.realpath(path)).parent)
            found, is_dir = (path / "CURRENT").exists(), path.is_dir()
        except OSError as exc:  # a name the system refuses even to look at (too long …)
            raise StoreError(f"store {name}: cannot open the directory ({exc.strerror}); give another directory") from None
        if read_only and not found:
            raise StoreError(f"store {name}: no Oxigraph store in this directory; create it with 'kg load --store {name}'")
        if not read_only and path.exists() and not is_dir:
            raise StoreError(f"store {name}: not a directory; give a directory for the store")
        try:
            store = _open_settled(name, read_only)
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(
                    f"store {name}: locked by another process (a running kg or oxigraph?); "
                    "stop it or use another directory"
                ) from None
            reason = exc.strerror or message.rsplit(":", 1)[-1].strip()
            raise StoreError(f"store {name}: cannot open the directory ({reason}); choose a writable directory") from None
        if not read_only:
            return cls(store, name, timeout)
        return cls(store, name, timeout, lambda: _open_settled(name, True), answers.Kept(path))

    def kept(self, name: str) -> answers.Answer | None:
        """The whole answer of internal query ``name`` that the build kept with this store, if any (``kg.store.answers``)."""
        return None if self._kept is None else self._kept.answer(name)

    def _reading(self, read):
        """``read(store)``, opened again and read again while a file it read was removed under it.

        A read-only opening reads the files the store listed when it was opened; a
        writer opening the same directory (``kg load``, ``kg build`` copying it before
        they replace it) may compact it and remove some of them, and RocksDB then
        fails the read. The store is opened again, up to 60 times in 3 s, and the read
        made again from the start: nothing half-read is kept.
        """
        for attempt in range(60):
            try:
                return read(self._store)
            except (OSError, RuntimeError) as exc:
                if self._reopen is None or not _file_gone(exc) or attempt == 59:
                    raise
            time.sleep(0.05)
            self._store = self._reopen()

    def load_dataset(self, dataset: Dataset) -> None:
        data = dataset.serialize(format="nquads", encoding="utf-8")
        self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def load_file(self, path: Path) -> None:
        """Load a graph file, in a worker that Ctrl-C abandons at once (a big file takes seconds)."""
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TRIG
        store = self._store
        try:
            deadline.run(lambda _: store.bulk_load(path=str(path), format=fmt), None, None)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"cannot load {path}: {exc}; rebuild it with 'kg build'") from None

    def replace_graphs(self, source: Path | Dataset) -> None:
        """Write the graphs of ``source`` in place of every graph kg owns, and their union as the default graph.

        Other named graphs (imported votes) are left alone.
        """
        where = f"store {self.name}"
        for _ in owned_quads(source, where):
            pass  # read it all first: a bad source leaves the store untouched
        try:
            self._store.add(LOAD_MARK)
            self._store.flush()
            for graph in list(self._store.named_graphs()):
                if isinstance(graph, ox.NamedNode) and graph.value.startswith(OWNED_GRAPHS):
                    self._store.remove_graph(graph)
            self._store.clear_graph(ox.DefaultGraph())
            self._store.bulk_extend(with_union(owned_quads(source, where)))
            self._store.remove_graph(ox.NamedNode(LOAD_MARK_GRAPH))
            self._store.flush()
        except OSError as exc:
            raise StoreError(f"{where}: cannot write ({exc}); check the disk and run 'kg load' again") from None

    def load_interrupted(self) -> bool:
        """True when a load began here and did not finish."""
        return self.query(store_query("load-in-progress"))

    def graphs(self) -> list[str]:
        """The IRIs of the graphs of kg in this store, built (``id:graph/…``) and imported (``id:import/…``).

        The graphs of queries/internal/store/kg-graphs.rq (non-empty, under ``id:``, the load
        mark aside), read from the store's list of graphs: Oxigraph answers ``GRAPH ?g`` in
        0.13 s at 1,000 graphs, which every reading command paid to check its store.
        """
        def read(store: ox.Store) -> list[str]:
            return sorted(
                graph.value for graph in store.named_graphs()
                if isinstance(graph, ox.NamedNode) and graph.value.startswith(str(ID)) and graph.value != LOAD_MARK_GRAPH
                and next(store.quads_for_pattern(None, None, None, graph), None) is not None)
        try:
            return self._reading(read)
        except OSError as exc:
            raise StoreError(f"store {self.name}: cannot read ({exc})") from None

    def query(self, text: str, bindings: dict[str, Node] | None = None) -> QueryResult:
        """Run a read-only query within the deadline (``timeout``); SERVICE is refused before it runs."""
        sparql.refuse_service(text)
        text = sparql.bind(text, bindings or {})
        seconds = self.timeout or deadline.default_timeout()

        def read(store: ox.Store) -> QueryResult:
            return deadline.run(lambda cancelled: _evaluate(store, text, cancelled), seconds,
                                deadline.late_query(self.name, seconds))
        try:
            return self._reading(read)
        except SyntaxError as exc:
            raise UsageError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(f"store {self.name}: cannot read ({exc})") from None

    def close(self) -> None:
        """Release the store (and the lock on its directory) and the files of the answers kept with it."""
        self._store = None
        if self._kept is not None:
            self._kept.close()

    def __enter__(self) -> "OxigraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def replace_graph_in_bulk(self, graph: str, nquads: Iterable[bytes]) -> None:
        """Replace one named graph with N-Quads text streamed in blocks, bulk-loaded.

        For imported datasets too large for one transaction (a million UN votes): the
        old graph is removed, then the new quads are written straight to disk, a chunk
        of blocks (whole lines) at a time, each chunk read by the loader as a stream
        rather than joined into one string. Oxigraph's bulk loader holds about 600
        bytes a quad of a chunk (1.6 GB for the record in one call), and each chunk is
        a set of files the store merges afterwards: 128 MB chunks cost 25 s of CPU for
        the record's 2.7 million quads, 64 MB chunks 30 s, 16 MB chunks 34 s. The text
        is kg's own, its IRIs built from percent-encoded parts, so the loader does not
        validate the IRIs again (1.8 s). It is not atomic; callers write a completion
        mark last (``add_nquads``).
        """
        node = ox.NamedNode(graph)
        try:
            if self._store.contains_named_graph(node):
                self._store.remove_graph(node)
            for chunk in chunks(iter(nquads), BULK_CHUNK_BYTES):
                self._store.bulk_load(io.BufferedReader(chunk, 2**20), format=ox.RdfFormat.N_QUADS, lenient=True)
            self._store.flush()
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"store {self.name}: cannot write ({exc}); check the disk and import again") from None

    def add_nquads(self, data: bytes) -> None:
        """Add a few quads in one transaction."""
        try:
            self._store.load(data, format=ox.RdfFormat.N_QUADS)
            self._store.flush()
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"store {self.name}: cannot write ({exc}); check the disk and try again") from None

    def __len__(self) -> int:
        return len(self._store)


def _evaluate(store: ox.Store, text: str, cancelled) -> QueryResult:
    """Evaluate a query and read its answer, stopping between rows once the caller gave up."""
    result = store.query(text, **query_options(store))
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        term = once(to_rdflib)
        for solution in result:
            if cancelled.is_set():
                raise deadline.Cancelled
            rows.append([term(solution[v]) for v in variables])
        return SelectResult(variables, rows)
    return triples_graph(result, cancelled)
