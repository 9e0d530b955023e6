"""Scoped derivation: re-deriving the contradictions of a few actors gives what a full derivation gives."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, XSD, URIRef

from kg.build import derivation, rules
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


def text(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def parsed(data: bytes) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


def rederived(old: list[ox.Triple], store: ox.Store, actors: set[str]) -> set:
    lines = text(old).splitlines(keepends=True)
    kept = rules.drop(lines, rules.stale(lines, store, actors))
    return parsed(b"".join(kept)) | parsed(rules.derive_text(store, actors))


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
    assert {f"<{node.value}>".encode() for node in found} == rules.stale(text(full).splitlines(keepends=True),
                                                                        seeds_store, {serbia})
    assert found and {t for t in scoped if t.subject in found} <= set(full)
    assert not {t for t in rules.derive_triples(seeds_store, set()) if t.predicate == CURATED}


def test_an_actor_that_is_no_iri_is_refused(seeds_store):
    with pytest.raises(UsageError, match="actors"):
        rules.derive(seeds_store, {"serbia> } DROP ALL {"})


CHANGING = 7  # of the seeds' documents, those whose first stance flipped changes what the rules derive


def _flipped(store: ox.Store, graph: ox.NamedNode) -> tuple[ox.Quad, ox.Quad] | None:
    """The first stance of a document's claims, and the same claim taking the opposite stance (None: no stance)."""
    stance = ox.NamedNode(str(SA.stance))
    quad = min(store.quads_for_pattern(None, stance, None, graph), key=str, default=None)
    if quad is None:
        return None
    other = {str(SA.Supports): SA.Opposes, str(SA.Opposes): SA.Supports}.get(quad.object.value, SA.Supports)
    return quad, ox.Quad(quad.subject, stance, ox.NamedNode(str(other)), graph)


def test_a_flipped_stance_in_each_document_rederives_what_a_full_derivation_gives(seeds_store, full):
    stance, changing = {str(SA.stance)}, 0
    for graph in documents(seeds_store):
        if _flipped(seeds_store, graph) is None:
            continue
        before, after = _flipped(seeds_store, graph)
        actors = rules.scope(seeds_store, graph.value)
        seeds_store.remove(before)
        seeds_store.add(after)
        try:
            whole = set(rules.derive_triples(seeds_store))
            changing += whole != set(full)
            assert parsed(derivation.rederive(text(full), seeds_store, None, stance)) == whole, graph
            assert parsed(derivation.rederive(text(full), seeds_store, actors, stance)) == whole, graph
            # the actors of the claim alone, as a build finds them for an edit of that claim
            claim = list(seeds_store.quads_for_pattern(before.subject, None, None, graph)) + [before]
            alone = rules.claim_scope(claim, {before.subject}, seeds_store)
            assert alone and alone < actors, graph
            assert parsed(derivation.rederive(text(full), seeds_store, alone, stance)) == whole, graph
        finally:
            seeds_store.remove(after)
            seeds_store.add(before)
    assert changing == CHANGING  # the flips that change what the rules derive: the test is not a trivial one


def test_the_rules_about_ties_alone_read_no_stance_and_every_rule_names_what_it_reads():
    read = {rule.name: rules.reads(rule.text) for rule in catalogue.rules()}
    assert all(found is not None for found in read.values())
    assert {name for name, found in read.items() if str(SA.stance) not in found} == {"rival_ties", "source_dispute"}
    assert str(SA.tieType) in read["rival_ties"] and str(SA.stance) in read["rhetoric_vs_action"]


@pytest.mark.parametrize("where", [
    "?s ?p ?o", "?s sa:issue ?o ; ?p ?o2", "[ ?p ?o ]", "?s ?p true", "?s ?p 12", "?s !sa:issue ?o",
    "?s !(sa:issue|sa:stance) ?o", "?s other:issue ?o", "?s <issue> ?o", "?s sa:iss\\.ue ?o", "_:b ?p ?o",
])
def test_a_rule_that_may_match_any_predicate_reads_everything(where):
    assert rules.reads(f"PREFIX sa: <{SA}>\nCONSTRUCT {{ ?s sa:stance ?o }} WHERE {{ {where} }}") is None


def test_a_rule_reads_the_predicates_it_names_not_those_in_comments_strings_or_lists_of_variables():
    text = (f"PREFIX sa: <{SA}>\nCONSTRUCT {{ ?s sa:stance ?o }} WHERE {{\n"
            "  { SELECT ?s ?o (MAX(?d) AS ?latest) WHERE { ?s a sa:Tie ; sa:date ?d . ?s sa:actor ?o. } GROUP BY ?s ?o }\n"
            "  # ?s ?p ?o sa:issue\n  FILTER (!BOUND(?o) || STR(?s) != \"?a ?b ?c\")\n}")
    assert rules.reads(text) == {str(SA), str(SA.stance), str(RDF.type), str(SA.Tie), str(SA.date), str(SA.actor)}


def test_a_prefix_of_any_letters_is_read_as_the_rule_declares_it():
    text = "PREFIX é: <http://example.org/é#>\nCONSTRUCT { ?s é:x ?o } WHERE { ?s é:a:b ?o }"
    assert rules.reads(text) == {"http://example.org/é#", "http://example.org/é#x", "http://example.org/é#a:b"}
