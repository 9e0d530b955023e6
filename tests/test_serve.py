"""`kg serve` answers a plain HTTP SPARQL client, read-only and on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import StoreError
from kg.build import current as graphfile
from kg.store import server as serve
from kg.store.remote import RemoteStore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "kg serve did not listen"
                time.sleep(0.1)
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
    # the union of all graphs is the default graph, as in every kg store
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


def test_the_command_binds_loopback_by_default(tmp_path):
    argv = serve.command(tmp_path, port=8000)
    assert argv[1:] == ["serve-read-only", "--location", str(tmp_path), "--bind", "127.0.0.1:8000", "--union-default-graph"]
