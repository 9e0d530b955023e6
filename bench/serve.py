"""Small queries through `kg serve`, against the Oxigraph server it ran before, measured in the same run.

Prints figures; asserts nothing. Run from a checkout:  python bench/serve.py [N]

Both serve the same directory store (the seed graph, loaded by kg) read-only on
loopback. The baseline is `oxigraph serve-read-only --union-default-graph`, the
command `kg serve` ran before it had its own front; `kg serve` now is
kg.store.server (an HTTP front that checks each request, and worker processes).
Three clients each ask N small queries, one after another, and the median time of
one query is printed with the ratio new / baseline:

- kg: `RemoteStore.query` (urllib, a new connection per query, the graphs of kg as
  the protocol dataset), as `kg query --store URL` and the analyses ask;
- keep-alive: a plain POST of the same query on one persistent connection;
- ASK: the smallest query on the persistent connection, where the server's own
  cost is all there is.
"""

from __future__ import annotations

import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from kg.build import current
from kg.store import server as serve
from kg.store.remote import RemoteStore

QUERY = ("SELECT ?label WHERE { ?a a <https://w3id.org/state-alignments/ontology#State> ; "
         "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label LIMIT 5")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not listen")


def median_ms(ask, n: int) -> float:
    for _ in range(20):  # warm up
        ask()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        ask()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def clients(url: str, n: int) -> dict[str, float]:
    remote = RemoteStore(url)
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)

    def post(text: str):
        def ask():
            body = urllib.parse.urlencode({"query": text})
            connection.request("POST", "/query", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                        "Accept": "application/sparql-results+json"})
            response = connection.getresponse()
            data = response.read()
            assert response.status == 200, data
        return ask

    figures = {
        "kg (RemoteStore, a connection per query)": median_ms(lambda: remote.query(QUERY), n),
        "keep-alive POST of the same query": median_ms(post(QUERY), n),
        "keep-alive POST of ASK {}": median_ms(post("ASK {}"), n),
    }
    connection.close()
    return figures


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as home:
        location = Path(home) / "store"
        current.load(str(location))
        port = free_port()
        baseline = subprocess.Popen(
            [serve.server_binary(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_listening(port)
            before = clients(f"http://127.0.0.1:{port}", n)
        finally:
            baseline.terminate()
            baseline.wait(timeout=30)
        served = serve.start(location, port=free_port())
        try:
            after = clients(served.url, n)
        finally:
            serve.stop(served)
    print(f"{n} queries each, one after another; median ms per query (2-core machine, shared)")
    print(f"{'client':<44} {'oxigraph server':>16} {'kg serve':>10} {'ratio':>7}")
    for name in before:
        print(f"{name:<44} {before[name]:16.2f} {after[name]:10.2f} {after[name] / before[name]:7.2f}")


if __name__ == "__main__":
    main()
