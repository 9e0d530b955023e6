"""The directory store kept beside the graph file, which the reading commands open at once.

A build writes its graph into it graph by graph: each named graph's digest is kept in
a file inside the store (``GRAPHS``), and a rebuild replaces only the graphs whose
digest changed (one edited article: its document's graph, the reference, the curated
and the derived contradictions), where loading the whole graph anew takes seconds at
a thousand articles. The store holds only the built graphs, so queries read their
union (``kg.store.dataset.query_options``), without a copy of it as the default graph.

The store is replaced whole (``kg.store.swap``): a reader goes on reading the previous
one until the new one is complete, and a failed write leaves it as it was.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import write_atomic
from kg.build import manifest
from kg.errors import KgError
from kg.store.swap import Replacement

GRAPHS = "kg-graphs.json"  # inside the store's directory: the digest of each named graph it holds


def _digests(path: Path) -> dict[str, str] | None:
    try:
        found = json.loads((path / GRAPHS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def keep(graph_path: Path, store: ox.Store) -> str | None:
    """Write the named graphs of ``store`` into the directory store beside ``graph_path``; its name, None if it failed.

    Without it (a full disk) readers load the graph file.
    """
    location = graph_path.with_name(manifest.STORE)
    graphs = {}
    for name in store.named_graphs():
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        graphs[name.value] = (hashlib.sha256(data).hexdigest(), data)
    try:
        with Replacement(location) as replacement:
            copy, _ = replacement.open_new()
            before = _digests(location) if replacement.old is not None else None
            target = copy._store
            if before is None:  # none kept, or kept by an earlier kg (with the union as default graph)
                target.clear()
                before = {}
            for name in target.named_graphs():
                if isinstance(name, ox.NamedNode) and before.get(name.value) != graphs.get(name.value, (None,))[0]:
                    target.remove_graph(name)
            for name, (digest, data) in graphs.items():
                if before.get(name) != digest:
                    target.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
            target.flush()
            record = json.dumps({name: digest for name, (digest, _) in graphs.items()}).encode("utf-8")
            write_atomic(replacement.new_path / GRAPHS, lambda out: out.write(record))
    except (KgError, OSError):
        return None
    return manifest.STORE
