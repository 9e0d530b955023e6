"""Finding the built graph for commands that read it, building it first when needed.

A new user's first command just works: when no graph has been built yet, or the
seeds, ontology or rules changed since, the graph is (re)built from the seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import build, paths
from .store import OxigraphStore


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
    built = build.build(seeds_dir)
    build.write(built.dataset, graph_path, "trig", create_parent=True)
    build.write_manifest(graph_path, built, seeds_dir)
    return graph_path


def open_store(seeds_dir: Path | None = None, graph_path: Path | None = None, say: Callable[[str], None] | None = None) -> OxigraphStore:
    """The built graph loaded into an embedded in-memory store."""
    path = ensure_built(seeds_dir, graph_path, say)
    store = OxigraphStore.in_memory()
    store.load_file(path)
    return store
