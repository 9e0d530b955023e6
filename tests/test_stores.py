"""The three stores answer alike: in memory, an Oxigraph directory, and a real SPARQL server.

The server is the ``oxigraph`` package's ``oxigraph serve`` on 127.0.0.1, loaded
through kg. Faults (a closed port, an HTML page, a slow server, a bad URL, a locked
or unusable directory) each end in one line naming the store.
"""

from __future__ import annotations

import http.server
import subprocess
import threading
import time
import urllib.request

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import free_port, wait_listening
from rdflib import Literal, URIRef

from kg.analysis import alignment, clusters, contradictions
from kg.build import current as graphfile
from kg.catalogue import files as catalogue
from kg.cli import main
from kg.errors import StoreError, UsageError
from kg.store.embedded import LOAD_MARK, OWNED_GRAPHS, OxigraphStore
from kg.store.remote import RemoteStore, endpoints
from kg.store.server import server_binary
from kg.terms.vocab import ISSUE, actor_iri

FOREIGN = "http://example.org/someone-else/graph"
IMPORTED = "https://w3id.org/state-alignments/id/import/test-votes"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A writable Oxigraph server on a free loopback port, stopped whatever happens."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [server_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_listening(process, port, "the Oxigraph server", 15)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


SA = "https://w3id.org/state-alignments/ontology#"
ID = "https://w3id.org/state-alignments/id/"


RECORD = "https://w3id.org/state-alignments/id/import/test-record"


def imported_votes(graph: str = RECORD) -> bytes:
    """Two votes on A/RES/74/17 as an import writes them: positions on the resolution's issue, without evidence."""
    lines = [f"<{ID}dataset/test-votes> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
             f"<http://www.w3.org/ns/prov#Entity> <{graph}> ."]
    for actor, choice, stance in (("serbia", "No", "Opposes"), ("russia", "No", "Opposes")):
        vote = f"<{ID}vote/test-votes/1/{actor}>"
        lines += [f"{vote} <{p}> <{o}> <{graph}> ." for p, o in (
            ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", SA + "Action"), (SA + "actionType", SA + "VoteAction"),
            (SA + "actor", ID + "actor/" + actor), (SA + "onResolution", ID + "resolution/A/RES/74/17"),
            (SA + "voteChoice", SA + choice), (SA + "issue", "https://w3id.org/state-alignments/issue/crimea-part-of-ukraine"),
            (SA + "stance", SA + stance))]
    return "\n".join(lines).encode() + b"\n"


@pytest.fixture(scope="module")
def stores(server, graph_file, tmp_path_factory):
    """The seed graph in memory, and in a directory and on the server beside imported votes, each loaded through kg."""
    memory = OxigraphStore.in_memory()
    memory.load_file(graph_file)
    directory = tmp_path_factory.mktemp("dir") / "store"
    with OxigraphStore.open_directory(directory) as target:
        target.replace_graphs(graph_file)
        target.add_nquads(imported_votes())
    remote = RemoteStore(server)
    remote.replace_graphs(graph_file)
    request = urllib.request.Request(f"{server}/store", data=imported_votes(), method="POST",
                                     headers={"Content-Type": "application/n-quads"})
    urllib.request.urlopen(request, timeout=10).close()
    on_disk = OxigraphStore.open_directory(directory, read_only=True)
    return {"memory": memory, "directory": on_disk, "remote": RemoteStore(server)}


def _sample_values(memory: OxigraphStore) -> dict[str, object]:
    """A value of each parameter type, taken from the seed graph."""
    issue = memory.query(
        "PREFIX sa: <https://w3id.org/state-alignments/ontology#> "
        "SELECT ?i WHERE { ?c sa:actor ?a ; sa:issue ?i } ORDER BY ?i LIMIT 1"
    ).rows[0][0]
    assert str(issue).startswith(str(ISSUE))
    return {
        "actor": actor_iri("serbia"),
        "iri": actor_iri("serbia"),
        "issue": issue,
        "date": Literal("2023-06-30", datatype=XSD_DATE),
        "string": Literal("Serbia"),
        "integer": Literal(1, datatype=XSD_INTEGER),
        "claim": Literal("serbia-votes-no-a-res-74-17"),
    }


def _cases(memory: OxigraphStore):
    """Each catalogue query with its required parameters, then with every parameter it can take."""
    values = _sample_values(memory)
    for query in catalogue.queries():
        required = {p.variable: values[p.type] for p in query.params if p.required}
        yield query.name, query.text, required
        every = {p.variable: values[p.type] for p in query.params if p.type in values}
        if every != required:
            yield query.name + " (all parameters)", query.text, every


def _cell(term):
    # GROUP_CONCAT joins in an order SPARQL leaves open (SPARQL 1.1, 18.5.1.7), and
    # engines differ with the dataset: compare such lists as multisets of items
    if isinstance(term, Literal) and ", " in term:
        return ", ".join(sorted(str(term).split(", ")))
    return "" if term is None else str(term)


def _rows(result):
    return sorted([_cell(t) for t in row] for row in result.rows)


def test_every_catalogue_query_gives_the_same_rows_on_every_store(stores):
    # the votes beside the claims in the directory and on the server are not claims:
    # no query of the catalogue counts them (kg query actors counted 1,316 claims of
    # Serbia beside the UN record, for 41) nor scans them
    memory = stores["memory"]
    cases = list(_cases(memory))
    assert cases, "the catalogue is empty"
    answered = 0
    for name, text, bindings in cases:
        expected = memory.query(text, bindings)
        answered += bool(expected.rows)
        for kind in ("directory", "remote"):
            got = stores[kind].query(text, bindings)
            assert got.variables == expected.variables, (kind, name)
            # ordered as the query orders them where it does; compared as sets of rows
            assert _rows(got) == _rows(expected), (kind, name)
    assert answered, "no catalogue query returned a row on the seeds"


def test_the_imported_votes_are_read_by_naming_their_graph(stores):
    count = f"SELECT (COUNT(?vote) AS ?n) WHERE {{ GRAPH <{RECORD}> {{ ?vote <{SA}voteChoice> ?choice }} }}"
    claimed = stores["memory"].query(count.replace(f"GRAPH <{RECORD}>", "")).rows  # the votes articles report
    assert claimed[0][0].value > 0
    for kind in ("directory", "remote"):
        assert stores[kind].query(count).rows == [[Literal(2, datatype=XSD_INTEGER)]], kind
        assert stores[kind].query(count.replace(f"GRAPH <{RECORD}>", "")).rows == claimed, kind
    assert stores["memory"].query(count).rows == [[Literal(0, datatype=XSD_INTEGER)]]


def test_ask_and_construct_come_back_alike(stores, built):
    construct = "PREFIX sa: <https://w3id.org/state-alignments/ontology#> CONSTRUCT { ?c sa:actor ?a } WHERE { ?c sa:actor ?a }"
    graphs = {kind: store.query(construct) for kind, store in stores.items()}
    actor = URIRef("https://w3id.org/state-alignments/ontology#actor")
    expected = {(s, p, o) for s, p, o, _ in built.dataset.quads((None, actor, None, None))}  # read with rdflib
    assert set(graphs["remote"]) == set(graphs["memory"]) == set(graphs["directory"]) == expected
    for store in stores.values():
        assert store.query("ASK { ?s ?p ?o }") is True
        assert store.query("ASK { ?s <http://example.org/none> ?o }") is False


def test_typed_and_tagged_literals_survive_the_protocol(stores):
    query = "SELECT ?d (COUNT(*) AS ?n) WHERE { ?c <https://w3id.org/state-alignments/ontology#date> ?d } GROUP BY ?d"
    remote = stores["remote"].query(query).rows
    assert sorted(remote) == sorted(stores["memory"].query(query).rows)
    assert all(row[0].datatype == XSD_DATE and row[1].datatype == XSD_INTEGER for row in remote)


def test_bound_parameters_travel_to_the_server(stores):
    text = "SELECT ?label WHERE { ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    result = stores["remote"].query(text, {"actor": actor_iri("serbia")})
    assert result.rows == [[Literal("Serbia")]]


def test_loading_replaces_only_the_graphs_kg_owns_and_is_idempotent(server, graph_file):
    # another tool's graph on the same server, and a kg graph of a document since removed
    foreign = f"{server}/store?graph={FOREIGN}"
    stale = f"{server}/store?graph={OWNED_GRAPHS}removed-document"
    imported = f"{server}/store?graph={IMPORTED}"
    for url in (foreign, stale, imported):
        request = urllib.request.Request(
            url, data=b"<http://example.org/s> <http://example.org/p> \"kept\" .\n",
            method="PUT", headers={"Content-Type": "application/n-triples"},
        )
        urllib.request.urlopen(request, timeout=10).close()
    store = RemoteStore(server)
    store.replace_graphs(graph_file)
    first = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    graphs = store.graphs()
    store.replace_graphs(graph_file)
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == first
    assert store.graphs() == graphs
    assert f"{OWNED_GRAPHS}removed-document" not in graphs
    assert f"{OWNED_GRAPHS}reference" in graphs
    with urllib.request.urlopen(foreign, timeout=10) as response:
        assert b'"kept"' in response.read()
    # an imported graph (UN votes) is kg's to read by its name, not kg load's to replace
    assert IMPORTED in graphs
    assert store.query(f"ASK {{ GRAPH <{IMPORTED}> {{ <http://example.org/s> ?p \"kept\" }} }}") is True
    assert store.query("ASK { <http://example.org/s> ?p \"kept\" }") is False


def test_a_graph_replaced_in_bulk_and_quads_added(tmp_path):
    graph = IMPORTED
    with OxigraphStore.open_directory(tmp_path / "store") as store:
        for values in (("a", "b"), ("c",)):
            blocks = [f'<http://example.org/s> <http://example.org/p> "{v}" <{graph}> .\n'.encode() for v in values]
            store.replace_graph_in_bulk(graph, blocks)
        store.add_nquads(f'<http://example.org/s> <http://example.org/q> "done" <{graph}> .\n'.encode())
        assert len(store) == 2 and store.graphs() == [graph]
        with pytest.raises(StoreError, match="cannot write"):
            store.add_nquads(b"not n-quads")


def test_directory_load_keeps_other_graphs_and_a_bad_source_changes_nothing(tmp_path, graph_file, built):
    location = tmp_path / "store"
    foreign = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                      ox.Literal("kept"), ox.NamedNode(FOREIGN))
    with OxigraphStore.open_directory(location) as store:
        store._store.add(foreign)
        store.replace_graphs(graph_file)
        store.replace_graphs(graph_file)
        size = len(store)
        union = {(s, p, o) for s, p, o, _ in built.dataset.quads((None, None, None, None))}
        assert size == len(built.dataset) + len(union) + 1  # the named graphs, their union as default graph, and the foreign triple
        default = store._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        assert len(list(default)) == len(union)
        bad = tmp_path / "bad.nq"
        bad.write_text(
            f"<http://example.org/s> <http://example.org/p> \"x\" <{OWNED_GRAPHS}reference> .\n"
            "<http://example.org/s> <http://example.org/p> \"y\" .\n"
        )
        with pytest.raises(StoreError, match="outside the graphs kg owns"):
            store.replace_graphs(bad)
        assert len(store) == size and not store.load_interrupted()
        assert foreign in store._store


def test_a_load_that_stopped_halfway_is_refused_until_loaded_again(tmp_path, graph_file):
    location = tmp_path / "store"
    with OxigraphStore.open_directory(location) as store:
        store.replace_graphs(graph_file)
        store._store.add(LOAD_MARK)  # what a load killed between its first and last write leaves
    with pytest.raises(StoreError, match=f"store {location}: a load into it stopped halfway; run 'kg load"):
        graphfile.open_store(store=str(location))
    graphfile.load(str(location), graph_path=graph_file)
    assert len(graphfile.open_store(store=str(location)).graphs()) == 19  # 16 documents, ontology, reference, derived


def test_cli_load_into_a_directory_then_read_it_back(tmp_path, graph_file):
    location = tmp_path / "store"
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(main, ["load", "--store", str(location), "--graph", str(graph_file)])
        assert result.exit_code == 0, result.output
        assert f"Loaded 19 graphs into {location}." in result.output
    opened = graphfile.open_store(store=str(location))
    assert len(opened.graphs()) == 19


def test_load_without_a_store_names_the_parameter_in_python_and_the_flag_at_the_cli():
    with pytest.raises(UsageError) as caught:
        graphfile.load(None)
    assert str(caught.value) == "store: give the directory or the http(s) URL of the store to load (or set KG_STORE)"
    assert caught.value.param == "store"
    result = CliRunner().invoke(main, ["load"])
    assert result.exit_code == 2
    assert result.output == "Error: --store: give the directory or the http(s) URL of the store to load (or set KG_STORE)\n"


def test_endpoints_from_the_store_url():
    assert endpoints("http://h:7878") == endpoints("http://h:7878/")
    assert endpoints("http://h:7878").query == "http://h:7878/query"
    assert endpoints("https://h/ds/sparql").update == "https://h/ds/update"
    assert endpoints("https://h/ds/query").data == "https://h/ds/store"
    assert endpoints("http://h:3030/ds").update == "http://h:3030/ds"
    assert endpoints("http://h:7878").bulk == "http://h:7878/store?no_transaction"
    assert endpoints("http://h:3030/ds").bulk == "http://h:3030/ds"


# ---------------------------------------------------------------- faults


class _Fake(http.server.BaseHTTPRequestHandler):
    """/html answers a web page, /error a server error, /slow only after a second, /halfway accepts a PUT only."""

    def _answer(self):
        if self.path.startswith("/slow"):
            time.sleep(1.0)
        status, body = (500, b"boom") if self.path.startswith(("/error", "/halfway")) else (200, b"<html><body>Hello</body></html>")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    do_GET = do_POST = _answer

    def do_PUT(self):
        if not self.path.startswith("/halfway"):
            return self._answer()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def fake():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _fails(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: store "), result.stderr
    return lines[0]


def test_an_unreachable_endpoint():
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there once the probe closes
    with pytest.raises(StoreError, match=r"cannot reach the server \(Connection refused\)"):
        RemoteStore(url).query("ASK { ?s ?p ?o }")
    assert url in _fails(["load", "--store", url])


def test_an_endpoint_answering_a_web_page(fake):
    with pytest.raises(StoreError, match=r"answered text/html, not SPARQL results"):
        RemoteStore(f"{fake}/html").query("SELECT ?s WHERE { ?s ?p ?o }")
    with pytest.raises(StoreError, match=r"answered text/html, not SPARQL results"):
        RemoteStore(f"{fake}/html").query("CONSTRUCT WHERE { ?s ?p ?o }")


def test_an_endpoint_answering_an_error(fake):
    line = _fails(["load", "--store", f"{fake}/error"])
    assert "answered HTTP 500" in line and "boom" in line


def test_a_load_that_fails_after_marking_the_store_says_so(fake, graph_file):
    with pytest.raises(StoreError, match=r"HTTP 500.*; the load stopped halfway: run 'kg load --store .*/halfway' again"):
        RemoteStore(f"{fake}/halfway").replace_graphs(graph_file)


def test_a_slow_endpoint_times_out(fake):
    with pytest.raises(StoreError, match=r"no answer within 0.2 s; raise timeout or KG_STORE_TIMEOUT$"):
        RemoteStore(f"{fake}/slow", timeout=0.2).query("ASK { ?s ?p ?o }")
    assert _fails(["load", "--store", f"{fake}/slow", "--timeout", "0.2"]).endswith(
        "no answer within 0.2 s; raise --timeout or KG_STORE_TIMEOUT")


def test_a_url_that_is_not_http():
    with pytest.raises(StoreError, match=r"store ftp://example.org/x: not an http\(s\) URL"):
        RemoteStore("ftp://example.org/x")
    _fails(["load", "--store", "file:///tmp/x"])


def test_a_directory_locked_by_another_store(tmp_path):
    location = tmp_path / "store"
    holder = ox.Store(str(location))
    try:
        with pytest.raises(StoreError, match="locked by another process"):
            OxigraphStore.open_directory(location)
        assert str(location) in _fails(["load", "--store", str(location)])
    finally:
        del holder


def test_a_directory_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    line = _fails(["load", "--store", str(blocker / "store")])
    assert "cannot open the directory" in line
    assert "not a directory" in _fails(["load", "--store", str(blocker)])


def test_reading_a_directory_that_holds_no_store(tmp_path):
    with pytest.raises(StoreError, match="no Oxigraph store in this directory; create it with 'kg load"):
        graphfile.open_store(store=str(tmp_path / "nothing"))


def test_a_timeout_from_the_environment_must_be_a_number(monkeypatch):
    monkeypatch.setenv("KG_STORE_TIMEOUT", "soon")
    with pytest.raises(UsageError, match="KG_STORE_TIMEOUT='soon'"):
        RemoteStore("http://127.0.0.1:1")


# ------------------------------------------- the analyses, through every store


def test_contradictions_are_the_same_on_every_store(stores):
    expected = contradictions.find(stores["memory"])
    assert expected
    for kind in ("directory", "remote"):
        assert contradictions.find(stores[kind]) == expected, kind
        assert contradictions.find(stores[kind], actor="Serbia") == contradictions.find(stores["memory"], actor="Serbia")


def test_compare_is_the_same_on_every_store(stores):
    for args in ((["Serbia"], ["Russia", "EU"], None), (["Serbia", "Iran"], None, "2020-01-01")):
        expected = alignment.compare(stores["memory"], args[0], against=args[1], as_of=args[2])
        for kind in ("directory", "remote"):
            assert alignment.compare(stores[kind], args[0], against=args[1], as_of=args[2]) == expected, (kind, args)


def test_clusters_are_the_same_on_every_store(stores):
    expected = clusters.clusters(stores["memory"])
    for kind in ("directory", "remote"):
        assert clusters.clusters(stores[kind]) == expected, kind


@pytest.mark.parametrize("args", [
    ["contradictions", "Serbia"],
    ["compare", "Serbia", "--against", "Russia", "EU"],
    ["query", "positions", "--param", "actor=Serbia", "--format", "json"],
])
def test_the_commands_print_the_same_through_the_endpoint(stores, server, graph_file, args):
    runner = CliRunner()
    local = runner.invoke(main, args + ["--graph", str(graph_file)])
    assert local.exit_code == 0, local.output
    remote = runner.invoke(main, args + ["--store", server])
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_both_stores_implement_the_one_store_interface():
    from kg.store.base import Store

    with OxigraphStore.in_memory() as memory:
        assert isinstance(memory, Store)
    assert isinstance(RemoteStore("http://127.0.0.1:9"), Store)  # nothing is sent until a query
    assert not isinstance(object(), Store)


def test_kg_serve_answers_with_the_same_default_graph_as_the_stores(graph_file):
    from kg.store import worker

    count = f"SELECT (COUNT(?vote) AS ?n) WHERE {{ ?vote <{SA}voteChoice> ?choice }}"
    store = OxigraphStore.in_memory()
    store.load_file(graph_file)  # no default graph: the union of the graphs, votes and all
    store.add_nquads(imported_votes())
    union = int(store.query(count).rows[0][0])
    status, _, body = worker.answer(store._store, {"query": count, "accept": "text/csv"})
    assert status == 200 and int(body.decode().split()[-1]) == union
    store.replace_graphs(graph_file)  # kg load: the built graphs are the default graph, the votes named
    status, _, body = worker.answer(store._store, {"query": count, "accept": "text/csv"})
    assert status == 200 and int(body.decode().split()[-1]) == union - 2 == int(store.query(count).rows[0][0])
