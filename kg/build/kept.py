"""The directory store kept beside the graph file, which the reading commands open at once.

A build writes its graph into it graph by graph: each named graph's digest is kept in
a file inside the store (``GRAPHS``), and a rebuild writes only the triples that
changed of the graphs whose digest changed (one edited article: its document's graph,
and the contradictions when they change), where loading the whole graph anew takes
seconds at a thousand articles. Beside the named graphs the store holds their union as its default graph,
which queries read (``kg.store.dataset``): on a directory store a query of the union
of named graphs took twice as long (``kg contradictions Serbia`` at 1,000 articles:
3.5 s against 1.6 s). A triple of a replaced graph leaves the default graph unless
another graph still holds it.

With the store go the whole answers of the analysis' chief queries, which the
reading commands take from there rather than asking the store (``kg.store.answers``).

The store is replaced whole (``kg.store.swap``): a reader goes on reading the previous
one until the new one is complete, and a failed write leaves it as it was.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from kg.atomic import write_atomic
from kg.build import manifest
from kg.build.triples import DERIVED_GRAPH
from kg.errors import KgError
from kg.store import answering, answers
from kg.store.swap import Replacement

BLOCK = 4_000_000  # bytes of N-Triples loaded at once
GRAPHS = answers.RECORD  # inside the store's directory: the digest of each named graph it holds
FORMAT = 2  # of the store's layout: 2 holds the union as the default graph
_DEFAULT = ox.DefaultGraph()


class Text(NamedTuple):
    """A graph's N-Triples in the last build (None: unknown) and now, with their digests (``text_digest``) when known."""

    before: bytes | None
    now: bytes
    before_digest: str | None = None
    now_digest: str | None = None


def _digests(path: Path) -> dict[str, str] | None:
    """The digests the store in ``path`` records, None without them or for another layout."""
    try:
        found = json.loads((path / GRAPHS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("format") != FORMAT or not isinstance(found.get("graphs"), dict):
        return None
    return found["graphs"]


def _in_graph(data: bytes, name: str) -> bytes:
    """N-Triples lines as N-Quads lines of graph ``name`` (a line ends with " .", a literal's line break is escaped)."""
    return data.replace(b" .\n", f" <{name}> .\n".encode("utf-8"))


def keep(graph_path: Path, store: ox.Store, known: dict[str, str] | None = None,
         texts: dict[str, Text] | None = None) -> str | None:
    """Put the named graphs of ``store`` (just written to ``graph_path``) in the directory store beside it; its name.

    None when that failed (a full disk): readers then load the graph file. ``known``
    gives the digest of the documents' graphs (as the build cache keeps them), which
    are then not read to take it; ``texts`` the N-Triples of some graphs in the last
    build and now (the derived graph), which are then not read from either store, nor
    their digests taken again when given.
    """
    location = graph_path.with_name(manifest.STORE)
    before = _digests(location) if (location / "CURRENT").exists() else None
    digests, dumped, earlier = {}, {}, {}
    for name in store.named_graphs():
        digest = (known or {}).get(name.value)
        if digest is None:
            old, data, old_digest, digest = (texts or {}).get(name.value, Text(None, None))
            if data is None:
                data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
            dumped[name.value], digest = data, digest or text_digest(data)
            if old is not None and old_digest is None:
                old_digest = digest if old == data else text_digest(old)
            if old is not None and (before or {}).get(name.value) == old_digest:
                earlier[name.value] = old  # what the kept store holds of it
        digests[name.value] = digest
    diffs = {name: _diff(old, dumped[name]) for name, old in earlier.items()}  # the lines each lost and gained
    derived = str(DERIVED_GRAPH)
    try:
        with Replacement(location) as replacement:
            copy, _ = replacement.open_new()
            # none kept, one of an earlier layout, or one replaced since it was looked at: the store is written whole
            same = before is not None and replacement.old is not None and _digests(location) == before
            _write(copy._store, store, digests, before if same else None, dumped, earlier, diffs)
            record = json.dumps({"format": FORMAT, "graphs": digests}).encode("utf-8")
            write_atomic(replacement.new_path / GRAPHS, lambda out: out.write(record))
            documents = set(known or {})
            shared = set(digests) - documents - {derived}  # the reference data, the ontology
            changed = _changed(digests, before, shared, len(documents)) if same else None
            whole = answering.basis(store, {g: digests[g] for g in shared}, digests.get(derived))
            renewed = None  # the derived graph's digest before, and the nodes whose triples changed since
            if same and diffs.get(derived) is not None:
                lost, gained = diffs[derived]
                renewed = (before[derived], {line[:line.index(b" ")].decode("utf-8") for line in lost | gained})
            answering.write(replacement.new_path, store, record, changed, shared, location,
                            (location / GRAPHS).read_bytes() if same else None, whole, renewed)
    except (KgError, OSError):
        return None
    return manifest.STORE


def _changed(digests: dict[str, str], before: dict[str, str], shared: set[str], documents: int) -> set[str] | None:
    """The documents' graphs whose digests changed, when few of the ``documents`` did and none of the ``shared``; else None.

    The answers resting on claims are made again for the claims of those graphs alone
    (``kg.store.answers``): a change to a shared graph (the reference data, the
    ontology) can change any of them, and none reads the derived graph, whose
    contradictions link claims but say nothing of them. A graph gone was a document's.
    """
    changed = {name for name in digests.keys() | before.keys() if digests.get(name) != before.get(name)}
    changed.discard(str(DERIVED_GRAPH))
    if changed & shared or len(changed) > documents / 2:
        return None  # (most documents changed: asking for their claims costs more than asking for all)
    return changed


def _write(target: ox.Store, store: ox.Store, digests: dict[str, str], before: dict[str, str] | None,
           dumped: dict[str, bytes], earlier: dict[str, bytes], diffs: dict[str, tuple | None]) -> None:
    """Make ``target``, a copy of the kept store whose graphs had the digests ``before`` (None: unknown), hold ``store``.

    A function of its own so that nothing holds ``target`` once it returns: the
    replacement closes the copy before it renames it in, and a store still open then
    (RocksDB writes by path) took a second to close after the rename.
    """
    changed = [name for name, digest in digests.items() if (before or {}).get(name) != digest]
    if before is None or len(changed) > len(digests) / 2:
        # most graphs changed: removing graphs one by one costs more than loading them all (1,000 took 14 s)
        target.clear()
        before, changed = {}, list(digests)
    whole = not before
    left = []  # the triples the replaced graphs lose: each leaves the default graph unless another holds it
    for name in list(target.named_graphs()):
        if isinstance(name, ox.NamedNode) and before.get(name.value) != digests.get(name.value):
            if name.value in digests:  # changed: only what changed is written (an edited claim's contradictions)
                left += _update(target, store, name, dumped.get(name.value), earlier.get(name.value),
                                diffs.get(name.value))
                changed.remove(name.value)
            else:
                left += [ox.Triple(q.subject, q.predicate, q.object)
                         for q in target.quads_for_pattern(None, None, None, name)]
                target.remove_graph(name)
    _load(target, store, changed, dumped)
    for triple in left:
        if not any(q.graph_name != _DEFAULT for q in target.quads_for_pattern(*triple, None)):
            target.remove(ox.Quad(*triple, _DEFAULT))
    target.flush()
    if whole:
        # a store loaded whole is compacted once: its bulk-loaded files overlap, and each lookup of a
        # reading command reads them all (at 1,000 articles compacting costs 2.6 s and halves the
        # time of the queries of kg compare and kg contradictions); an edit's few changes are left as they are
        target.optimize()


def text_digest(data: bytes) -> str:
    """The digest of a graph's N-Triples, whatever the order of its lines, as the kept store records it."""
    return hashlib.sha256(b"\n".join(sorted(data.split(b"\n")))).hexdigest()


def _diff(old: bytes, new: bytes) -> tuple[set[bytes], set[bytes]] | None:
    """The lines of N-Triples ``old`` has and ``new`` lacks, and those ``new`` has and ``old`` lacks; None when they
    may hold a blank node (whose labels a store may choose: the same graph could differ in its lines)."""
    if old is new or old == new:
        return set(), set()
    if b"_:" in old or b"_:" in new:
        return None
    old_lines, new_lines = set(old.split(b"\n")) - {b""}, set(new.split(b"\n")) - {b""}
    return old_lines - new_lines, new_lines - old_lines


def _update(target: ox.Store, store: ox.Store, name: ox.NamedNode, data: bytes | None,
            old: bytes | None, diff: tuple[set[bytes], set[bytes]] | None = None) -> list[ox.Triple]:
    """Write into graph ``name`` of ``target`` what changed of it in ``store``; the triples it lost.

    ``data`` and ``old`` are the graph's N-Triples in ``store`` and in ``target`` when
    known, ``diff`` their ``_diff`` when taken. The triples it gains go to the default graph too. Only the
    difference is written, found by comparing the N-Triples lines of the two (a graph without blank nodes, as kg's
    graphs have none): after a claim's stance changed, the derived graph of 1,000 articles (60,000 triples) loses
    and gains a few hundred, where removing and loading it whole took 2 s, and comparing it as Oxigraph triples 0.5 s.
    """
    if diff is None:
        old = target.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name) if old is None else old
        new = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name) if data is None else data
        diff = _diff(old, new)
    if diff is None:  # perhaps a blank node: compared as triples
        before = {ox.Triple(q.subject, q.predicate, q.object) for q in target.quads_for_pattern(None, None, None, name)}
        after = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, name)}
        lost, gained = list(before - after), list(after - before)
    else:
        lost = [q.triple for q in ox.parse(b"\n".join([*diff[0], b""]), format=ox.RdfFormat.N_TRIPLES)]
        gained = [q.triple for q in ox.parse(b"\n".join([*diff[1], b""]), format=ox.RdfFormat.N_TRIPLES)]
    for triple in lost:
        target.remove(ox.Quad(*triple, name))
    target.extend(ox.Quad(*t, graph) for t in gained for graph in (name, _DEFAULT))
    return lost


def _load(target: ox.Store, store: ox.Store, names: list[str], dumped: dict[str, bytes]) -> None:
    """Copy the graphs ``names`` of ``store`` into ``target``, and their triples into its default graph.

    ``dumped`` holds the N-Triples of some graphs, already read to take their digest: not read again.

    About BLOCK bytes at a time, a large graph cut between its lines: Oxigraph's bulk
    loader holds about 600 bytes a quad of what it is given at once
    (``kg.store.embedded``). The derived graph of 1,000 synthetic articles (100 MB of
    N-Triples) given whole raised a build's peak by some 600 MB; in blocks of 4 MB
    the whole graph loads as fast (8 s for 870,000 quads, against 8 s in blocks of
    16 MB and 11 s in blocks of 64 MB) for 40 MB over what it holds.
    """
    block, size = [], 0
    for name in [*names, None]:
        pieces = []
        if name is not None:
            data = dumped.get(name)
            if data is None:
                data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
            pieces = _pieces(data)
        for piece in [*pieces, None]:
            if piece is not None:
                block.append((name, piece))
                size += len(piece)
            if block and (size >= BLOCK or (piece is None and name is None)):
                target.bulk_load(b"".join(_in_graph(data, graph) for graph, data in block), format=ox.RdfFormat.N_QUADS)
                target.bulk_load(b"".join(data for _, data in block), format=ox.RdfFormat.N_TRIPLES, to_graph=_DEFAULT)
                block, size = [], 0


def _pieces(data: bytes) -> list[bytes]:
    """N-Triples cut into pieces of about BLOCK bytes, each ending with a line's end (a literal's line break is escaped)."""
    pieces, start = [], 0
    while start < len(data):
        end = data.find(b"\n", start + BLOCK)
        end = len(data) if end < 0 else end + 1
        pieces.append(data[start:end])
        start = end
    return pieces
