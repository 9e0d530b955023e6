"""Serving a directory store as a read-only SPARQL endpoint with the Oxigraph server.

The server is ``oxigraph serve-read-only`` from the ``oxigraph`` package, bound to
loopback unless told otherwise, with the union of all graphs as the default graph
(as every kg store answers). It speaks the SPARQL 1.1 Protocol at ``/query``, so a
SPARQL client, YASGUI (at ``/``) or another ``kg --store http://host:port`` can
query it.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from kg.errors import StoreError, UsageError, named

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def server_binary() -> str:
    """The ``oxigraph`` executable: beside this Python (a virtual environment), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed; install it with 'pip install oxigraph'")
    return found


def command(location: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> list[str]:
    """The command line that serves ``location`` read-only on ``host:port``."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [server_binary(), "serve-read-only", "--location", str(location), "--bind", bind, "--union-default-graph"]


def url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """The base URL of a server on ``host:port``; its query endpoint is ``/query``."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def start(location: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, ready_within: float = 15.0) -> subprocess.Popen:
    """Start the server on ``location`` and return it once it accepts connections.

    Raises StoreError when the directory holds no store, or the server exits or does
    not listen within ``ready_within`` seconds (the port in use, for example).
    """
    location = Path(location)
    if not (location / "CURRENT").exists():
        raise StoreError(f"store {location}: no Oxigraph store in this directory; create it with 'kg load --store {location}'")
    if not 0 < port < 65536:
        raise UsageError(f"port {port} is not between 1 and 65535")
    _check_free(host, port)
    log = tempfile.TemporaryFile()  # not a pipe: a long-running server would fill it and block
    process = subprocess.Popen(command(location, host, port), stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    process.log = log
    deadline = time.monotonic() + ready_within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            detail = " ".join(log.read().decode("utf-8", "replace").split())[-200:]
            log.close()
            raise StoreError(f"store {location}: the server stopped at once on {host}:{port} ({detail})")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.05)
    stop(process)
    raise StoreError(f"store {location}: the server did not listen on {host}:{port} within {ready_within:g} s")


def _check_free(host: str, port: int) -> None:
    """Refuse a port something already listens on: a client would reach that instead."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise StoreError(f"cannot serve on {host}:{port} ({exc.strerror}); choose another {named('port')}", param="port") from None


def stop(process: subprocess.Popen) -> None:
    """Stop a server started by ``start`` and wait for it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log = getattr(process, "log", None)
    if log:
        log.close()


def run(location: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, say: Callable[[str], None] | None = None) -> None:
    """Serve ``location`` until interrupted (Ctrl-C) or the server exits."""
    process = start(location, host, port)

    def terminated(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, terminated)  # a stopped kg serve stops its server too
    try:
        if say:
            if host not in LOOPBACK:
                say(f"Warning: {host} may be reachable from other machines; the endpoint has no access control.")
            say(f"Serving {location} read-only: SPARQL endpoint {url(host, port)}/query (Ctrl-C stops it)")
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(process)
