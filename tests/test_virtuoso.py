"""A second real SPARQL server: Virtuoso (Debian's ``virtuoso-opensource-7-bin``) on 127.0.0.1.

kg loads the seed graph into it through the Graph Store Protocol, one graph at a time
(Virtuoso takes no N-Quads), and every catalogue query, the analyses and the commands
must answer as the embedded store does. The server runs in a temporary folder with its
own configuration and is stopped after the module. Without the binary the tests are
skipped, unless KG_REQUIRE_VIRTUOSO=1 (as in CI) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request

import pytest
from click.testing import CliRunner
from conftest import free_port
from test_stores import _cases, _rows

from kg.analysis import alignment, clusters, contradictions
from kg.cli import main
from kg.store.embedded import OxigraphStore
from kg.store.remote import RemoteStore

_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {d}
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def _binary() -> str:
    found = shutil.which("virtuoso-t")
    if found and shutil.which("isql-vt"):
        return found
    reason = "Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin)"
    if os.environ.get("KG_REQUIRE_VIRTUOSO") == "1":
        pytest.fail(reason + " (KG_REQUIRE_VIRTUOSO=1 turns this skip into a failure)", pytrace=False)
    pytest.skip(reason)


def _answering(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "Virtuoso exited"
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("Virtuoso did not answer within 60 s")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """Virtuoso's SPARQL endpoint on free loopback ports; the SPARQL user may write (as the README says)."""
    binary = _binary()
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(_INI.format(d=folder, sql=sql, http=http))
    process = subprocess.Popen([binary, "+foreground", "+configfile", "virtuoso.ini"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{http}/sparql"
        _answering(url, process)
        subprocess.run(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=30)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Seconds a request to the server may take here: while the whole suite runs on two cores, one catalogue query took
# Virtuoso over the default 30 s; what these tests compare is the answers, not the server's speed.
SLOW = 180


@pytest.fixture(scope="module")
def stores(virtuoso, graph_file):
    memory = OxigraphStore.in_memory()
    memory.load_file(graph_file)
    RemoteStore(virtuoso, timeout=SLOW).replace_graphs(graph_file)
    return {"memory": memory, "virtuoso": RemoteStore(virtuoso, timeout=SLOW)}


def test_kg_load_puts_every_graph_of_kg_on_the_server(virtuoso, graph_file):
    result = CliRunner().invoke(main, ["load", "--graph", str(graph_file), "--store", virtuoso])
    assert result.exit_code == 0, result.output
    with OxigraphStore.in_memory() as memory:
        memory.load_file(graph_file)
        expected = sorted(str(g) for g in memory.graphs())
    assert RemoteStore(virtuoso).graphs() == expected
    assert f"Loaded {len(expected)} graphs into {virtuoso}." in result.output


def test_every_catalogue_query_gives_the_same_rows_as_the_embedded_store(stores):
    cases = list(_cases(stores["memory"]))
    assert cases
    for name, text, bindings in cases:
        expected = stores["memory"].query(text, bindings)
        got = stores["virtuoso"].query(text, bindings)
        assert got.variables == expected.variables, name
        assert _rows(got) == _rows(expected), name


def test_ask_answers_true_and_false(stores):
    # Virtuoso answers ASK as a one-row SELECT of __ASK_RETVAL; kg reads it as a boolean
    assert stores["virtuoso"].query("ASK { ?s ?p ?o }") is True
    assert stores["virtuoso"].query("ASK { ?s <http://example.org/none> ?o }") is False


def test_the_analyses_are_the_same(stores):
    memory, remote = stores["memory"], stores["virtuoso"]
    assert contradictions.find(remote, actor="Serbia") == contradictions.find(memory, actor="Serbia")
    assert alignment.compare(remote, ["Serbia"], against=["Russia", "EU"]) == alignment.compare(
        memory, ["Serbia"], against=["Russia", "EU"])
    assert clusters.clusters(remote) == clusters.clusters(memory)


@pytest.mark.parametrize("args", [
    ["contradictions", "Serbia"],
    ["compare", "Serbia", "--against", "Russia", "EU"],
    ["query", "positions", "--param", "actor=Serbia", "--format", "json"],
])
def test_the_commands_print_the_same_through_virtuoso(stores, virtuoso, graph_file, args, monkeypatch):
    monkeypatch.setenv("KG_STORE_TIMEOUT", str(SLOW))
    runner = CliRunner()
    local = runner.invoke(main, args + ["--graph", str(graph_file)])
    remote = runner.invoke(main, args + ["--store", virtuoso])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_a_second_load_replaces_the_graphs_and_leaves_others(virtuoso, graph_file):
    foreign = "http://example.org/someone-else/graph"
    request = urllib.request.Request(
        virtuoso + "-graph-crud?graph=" + urllib.request.quote(foreign, safe=""), method="PUT",
        data=b'<http://example.org/a> <http://example.org/b> "kept" .\n', headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(request, timeout=10).close()
    store = RemoteStore(virtuoso)
    store.replace_graphs(graph_file)
    store.replace_graphs(graph_file)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    with OxigraphStore.in_memory() as memory:
        memory.load_file(graph_file)
        assert store.query(count).rows == memory.query(count).rows  # no triple twice
    kept = store._post_query(f"ASK {{ GRAPH <{foreign}> {{ ?s ?p \"kept\" }} }}", [], internal=True)
    assert kept is True
