"""Exports for other tools: the view round-trips through networkx's readers, the RDF through rdflib."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.analysis import network
from kg.cli import main
from kg.errors import InputError, UsageError
from kg.views import exports

SERBIA = "https://w3id.org/state-alignments/id/actor/serbia"
RUSSIA = "https://w3id.org/state-alignments/id/actor/russia"


@pytest.fixture(scope="module")
def view(store):
    return network.view(store)


def _edge_table(graph, evidence_is_text: bool) -> dict:
    table = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        evidence = json.loads(data["evidence"]) if evidence_is_text else data["evidence"]
        table[(u, v, key)] = (data["kind"], int(data["sign"]), float(data["weight"]), data["relation"],
                              json.dumps(evidence, sort_keys=True))
    return table


@pytest.mark.parametrize("fmt, read", [
    ("graphml", lambda p: nx.read_graphml(p, force_multigraph=True)),
    ("gexf", nx.read_gexf),
])
def test_graphml_and_gexf_round_trip_with_every_attribute(view, tmp_path, fmt, read):
    path = exports.graph_file(view, tmp_path / f"network.{fmt}", fmt)
    back = read(path)
    assert back.is_directed() and back.is_multigraph()
    assert dict(back.nodes(data=True)) == {n: {k: v for k, v in d.items()} for n, d in view.nodes(data=True)}
    assert _edge_table(back, evidence_is_text=True) == _edge_table(view, evidence_is_text=False)
    serbia_russia = [d for u, v, d in back.edges(data=True) if (u, v) == (SERBIA, RUSSIA) and d["relation"] == "ally"]
    assert serbia_russia and all(int(d["evidence_count"]) == 1 for d in serbia_russia)
    assert any("Serbia is also Russia’s ally" in d["evidence"] for d in serbia_russia)


def test_node_link_json_round_trips_exactly(view, tmp_path):
    path = exports.graph_file(view, tmp_path / "network.json", "json")
    back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert back.is_directed() and back.is_multigraph()
    assert dict(back.nodes(data=True)) == dict(view.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)} == \
        {(u, v, k): d for u, v, k, d in view.edges(keys=True, data=True)}
    assert back.graph == view.graph


@pytest.mark.parametrize("fmt", ["nquads", "jsonld"])  # TriG, the build's own format, is tested with the build
def test_rdf_exports_keep_the_named_graphs(built, graph_file, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    count = exports.rdf(graph_file, out, fmt)
    back = Dataset()
    back.parse(out, format={"jsonld": "json-ld"}.get(fmt, fmt))
    assert count == len(built.dataset) == sum(1 for _ in back.quads((None, None, None, None)))
    assert {str(g.identifier) for g in back.graphs() if len(g)} == {str(g.identifier) for g in built.dataset.graphs() if len(g)}


def test_turtle_export_is_the_union_of_the_graphs(built, graph_file, tmp_path):
    out = tmp_path / "graph.ttl"
    exports.rdf(graph_file, out, "turtle")
    union = Graph()
    for s, p, o, _ in built.dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    back = Graph().parse(out, format="turtle")
    assert set(back) == set(union)  # the graph has no blank nodes, so equal sets are isomorphic graphs
    assert out.read_text(encoding="utf-8").startswith("@prefix")


def test_a_failed_write_leaves_no_file(view, tmp_path):
    with pytest.raises(InputError, match="the output folder does not exist"):
        exports.graph_file(view, tmp_path / "missing" / "network.graphml", "graphml")
    with pytest.raises(UsageError, match="unknown graph format 'dot'"):
        exports.graph_file(view, tmp_path / "network.dot", "dot")

    def fail(out):
        out.write(b"half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        exports.write_atomic(tmp_path / "page.html", fail)
    assert list(tmp_path.iterdir()) == []


def _export(graph_file, *args):
    return CliRunner().invoke(main, ["export", *args, "--graph", str(graph_file)])


READERS = {
    "graphml": lambda path: nx.read_graphml(path, force_multigraph=True),
    "gexf": nx.read_gexf,
    "json": lambda path: nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges"),
}


def test_cli_writes_each_export(graph_file, built, seed_network, tmp_path):
    actors, ties = seed_network
    for fmt, read in READERS.items():
        out = tmp_path / f"n.{fmt}"
        result = _export(graph_file, fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        back = read(out)
        assert set(back.nodes) == actors
        assert sum(1 for _, _, d in back.edges(data=True) if d["kind"] == "tie") == ties
        assert result.stderr == f"Wrote {out}: {len(actors)} actors, {back.number_of_edges()} ties and alignments ({fmt}).\n"
    result = CliRunner().invoke(main, ["export", "rdf", "--graph", str(graph_file), "--format", "turtle",
                                       "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 0, result.output
    union = {(s, p, o) for s, p, o, _ in built.dataset.quads((None, None, None, None))}
    assert len(Graph().parse(tmp_path / "g.ttl", format="turtle")) == len(union)
    assert result.stderr == f"Wrote {tmp_path / 'g.ttl'}: {len(union)} triples (turtle).\n"
    result = _export(graph_file, "html", "-o", str(tmp_path / "serbia.html"), "--focus", "Serbia")
    assert result.exit_code == 0, result.output
    assert "Serbia and the actors within 1 step" in result.output
    assert (tmp_path / "serbia.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args, message", [
    (["html", "--focus", "Serbja"], "Error: unknown actor 'Serbja'; did you mean 'Serbia'?"),
    (["html", "--focus", "Serbia", "--as-of", "1900-01-01"],
     "Error: Serbia has no ties or positions as of 1900-01-01; nothing to show, no file written"),
    (["html", "--as-of", "1900-01-01"], "Error: no ties or alignments as of 1900-01-01; nothing to show, no file written"),
    (["html", "--issue", "no-such-issue"], "Error: unknown issue 'no-such-issue'"),
    (["html", "--as-of", "2020-13-01"], "Error: --as-of: '2020-13-01' is not a real date"),
    (["graphml", "--as-of", "yesterday"], "Error: --as-of:"),
    (["html", "--depth", "2"], "Error: --depth counts steps from the --focus actor; give --focus too"),
])
def test_bad_input_is_one_line_and_writes_nothing(graph_file, tmp_path, args, message):
    out = tmp_path / "out.file"
    result = _export(graph_file, *args, "-o", str(out))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(message), result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["html", "graphml", "rdf"])
def test_an_output_folder_that_does_not_exist_is_one_line(graph_file, tmp_path, fmt):
    missing = tmp_path / "no" / "such" / "folder"
    result = _export(graph_file, fmt, "-o", str(missing / "out"))
    assert result.exit_code == 2, result.output
    assert result.output == f"Error: {missing}: the output folder does not exist; create it or choose another path\n"


def test_an_output_path_that_is_a_folder_is_refused(view, tmp_path):
    with pytest.raises(InputError, match="is a folder; give a file name to write to"):
        exports.graph_file(view, tmp_path, "json")
    assert list(tmp_path.iterdir()) == []
