"""The whole answers of the analysis' chief queries, kept in the directory store a build keeps.

A reading command on a large graph spent most of its time in the store: at 1,000
articles Oxigraph on disk reads Serbia's and Russia's 2,581 positions in 0.42 s (about
15 lookups a row, each some 11 µs from RocksDB), where ``kg compare`` has 0.5 s in all.
The build has the whole graph in memory: it answers the queries of ``KEPT`` there
once, unbound (about 1 s at 1,000 articles, each answer serialised by Oxigraph as
SPARQL TSV), and keeps the answers in files inside the kept store's directory,
written (``kg.store.answering``) and swapped in with the store (``kg.build.kept``). A
reader of that store takes an answer from its file and keeps the rows with the values it would have
bound (``kg.catalogue.run.select``); a store written any other way (``kg load``,
``kg import unga`` copy the store without these files) has none, and is queried.

An answer is kept for the graphs whose digests the store records (``RECORD``,
written by ``kg.build.kept``): a file answering for other graphs is not read. Each row
of a query of ``PER_CLAIM`` rests on one claim and what the shared graphs (reference,
ontology) say of its terms: it is kept under the graph that holds the claim, and after
an edit only the documents' graphs that changed are answered again, with the shared
graphs (0.01 s for an article at 1,000 articles). The contradictions (``WHOLE``) rest on
the graphs that are no document's (the derived contradictions, the reference data, the
ontology) and on the curated contradictions: the answer keeps a digest of those
(``answering.basis``), and is answered again only when it changed. An edit of an article's text
or of a claim that changes no contradiction keeps it (answering it took 2.1 s of an
edit's 10 s at 1,000 synthetic articles).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
from pathlib import Path

PER_CLAIM = ("analysis/positions", "analysis/ties", "analysis/claim-evidence")  # a row per claim (?claim)
WHOLE = ("analysis/contradictions",)
KEPT = PER_CLAIM + WHOLE
RECORD = "kg-graphs.json"  # inside the store's directory: the digest of each named graph it holds
FORMAT = 1
BASIS = "# basis "  # the line after the variables of a WHOLE answer: its basis
# Answers kept in blocks, the rows of each value of the first variable together, with an index of the blocks holding
# each value of the second: the contradictions involving Serbia are read from their blocks alone, where reading the
# whole answer (90 MB at 1,000 synthetic articles) and looking at its 161,000 rows took 0.5 s of kg contradictions.
INDEXED = {"analysis/contradictions": ("contradiction", "involved")}


def file_name(name: str) -> str:
    """The file in the store's directory that keeps the answer of internal query ``name``."""
    return "kg-answer-" + name.replace("/", "-") + ".tsv"


def index_name(name: str) -> str:
    """The file beside an INDEXED answer that holds its index."""
    return file_name(name)[:-len(".tsv")] + ".index.json"


def head(record: bytes) -> str:
    """The first line of an answer kept for the graphs of ``record`` (the store's record of their digests)."""
    return f"# kg answer {FORMAT} {hashlib.sha256(record).hexdigest()}"


class Answer:
    """The rows of one kept answer, as plain values (an IRI's text, a literal's lexical form, None unbound).

    An INDEXED answer is given its file, open, and its index (``blocks``: the byte ranges of the blocks holding
    each value of the indexed variable), and reads the rows when asked: the blocks asked for, or all. The file
    stays open so that a build replacing the store meanwhile leaves this reader its own rows.
    """

    def __init__(self, variables: list[str], lines: list[str] | None, source=None,
                 index: tuple[str, str, dict[str, list[list[int]]]] | None = None):
        self.variables = variables
        self._all = lines  # SPARQL TSV rows, once read
        self._source = source  # the answer's file, open for reading in binary
        self._index = index  # (block variable, indexed variable, value -> [[start, end], …])

    @property
    def _lines(self) -> list[str]:
        if self._all is None:
            fd = self._source.fileno()
            self._all = _rows(os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8").split("\n"))
        return self._all

    def close(self) -> None:
        if self._source is not None:
            self._source.close()

    def rows(self, where: dict[str, set[str]] | None = None, by: str | None = None) -> list[dict[str, str | None]]:
        """Every row, or those whose value of each variable of ``where`` is one of its values.

        With ``by``, a variable: every row of each value of ``by`` that has such a row
        (each contradiction involving one of some actors, with all the actors it involves).
        """
        tests = [(self.variables.index(v), _cells(values), set(values)) for v, values in (where or {}).items()]
        if self._index is not None and self._all is None and by == self._index[0] and self._index[1] in (where or {}):
            return self._blocks(where[self._index[1]], tests)
        lines = self._lines
        if tests:
            last = max(i for i, _, _ in tests) + 1
            lines = [line for line in lines if _holds(line.split("\t", last), tests)]
            if by is not None:
                key = self.variables.index(by)
                keys = {line.split("\t", key + 1)[key] for line in lines}
                lines = [line for line in self._lines if line.split("\t", key + 1)[key] in keys]
        return [dict(zip(self.variables, map(value_of, line.split("\t")))) for line in lines]

    def _blocks(self, values: set[str], tests: list) -> list[dict[str, str | None]]:
        """Every row of the blocks of ``values`` of the indexed variable that have a row holding ``tests``.

        The ranges of several values are read as their union (a block involving two is read once), and each range
        block by block: a range spans the blocks of one value that follow each other.
        """
        ranges: list[list[int]] = []
        for start, end in sorted(tuple(r) for value in values for r in self._index[2].get(value, [])):
            if ranges and start <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], end)
            else:
                ranges.append([start, end])
        last, key = max(i for i, _, _ in tests) + 1, self.variables.index(self._index[0])
        out = []
        fd = self._source.fileno()
        for start, end in ranges:
            lines = os.pread(fd, end - start, start).decode("utf-8").split("\n")[:-1]
            for _, block in itertools.groupby(lines, key=lambda line: line.split("\t", key + 1)[key]):
                block = list(block)
                if any(_holds(line.split("\t", last), tests) for line in block):
                    out += [dict(zip(self.variables, map(value_of, line.split("\t")))) for line in block]
        return out


def _cells(values: set[str]) -> set[str]:
    """How each value may stand in a TSV row: an IRI, a plain literal, a bare number (a typed literal is read)."""
    return {f"<{v}>" for v in values} | {f'"{v}"' for v in values} | set(values)


def _holds(cells: list[str], tests: list[tuple[int, set[str], set[str]]]) -> bool:
    for index, written, wanted in tests:
        cell = cells[index]
        if cell not in written and not (cell[:1] == '"' and value_of(cell) in wanted):
            return False
    return True


class Kept:
    """The answers kept in a store's directory for the graphs it held when it was opened, read when first asked for.

    A build that replaces the store meanwhile leaves its answers to the readers that
    open the new one: they answer for other graphs than this reader's store holds.
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        try:
            self.record: bytes | None = (self.directory / RECORD).read_bytes()
        except OSError:
            self.record = None
        self._read: dict[str, Answer | None] = {}

    def answer(self, name: str) -> Answer | None:
        if name not in self._read:
            self._read[name] = read(self.directory, name, self.record)
        return self._read[name]

    def close(self) -> None:
        """Close the files of the answers read."""
        for answer in self._read.values():
            if answer is not None:
                answer.close()


def read(directory: Path, name: str, record: bytes | None) -> Answer | None:
    """The answer of ``name`` kept in ``directory`` for the graphs of ``record``; None without one."""
    if name in INDEXED and record is not None:
        found = _read_index(Path(directory), name, record)
        if found is not None:
            index, source = found
            return Answer(index["variables"], None, source, (*INDEXED[name], index["blocks"]))
    lines = lines_of(Path(directory), name, record)
    if lines is None:
        return None
    return Answer(variables_of(lines[1]), _rows(lines))


def _rows(lines: list[str]) -> list[str]:
    """The rows of an answer's lines: past its head and variables, neither a comment nor empty."""
    return [line for line in lines[2:] if line[:1] not in ("#", "")]


def read_index(directory: Path, name: str, record: bytes | None) -> dict | None:
    """The index kept in ``directory`` beside INDEXED answer ``name`` for the graphs of ``record``; None without one."""
    try:
        index = json.loads((Path(directory) / index_name(name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return index if isinstance(index, dict) and record is not None and index.get("head") == head(record) else None


def _read_index(directory: Path, name: str, record: bytes):
    """The index of INDEXED answer ``name`` kept in ``directory`` for the graphs of ``record``, and its answer's file
    open (binary); None without them."""
    index = read_index(directory, name, record)
    if index is None:
        return None
    try:
        source = (directory / file_name(name)).open("rb")
    except OSError:
        return None
    try:
        first = source.readline().decode("utf-8").rstrip("\n")
    except (OSError, ValueError):
        first = None
    if first != head(record):
        source.close()
        return None
    return index, source


def variables_of(line: str) -> list[str]:
    """The variables a SPARQL TSV header line names, without their '?'."""
    return [v.lstrip("?") for v in line.split("\t")]


def lines_of(directory: Path | None, name: str, record: bytes | None) -> list[str] | None:
    """The lines of the answer of ``name`` kept in ``directory`` for the graphs of ``record``; None without one."""
    if directory is None or record is None:
        return None
    try:
        lines = (directory / file_name(name)).read_text(encoding="utf-8").split("\n")
    except (OSError, ValueError):
        return None
    return lines if len(lines) > 1 and lines[0] == head(record) else None


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_CHARACTERS = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match) -> str:
    short, long, char = match.groups()
    if short or long:
        return chr(int(short or long, 16))
    return _CHARACTERS.get(char, char)


def value_of(cell: str) -> str | None:
    """A TSV cell (an RDF term in N-Triples syntax, or a bare number or truth value) as a plain value."""
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return cell[1:-1]
    if first == '"':
        text = cell[1:cell.rfind('"')]
        return _ESCAPE.sub(_unescape, text) if "\\" in text else text
    if cell.startswith("_:"):
        return cell[2:]
    return cell
