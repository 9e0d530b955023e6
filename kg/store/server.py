"""``kg serve``: a directory store as a read-only SPARQL endpoint that no other web page can drive.

An HTTP front (``kg.store.front``) bound to loopback unless told otherwise takes the
requests, refuses those of other web pages and every SERVICE call, and hands each
query to one of a few worker processes (``kg.store.worker``) that hold the store
open read-only, with the graphs built from the seeds as the default graph and the
imported votes as named graphs (as every kg store answers, ``kg.store.dataset``). It speaks the SPARQL 1.1 Protocol at ``/query``, so a SPARQL
client or another ``kg --store http://host:port`` can query it; a query editor is
at ``/``.

Each query has a deadline (``timeout``: ``$KG_STORE_TIMEOUT``, else 30 s): past it,
the client gets ``503`` and the worker is killed and replaced, so a query nobody
waits for no longer holds a processor. (The Oxigraph server binary was served
before; it can bound a query's time but has no switch to refuse SERVICE, nor any
check of Origin or Host, and a front before it would leave its own port open to
every page of the browser.)
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from kg.errors import StoreError, UsageError, named
from kg.store import deadline
from kg.store.front import TEXT, Front
from kg.store.worker import frame

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def server_binary() -> str:
    """The ``oxigraph`` executable (a writable server for tests and benchmarks): beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed; install it with 'pip install oxigraph'")
    return found


def url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """The base URL of a server on ``host:port``; its query endpoint is ``/query``."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _Late(Exception):
    """The worker did not answer before the deadline."""


class _Broken(Exception):
    """The worker stopped or could not be reached."""


class _Worker:
    """One worker process and its pipes."""

    def __init__(self, location: Path):
        self.log = tempfile.TemporaryFile()  # not a pipe: nobody reads it while the worker runs
        self.process = subprocess.Popen([sys.executable, "-m", "kg.store.worker", str(location)], bufsize=0,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)

    def ask(self, job: dict, seconds: float) -> tuple[int, str, bytes]:
        until = time.monotonic() + seconds
        try:
            self.process.stdin.write(frame(json.dumps(dict(job, seconds=seconds)).encode("utf-8")))
        except (OSError, ValueError):  # a worker that died, or one killed before
            raise _Broken(self.detail()) from None
        head = json.loads(self._frame(until))
        return head["status"], head["type"], self._frame(until)

    def _frame(self, until: float) -> bytes:
        (size,) = struct.unpack(">I", self._read(4, until))
        return self._read(size, until)

    def _read(self, size: int, until: float) -> bytes:
        fd, blocks, got = self.process.stdout.fileno(), [], 0
        while got < size:
            left = until - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise _Late
            block = os.read(fd, min(size - got, 1 << 20))
            if not block:
                raise _Broken(self.detail())
            blocks.append(block)
            got += len(block)
        return b"".join(blocks)

    def detail(self) -> str:
        self.process.poll()
        if self.log.closed:
            return "stopped"
        self.log.seek(0)
        text = " ".join(self.log.read().decode("utf-8", "replace").split())
        return text[-200:] or f"exit status {self.process.returncode}"

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.log):
            stream.close()


class _Pool:
    """The worker processes, each answering one query at a time within ``seconds``."""

    def __init__(self, location: Path, seconds: float, size: int, ready_within: float):
        self.location, self.seconds = location, seconds
        self._lock = threading.Lock()
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._workers = [_Worker(location) for _ in range(size)]
        try:
            for worker in self._workers:
                worker.ask({"query": "ASK {}"}, ready_within)  # the store opens, or we learn why not
                self._idle.put(worker)
        except (_Late, _Broken) as exc:
            self.close()
            raise StoreError(f"store {location}: the query workers could not start ({exc or 'no answer'})") from None

    def answer(self, job: dict) -> tuple[int, str, bytes]:
        begun = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.seconds)
        except queue.Empty:
            return 503, TEXT, f"kg serve is busy: no worker was free within {self.seconds:g} s; try again".encode()
        left = self.seconds - (time.monotonic() - begun)
        if left < 0.01:
            self._idle.put(worker)
            return 503, TEXT, f"kg serve is busy: no worker was free within {self.seconds:g} s; try again".encode()
        try:
            return worker.ask(job, left)
        except _Late:
            worker = self._replace(worker)
            return 503, TEXT, (f"the query did not finish within {self.seconds:g} s; narrow it "
                               f"(kg serve --timeout sets the limit)\n").encode()
        except _Broken as exc:
            worker = self._replace(worker)
            return 500, TEXT, f"the query worker stopped ({exc}); try again\n".encode()
        finally:
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        """Kill a worker (the only way to stop a query in Oxigraph) and start another in its place."""
        worker.kill()
        fresh = _Worker(self.location)
        with self._lock:
            self._workers = [fresh if w is worker else w for w in self._workers]
        return fresh

    def close(self) -> None:
        with self._lock:
            for worker in self._workers:
                worker.kill()


class Server:
    """A running ``kg serve``: its front on ``url``, its workers."""

    def __init__(self, front: Front, pool: _Pool, host: str, port: int):
        self.front, self.pool, self.url = front, pool, url(host, port)
        self.thread = threading.Thread(target=front.serve_forever, name="kg serve", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        """Until the front stops (Ctrl-C interrupts the wait)."""
        self.thread.join()


def start(location: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float | None = None,
          ready_within: float = 15.0) -> Server:
    """Serve ``location`` read-only on ``host:port``, each query within ``timeout`` seconds; the running server.

    Raises StoreError when the directory holds no store, the workers cannot open it,
    or the port cannot be bound (in use, for example).
    """
    location = Path(location)
    if not (location / "CURRENT").exists():
        raise StoreError(f"store {location}: no Oxigraph store in this directory; create it with 'kg load --store {location}'")
    if not 0 < port < 65536:
        raise UsageError(f"port {port} is not between 1 and 65535")
    seconds = min(timeout or deadline.default_timeout(), deadline.LONGEST)
    pool = _Pool(location, seconds, min(4, max(2, os.cpu_count() or 2)), ready_within)
    try:
        front = Front(host, port, pool.answer)
    except OSError as exc:
        pool.close()
        raise StoreError(f"cannot serve on {host}:{port} ({exc.strerror or exc}); choose another {named('port')}",
                         param="port") from None
    return Server(front, pool, host, port)


def stop(server: Server) -> None:
    """Stop a server started by ``start``: the front, then the workers."""
    server.front.shutdown()
    server.front.server_close()
    server.pool.close()


def run(location: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, say: Callable[[str], None] | None = None,
        timeout: float | None = None) -> None:
    """Serve ``location`` until interrupted (Ctrl-C raises KeyboardInterrupt) or terminated (SIGTERM)."""
    server = start(location, host, port, timeout)

    def terminated(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, terminated)  # a stopped kg serve stops its workers too
    try:
        if say:
            if host not in LOOPBACK:
                say(f"Warning: {host} may be reachable from other machines; the endpoint has no access control.")
            say(f"Serving {location} read-only: SPARQL endpoint {server.url}/query, a query editor at "
                f"{server.url}/ (Ctrl-C stops it)")
        server.wait()
    finally:
        stop(server)
