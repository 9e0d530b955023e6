"""Locating quotes in their documents: exact offsets, or the closest passage."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from kg.build.records import Evidence

# The search for the closest passage is bounded whatever the sizes: a text of up to
# SCAN_ALL characters is tried at every word start (a few milliseconds); in a longer one
# only near anchors, the places where pieces of the quote occur. A long quote is
# matched by its first PROBE characters.
SCAN_ALL = 20_000
PROBE = 400
_ANCHORS = 5_000  # occurrences of the quote's rarest pieces located, in all
_REGIONS = 24  # the places most pieces agree on are searched
_BUCKET = 64
_SPACE = re.compile(r"\s+")


def locate(quote: str, text: str) -> Evidence | None:
    """The offsets of the first verbatim occurrence of ``quote`` in ``text``, or None."""
    start = text.find(quote)
    if start < 0 or not quote:
        return None
    return Evidence(quote, start, start + len(quote))


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` most like ``quote``, to show a curator what differs."""
    probe = quote[:PROBE]
    if len(text) <= SCAN_ALL:
        spans = [(0, len(text))]
    else:
        spans = _near_anchors(probe, text) or [(0, SCAN_ALL)]
    start = _best_start(probe, text, spans)
    return text[start : start + len(quote)]


def _best_start(probe: str, text: str, spans: list[tuple[int, int]]) -> int:
    """The word start within ``spans`` where the passage as long as ``probe`` is most like it (the first of equals)."""
    size = len(probe)
    best, best_ratio = 0, -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(probe)
    for low, high in spans:
        starts = ([0] if low == 0 else []) + [m.end() for m in _SPACE.finditer(text, low, high)]
        for start in starts:
            matcher.set_seq1(text[start : start + size])
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = start, ratio
    return best


def _near_anchors(probe: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` where the passage may start: where most of the probe's rarest pieces point.

    A piece is a run of a few characters of the probe; a difference in the quote spoils
    only the pieces that overlap it, and the others point to where the passage starts.
    """
    votes: Counter[int] = Counter()
    size = max(4, min(16, len(probe) // 3))
    while not votes and size >= 4:  # smaller pieces when differences spoil every larger one
        votes = _votes(probe, text, size)
        size //= 2
    slack = len(probe) // 4 + _BUCKET // 2
    spans = sorted((max(0, b * _BUCKET - slack), min(len(text), (b + 1) * _BUCKET + slack))
                   for b, _ in votes.most_common(_REGIONS))
    merged: list[tuple[int, int]] = []
    for low, high in spans:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _votes(probe: str, text: str, size: int) -> Counter[int]:
    """For each bucket of ``text``, how many occurrences of the probe's pieces of ``size`` point to a start in it."""
    offsets: dict[str, int] = {}
    for offset in range(0, max(1, len(probe) - size + 1), max(1, size // 4)):
        offsets.setdefault(probe[offset : offset + size], offset)
    counts = {piece: text.count(piece) for piece in offsets}
    votes: Counter[int] = Counter()
    budget = _ANCHORS
    for piece in sorted((p for p in offsets if counts[p]), key=counts.get):
        if counts[piece] > budget and votes:
            break  # too common to point anywhere; the rarer pieces have spoken
        found = text.find(piece)
        while found >= 0 and budget > 0:
            votes[(found - offsets[piece]) // _BUCKET] += 1
            budget -= 1
            found = text.find(piece, found + 1)
    return votes


def first_difference(quote: str, passage: str) -> str:
    """Say where a quote first departs from a passage, e.g. "at character 12: ' in the quote, ’ in the text"."""
    for i, (a, b) in enumerate(zip(quote, passage)):
        if a != b:
            return f"at character {i + 1}: {a!r} in the quote, {b!r} in the text"
    if len(quote) != len(passage):
        return "the quote runs past the end of the passage"
    return "they are equal"
