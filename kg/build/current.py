"""The current graph: built when missing or stale, opened in a store, loaded into one.

A store is given as ``store``: nothing for the default, the
graph built from the seeds (``kg.build.workspace``) loaded into an embedded in-memory store; a directory for a persistent
embedded Oxigraph store; an http(s) URL for a remote SPARQL endpoint. A new user's
first command just works: when no graph has been built yet, or the seeds, ontology
or rules changed since, the graph is (re)built from the seeds.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Callable

from kg.build import manifest
from kg.build import workspace
from kg.errors import InputError, Note, StoreError, UsageError
from kg.store.base import Store
from kg.store.embedded import OWNED_GRAPHS, OxigraphStore
from kg.store.remote import RemoteStore, is_url
from kg.store.swap import Replacement


def ensure_built(seeds_dir=None, graph_path: Path | None = None, say: Callable[[str], None] | None = None) -> Path:
    """The graph file to read: ``graph_path`` as it is, else the seeds' own graph, built when missing or stale.

    The seeds are resolved by ``workspace.resolve`` (``seeds_dir``, ``$KG_SEEDS``, the
    workspace around the current directory, the shipped seeds), and each has its own
    graph file (``workspace.built_dir``), so that a graph of other seeds is never
    built over. A graph file given as ``graph_path`` is never written over: when its
    manifest says it was built from other seeds, or before its seeds changed, a
    ``Note`` says so and it is read as it is (only a missing one is built).
    """
    space = workspace.resolve(seeds_dir)
    if graph_path is not None:
        given = Path(graph_path)
        if _exists(given):
            _check_given(given, space)
            return given
        if say:
            say(f"Building the graph from {space.describe()} into {given} …")
        _build(space, given)
        return given
    workspace.make_built_dir(space)  # an unusable KG_HOME fails before the build
    target = space.graph_file
    if manifest.is_current(target, space):
        return target
    if target.exists() and manifest.read(target) is None:
        return target  # a graph file the user made and put there: read it as it is, never overwrite it
    if say:
        say(f"Building the graph from {space.describe()} into {target} …")
    _build(space, None)
    return target


def _build(space: workspace.Workspace, output: Path | None) -> None:
    # the build's modules (rdflib parsing, SHACL, the rules) are imported only when a build runs:
    # a reading command on a current graph does not pay for them
    from kg.build import pipeline

    pipeline.build_file(space, output, "trig")


def _exists(path: Path) -> bool:
    """True when ``path`` exists; InputError naming ``graph_path`` when it cannot even be looked at."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:  # a name too long for the system, a loop of symbolic links …
        raise InputError(f"the graph file cannot be read ({exc.strerror}); give another path", param="graph_path") from None
    return True


def _check_given(graph_path: Path, space: workspace.Workspace) -> None:
    """Note when a given graph file was not built from ``seeds_dir`` as the seeds are now."""
    if not graph_path.is_file():
        raise InputError(f"{graph_path} is not a graph file (it is a folder, a FIFO or a device); give the file "
                         "kg build wrote", param="graph_path")
    found = manifest.read(graph_path)
    if found is None or found.get("fingerprint") == manifest.fingerprint(space):
        return  # made elsewhere (no manifest: nothing to compare), or current
    origin = found.get("seeds")
    if isinstance(origin, str) and Path(origin) != space.root.resolve():
        why = f"was built from the seeds in {origin}, not from {space.root}"
    else:
        why = f"was built before the seeds in {space.root}, the ontology or the rules last changed"
    warnings.warn(Note(f"the graph {graph_path} {why}; reading it as it is (kg build writes it anew)"), stacklevel=3)


def open_store(
    seeds_dir: Path | None = None,
    graph_path: Path | None = None,
    say: Callable[[str], None] | None = None,
    store: str | None = None,
    timeout: float | None = None,
) -> Store:
    """The store to query: ``store`` (a directory or a URL), else the built graph in memory.

    A directory or an endpoint must hold a graph loaded by ``kg load``; by default
    the seeds' graph is built when needed and opened from the directory store the
    build keeps beside it (``manifest.kept_store``), else loaded into memory.
    """
    if store:
        opened = RemoteStore(store, timeout) if is_url(store) else OxigraphStore.open_directory(Path(store), True, timeout)
        return check_loaded(opened, store)
    path = ensure_built(seeds_dir, graph_path, say)
    kept = manifest.kept_store(path) if graph_path is None else None
    if kept is not None:  # the built graph in a directory store: opened at once where the file takes seconds to load
        try:
            return check_loaded(OxigraphStore.open_directory(kept, True, timeout), str(kept))
        except StoreError:
            pass  # damaged or replaced meanwhile: read the file
    memory = OxigraphStore.in_memory(timeout)
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
    """The directory ``kg serve`` serves: ``store``, else the seeds' own store (``$KG_HOME/store`` for the shipped seeds) loaded with the built graph."""
    if store and is_url(store):
        raise UsageError(f"{store} is already a server; kg serve serves a directory store", param="store")
    if store:
        with check_loaded(OxigraphStore.open_directory(Path(store), read_only=True), store):
            return Path(store)  # refused like the reading commands refuse it: marked, or holding no graph
    location = workspace.make_built_dir(workspace.resolve(seeds_dir)) / "store"
    load(str(location), seeds_dir, graph_path, say)
    return location
