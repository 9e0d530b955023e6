"""Timing helpers shared by the benchmark scripts: best of a few runs."""

from __future__ import annotations

import time


def best_of(func, repeat: int = 3) -> tuple[float, object]:
    """The fastest of ``repeat`` runs of ``func`` in seconds, and its last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def timed(label: str, func, repeat: int = 3):
    """Print the best time of ``func`` in milliseconds beside ``label``; return its result."""
    seconds, result = best_of(func, repeat)
    print(f"{label:<48} {seconds * 1000:8.1f} ms")
    return result
