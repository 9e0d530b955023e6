"""Writing the kept answers: the build answers the queries of ``kg.store.answers.KEPT`` on its graph in memory.

The answers go into files inside the directory store it keeps (``kg.build.kept``), which
``kg.store.answers`` reads. After an edit, the answers resting on claims are asked again
of the changed documents' graphs alone, and the contradictions only when what they rest
on (``basis``) changed; the contradictions are written in blocks with an index.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox

from rdflib import URIRef

from kg.atomic import write_atomic
from kg.catalogue import files as catalogue
from kg.catalogue import sparql
from kg.catalogue.run import PROLOGUE
from kg.store.answers import (BASIS, INDEXED, PER_CLAIM, WHOLE, file_name, head, index_name, lines_of,
                              read_index, value_of, variables_of)
from kg.store.dataset import query_options

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_CURATED = ox.NamedNode("https://w3id.org/state-alignments/ontology#curated")
_CONTRADICTION = ox.NamedNode("https://w3id.org/state-alignments/ontology#Contradiction")
_TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


def basis(store: ox.Store, digests: dict[str, str], derived: str | None) -> str:
    """What the answers of WHOLE rest on, in two digests: of ``digests``, those of the graphs that are neither a
    document's nor the derived one, with the triples of the curated contradictions (a few, in their documents'
    graphs); then ``derived``, the derived graph's."""
    curated = {q.subject for q in store.quads_for_pattern(None, _CURATED, _TRUE, None)}
    lines = sorted(str(q) for subject in curated for q in store.quads_for_pattern(subject, None, None, None))
    return f"{hashlib.sha256(json.dumps([sorted(digests.items()), lines]).encode('utf-8')).hexdigest()} {derived}"


def write(directory: Path, store: ox.Store, record: bytes, changed: set[str] | None, shared: set[str],
          previous: Path | None, previous_record: bytes | None, whole: str | None = None,
          renewed: tuple[str, set[str]] | None = None) -> None:
    """Answer the queries of KEPT on ``store`` (the built graph in memory) and keep the answers in ``directory``.

    ``changed``: the documents' graphs whose digests changed since the store in
    ``previous`` (its record ``previous_record``) was written, when none of the
    ``shared`` graphs (the reference data, the ontology) did: the rows of the other
    graphs' claims are taken from there, and those of the changed graphs' claims are
    asked of a store holding those graphs and the shared ones alone (binding the
    claims instead, Oxigraph read every position: 0.28 s for one article's 44 at 1,000
    articles). None: every answer is made whole. ``whole``: the ``basis`` of the answers of
    WHOLE now; one kept in ``previous`` on the same basis is kept as it is. ``renewed``: the
    derived graph's digest in ``previous`` and the nodes whose triples changed since. An
    answer of WHOLE kept there on the same basis but for the derived graph keeps the rows
    of the other contradictions and asks for theirs alone (``_renewed``).
    """
    every = part = mine = None  # the graph of each typed subject; the store of the changed graphs, and theirs
    for name in PER_CLAIM:
        old = _load(previous, name, previous_record) if changed is not None else None
        if old is not None:
            variables, by_graph = old
            for graph in changed:
                by_graph.pop(graph, None)
            if part is None:
                part = _part(store, changed | shared)
                mine = {cell: graph for cell, graph in _owners(part).items() if graph in changed}
            column, owners = variables.index("claim"), mine
            lines = [line for line in _answer(part, name)[1] if line.split("\t")[column] in owners]
        else:
            variables, lines = _answer(store, name)
            by_graph = {}
            owners = every = _owners(store) if every is None else every
        column = variables.index("claim")
        for line in lines:
            by_graph.setdefault(owners.get(line.split("\t")[column], ""), []).append(line)
        text = [head(record), "\t".join("?" + v for v in variables)]
        for graph, lines in by_graph.items():
            text.append(f"# graph {graph}")
            text.extend(lines)
        data = ("\n".join(text) + "\n").encode("utf-8")
        write_atomic(Path(directory) / file_name(name), lambda out: out.write(data))
    for name in WHOLE:
        if whole is None or not _keep_whole(directory, name, record, previous, previous_record, whole):
            _write_whole(directory, store, name, record, previous, previous_record, whole, renewed)


def _write_whole(directory: Path, store: ox.Store, name: str, record: bytes, previous: Path | None,
                 previous_record: bytes | None, whole: str | None, renewed: tuple[str, set[str]] | None) -> None:
    """Answer WHOLE query ``name`` (or renew the answer kept in ``previous``: ``_renewed``) and keep it, an INDEXED one
    sorted into blocks with its index.

    The rows stay the bytes Oxigraph wrote, never decoded: at 1,000 synthetic articles
    the contradictions' answer (90 MB) read as text raised a build's peak by some 280 MB.
    """
    again = _renewed(store, name, previous, previous_record, whole, renewed) if renewed and whole else None
    spill = Path(directory) / (file_name(name) + ".part")
    variables, rows = again if again is not None else _answer_rows(store, name, spill=spill)
    if name in INDEXED:
        block = variables.index(INDEXED[name][0])
        rows.sort(key=lambda row: row.split(b"\t", block + 1)[block])
    top = [head(record), "\t".join("?" + v for v in variables), *([f"{BASIS}{whole}"] if whole is not None else []),
           "# graph "]
    lines = [line.encode("utf-8") for line in top]

    def produce(out) -> None:
        out.write(b"\n".join(lines) + b"\n")
        for row in rows:
            out.write(row)
            out.write(b"\n")

    write_atomic(Path(directory) / file_name(name), produce)
    if name in INDEXED:
        blocks = _index(lines + rows, variables, *INDEXED[name])
        index = json.dumps({"head": top[0], "variables": variables, "blocks": blocks}).encode("utf-8")
        write_atomic(Path(directory) / index_name(name), lambda out: out.write(index))


def _keep_whole(directory: Path, name: str, record: bytes, previous: Path | None, previous_record: bytes | None,
                whole: str) -> bool:
    """Keep the answer of WHOLE query ``name`` (and its index) kept in ``previous`` on basis ``whole``, under the head
    of ``record``; False when there is none.

    Its bytes are copied, only its head made anew: a head is as long as any other, so the
    index's ranges hold (at 1,000 synthetic articles the answer is 90 MB, which read as
    lines and written again took 0.5 s of a text edit's rebuild).
    """
    if previous is None or previous_record is None:
        return False
    old, new = head(previous_record).encode(), head(record).encode()
    try:
        data = (Path(previous) / file_name(name)).read_bytes()
    except OSError:
        return False
    first = data.find(b"\n")  # (the answer is only looked at: a slice of it would copy it)
    second = data.find(b"\n", first + 1)
    if data[:first] != old or not data.startswith(f"{BASIS}{whole}\n".encode(), second + 1):
        return False
    index = read_index(previous, name, previous_record) if name in INDEXED else None
    if name in INDEXED and (index is None or
                            index.get("variables") != variables_of(data[first + 1:second].decode("utf-8"))):
        return False
    write_atomic(Path(directory) / file_name(name), lambda out: (out.write(new), out.write(memoryview(data)[first:])))
    if index is not None:
        index["head"] = new.decode()
        text = json.dumps(index).encode("utf-8")
        write_atomic(Path(directory) / index_name(name), lambda out: out.write(text))
    return True


def _renewed(store: ox.Store, name: str, previous: Path | None, previous_record: bytes | None, whole: str,
             renewed: tuple[str, set[str]]) -> tuple[list[str], list[bytes]] | None:
    """The variables and rows of WHOLE query ``name``: those kept in ``previous`` but for the contradictions of
    ``renewed``, whose rows are asked again (the answer's first variable names the contradiction); None when the
    kept answer rests on another basis than ``whole`` but for the derived graph, which had the digest of ``renewed``.

    A flipped stance at 1,000 synthetic articles changes some thousands of 68,000 contradictions: answering all
    again took 2 s.
    """
    then, nodes = renewed
    if previous is None or previous_record is None:
        return None
    try:
        lines = (Path(previous) / file_name(name)).read_bytes().split(b"\n")
    except OSError:
        return None
    if len(lines) < 3 or lines[0] != head(previous_record).encode() or \
            lines[2] != f"{BASIS}{whole.split(' ')[0]} {then}".encode():
        return None
    variables = variables_of(lines[1].decode("utf-8"))
    terms = [ox.NamedNode(node[1:-1]) for node in sorted(nodes)]
    # (a node is an IRI, as the lines of N-Triples began: a contradiction, or a rule whose description changed)
    if any(next(store.quads_for_pattern(t, None, None), None) is not None and
           next(store.quads_for_pattern(t, _TYPE, _CONTRADICTION), None) is None for t in terms):
        return None  # a node that is no contradiction changed (a rule's name, which rows of others give)
    cells = {node.encode("utf-8") for node in nodes}
    kept = [line for line in lines[3:] if line[:1] not in (b"#", b"") and line.split(b"\t", 1)[0] not in cells]
    bound = {variables[0]: [URIRef(t.value) for t in terms]}
    return variables, kept + (_answer_rows(store, name, bound)[1] if terms else [])


def _index(lines: list[bytes], variables: list[str], block: str, indexed: str) -> dict[str, list[list[int]]]:
    """The byte ranges of the blocks of ``lines`` (an answer's lines, its rows in blocks of ``block``'s value)
    holding each value of ``indexed``; the ranges of one value next to each other are one."""
    at, column, key = 0, variables.index(indexed), variables.index(block)
    spans: dict[bytes, list] = {}  # block value -> [start, end, the cells of indexed in it]
    last = max(column, key) + 1
    for line in lines:
        size = len(line) + 1
        if line[:1] not in (b"#", b"?", b""):  # a row (its first cell a term, a number or empty), not the head
            cells = line.split(b"\t", last)
            span = spans.setdefault(cells[key], [at, at, set()])
            span[1] = at + size
            span[2].add(cells[column])
        at += size
    found: dict[str, list[list[int]]] = {}
    for start, end, cells in spans.values():
        for value in (value_of(cell.decode("utf-8")) for cell in cells):
            ranges = found.setdefault(value, [])
            if ranges and ranges[-1][1] == start:
                ranges[-1][1] = end
            else:
                ranges.append([start, end])
    return found


def _part(store: ox.Store, graphs: set[str]) -> ox.Store:
    """A store in memory holding ``graphs`` of ``store`` alone."""
    part = ox.Store()
    part.extend(q for graph in sorted(graphs) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    return part


def _answer(store: ox.Store, name: str) -> tuple[list[str], list[str]]:
    """The variables and the TSV rows of query ``name`` on ``store``."""
    variables, rows = _answer_rows(store, name)
    return variables, [row.decode("utf-8") for row in rows]


def _answer_rows(store: ox.Store, name: str, bound: dict | None = None,
                 spill: Path | None = None) -> tuple[list[str], list[bytes]]:
    """The variables and the TSV rows, as Oxigraph wrote them, of query ``name`` on ``store`` (with the variables of
    ``bound`` bound to each of its terms).

    With ``spill`` (a file name), Oxigraph writes them there, read back once the query's
    own memory is given back: the contradictions of 1,000 synthetic articles took 220 MB
    to answer and 90 MB as TSV, and their lines 95 MB more (the file is removed).
    """
    text = PROLOGUE + (sparql.bind(catalogue.internal(name).text, bound) if bound else catalogue.internal(name).text)
    solutions = store.query(text, **query_options(store))
    if spill is None:
        lines = solutions.serialize(format=ox.QueryResultsFormat.TSV).split(b"\n")
    else:
        spill = Path(spill)
        try:
            solutions.serialize(str(spill), format=ox.QueryResultsFormat.TSV)
            del solutions
            lines = spill.read_bytes().split(b"\n")
        finally:
            spill.unlink(missing_ok=True)
    return variables_of(lines[0].decode("utf-8")), [line for line in lines[1:] if line]


def _load(directory: Path | None, name: str, record: bytes | None) -> tuple[list[str], dict[str, list[str]]] | None:
    """The variables and the rows by graph of the answer of ``name`` kept in ``directory`` for the graphs of ``record``."""
    lines = lines_of(directory, name, record)
    if lines is None:
        return None
    by_graph: dict[str, list[str]] = {}
    rows: list[str] = []
    for line in lines[2:]:
        if line.startswith("# graph "):  # a row begins with a term, a number or a tab: never with '#'
            rows = by_graph.setdefault(line[8:], [])
        elif line and not line.startswith("#"):
            rows.append(line)
    return variables_of(lines[1]), by_graph


def _owners(store: ox.Store) -> dict[str, str]:
    """Each subject typed in a named graph of ``store``, as a TSV cell, and the graph that types it."""
    owners: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, _TYPE, None, None):
        if isinstance(quad.graph_name, ox.NamedNode) and isinstance(quad.subject, ox.NamedNode):
            owners.setdefault(f"<{quad.subject.value}>", quad.graph_name.value)
    return owners
