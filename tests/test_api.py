"""The Python API (``import kg``): the README's example, real calls on the seeds, errors named by parameter."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg import paths
from kg.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
HEAVY = ("networkx", "pyvis", "pyshacl", "numpy", "pyoxigraph", "rdflib")


def _readme_example() -> tuple[str, str]:
    """The python block of the README's "Use from Python" section and the output it shows."""
    section = README.read_text(encoding="utf-8").split("\n## Use from Python\n", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    return code, shown


def test_the_readme_example_prints_what_the_readme_shows(tmp_path, monkeypatch):
    code, shown = _readme_example()
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue() == shown
    page = (tmp_path / "serbia.html").read_text(encoding="utf-8")
    assert "Serbia and the actors within 1 step" in page
    assert paths.default_graph_path().exists()  # built into the private KG_HOME, not the user's


def test_every_function_and_method_the_readme_lists_exists():
    from kg.unga.record import VoteRecord

    section = README.read_text(encoding="utf-8").split("\n## Use from Python\n", 1)[1].split("\n## ", 1)[0]
    owners = {"kg": kg, "g": kg.Graph, "v": VoteRecord}
    named = re.findall(r"`(kg|g|v)\.([a-z_]+)\(", section)
    assert len(named) >= 20
    assert [f"{o}.{n}" for o, n in named if not callable(getattr(owners[o], n, None))] == []


@pytest.mark.parametrize("code", ["import kg", "import kg; kg.open; kg.KgError", "import kg.cli"])
def test_importing_kg_loads_nothing_heavy(code):
    found = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True)
    loaded = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in found.stderr.splitlines()}
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="module 'kg' has no attribute 'opne'"):
        kg.opne  # noqa: B018


@pytest.fixture
def g(graph_file):
    with kg.open(graph_path=graph_file) as opened:
        yield opened


def test_query_rows_are_plain_values_and_the_raw_result_stays_at_hand(g):
    result = g.query("positions", actor="RS", as_of=dt.date(2019, 12, 31), issue="crimea-part-of-ukraine")
    assert result.variables == ["date", "date_basis", "kind", "actor_label", "issue_label", "stance", "speaker_label",
                                "target", "quote", "source", "claim"]
    assert [(r["date"], r["kind"], r["stance"]) for r in result.rows] == [
        (dt.date(2017, 12, 19), "action", "opposes"), (dt.date(2019, 12, 9), "action", "opposes")]
    assert len(result) == len(result.raw.rows) == 2
    assert result.rows[0]["claim"].startswith("https://w3id.org/state-alignments/id/claim/")


def test_query_by_text_with_a_typed_parameter_and_ask(g):
    text = "#+ params:\n#+   - {name: actor, type: actor}\nSELECT ?name WHERE { ?actor rdfs:label ?name }"
    assert g.query(text, actor="Serbia").rows == [{"name": "Serbia"}]
    ask = g.query("ASK { <https://w3id.org/state-alignments/id/actor/serbia> a sa:State }")
    assert ask.raw is True and ask.rows == []


def test_compare_clusters_contradictions_and_network_are_the_analysis_of_the_seeds(g):
    comparison = g.compare("Serbia", against=["Russia", "EU"])
    assert [(p.a, p.b, p.agreement, p.shared_issues) for p in comparison.pairs] == [
        ("Serbia", "Russia", 0.25, 8), ("Serbia", "European Union", -0.4, 5)]
    assert g.clusters().cross_pressured[0].actor == "Serbia"
    assert {c.type for c in g.contradictions("Serbia", type="rival_ties")} == {"rival_ties"}
    view = g.network(as_of="2021-12-31", issues="crimea-part-of-ukraine")
    assert view.graph["as_of"] == "2021-12-31" and view.number_of_nodes() > 2


def test_exports_write_their_files(g, tmp_path):
    actors, edges = g.export_network(tmp_path / "network.graphml")
    assert (tmp_path / "network.graphml").read_text(encoding="utf-8").count("<node ") == actors
    assert g.export_network(tmp_path / "network.json") == (actors, edges)
    written = json.loads((tmp_path / "network.json").read_text(encoding="utf-8"))
    assert (len(written["nodes"]), len(written["edges"])) == (actors, edges)
    assert g.export_rdf(tmp_path / "graph.nq", fmt="nquads") == len(
        (tmp_path / "graph.nq").read_text(encoding="utf-8").strip().splitlines())


def test_a_graph_opened_on_a_store_object_or_a_directory_answers_the_same(g, store, graph_file, tmp_path):
    expected = g.query("ties", actor="Serbia").rows
    assert kg.open(store=store).query("ties", actor="Serbia").rows == expected
    assert kg.open(store=g).query("ties", actor="Serbia").rows == expected
    kg.load(tmp_path / "store", graph_path=graph_file)
    with kg.open(store=tmp_path / "store") as on_disk:
        assert on_disk.query("ties", actor="Serbia").rows == expected


def test_build_and_validate_return_what_was_built(tmp_path):
    built = kg.build_graph(output=tmp_path / "graph.nq", fmt="nquads")
    assert built.summary.documents == kg.validate().documents == 16
    assert len((tmp_path / "graph.nq").read_text(encoding="utf-8").strip().splitlines()) == built.summary.triples


def test_votes_through_the_api_are_those_the_cli_prints(unga_sample, tmp_path):
    report = kg.import_unga(unga_sample, store=tmp_path / "store")
    assert [(d.dataset, d.rollcalls, d.votes) for d in report.datasets] == [("unga-voeten", 7, 1122)]
    votes = kg.open(store=tmp_path / "store").votes()
    pair = votes.pair("Serbia", "Russia")
    assert (pair["votes"], pair["same"], pair["opposite"], pair["agreement"], pair["kappa"]) == (4, 2, 1, 0.5, -0.1429)
    printed = CliRunner().invoke(main, ["votes", "Serbia", "Russia", "--format", "json", "--store", str(tmp_path / "store")])
    assert json.loads(printed.stdout) == [pair | {"coverage": votes.coverage()}]
    assert votes.coverage() == {"first": "1963-12-03", "last": "2019-12-18", "sessions": [18, 74], "roll_calls": 7,
                                "datasets": ["unga-voeten"]}
    assert [r["b"] for r in votes.pairs(["Serbia", "Russia", "EU"], against=True)] == ["Russia", "European Union"]
    matrix = votes.matrix(["Serbia", "Russia"], metric="agreement")
    assert matrix.labels == ["Serbia", "Russia"] and matrix.values[0, 1] == 0.5
    assert votes.against_all("Serbia", metric="kappa", session="74")[0]["a"] == "Serbia"


# The same mistake, in Python and at the command line: the library names the
# parameter, the CLI names the flag of its command.
SAME_ERRORS = [
    (lambda g: g.compare("Serbia", "Russia", as_of="2020-13-01"), ["compare", "Serbia", "Russia", "--as-of", "2020-13-01"],
     "as_of: '2020-13-01' is not a real date", "Error: --as-of: '2020-13-01' is not a real date"),
    (lambda g: g.export_page("x.html", depth=2), ["export", "html", "--depth", "2", "-o", "x.html"],
     "depth counts steps from the focus actor; give focus too",
     "Error: --depth counts steps from the --focus actor; give --focus too"),
    (lambda g: g.query("ties"), ["query", "ties"],
     "query 'ties' needs the parameter 'actor' (the actor (name, alias or ISO code)); give it as params actor=",
     "Error: query 'ties' needs the parameter 'actor' (the actor (name, alias or ISO code)); give it as --param actor="),
    (lambda g: kg.validate("no-such-folder"), ["validate", "--seeds", "no-such-folder"],
     "no-such-folder: seeds folder not found; give an existing folder as seeds",
     "Error: no-such-folder: seeds folder not found; give an existing folder as --seeds"),
    (lambda g: g.votes().pair("Serbia", "Russia", session="61-x"), ["votes", "Serbia", "Russia", "--session", "61-x"],
     "session: '61-x': give a session number, a range like 61-74, or an emergency special session like ES-11",
     "Error: --session: '61-x': give a session number, a range like 61-74, or an emergency special session like ES-11"),
]


@pytest.mark.parametrize("call, args, python, cli", SAME_ERRORS)
def test_errors_name_the_parameter_in_python_and_the_flag_at_the_command_line(
        g, runner, tmp_path, monkeypatch, unga_sample, call, args, python, cli):
    monkeypatch.chdir(tmp_path)
    if args[0] == "votes":
        kg.import_unga(unga_sample)  # into the private $KG_HOME/store, which both read
    with pytest.raises(kg.KgError) as caught:
        call(g)
    assert str(caught.value).startswith(python)
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(cli) and len(result.stderr.splitlines()) == 1
    assert not Path("x.html").exists()
