"""The NetworkX view of the seed graph: nodes, signed edges, evidence, filters."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.analysis import network, weights
from kg.errors import UsageError
from kg.terms.vocab import ID, actor_iri

SERBIA, RUSSIA, EU, UK = (str(actor_iri(a)) for a in ("serbia", "russia", "eu", "united-kingdom"))
ALLY_CLAIM = str(ID["claim/004_2c0c4e712b805dba/serbia-ally-of-russia"])


@pytest.fixture(scope="module")
def seed_view(store):
    return network.view(store)


def test_nodes_carry_label_type_and_iso(seed_view):
    assert seed_view.nodes[SERBIA] == {"label": "Serbia", "type": "state", "iso": "RS"}
    assert seed_view.nodes[EU] == {"label": "European Union", "type": "bloc"}
    assert seed_view.nodes[str(actor_iri("vulin"))]["type"] == "official"


def test_a_tie_is_a_directed_edge_with_its_quote(seed_view):
    edge = seed_view.edges[SERBIA, RUSSIA, ALLY_CLAIM]
    assert edge["kind"] == "tie" and edge["tie"] == "ally" and edge["relation"] == "ally"
    assert edge["sign"] == 1 and edge["weight"] == weights.tie_weight("ally")
    assert edge["evidence"] == [
        {"quote": "Serbia is also Russia’s ally", "source": "004_2c0c4e712b805dba.txt",
         "date": "2024-09-04", "claim": ALLY_CLAIM, "speaker": "Aleksandar Vulin", "date_basis": "inferred"}
    ]
    assert not seed_view.has_edge(RUSSIA, SERBIA, ALLY_CLAIM)


def test_sanctions_are_negative_and_memberships_positive(seed_view):
    sanctions = [(v, d) for _, v, d in seed_view.edges(EU, data=True) if d.get("tie") == "imposes-sanctions-on"]
    # three articles say the EU sanctions Russia (002, 003 and 010)
    assert sorted(d["evidence"][0]["source"] for v, d in sanctions if v == RUSSIA) == [
        "002_6c2ca3a879d015f2.txt", "003_245f69ef19e28a49.txt", "010_4c5991cdd42161ab.txt"]
    assert len(sanctions) == 3 and all(d["sign"] == -1 for _, d in sanctions)
    candidacy = [d for _, v, d in seed_view.edges(SERBIA, data=True) if v == EU and d.get("tie") == "candidate-for"]
    # two articles say so, and the memberships register (no quote, a named source)
    assert len(candidacy) == 3 and all(d["sign"] == 1 for d in candidacy)
    registered = [d for d in candidacy if d["evidence"][0]["quote"] is None]
    assert len(registered) == 1 and "European Union" in registered[0]["evidence"][0]["source"]


def test_alignment_edges_rest_on_both_actors_positions(seed_view):
    kosovo = seed_view.edges[RUSSIA, SERBIA, "alignment/kosovo-part-of-serbia"]
    assert kosovo["kind"] == "alignment" and kosovo["sign"] == 1 and kosovo["symmetric"] is True
    assert kosovo["relation"] == "agrees on Kosovo as part of Serbia"
    assert kosovo["weight"] == weights.ALIGNMENT_WEIGHT
    quotes = {e["quote"] for e in kosovo["evidence"]}
    # Serbia's latest statement and latest action, Russia's latest statement and latest action
    assert len(kosovo["evidence"]) == 4
    assert "Russia regularly denounces Kosovo’s declaration of independence from Serbia" in quotes
    # the EU's sanctions oppose Russia's war (sa:counters), and so does Serbia's own word
    war = seed_view.edges[EU, SERBIA, "alignment/russian-invasion-of-ukraine"]
    assert war["sign"] == 1
    sanctions = seed_view.edges[EU, SERBIA, "alignment/sanctions-against-russia"]
    assert sanctions["sign"] == -1 and sanctions["relation"] == "disagrees on Sanctions against Russia"


def test_as_of_drops_later_claims_and_reads_memberships_then(store):
    before = network.view(store, as_of="2019-06-01")
    assert before.graph["as_of"] == "2019-06-01"
    dates = [e["date"] for _, _, d in before.edges(data=True) for e in d["evidence"]]
    assert max(dates) <= "2019-06-01"
    assert any(d.get("tie") == "member-of" for _, v, d in before.edges(UK, data=True) if v == EU)
    now = network.view(store)
    assert not any(d.get("tie") == "member-of" for _, v, d in now.edges(UK, data=True) if v == EU)


def test_issue_filter_keeps_ties_and_only_those_alignments(store):
    graph = network.view(store, issues=["serbia-territorial-integrity"])
    issues = {d["issue"] for _, _, d in graph.edges(data=True) if d["kind"] == "alignment"}
    assert issues == {"serbia-territorial-integrity", "kosovo-part-of-serbia"}
    assert graph.has_edge(SERBIA, RUSSIA, ALLY_CLAIM)


def test_kind_filter_builds_alignments_from_that_kind_only(store, seed_view):
    actions = network.view(store, kind="action")
    statements = network.view(store, kind="statement")
    assert actions.graph["kind"] == "action"
    action_claims = {e["claim"] for _, _, d in actions.edges(data=True) if d["kind"] == "alignment" for e in d["evidence"]}
    statement_claims = {e["claim"] for _, _, d in statements.edges(data=True) if d["kind"] == "alignment" for e in d["evidence"]}
    assert action_claims and statement_claims and not action_claims & statement_claims
    assert "serbia-votes-no-a-res-74-17" in " ".join(action_claims)


def test_weights_come_from_the_weights_module(store, monkeypatch):
    monkeypatch.setitem(weights.TIE_WEIGHTS, "ally", 3.0)
    assert network.view(store).edges[SERBIA, RUSSIA, ALLY_CLAIM]["weight"] == 3.0


def test_graphml_export_needs_only_the_evidence_json_encoded(seed_view, tmp_path):
    graph = seed_view.copy()
    for _, _, data in graph.edges(data=True):
        data["evidence"] = json.dumps(data["evidence"], ensure_ascii=False)
    nx.write_graphml(graph, tmp_path / "view.graphml")
    back = nx.read_graphml(tmp_path / "view.graphml", force_multigraph=True)
    assert back.number_of_edges() == seed_view.number_of_edges()


@pytest.mark.parametrize(
    "options, message",
    [
        ({"as_of": "2020-13-01"}, "as_of: '2020-13-01' is not a real date"),
        ({"as_of": "yesterday"}, "'yesterday' is not a date"),
        ({"issues": ["crimea"]}, "unknown issue 'crimea'; did you mean 'crimea-part-of-ukraine'?"),
        ({"kind": "speech"}, "kind 'speech' is not one of statement, action"),
    ],
)
def test_bad_options_are_one_line_errors(store, options, message):
    with pytest.raises(UsageError) as caught:
        network.view(store, **options)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_signed_graph_nets_the_edges_of_each_pair():
    multi = nx.MultiDiGraph()
    multi.add_node("a", label="A")
    multi.add_edge("a", "b", sign=1, weight=1.0)
    multi.add_edge("b", "a", sign=1, weight=0.5)
    multi.add_edge("a", "b", sign=-1, weight=1.0)
    multi.add_edge("b", "c", sign=-1, weight=0.5)
    multi.add_edge("c", "d", sign=1, weight=0.5)
    multi.add_edge("d", "c", sign=-1, weight=0.5)
    signed = network.signed_graph(multi)
    assert signed.edges["a", "b"] == {"sign": 1, "weight": 0.5, "edges": 3}
    assert signed.edges["b", "c"]["sign"] == -1
    assert not signed.has_edge("c", "d")  # they cancel out
    assert signed.nodes["a"] == {"label": "A"}


def test_signed_graph_counts_an_alignment_on_the_same_claims_once_and_scales_it_by_support():
    multi = nx.MultiDiGraph()
    one = [{"claim": "x"}, {"claim": "y"}]
    # one pair of positions read on an issue and on its broader issue: the same claims, counted once
    multi.add_edge("a", "b", kind="alignment", sign=1, weight=0.5, evidence=one)
    multi.add_edge("a", "b", kind="alignment", sign=1, weight=0.5, evidence=list(reversed(one)))
    multi.add_edge("a", "b", kind="alignment", sign=1, weight=0.5, evidence=[{"claim": "x"}, {"claim": "z"}])
    multi.add_edge("a", "c", kind="tie", sign=1, weight=1.0, evidence=[{"claim": "t"}])
    multi.add_edge("a", "c", kind="alignment", sign=-1, weight=0.5, evidence=one)
    assert network.signed_graph(multi).edges["a", "b"] == {"sign": 1, "weight": 1.0, "edges": 2}
    # the support factor scales alignments, never ties
    signed = network.signed_graph(multi, support=lambda u, v: 0.5)
    assert signed.edges["a", "b"]["weight"] == 0.5 and signed.edges["a", "c"]["weight"] == 0.75


def test_the_view_is_pure(store):
    size = len(store)
    first, second = network.view(store), network.view(store)
    assert len(store) == size
    assert sorted(first.edges(keys=True)) == sorted(second.edges(keys=True))
    first.remove_node(SERBIA)
    assert SERBIA in second


def test_the_alignment_of_one_actor_alone_gives_its_view_of_depth_one(store):
    """A view built around an actor holds its alignments alone; around it, to depth 1, it is the view of all pairs."""
    from kg.views import drawing

    data = network.inputs(store)
    whole = network.build(data, kind="statement")
    assert any(SERBIA not in (u, v) for u, v, d in whole.edges(data=True) if d["kind"] == "alignment")
    for actor in sorted(whole.nodes):
        alone = network.build(data, kind="statement", around=actor)
        assert all(actor in (u, v) for u, v, d in alone.edges(data=True) if d["kind"] == "alignment")
        full, focused = drawing.focus_view(whole, actor), drawing.focus_view(alone, actor)
        assert list(full.nodes(data=True)) == list(focused.nodes(data=True)), actor
        assert list(full.edges(keys=True, data=True)) == list(focused.edges(keys=True, data=True)), actor
