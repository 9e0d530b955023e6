"""No request leaves kg because of a query: SERVICE is refused on every store and by `kg serve`.

A listener on 127.0.0.1 stands where every SERVICE call points, and must receive
nothing; each case also gets the one-line refusal. The texts include the ways
Oxigraph's parser reads a SERVICE call that a naive scan would miss (checked
against pyoxigraph itself in test_the_tricky_texts_do_call_out_when_unchecked).
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from conftest import ROOT, assert_one_error, free_port

import kg
from kg.catalogue import sparql
from kg.cli import main
from kg.errors import UsageError
from kg.store import server as serve
from kg.store.embedded import OxigraphStore
from kg.store.remote import RemoteStore

REFUSAL = "SERVICE is refused: kg never sends a request, nor reads a file, because of a query"

# Each calls the listener at PORT when Oxigraph runs it unchecked.
CALLING = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:PORT/sparql> { ?s ?p ?o } }",
    "select * where { ?s ?p ?o . service silent <http://127.0.0.1:PORT/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o SERVICE#a comment\nSILENT#another\n<http://127.0.0.1:PORT/> {} }",
    "SELECT * WHERE { ?s ?p ?o SERVICESILENT<http://127.0.0.1:PORT/> {} }",
    "PREFIX : <http://127.0.0.1:PORT/> SELECT * WHERE { ?s ?p ?o . SERVICE:x {} }",
    "PREFIX ex: <http://127.0.0.1:PORT/> SELECT * WHERE { ?s ?p ?o . SERVICEex:x {} }",
    "SELECT * WHERE { ?s ?p 1E1SERVICE <http://127.0.0.1:PORT/> {} }",
    "SELECT * WHERE { ?s ?p trueSERVICE <http://127.0.0.1:PORT/> {} }",
    # a linear scan reads <'x> as an IRI and the rest as a string: Oxigraph reads less-than
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<'x>') SERVICE <http://127.0.0.1:PORT/> {} FILTER(?o='') }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<'z')SERVICE#>\n<http://127.0.0.1:PORT/>{} }",
    "SELECT * WHERE { ?s ?p <http://a/\\u0041'b> SERVICE <http://127.0.0.1:PORT/> {} }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a\\#b SERVICE <http://127.0.0.1:PORT/> {} }",
    "SELECT * WHERE { ?s ?p \"\"\"\"\"\" . SERVICE <http://127.0.0.1:PORT/> {} }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:PORT/> {} } }",
    "SELECT * WHERE { ?s ?p ?o . { SELECT * WHERE { SERVICE <http://127.0.0.1:PORT/> {} } } }",
    "ASK { SERVICE <http://127.0.0.1:PORT/> {} }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o } }",
]
OTHER = [
    "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?u) SERVICE ?u { ?s ?p ?o } }",
]
# The word is no call here: these run, on every store.
HARMLESS = [
    "SELECT ?service WHERE { ?service a <https://w3id.org/state-alignments/ontology#State> } LIMIT 1",
    "SELECT * WHERE { ?s ?p \"a service <http://x> ?\" }",
    "SELECT * WHERE { ?s ?p <http://example.org/service> }",
    "SELECT * WHERE { ?s ?p <http://example.org/service?id=1> }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # SERVICE <http://127.0.0.1:9/> {}",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o = <http://example.org/service>) } LIMIT 1",
]


class Listener:
    """A TCP listener on 127.0.0.1 that records the first bytes of every connection; it stops within 0.2 s."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        until = time.monotonic() + 600  # never outlives a stuck test run
        while not self._stop.is_set() and time.monotonic() < until:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.received.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    self.received.append(b"(connected)")

    def text(self, query: str) -> str:
        return query.replace("PORT", str(self.port))

    def close(self) -> None:
        self._stop.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture(scope="module")
def _listening():
    found = Listener()
    try:
        yield found
    finally:
        found.close()


@pytest.fixture
def listener(_listening):
    """The listener, which must have received nothing by the end of the test."""
    _listening.received.clear()
    yield _listening
    time.sleep(0.02)  # a request on its way would land now
    assert _listening.received == [], _listening.received


@pytest.fixture(scope="module")
def served(directory):
    running = serve.start(directory, port=free_port())
    try:
        yield running
    finally:
        serve.stop(running)


def _post(url: str, query: str, headers: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(f"{url}/query", data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json",
        **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_the_tricky_texts_do_call_out_when_unchecked(listener):
    """What the cases guard against is real: unchecked, pyoxigraph calls the listener for each (in isolation)."""
    unchecked = ox.Store()
    unchecked.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o")))
    try:
        for text in CALLING:
            _run_unchecked(unchecked, listener, text)
    finally:
        listener.received.clear()  # expected here; the fixture checks that nothing else came


def _run_unchecked(unchecked: ox.Store, listener: Listener, text: str) -> None:
    before = len(listener.received)
    try:
        result = unchecked.query(listener.text(text))
        list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
    except (OSError, RuntimeError, SyntaxError):
        pass
    time.sleep(0.05)
    assert len(listener.received) == before + 1, text


@pytest.mark.parametrize("text", CALLING + OTHER)
def test_kg_query_refuses_service_with_one_line(runner, listener, text):
    result = runner.invoke(main, ["query", "-e", listener.text(text)])
    assert assert_one_error(result, codes=(2,)) == f"Error: {sparql.SERVICE_REFUSED}"


@pytest.mark.parametrize("text", CALLING + OTHER)
def test_every_store_refuses_service(store, directory, listener, text):
    query = listener.text(text)
    with OxigraphStore.open_directory(directory, read_only=True) as on_disk:
        # the endpoint is the listener itself: not even the question of its graphs may go out
        for each in (store, on_disk, RemoteStore(f"http://127.0.0.1:{listener.port}")):
            with pytest.raises(UsageError, match=f"^{REFUSAL}"):
                each.query(query)


def test_the_python_api_refuses_service(graph_file, listener):
    with kg.open(graph_path=graph_file) as g, pytest.raises(kg.UsageError, match=f"^{REFUSAL}"):
        g.query(listener.text(CALLING[0]))


@pytest.mark.parametrize("text", CALLING + OTHER)
def test_kg_serve_refuses_service(served, listener, text):
    status, answer = _post(served.url, listener.text(text))
    assert (status, answer) == (400, sparql.SERVICE_REFUSED + "\n")


@pytest.mark.parametrize("text", HARMLESS)
def test_the_word_service_elsewhere_is_no_call(store, served, text):
    assert not sparql.uses_service(text)
    store.query(text)
    status, _ = _post(served.url, text)
    assert status == 200


def test_a_catalogue_query_never_reads_as_a_call():
    from kg.catalogue import files

    queries = [files.load(name) for name in files.names()] + files.rules() + files.examples()
    queries += [files.internal(name) for name in files.internal_names()]
    assert len(queries) == len(list((ROOT / "queries").rglob("*.rq")))  # every query file kg has
    assert [q.name for q in queries if sparql.uses_service(q.text)] == []


def test_a_text_too_tangled_to_read_both_ways_is_refused():
    tangled = "SELECT * WHERE { ?s ?p (" + " ".join("?a <http://x/(> ?b <http://x/)>" for _ in range(300)) + ") }"
    assert sparql.uses_service(tangled)
