"""Deadlines for what a store does: every request ends within its time, and Ctrl-C stops it at once.

pyoxigraph evaluates a query in Rust and offers no way to cancel it (``Store.query``
has no timeout or cancellation token), and a thread waiting for Rust does not see
Ctrl-C until Rust returns. So the work of one request (a query and the reading of
its rows, or an HTTP exchange with an endpoint) runs in a worker thread, and the
caller waits for it until the deadline: past it, or on Ctrl-C, the caller gives up
and raises. The worker is abandoned: it stops at the next row or block it reads
(the ``cancelled`` event it is given), or when Oxigraph returns (an aggregate runs
to its end); the command line exits without waiting for it (``abandoned()``).
A thread costs about 0.1 ms per request, nothing beside a query's own time.

The deadline is ``timeout`` seconds per request: ``$KG_STORE_TIMEOUT``, else 30.
"""

from __future__ import annotations

import os
import threading
import traceback
from typing import Callable, TypeVar

from kg.errors import KgError, StoreError, UsageError, named

DEFAULT_TIMEOUT = 30.0
LONGEST = 1e6  # seconds (11 days): the longest wait; clocks and sockets refuse 1e308 or infinity, so those mean this
T = TypeVar("T")

_abandoned: list[threading.Thread] = []


class Cancelled(Exception):
    """Raised inside an abandoned worker to stop reading what nobody waits for any more."""


def default_timeout() -> float:
    """Seconds each request to a store may take: ``$KG_STORE_TIMEOUT``, else 30."""
    raw = os.environ.get("KG_STORE_TIMEOUT")
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0:  # nan too
        raise UsageError(f"KG_STORE_TIMEOUT='{raw}' is not a positive number of seconds; set it to e.g. 30")
    return value


def run(work: Callable[[threading.Event], T], seconds: float | None, late: Callable[[], KgError]) -> T:
    """``work(cancelled)`` in a worker thread: its result or its exception, or ``late()`` after ``seconds``.

    ``seconds`` None waits as long as the work takes (still stopped by Ctrl-C). On
    KeyboardInterrupt or past the deadline the worker is abandoned: ``cancelled`` is
    set, and ``work`` should raise Cancelled when it sees it between rows or blocks.
    """
    outcome: dict = {}
    done = threading.Event()
    cancelled = threading.Event()

    def worker() -> None:
        try:
            outcome["value"] = work(cancelled)
        except BaseException as exc:  # handed to the caller, who raises it in its own thread
            # drop what the work held (pyoxigraph's result iterators) here: they may not be dropped elsewhere
            traceback.clear_frames(exc.__traceback__)
            outcome["error"] = exc
        finally:
            done.set()

    thread = threading.Thread(target=worker, name="kg store request", daemon=True)
    thread.start()
    try:
        finished = done.wait(None if seconds is None else min(seconds, LONGEST))
    except BaseException:  # Ctrl-C while waiting
        _abandon(thread, cancelled)
        raise
    if not finished:
        _abandon(thread, cancelled)
        raise late()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _abandon(thread: threading.Thread, cancelled: threading.Event) -> None:
    cancelled.set()
    _abandoned.append(thread)


def abandoned() -> bool:
    """Whether work given up on (past its deadline, or on Ctrl-C) is still running in this process."""
    _abandoned[:] = [t for t in _abandoned if t.is_alive()]
    return bool(_abandoned)


def late_query(store: str, seconds: float) -> Callable[[], KgError]:
    """The error of a query past its deadline, naming the store and the seconds it had."""
    return lambda: StoreError(
        f"store {store}: the query did not finish within {seconds:g} s; narrow it, "
        f"or give {named('timeout')} more seconds (or set KG_STORE_TIMEOUT)", param="timeout")
