"""The HTTP side of ``kg serve``: the SPARQL 1.1 Protocol's query operation, for clients and for its own page only.

A browser sends a form POST to any address without asking first (no CORS
preflight), so without checks any web page could make a server on 127.0.0.1 work
for it. The front answers ``403`` to a request whose ``Host`` is not an address it
serves (a page reaching it through a DNS name of its own: DNS rebinding), whose
``Origin`` is another site's, or that the browser marks as sent from another site
(``Sec-Fetch-Site``); clients that are not browsers (kg, curl, SPARQL libraries)
send no ``Origin``. It answers ``400`` to a query that may call SERVICE (no request
leaves kg because of a query), ``403`` to anything that would write (``/update``,
``/store``), and ``413`` to a body over 16 MiB. A query then goes to a worker
process (``kg.store.server``), which has a deadline.

The query text a worker runs is the very text checked here: the front reads the
protocol's parameters itself (``query``, ``default-graph-uri``, ``named-graph-uri``,
from the URL and a form or ``application/sparql-query`` body) and hands them on.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from kg.catalogue import sparql
from kg.errors import UsageError

MAX_BODY = 16 * 1024 * 1024
TEXT = "text/plain; charset=utf-8"
EDITOR = Path(__file__).with_name("editor.html")
Answer = Callable[[dict], tuple[int, str, bytes]]


def host_check(host: str, port: int) -> Callable[[str], bool]:
    """Which ``Host`` headers name the server bound to ``host:port`` (host names of other sites never do)."""
    def spelled(name: str) -> set[str]:
        name = f"[{name}]" if ":" in name else name
        return {f"{name}:{port}"} | ({name} if port == 80 else set())

    loopback = spelled("127.0.0.1") | spelled("localhost") | spelled("::1")
    if host in ("0.0.0.0", "::"):
        names = loopback | spelled(socket.gethostname().lower()) | spelled(socket.getfqdn().lower())

        def any_address(header: str) -> bool:
            if header in names:
                return True
            name, _, given = header.rpartition(":") if not header.endswith("]") else (header, "", "")
            try:
                ipaddress.ip_address(name.strip("[]"))
            except ValueError:
                return False
            return given == str(port) or (port == 80 and not given)
        return any_address
    names = loopback if host in ("127.0.0.1", "localhost", "::1") else spelled(host.lower())
    return names.__contains__


class Front(ThreadingHTTPServer):
    """The HTTP server: requests checked here, queries answered by ``answer(job)``."""

    daemon_threads = True

    def __init__(self, host: str, port: int, answer: Answer):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.answer = answer
        self.allowed_host = host_check(host, port)
        self.editor = EDITOR.read_bytes()
        super().__init__((host, port), _Handler)

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-answer is no error of the server's: say nothing."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a client asking many queries reuses its connection
    server_version = "kg-serve"
    sys_version = ""
    timeout = 120  # a connection idle (or stalled) this long is closed
    disable_nagle_algorithm = True  # headers and body leave at once, not 40 ms apart (Nagle and delayed ACKs)

    def do_GET(self) -> None:
        self._consumed = False
        self._serve()

    do_HEAD = do_POST = do_GET

    def do_PUT(self) -> None:
        self._consumed = False
        self._send(403, "kg serve is read-only: it answers queries at /query")

    do_DELETE = do_PATCH = do_PUT

    def log_message(self, format, *args) -> None:
        """Quiet: kg serve prints no line per request."""

    def _serve(self) -> None:
        refusal = self._foreign()
        if refusal:
            return self._send(403, refusal)
        path, _, query_string = self.path.partition("?")
        if path == "/" and self.command != "POST":
            return self._send(200, self.server.editor, "text/html; charset=utf-8")
        if path == "/query":
            return self._query(query_string)
        if path in ("/update", "/store") or path.startswith("/store/"):
            return self._send(403, "kg serve is read-only: it answers queries at /query")
        self._send(404, f"{self.command} {path}: kg serve answers SPARQL queries at /query, and has a query editor at /")

    def _foreign(self) -> str | None:
        """Why the request comes from a web page other than the server's own, or None."""
        host = (self.headers.get("Host") or "").strip().lower()
        if not self.server.allowed_host(host):
            return f"kg serve answers requests addressed to the address it serves, not to '{host}'"
        origin = self.headers.get("Origin")
        if origin is not None and origin.strip().lower() != f"http://{host}":
            return f"kg serve answers no request from another web page (Origin: {origin})"
        site = (self.headers.get("Sec-Fetch-Site") or "none").strip().lower()
        if site not in ("same-origin", "none"):
            return f"kg serve answers no request from another web page (Sec-Fetch-Site: {site})"
        return None

    def _query(self, query_string: str) -> None:
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if self.command == "POST":
            body = self._body()
            if body is None:
                return
            media = self.headers.get_content_type()
            if media == "application/x-www-form-urlencoded":
                for name, values in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    params.setdefault(name, []).extend(values)
            elif media == "application/sparql-query":
                params.setdefault("query", []).append(body.decode("utf-8", "replace"))
            else:
                return self._send(415, f"send the query as application/x-www-form-urlencoded or "
                                       f"application/sparql-query, not {media}")
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._send(400, "give one query: the parameter 'query' holds the SPARQL text")
        try:
            sparql.refuse_service(queries[0])
        except UsageError as exc:
            return self._send(400, str(exc))
        status, media, data = self.server.answer({
            "query": queries[0],
            "default": params.get("default-graph-uri", []),
            "named": params.get("named-graph-uri", []),
            "accept": self.headers.get("Accept") or "*/*",
        })
        self._send(status, data, media)

    def _body(self) -> bytes | None:
        """The request body, or None once a refusal was sent (no length, or too long)."""
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send(411, "give the length of the body (Content-Length)", close=True)
            return None
        if not 0 <= length <= MAX_BODY:
            self._send(413, f"a query body is at most {MAX_BODY} bytes", close=True)
            return None
        self._consumed = True
        return self.rfile.read(length)

    def _send(self, status: int, body: bytes | str, media: str = TEXT, close: bool = False) -> None:
        data = body.encode("utf-8") + b"\n" if isinstance(body, str) else body
        if not self._consumed and self.headers.get("Content-Length", "0").strip() not in ("", "0"):
            close = True  # a body left unread: the connection cannot carry another request
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
