"""`kg serve` answers a plain HTTP SPARQL client, read-only and on loopback."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from conftest import free_port, wait_listening

from kg.build import current as graphfile
from kg.cli import main
from kg.errors import StoreError
from kg.store import server as serve
from kg.store.remote import RemoteStore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours on the seeds


@pytest.fixture(scope="module")
def served(graph_file, tmp_path_factory):
    """`kg serve` run as a user runs it, on a directory loaded by `kg load`; always stopped."""
    location = tmp_path_factory.mktemp("serve-home") / "store"
    graphfile.load(str(location), graph_path=graph_file)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(location), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_listening(process, port, "kg serve")
        yield f"http://127.0.0.1:{port}", location, graph_file
    finally:
        process.terminate()
        process.wait(timeout=15)
        process.stderr.close()


def test_a_plain_http_sparql_get_is_answered(served, store):
    url, *_ = served
    query = urllib.parse.urlencode({"query": COUNT})
    request = urllib.request.Request(f"{url}/query?{query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get_content_type() == "application/sparql-results+json"
        answer = json.load(response)
    count = int(answer["results"]["bindings"][0]["n"]["value"])
    # the graphs built from the seeds are the default graph, as in every kg store
    assert count == int(store.query(COUNT).rows[0][0]) > 1000


def test_kg_reads_the_served_graph_as_a_store(served, store):
    url, *_ = served
    query = "SELECT ?label WHERE { ?a a <https://w3id.org/state-alignments/ontology#State> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
    assert RemoteStore(url).query(query) == store.query(query)


def test_the_endpoint_is_read_only(served):
    url, _, graph = served
    with pytest.raises(StoreError, match=f"store {url}: .* answered HTTP 4"):
        graphfile.load(url, graph_path=graph)


def test_the_server_binds_to_loopback_only(served):
    url, *_ = served
    port = int(url.rsplit(":", 1)[1])
    outward = socket.gethostbyname(socket.gethostname())
    if outward.startswith("127."):
        pytest.skip("this machine has no address beside loopback")
    with pytest.raises(OSError):
        socket.create_connection((outward, port), timeout=1).close()


def test_serving_a_url_is_a_usage_error():
    result = CliRunner().invoke(main, ["serve", "--store", "http://127.0.0.1:7878"])
    assert result.exit_code == 2
    assert "is already a server; kg serve serves a directory store" in result.stderr


def test_serving_a_directory_without_a_store(tmp_path):
    with pytest.raises(StoreError, match="no Oxigraph store in this directory"):
        serve.start(tmp_path)


def test_a_port_in_use_is_one_line(served):
    url, location, _ = served
    port = int(url.rsplit(":", 1)[1])
    with pytest.raises(StoreError, match=f"cannot serve on 127.0.0.1:{port} .*; choose another port$"):
        serve.start(location, port=port)


def test_it_binds_loopback_by_default(served):
    url, location, _ = served
    running = serve.start(location, port=free_port())
    try:
        assert running.front.server_address[0] == "127.0.0.1"
    finally:
        serve.stop(running)


def _ask(url: str, method: str, path: str, body: str | None = None, headers: dict | None = None) -> tuple[int, str, str]:
    """Send one request with exactly these headers (Host included); status, media type and body."""
    host = url.removeprefix("http://")
    connection = http.client.HTTPConnection(*host.split(":"), timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in {"Host": host, **(headers or {})}.items():
            if value is not None:
                connection.putheader(name, value)
        data = body.encode() if body is not None else None
        if data is not None:
            connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        return response.status, response.headers.get_content_type(), response.read().decode()
    finally:
        connection.close()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ASK = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})


def test_another_web_page_cannot_drive_it(served):
    """A form on another site posts without a CORS preflight: the Origin gives it away, and it is refused."""
    url, *_ = served
    status, media, text = _ask(url, "POST", "/query", ASK, {**FORM, "Origin": "http://evil.example"})
    assert (status, media) == (403, "text/plain")
    assert text == "kg serve answers no request from another web page (Origin: http://evil.example)\n"
    assert _ask(url, "POST", "/query", ASK, {**FORM, "Origin": "null"})[0] == 403  # a sandboxed page, a file
    # an image or script tag sends no Origin on GET, but the browser marks it as from another site
    status, _, text = _ask(url, "GET", f"/query?{ASK}", headers={"Sec-Fetch-Site": "cross-site"})
    assert (status, text) == (403, "kg serve answers no request from another web page (Sec-Fetch-Site: cross-site)\n")


def test_a_name_that_is_not_its_address_is_refused(served):
    """DNS rebinding: a page whose name resolves to 127.0.0.1 is same-origin to the browser, but names itself in Host."""
    url, *_ = served
    port = url.rsplit(":", 1)[1]
    status, _, text = _ask(url, "GET", f"/query?{ASK}", headers={"Host": f"evil.example:{port}"})
    assert (status, text) == (403, f"kg serve answers requests addressed to the address it serves, not to 'evil.example:{port}'\n")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert _ask(url, "GET", f"/query?{ASK}", headers={"Host": host})[0] == 200


def test_its_own_page_queries_it(served):
    url, *_ = served
    status, media, page = _ask(url, "GET", "/")
    assert (status, media) == (200, "text/html")
    assert 'fetch("/query"' in page
    status, media, text = _ask(url, "POST", "/query", ASK, {
        **FORM, "Origin": url, "Sec-Fetch-Site": "same-origin", "Accept": "application/sparql-results+json"})
    assert (status, media, json.loads(text)) == (200, "application/sparql-results+json", {"head": {}, "boolean": True})


def test_nothing_is_written(served):
    url, *_ = served
    graph = urllib.parse.quote("https://w3id.org/state-alignments/id/graph/reference", safe="")
    assert _ask(url, "PUT", f"/store?graph={graph}", "<a:b> <a:c> <a:d> .", {"Content-Type": "application/n-triples"})[0] == 403
    assert _ask(url, "DELETE", f"/store?graph={graph}")[0] == 403
    update = urllib.parse.urlencode({"update": "DROP ALL"})
    assert _ask(url, "POST", "/update", update, FORM)[0] == 403
    status, _, _ = _ask(url, "POST", "/query", urllib.parse.urlencode({"query": "DROP ALL"}), FORM)
    assert status == 400


def test_a_query_past_its_deadline_stops_and_frees_its_worker(served):
    url, location, _ = served
    running = serve.start(location, port=free_port(), timeout=1)
    try:
        workers = {w.process.pid for w in running.pool._workers}
        started = time.monotonic()
        status, _, text = _ask(running.url, "POST", "/query", urllib.parse.urlencode({"query": CROSS}), FORM)
        took = time.monotonic() - started
        assert (status, text) == (503, "the query did not finish within 1 s; narrow it (kg serve --timeout sets the limit)\n")
        assert 1 <= took < 4
        # the worker that ran it was killed (Oxigraph cannot stop a query otherwise) and replaced
        assert {w.process.pid for w in running.pool._workers} != workers
        gone = workers - {w.process.pid for w in running.pool._workers}
        assert [pid for pid in gone if _alive(pid)] == []
        assert _ask(running.url, "GET", f"/query?{ASK}")[0] == 200
    finally:
        serve.stop(running)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_stops_it_and_its_workers(served):
    _, location, _ = served
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(location), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_listening(process, port, "kg serve")
        workers = [int(pid) for pid in subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True,
                                                      text=True).stdout.split()]
        assert len(workers) >= 2
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(timeout=5) == 130
        assert process.stderr.read().decode().splitlines()[-1] == "Interrupted."
        time.sleep(0.2)
        assert [pid for pid in workers if _alive(pid)] == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
