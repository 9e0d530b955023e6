"""Scoped derivation: re-deriving the contradictions of a few actors gives what a full derivation gives."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal

from kg.build import rules
from kg.build.triples import DERIVED_GRAPH
from kg.catalogue import files as catalogue
from kg.errors import UsageError
from kg.terms.vocab import SA, actor_iri


@pytest.fixture(scope="module")
def seeds_store(built) -> ox.Store:
    """The seed graph without what the rules derived, as the build has it before deriving."""
    store = ox.Store()
    store.bulk_load(built.dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    store.remove_graph(ox.NamedNode(str(DERIVED_GRAPH)))
    return store


@pytest.fixture(scope="module")
def full(seeds_store) -> Graph:
    return rules.derive(seeds_store)


def documents(store: ox.Store) -> list[ox.NamedNode]:
    return sorted((g for g in store.named_graphs() if "/graph/0" in g.value), key=lambda g: g.value)


def rederived(old: Graph, store: ox.Store, actors: set[str]) -> set:
    kept = Graph()
    for triple in old:
        kept.add(triple)
    rules.drop(kept, rules.stale(kept, store, actors))
    return set(kept) | set(rules.derive(store, actors))


def test_every_rule_marks_its_scope():
    assert all("# scope: ?" in rule.text for rule in catalogue.rules())


def test_the_seeds_have_documents_and_contradictions_of_every_kind_the_rules_find(seeds_store, full):
    assert len(documents(seeds_store)) == 16
    types = {o for o in full.objects(None, SA.contradictionType)}
    assert {SA.RhetoricVsAction, SA.Hedging, SA.MemberVsBloc, SA.EntityVsState, SA.TieVsPosition, SA.RivalTies} <= types


def test_removing_and_adding_back_each_document_rederives_what_a_full_derivation_gives(seeds_store, full):
    for graph in documents(seeds_store):
        quads = list(seeds_store.quads_for_pattern(None, None, None, graph))
        actors = rules.scope(seeds_store, graph.value)
        assert actors, graph
        seeds_store.remove_graph(graph)
        try:
            without = rules.derive(seeds_store)
            assert rederived(full, seeds_store, actors) == set(without), graph
        finally:
            seeds_store.extend(quads)
        assert rederived(without, seeds_store, actors) == set(full), graph


def test_a_scoped_derivation_holds_only_contradictions_reading_those_actors(seeds_store, full):
    serbia = str(actor_iri("serbia"))
    scoped = rules.derive(seeds_store, {serbia})
    found = set(scoped.subjects(SA.curated, Literal(False)))
    assert found == rules.stale(full, seeds_store, {serbia})
    assert found and all((c, p, o) in full for c in found for p, o in scoped.predicate_objects(c))
    assert not set(rules.derive(seeds_store, set()).subjects(SA.curated, Literal(False)))


def test_an_actor_that_is_no_iri_is_refused(seeds_store):
    with pytest.raises(UsageError, match="actors"):
        rules.derive(seeds_store, {"serbia> } DROP ALL {"})
