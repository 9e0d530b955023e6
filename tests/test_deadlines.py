"""Every query has a deadline, on every store, and Ctrl-C stops any command at once.

The long query is the triple cross-product of the seed graph (about 10^11 rows to
count: hours), so only a deadline or an interrupt ends it. Servers that trickle
their answer a byte at a time run in bounded threads. (`kg serve`'s own deadline
is in test_serve.py.)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from kg.errors import StoreError
from kg.store import deadline
from kg.store.embedded import OxigraphStore
from kg.store.remote import RemoteStore
from conftest import assert_one_error

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # streams rows: read one by one
LATE = "the query did not finish within {} s; narrow it, or give {} more seconds (or set KG_STORE_TIMEOUT)"


def kg(*args: str, env: dict | None = None, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})}, **popen)


def test_a_local_query_past_its_deadline_is_one_line(graph_file):
    started = time.monotonic()
    process = kg("query", "-e", CROSS, "--timeout", "1", "--graph", str(graph_file))
    out, err = process.communicate(timeout=30)
    assert time.monotonic() - started < 8  # 1 s, and the start of Python and kg
    result = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    assert assert_one_error(result, codes=(3,)) == "Error: store memory: " + LATE.format(1, "--timeout")
    assert out == b""


def test_the_deadline_comes_from_the_environment(graph_file):
    process = kg("query", "-e", CROSS, "--graph", str(graph_file), env={"KG_STORE_TIMEOUT": "0.5"})
    _, err = process.communicate(timeout=30)
    assert process.returncode == 3
    assert err.decode().splitlines()[-1] == "Error: store memory: " + LATE.format(0.5, "--timeout")


# Run where the query cannot outlive the test: an aggregate given up on computes on in
# its thread (pyoxigraph cannot stop it) until its process ends.
GIVE_UP = """
import sys, time
from pathlib import Path
from kg.errors import StoreError
from kg.store.embedded import OxigraphStore
kind, where = sys.argv[1], Path(sys.argv[2])
if kind == "memory":
    opened = OxigraphStore.in_memory(timeout=0.5)
    opened.load_file(where)
else:
    opened = OxigraphStore.open_directory(where, read_only=True, timeout=0.5)
started = time.monotonic()
try:
    opened.query(%r)
except StoreError as exc:
    print(round(time.monotonic() - started, 1), exc.param, exc.exit_code, exc, sep="|")
print(opened.query("ASK { ?s ?p ?o }"))
""" % CROSS


@pytest.mark.parametrize("kind", ["memory", "directory"])
def test_an_embedded_store_gives_up_at_the_deadline_and_stays_usable(graph_file, directory, kind):
    where = graph_file if kind == "memory" else directory
    done = subprocess.run([sys.executable, "-c", GIVE_UP, kind, str(where)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    late, answer = done.stdout.splitlines()
    seconds, param, code, message = late.split("|")
    assert 0.5 <= float(seconds) < 1.5 and (param, code) == ("timeout", "3")
    name = "memory" if kind == "memory" else str(directory)
    assert (message, answer) == (f"store {name}: " + LATE.format(0.5, "timeout"), "True")


def test_a_streaming_query_given_up_on_stops_its_worker(graph_file):
    """Rows are read one by one, so the worker sees that nobody waits any more and stops."""
    opened = OxigraphStore.in_memory(timeout=0.3)
    opened.load_file(graph_file)
    with pytest.raises(StoreError, match="did not finish within 0.3 s"):
        opened.query(ROWS)
    until = time.monotonic() + 5
    while deadline.abandoned() and time.monotonic() < until:
        time.sleep(0.05)
    assert not deadline.abandoned()


GRAPHS = (b'{"head":{"vars":["g"]},"results":{"bindings":[{"g":{"type":"uri",'
          b'"value":"https://w3id.org/state-alignments/id/graph/reference"}}]}}')


class Trickle:
    """An HTTP server on 127.0.0.1 that sends its answer one byte every 0.1 s; its threads end within 20 s.

    ``what`` trickles: the answer to kg's question of the store's graphs ("graphs"), or
    only to the query itself, the graphs being answered at once ("query"); with
    ``head_too`` the status line and headers trickle as well.
    """

    def __init__(self, what: str = "query", head_too: bool = False):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.what, self.head_too = what, head_too
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        until = time.monotonic() + 20
        while not self._stop.is_set() and time.monotonic() < until:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn, until), daemon=True).start()

    def _answer(self, conn: socket.socket, until: float) -> None:
        with conn:
            try:
                conn.settimeout(5)
                request = b""
                while b"\r\n\r\n" not in request:
                    request += conn.recv(65536)
                head, _, body = request.partition(b"\r\n\r\n")
                length = int(next((line.split(b":")[1] for line in head.split(b"\r\n")
                                   if line.lower().startswith(b"content-length:")), b"0"))
                while len(body) < length:
                    body += conn.recv(65536)
                answer = GRAPHS if self.what == "query" and b"default-graph-uri" not in body else b"{" + b" " * 9999
                status = (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                          b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(answer))
                if answer is GRAPHS:
                    return conn.sendall(status + answer)
                if not self.head_too:
                    conn.sendall(status)
                for byte in (status if self.head_too else answer):
                    if self._stop.is_set() or time.monotonic() > until:
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(0.1)
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self.thread.join(5)
        self.sock.close()


@pytest.mark.parametrize("what, head_too, message", [
    ("query", False, LATE.format(1, "timeout")),
    ("query", True, LATE.format(1, "timeout")),
    ("graphs", False, "no answer within 1 s; raise timeout or KG_STORE_TIMEOUT"),
], ids=["query body", "query headers", "graphs"])
def test_a_server_that_trickles_is_given_up_on_at_the_deadline(what, head_too, message):
    """--timeout bounds the whole request, not each read: one byte every 0.1 s does not keep kg waiting."""
    trickle = Trickle(what, head_too)
    try:
        remote = RemoteStore(trickle.url, timeout=1)
        if what == "query":
            assert remote.graphs() == ["https://w3id.org/state-alignments/id/graph/reference"]
        started = time.monotonic()
        with pytest.raises(StoreError) as raised:
            remote.query("ASK { ?s ?p ?o }")
        assert 1 <= time.monotonic() - started < 2
        assert str(raised.value) == f"store {trickle.url}: {message}"
    finally:
        trickle.close()


def _running(process: subprocess.Popen, seconds: float) -> None:
    time.sleep(seconds)
    assert process.poll() is None, process.stderr.read()


def _interrupted(process: subprocess.Popen) -> None:
    """Send Ctrl-C (SIGINT to the process group, as a terminal does): exit 130 within 2 s, one line."""
    sent = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert time.monotonic() - sent < 2
    assert process.returncode == 130
    assert err.decode().splitlines()[-1:] == ["Interrupted."] and "Traceback" not in err.decode()
    assert out == b""


def test_ctrl_c_stops_a_long_local_query(graph_file):
    process = kg("query", "-e", CROSS, "--graph", str(graph_file), start_new_session=True)
    _running(process, 1.5)  # well into the query
    _interrupted(process)


def test_ctrl_c_stops_a_long_query_on_a_directory_store(directory):
    process = kg("query", "-e", ROWS, "--store", str(directory), "--format", "csv", start_new_session=True)
    _running(process, 1.5)
    _interrupted(process)


def test_ctrl_c_stops_a_wait_for_an_endpoint():
    trickle = Trickle("graphs")
    try:
        process = kg("query", "actors", "--store", trickle.url, start_new_session=True)
        _running(process, 1.5)
        _interrupted(process)
    finally:
        trickle.close()


# Ctrl-C as the command line loads: the signal is sent when click is imported, which
# kg.cli does after it took over SIGINT, so the window is hit whatever the machine's speed.
LOADING = """
import os, signal, sys
class Trap:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Trap())
from kg.cli import main
main(["query", "actors"])
"""


def test_ctrl_c_while_kg_loads_is_one_line_too():
    done = subprocess.run([sys.executable, "-c", LOADING], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr, done.stdout) == (130, "Interrupted.\n", "")


def test_ctrl_c_just_after_the_start_is_one_line(graph_file):
    process = kg("query", "-e", CROSS, "--graph", str(graph_file), start_new_session=True)
    _running(process, 0.4)
    _interrupted(process)
