"""The ontology in Turtle and the Python namespace agree, and every term is documented."""

from __future__ import annotations

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import OWL, SKOS

from kg.terms import ontology
from kg.terms.vocab import SA


def _ontology_terms(graph) -> set[str]:
    ns = str(SA._NS)
    return {str(s)[len(ns):] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}


def test_namespace_lists_exactly_the_ontology_terms():
    graph = ontology.load_graph()
    declared = set(SA.__annotations__)
    assert declared == _ontology_terms(graph)


def test_misspelt_term_raises():
    import pytest

    with pytest.raises(AttributeError):
        SA.Suports  # noqa: B018 - the attribute access is the test


def test_every_term_has_a_label_and_a_definition():
    graph = ontology.load_graph()
    ns = str(SA._NS)
    missing = []
    for term in sorted(_ontology_terms(graph)):
        node = URIRef(ns + term)
        if graph.value(node, RDFS.label) is None or graph.value(node, SKOS.definition) is None:
            missing.append(term)
    assert missing == []


def test_every_issue_has_label_definition_notation_and_known_broader():
    graph = ontology.load_graph()
    vocab = ontology.vocabulary(graph)
    assert "crimea-part-of-ukraine" in vocab.issues
    assert vocab.issues["crimea-part-of-ukraine"].broader == ("ukraine-territorial-integrity",)
    assert vocab.issues["ukraine-territorial-integrity"].broader == ("territorial-integrity",)
    for issue in vocab.issues.values():
        assert graph.value(issue.iri, SKOS.definition) is not None, issue.notation
        assert all(b in vocab.issues for b in issue.broader), issue.notation


def test_controlled_values_come_from_the_ontology():
    vocab = ontology.vocabulary(ontology.load_graph())
    assert set(vocab.stances) == {"supports", "opposes", "neutral", "ambivalent"}
    assert set(vocab.contradiction_types) == {"rhetoric_vs_action", "hedging", "reversal_over_time", "member_vs_bloc",
                                              "entity_vs_state", "tie_vs_position", "source_dispute", "rival_ties"}
    # as sa.ttl declares them: each tie type with its sa:sign, each action type, each agreement status
    assert vocab.tie_signs == {
        "ally": 1, "candidate-for": 1, "cooperation": 1, "dependent-on-for-energy": 1, "friendly-relations": 1,
        "member-of": 1, "military-supplier-to": 1, "strategic-partner": 1,
        "hostile-to": -1, "imposes-sanctions-on": -1, "refuses-to-recognise": -1, "rejects-membership-of": -1}
    assert set(vocab.action_types) == {"vote", "sanction-decision", "purchase", "supply", "annexation", "military-operation",
                                       "veto", "recognition-decision", "diplomatic-move"}
    assert set(vocab.agreement_statuses) == {"signed", "under-discussion", "proposed", "rejected", "disputed"}


def test_ontology_reuses_w3c_vocabularies():
    graph = ontology.load_graph()
    assert (SA.Actor, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Agent")) in graph
    assert (SA.Official, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Person")) in graph
    assert (SA.Principle, RDFS.subClassOf, SKOS.Concept) in graph
    assert (SA.State, RDF.type, OWL.Class) in graph


def test_the_issue_scheme_is_one_record_whether_read_from_turtle_or_from_the_graph(store):
    # the build reads the scheme from the Turtle, the analysis from the store: one Issue each time, equal
    from kg.analysis import stances
    from kg.terms import ontology

    from_turtle = ontology.vocabulary(ontology.load_graph()).issues
    from_store = stances.scheme(store).issues
    assert from_store == from_turtle
    # issues.ttl: measures against Russia counter the invasion, which counters Ukraine's territorial integrity
    assert from_turtle["measures-against-russia"].counters == ("russian-invasion-of-ukraine",)
    assert from_turtle["russian-invasion-of-ukraine"].counters == ("measures-against-russia", "ukraine-territorial-integrity")
    assert from_turtle["sanctions-against-russia"].broader == ("measures-against-russia",)
    assert [n for n, i in from_turtle.items() if i.principle] == ["territorial-integrity"]
