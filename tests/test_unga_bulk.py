"""The bulk load of imported votes: streamed in chunks of whole blocks, every quad kept whatever the chunk size."""

from __future__ import annotations

import io

import pytest

from kg.store import embedded
from kg.store.embedded import OxigraphStore
from kg.store.stream import chunks

GRAPH = "https://example.org/import/test"


def _blocks(n: int, per_block: int = 3) -> list[bytes]:
    """``n`` blocks of N-Quads, ``per_block`` votes of three quads each."""
    out = []
    for b in range(n):
        lines = []
        for v in range(per_block):
            vote = f"<https://example.org/vote/{b}/{v}>"
            lines.append(f'{vote} <https://example.org/actor> <https://example.org/state/{v}> <{GRAPH}> .\n'
                         f'{vote} <https://example.org/onResolution> <https://example.org/res/{b}> <{GRAPH}> .\n'
                         f'{vote} <https://example.org/voteChoice> "yes" <{GRAPH}> .\n')
        out.append("".join(lines).encode())
    return out


def test_chunks_keep_whole_blocks_in_order():
    blocks = [b"ab", b"cde", b"f", b"ghij", b"k"]
    assert [io.BufferedReader(c, 2).read() for c in chunks(iter(blocks), 4)] == [b"abcde", b"fghij", b"k"]
    assert [io.BufferedReader(c).read() for c in chunks(iter([]), 4)] == [b""]
    assert [io.BufferedReader(c).read() for c in chunks(iter([b"x" * 10]), 4)] == [b"x" * 10]


@pytest.mark.parametrize("chunk_bytes", [1, 700, 10**9])
def test_every_quad_is_loaded_whatever_the_chunk_size(tmp_path, monkeypatch, chunk_bytes):
    monkeypatch.setattr(embedded, "BULK_CHUNK_BYTES", chunk_bytes)
    store = OxigraphStore.open_directory(tmp_path / "store")
    store.replace_graph_in_bulk(GRAPH, _blocks(7))
    assert len(store) == 7 * 3 * 3
    store.replace_graph_in_bulk(GRAPH, _blocks(2))  # replaces the graph, adds nothing to it
    assert len(store) == 2 * 3 * 3
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?v <https://example.org/voteChoice> \"yes\" }} }}").rows
    assert int(row[0]) == 6
