"""The current graph: built when missing or stale, opened in a store, loaded into one.

A store is given as ``store``: nothing for the default, the
built graph loaded into an embedded in-memory store; a directory for a persistent
embedded Oxigraph store; an http(s) URL for a remote SPARQL endpoint. A new user's
first command just works: when no graph has been built yet, or the seeds, ontology
or rules changed since, the graph is (re)built from the seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kg import paths
from kg.build import pipeline as build
from kg.errors import StoreError, UsageError
from kg.store.base import Store
from kg.store.embedded import OWNED_GRAPHS, OxigraphStore
from kg.store.remote import RemoteStore, is_url
from kg.store.swap import Replacement


def ensure_built(seeds_dir: Path | None = None, graph_path: Path | None = None, say: Callable[[str], None] | None = None) -> Path:
    """The path of a current graph file for ``seeds_dir``, building it if it is missing or stale."""
    seeds_dir = Path(seeds_dir or paths.default_seeds_dir())
    graph_path = Path(graph_path or paths.default_graph_path())
    if build.is_current(graph_path, seeds_dir):
        return graph_path
    if graph_path.exists() and not build.manifest_path(graph_path).exists():
        return graph_path  # a graph file the user made elsewhere: read it as it is, never overwrite it
    if say:
        say(f"Building the graph from {seeds_dir} into {graph_path} …")
    build.build_file(seeds_dir, graph_path, "trig", create_parent=True)
    return graph_path


def open_store(
    seeds_dir: Path | None = None,
    graph_path: Path | None = None,
    say: Callable[[str], None] | None = None,
    store: str | None = None,
    timeout: float | None = None,
) -> Store:
    """The store to query: ``store`` (a directory or a URL), else the built graph in memory.

    A directory or an endpoint must hold a graph loaded by ``kg load``; the default
    in-memory store is built from the seeds when needed.
    """
    if store:
        opened = RemoteStore(store, timeout) if is_url(store) else OxigraphStore.open_directory(Path(store), read_only=True)
        return check_loaded(opened, store)
    path = ensure_built(seeds_dir, graph_path, say)
    memory = OxigraphStore.in_memory()
    memory.load_file(path)
    return memory


def load(
    store: str | None,
    seeds_dir: Path | None = None,
    graph_path: Path | None = None,
    say: Callable[[str], None] | None = None,
    timeout: float | None = None,
) -> list[str]:
    """Write the built graph into ``store`` in place of the graphs kg owns there; their IRIs.

    Other graphs in the store are left alone, and loading twice gives the same store.
    A directory store is replaced whole (``kg.store.swap``): an interrupted or failed
    load leaves it as it was. An endpoint is marked while its graphs are replaced.
    """
    if not store:
        raise UsageError("give the directory or the http(s) URL of the store to load (or set KG_STORE)", param="store")
    if is_url(store):
        with RemoteStore(store, timeout) as target:
            target.graphs()  # an unusable store fails here, before a build that may take long
            target.replace_graphs(ensure_built(seeds_dir, graph_path, say))
            return [g for g in target.graphs() if g.startswith(OWNED_GRAPHS)]
    with Replacement(Path(store)) as replacement:
        target, _ = replacement.open_new()  # an unusable directory fails here, before the build
        target.replace_graphs(ensure_built(seeds_dir, graph_path, say))
        return [g for g in target.graphs() if g.startswith(OWNED_GRAPHS)]


def check_loaded(opened: Store, store: str) -> Store:
    """``opened`` when it holds a complete load of kg; StoreError when a load stopped halfway or none was made."""
    if opened.load_interrupted():
        raise StoreError(f"store {store}: a load into it stopped halfway; run 'kg load --store {store}' again")
    if not opened.graphs():
        raise StoreError(f"store {store}: holds no graph of kg; load it with 'kg load --store {store}'")
    return opened


def serving_location(store: str | None, seeds_dir: Path | None = None, graph_path: Path | None = None, say: Callable[[str], None] | None = None) -> Path:
    """The directory ``kg serve`` serves: ``store``, else ``$KG_HOME/store`` loaded with the built graph."""
    if store and is_url(store):
        raise UsageError(f"{store} is already a server; kg serve serves a directory store", param="store")
    if store:
        with check_loaded(OxigraphStore.open_directory(Path(store), read_only=True), store):
            return Path(store)  # refused like the reading commands refuse it: marked, or holding no graph
    location = paths.default_home() / "store"
    location.parent.mkdir(parents=True, exist_ok=True)
    load(str(location), seeds_dir, graph_path, say)
    return location
