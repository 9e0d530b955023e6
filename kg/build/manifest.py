"""Whether a built graph is current: the fingerprint of a build's inputs, kept in a manifest beside the graph file.

The fingerprint is a digest of every input of a build (the seeds, each folder of a
workspace and its settings, the ontology and the rules). Hashing every file of a
large workspace takes about a second at 1,000 articles, and every reading command
asks whether the graph is current; so the manifest also keeps each input's size and
modification time as the build found them, and a reader whose stat of every input
matches them knows the graph is current without reading a file. As git does with its
index, a file changed within the same clock tick as that stat would keep its size and
time: any input modified in the last ``_RACY`` seconds before the build looked at it
makes readers hash the inputs again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from kg import paths
from kg.atomic import write_atomic
from kg.build import folder, workspace
from kg.catalogue import files as catalogue
from kg.errors import KgError

STORE = "graph.oxigraph"  # in the built folder: the graph in a directory store, opened by the reading commands
_SUFFIXES = {".yaml", ".txt", ".ttl", ".toml"}
_RACY = 2.0  # seconds: an input changed this close to the stat may have changed unseen


@dataclass(frozen=True)
class Inputs:
    """The fingerprint of a build's inputs and their stat signature, both taken before the build reads them."""

    fingerprint: str
    signature: list  # [folder index, relative path, size, mtime in ns] of every input, in order
    taken: float  # the time of the stat, in seconds since the epoch


def _files(space: workspace.Workspace) -> list[tuple[int, Path, Path]]:
    """(folder index, path relative to it, path) of every input file, in a fixed order."""
    found = []
    for index, root in enumerate([*space.layers, paths.ontology_dir()]):
        for path in sorted(p for p in root.rglob("*") if p.suffix in _SUFFIXES):
            found.append((index, path.relative_to(root), path))
    return found


def _signature(space: workspace.Workspace) -> list:
    """[folder index, relative path, size, mtime ns] of every input and rule file (-1s for one that cannot be looked at)."""
    entries = [(i, str(rel), path) for i, rel, path in _files(space)]
    entries += [(-1, f"rules/{p.name}", p) for p in catalogue.rule_files()]
    signature = []
    for index, name, path in entries:
        try:
            info = os.stat(path)
            signature.append([index, name, info.st_size, info.st_mtime_ns])
        except OSError:
            signature.append([index, name, -1, -1])
    return signature


def fingerprint(seeds_dir) -> str:
    """A digest of every input of a build: the seeds (each folder of a workspace, its settings), ontology and rules.

    A file a build would not read (one outside the seeds folder through a symbolic
    link, or not a regular file) counts by its name alone, and is never opened.
    """
    space = workspace.resolve(seeds_dir)
    digest = hashlib.sha256()
    digest.update(f"{space.kind} shipped={space.shipped}".encode())
    files = _files(space)
    for index, root in enumerate([*space.layers, paths.ontology_dir()]):
        digest.update(f"\0folder {index}\0".encode())
        for relative, path in ((rel, p) for i, rel, p in files if i == index):
            digest.update(str(relative).encode("utf-8", "surrogateescape"))
            if path.is_file() and folder.inside(path, root):
                with path.open("rb") as stream:
                    digest.update(hashlib.file_digest(stream, "sha256").digest())
    for rule in catalogue.rules():
        digest.update(f"rules/{rule.path.name}".encode())
        digest.update(rule.text.encode())
    return digest.hexdigest()


def inputs(seeds_dir) -> Inputs:
    """The fingerprint of the inputs as they are now, with the stat signature taken just before it."""
    space = workspace.resolve(seeds_dir)
    taken = time.time()
    signature = _signature(space)
    return Inputs(fingerprint(space), signature, taken)


def write(graph_path: Path, seeds_dir: Path, found: Inputs, store: str | None = None) -> None:
    """Record which inputs a graph file was built from, so readers can tell it is current (and the store beside it)."""
    record = {"seeds": str(Path(seeds_dir).resolve()), "fingerprint": found.fingerprint,
              "signature": found.signature, "taken": found.taken}
    if store:
        record["store"] = store
    write_atomic(path(graph_path), lambda out: out.write(json.dumps(record).encode("utf-8")))


def path(graph_path: Path) -> Path:
    return graph_path.with_name(graph_path.name + ".manifest.json")


def read(graph_path: Path) -> dict | None:
    """What the manifest beside ``graph_path`` records (``seeds``, ``fingerprint``, …), or None without one."""
    try:
        found = json.loads(path(graph_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def is_current(graph_path: Path, seeds_dir) -> bool:
    """True when ``graph_path`` exists and was built from the seeds as they are now.

    Every input's size and modification time as the manifest recorded them answer
    without reading a file; when one differs, or was changed just before the build
    looked at it, the inputs are hashed.
    """
    found = read(graph_path)
    if found is None or not graph_path.exists():
        return False
    space = workspace.resolve(seeds_dir)
    signature, taken = found.get("signature"), found.get("taken")
    now, seen = time.time(), _signature(space)
    if seen == signature and isinstance(taken, (int, float)) and _settled(seen, taken):
        return True
    current = found.get("fingerprint") == fingerprint(space)
    if current and _settled(seen, now):  # what was hashed is as the stat saw it: later readers need not hash again
        try:
            write_atomic(path(graph_path), lambda out: out.write(json.dumps(
                {**found, "signature": seen, "taken": now}).encode("utf-8")))
        except (OSError, KgError):
            pass  # a home this reader cannot write: only the next reader's time is lost
    return current


def _settled(signature: list, taken: float) -> bool:
    """True when no input was modified within ``_RACY`` seconds before ``taken``, when the stat was made."""
    return all(entry[3] < (taken - _RACY) * 1e9 for entry in signature)


def kept_store(graph_path: Path) -> Path | None:
    """The directory store beside ``graph_path`` that its manifest says holds the same graph, or None."""
    found = read(graph_path)
    name = found.get("store") if found else None
    return graph_path.with_name(name) if name == STORE and graph_path.with_name(name).is_dir() else None
