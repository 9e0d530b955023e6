"""Scoped derivation: re-deriving the contradictions of a few actors gives what a full derivation gives."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import XSD, URIRef

from kg.build import rules
from kg.build.triples import DERIVED_GRAPH
from kg.catalogue import files as catalogue
from kg.errors import UsageError
from kg.terms.vocab import SA, actor_iri

TYPE_OF_CONTRADICTION, CURATED = ox.NamedNode(str(SA.contradictionType)), ox.NamedNode(str(SA.curated))
NOT_CURATED = ox.Literal("false", datatype=ox.NamedNode(str(XSD.boolean)))


@pytest.fixture(scope="module")
def seeds_store(built) -> ox.Store:
    """The seed graph without what the rules derived, as the build has it before deriving."""
    store = ox.Store()
    store.bulk_load(built.dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    store.remove_graph(ox.NamedNode(str(DERIVED_GRAPH)))
    return store


@pytest.fixture(scope="module")
def full(seeds_store) -> list[ox.Triple]:
    return rules.derive_triples(seeds_store)


def documents(store: ox.Store) -> list[ox.NamedNode]:
    return sorted((g for g in store.named_graphs() if "/graph/0" in g.value), key=lambda g: g.value)


def rederived(old: list[ox.Triple], store: ox.Store, actors: set[str]) -> set:
    kept = rules.drop(old, rules.stale(old, store, actors))
    return set(kept) | set(rules.derive_triples(store, actors))


def test_every_rule_marks_its_scope():
    assert all("# scope: ?" in rule.text for rule in catalogue.rules())


def test_the_seeds_have_documents_and_contradictions_of_every_kind_the_rules_find(seeds_store, full):
    assert len(documents(seeds_store)) == 16
    types = {URIRef(t.object.value) for t in full if t.predicate == TYPE_OF_CONTRADICTION}
    assert {SA.RhetoricVsAction, SA.Hedging, SA.MemberVsBloc, SA.EntityVsState, SA.TieVsPosition, SA.RivalTies} <= types


def test_removing_and_adding_back_each_document_rederives_what_a_full_derivation_gives(seeds_store, full):
    for graph in documents(seeds_store):
        quads = list(seeds_store.quads_for_pattern(None, None, None, graph))
        actors = rules.scope(seeds_store, graph.value)
        assert actors, graph
        seeds_store.remove_graph(graph)
        try:
            without = rules.derive_triples(seeds_store)
            assert rederived(full, seeds_store, actors) == set(without), graph
        finally:
            seeds_store.extend(quads)
        assert rederived(without, seeds_store, actors) == set(full), graph


def test_a_scoped_derivation_holds_only_contradictions_reading_those_actors(seeds_store, full):
    serbia = str(actor_iri("serbia"))
    scoped = rules.derive_triples(seeds_store, {serbia})
    found = {t.subject for t in scoped if t.predicate == CURATED and t.object == NOT_CURATED}
    assert found == rules.stale(full, seeds_store, {serbia})
    assert found and {t for t in scoped if t.subject in found} <= set(full)
    assert not {t for t in rules.derive_triples(seeds_store, set()) if t.predicate == CURATED}


def test_an_actor_that_is_no_iri_is_refused(seeds_store):
    with pytest.raises(UsageError, match="actors"):
        rules.derive(seeds_store, {"serbia> } DROP ALL {"})
