"""kg clusters: blocs from the positive ties and the actors cross-pressured between them."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analysis import clusters
from kg.cli import main
from kg.errors import UsageError


@pytest.fixture(scope="module")
def seed_clusters(store):
    return clusters.clusters(store)


def _cluster_of(result, label):
    [index] = [i for i, c in enumerate(result.clusters) if label in c]
    return index


def test_russia_and_the_west_fall_into_different_clusters(seed_clusters):
    russia = _cluster_of(seed_clusters, "Russia")
    assert _cluster_of(seed_clusters, "Serbia") == russia
    for western in ("European Union", "NATO", "United States", "United Kingdom", "Germany", "France"):
        assert _cluster_of(seed_clusters, western) != russia, western
    assert _cluster_of(seed_clusters, "European Union") == _cluster_of(seed_clusters, "NATO")


def test_officials_are_folded_into_the_state_they_speak_for(seed_clusters):
    members = {a for c in seed_clusters.clusters for a in c}
    assert not members & {"Aleksandar Vulin", "Aleksandar Vučić", "Sergey Lavrov"}
    assert not {c.actor for c in seed_clusters.cross_pressured} & {"Aleksandar Vulin", "Aleksandar Vučić"}
    assert _cluster_of(seed_clusters, "Serbia") == _cluster_of(seed_clusters, "Russia")


def test_bloc_members_known_by_a_few_positions_stay_with_their_bloc(seed_clusters):
    # France and Germany agree with the United States and others on Kosovo alone: one fact each,
    # which weighs a third of a full record and no longer outweighs their EU and NATO memberships
    eu = _cluster_of(seed_clusters, "European Union")
    assert _cluster_of(seed_clusters, "France") == eu and _cluster_of(seed_clusters, "Germany") == eu


def test_fold_officials_merges_an_officials_ties_into_his_state():
    from kg.terms.names import Actor, Roster

    roster = Roster([Actor("s", "s", "Serbia", "state", iso="RS"), Actor("v", "v", "Vulin", "official", acts_for="s"),
                     Actor("r", "r", "Russia", "state")])
    view = nx.MultiDiGraph()
    view.add_node("v", label="Vulin", type="official")
    view.add_node("r", label="Russia", type="state")
    view.add_edge("r", "v", key="medal", kind="tie", sign=1, weight=0.5)
    folded = clusters.fold_officials(view, roster)
    assert set(folded.nodes) == {"s", "r"} and folded.nodes["s"] == {"label": "Serbia", "type": "state", "iso": "RS"}
    assert list(folded.edges(keys=True)) == [("r", "s", "medal")]


def test_serbia_is_the_most_cross_pressured(seed_clusters):
    top = seed_clusters.cross_pressured[0]
    assert top.actor == "Serbia" and top.unbalanced_triads > 0
    counts = [c.unbalanced_triads for c in seed_clusters.cross_pressured]
    assert counts == sorted(counts, reverse=True)
    # its positive ties reach its own cluster and the EU's
    assert top.clusters[0] == _cluster_of(seed_clusters, "Serbia") + 1
    assert _cluster_of(seed_clusters, "European Union") + 1 in top.clusters
    # Serbia, Russia and the EU: Serbia's two friends are at odds
    assert ("European Union", "Russia", "Serbia") in {tuple(sorted(t)) for t in seed_clusters.unbalanced}


def test_counts_agree_with_the_triads(seed_clusters):
    per_actor = {}
    for triad in seed_clusters.unbalanced:
        for label in triad:
            per_actor[label] = per_actor.get(label, 0) + 1
    assert {c.actor: c.unbalanced_triads for c in seed_clusters.cross_pressured} == per_actor
    assert 0 < seed_clusters.balance_ratio < 1


def test_clusters_are_deterministic(store, seed_clusters):
    assert clusters.clusters(store).clusters == seed_clusters.clusters


def test_communities_use_positive_edges_only():
    # two friendly pairs joined by a strong negative edge: the enemy edge must not merge them
    signed = nx.Graph()
    signed.add_edge("a", "b", sign=1, weight=1.0)
    signed.add_edge("c", "d", sign=1, weight=1.0)
    signed.add_edge("b", "c", sign=-1, weight=5.0)
    signed.add_edge("e", "a", sign=-1, weight=1.0)
    assert clusters.communities(signed) == [{"a", "b"}, {"c", "d"}]


def test_before_the_war(store):
    before = clusters.clusters(store, as_of="2020-01-01")
    assert before.options["as_of"] == "2020-01-01"
    assert "Iran" not in {a for c in before.clusters for a in c}  # no claim on Iran before 2020
    assert _cluster_of(before, "Russia") != _cluster_of(before, "European Union")


def test_bad_kind_is_an_error(store):
    with pytest.raises(UsageError, match="kind 'votes' is not one of statement, action"):
        clusters.clusters(store, kind="votes")


def test_cli_clusters_json(graph_file):
    result = CliRunner().invoke(main, ["clusters", "--format", "json", "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert any("Russia" in c and "Serbia" in c for c in data["clusters"])
    assert data["cross_pressured"][0]["actor"] == "Serbia"
    assert set(data["cross_pressured"][0]) == {"actor", "unbalanced_triads", "triads", "clusters"}


def test_cli_clusters_table_and_csv(graph_file):
    table = CliRunner().invoke(main, ["clusters", "--top", "3", "--graph", str(graph_file)])
    assert table.exit_code == 0, table.output
    blocs, pressured = table.stdout.strip().split("\n\n")
    assert blocs.splitlines()[0].split() == ["cluster", "size", "actors"]
    assert pressured.splitlines()[0].split() == ["actor", "unbalanced_triads", "triads", "clusters"]
    assert len(pressured.splitlines()) == 2 + 3 and pressured.splitlines()[2].startswith("Serbia ")  # --top 3
    # the CSV has one row per actor in a cluster, as the JSON groups them, with its unbalanced triads
    data = json.loads(CliRunner().invoke(main, ["clusters", "--format", "json", "--graph", str(graph_file)]).stdout)
    rows = CliRunner().invoke(main, ["clusters", "--format", "csv", "--graph", str(graph_file)])
    assert rows.exit_code == 0, rows.output
    lines = rows.stdout.splitlines()
    assert lines[0] == "actor,cluster,unbalanced_triads"
    pressure = {c["actor"]: c["unbalanced_triads"] for c in data["cross_pressured"]}
    assert sorted(lines[1:]) == sorted(f"{actor},{n},{pressure.get(actor, 0)}"
                                       for n, cluster in enumerate(data["clusters"], start=1) for actor in cluster)


def test_cli_clusters_bad_date(graph_file):
    result = CliRunner().invoke(main, ["clusters", "--as-of", "2020-1-1", "--graph", str(graph_file)])
    assert result.exit_code == 2 and result.output.startswith("Error: --as-of: '2020-1-1' is not a date")
