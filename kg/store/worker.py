"""A query worker of ``kg serve``: a process that answers SPARQL queries on a directory store, one at a time.

``kg serve`` (``kg.store.server``) runs a few of these and hands each query to an
idle one; a query past its deadline is stopped by killing its worker, since
pyoxigraph cannot cancel a query it evaluates. The worker also stops itself at the
deadline (an alarm whose default action ends the process, even while Oxigraph
computes), and ends when ``kg serve`` closes its input, so none outlives the server.

Frames on standard input and output are a 4-byte big-endian length and that many
bytes. A request is one frame of JSON: ``query``, ``default`` and ``named`` (the
protocol's default-graph-uri and named-graph-uri; with neither, the graphs built
from the seeds are the default graph, as ``kg.store.dataset`` explains), ``accept`` (the HTTP Accept header) and ``seconds``.
An answer is two frames: JSON ``{"status", "type"}``, then the body. The front
checks every query (SERVICE refused) before a worker sees it.

Run as ``python -m kg.store.worker DIRECTORY``; it imports nothing but pyoxigraph and
``kg.store.dataset``.
"""

from __future__ import annotations

import json
import math
import signal
import struct
import sys

import pyoxigraph as ox

from kg.store.dataset import query_options

_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def read_frame(stream) -> bytes | None:
    """One frame from a binary stream; None at its end."""
    head = stream.read(4)
    if len(head) < 4:
        return None
    (size,) = struct.unpack(">I", head)
    data = stream.read(size)
    return data if len(data) == size else None


def frame(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def negotiate(accept: str, lookup, default):
    """The format the Accept header prefers among those ``lookup`` (media type → format or None) knows."""
    ranked = []
    for order, part in enumerate(accept.split(",")):
        media, *options = [p.strip() for p in part.split(";")]
        weight = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0:
            ranked.append((-weight, order, media.lower()))
    for _, _, media in sorted(ranked):
        found = lookup(media)
        if found is not None:
            return found
    return default


def answer(store: ox.Store, job: dict) -> tuple[int, str, bytes]:
    """The HTTP status, media type and body answering one query."""
    try:
        options = query_options(store)
        if job.get("default") or job.get("named"):
            options = {"default_graph": [ox.NamedNode(g) for g in job.get("default", [])],
                       "named_graphs": [ox.NamedNode(g) for g in job.get("named", [])]}
        result = store.query(job["query"], **options)
        accept = job.get("accept") or "*/*"
        if isinstance(result, ox.QueryTriples):
            fmt = negotiate(accept, ox.RdfFormat.from_media_type, ox.RdfFormat.N_TRIPLES)
            return 200, fmt.media_type, result.serialize(format=fmt)
        fmt = negotiate(accept, _RESULTS.get, ox.QueryResultsFormat.JSON)
        return 200, fmt.media_type, result.serialize(format=fmt)
    except (SyntaxError, ValueError) as exc:
        return 400, "text/plain", str(exc).encode("utf-8")
    except (OSError, RuntimeError) as exc:
        return 500, "text/plain", str(exc).encode("utf-8")


def main(location: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for kg serve, which stops the workers
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the alarm ends the process, even inside Oxigraph
    store = ox.Store.read_only(location)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while (request := read_frame(source)) is not None:
        job = json.loads(request)
        signal.alarm(math.ceil(job["seconds"]) + 1)  # kg serve kills it at the deadline; this is the backstop
        status, media, body = answer(store, job)
        signal.alarm(0)
        sink.write(frame(json.dumps({"status": status, "type": media}).encode()) + frame(body))
        sink.flush()


if __name__ == "__main__":
    main(sys.argv[1])
