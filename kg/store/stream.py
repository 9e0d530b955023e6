"""Blocks of bytes read as a few streams: how a large import reaches Oxigraph's bulk loader.

The loader reads a stream in its own buffer, so the text of a chunk is never joined
into one string (which would hold the chunk twice).
"""

from __future__ import annotations

import io
from typing import Iterator


class _Chunk(io.RawIOBase):
    """The next ``size`` bytes (whole blocks) of an iterator of blocks, read as a stream."""

    def __init__(self, blocks: Iterator[bytes], first: bytes, size: int):
        self._blocks, self._rest, self._left = blocks, memoryview(first), size - len(first)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._rest:
            if self._left <= 0:
                return 0
            block = next(self._blocks, None)
            if block is None:
                self._left = 0
                return 0
            self._rest, self._left = memoryview(block), self._left - len(block)
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


def chunks(blocks: Iterator[bytes], size: int) -> Iterator[_Chunk]:
    """The blocks in streams of about ``size`` bytes each (at least one stream, maybe empty)."""
    first = next(blocks, b"")
    while True:
        chunk = _Chunk(blocks, first, size)
        yield chunk
        first = next(blocks, None)  # the consumer read the chunk to its end
        if first is None:
            return
