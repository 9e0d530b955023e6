"""Locating quotes in their documents: exact offsets, or the closest passage."""

from __future__ import annotations

import difflib
import re

from kg.build.records import Evidence


def locate(quote: str, text: str) -> Evidence | None:
    """The offsets of the first verbatim occurrence of ``quote`` in ``text``, or None."""
    start = text.find(quote)
    if start < 0 or not quote:
        return None
    return Evidence(quote, start, start + len(quote))


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` most like ``quote``, to show a curator what differs."""
    size = len(quote)
    starts = [0] + [m.end() for m in re.finditer(r"\s+", text)]
    best, best_ratio = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for start in starts:
        candidate = text[start : start + size]
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


def first_difference(quote: str, passage: str) -> str:
    """Say where a quote first departs from a passage, e.g. "at character 12: ' in the quote, ’ in the text"."""
    for i, (a, b) in enumerate(zip(quote, passage)):
        if a != b:
            return f"at character {i + 1}: {a!r} in the quote, {b!r} in the text"
    if len(quote) != len(passage):
        return "the quote runs past the end of the passage"
    return "they are equal"
