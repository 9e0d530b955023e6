"""The rules added for claims that real articles make: hedging, member against bloc, entity
against state, tie against position; and rival ties marking only the actor holding both ties."""

from __future__ import annotations

from rdflib import RDF

from kg.build import rules
from kg.build.triples import DERIVED_GRAPH
from kg.terms.vocab import SA, actor_iri
from test_rules import Tiny, derived_pairs


def involved(t: Tiny, type_) -> set:
    graph = rules.derive(t.ds)
    return {a for c in graph.subjects(SA.contradictionType, type_) for a in graph.objects(c, SA.involves)}


def test_hedging_pairs_a_side_taken_in_words_with_an_abstention_in_deeds():
    t = Tiny()
    x = t.actor("Xland")
    t.position(SA.Statement, x, "crimea-part-of-ukraine", SA.Neutral)  # neutral in both: no hedging
    t.position(SA.Action, x, "crimea-part-of-ukraine", SA.Neutral)
    t.position(SA.Statement, x, "nato-enlargement", SA.Supports)  # an unrelated question
    assert t.derived(SA.Hedging) == set()
    says = t.position(SA.Statement, x, "territorial-integrity", SA.Supports)
    abstains = t.position(SA.Action, x, "ukraine-territorial-integrity", SA.Neutral)
    assert frozenset({says, abstains}) in t.derived(SA.Hedging)
    # the reverse: declared neutral, takes a side when it acts
    neutral = t.position(SA.Statement, x, "sanctions-against-russia", SA.Neutral)
    joins = t.position(SA.Action, x, "sanctions-against-russia", SA.Supports)
    assert frozenset({neutral, joins}) in t.derived(SA.Hedging)
    assert involved(t, SA.Hedging) == {x}


def test_member_against_bloc_only_while_a_member_and_only_the_member_holds_it():
    t = Tiny()
    hu, eu, other = t.actor("Hland"), t.actor("Bloc", SA.Bloc), t.actor("Oland")
    t.membership(hu, eu, "2004-05-01")
    imposes = t.position(SA.Action, eu, "sanctions-against-russia", SA.Supports, "2022-02-25")
    t.position(SA.Statement, hu, "sanctions-against-russia", SA.Supports, "2022-03-01")  # in line with its bloc
    t.position(SA.Statement, other, "sanctions-against-russia", SA.Opposes, "2022-03-01")  # not a member
    t.position(SA.Statement, hu, "sanctions-against-russia", SA.Opposes, "2003-01-01")  # before it joined
    assert t.derived(SA.MemberVsBloc) == set()
    lift = t.position(SA.Statement, hu, "sanctions-against-russia", SA.Opposes, "2025-01-10")
    assert t.derived(SA.MemberVsBloc) == {frozenset({lift, imposes})}
    assert involved(t, SA.MemberVsBloc) == {hu}


def test_entity_against_its_state():
    t = Tiny()
    state, entity = t.actor("Bosland"), t.actor("Srpland", SA.SubStateEntity)
    t.g.add((entity, SA.partOf, state))
    stranger = t.actor("Xland")
    aligns = t.position(SA.Statement, state, "sanctions-against-russia", SA.Supports)
    t.position(SA.Statement, stranger, "sanctions-against-russia", SA.Opposes)  # no entity of that state
    t.position(SA.Statement, entity, "nato-enlargement", SA.Opposes)  # nothing of its state's on it
    assert t.derived(SA.EntityVsState) == set()
    refuses = t.position(SA.Action, entity, "sanctions-against-russia", SA.Opposes)
    assert t.derived(SA.EntityVsState) == {frozenset({refuses, aligns})}
    assert involved(t, SA.EntityVsState) == {entity}


def test_tie_against_position_an_ally_on_the_other_side_and_a_rival_on_the_same():
    t = Tiny()
    x, r, u = t.actor("Xland"), t.actor("Rland"), t.actor("Uland")
    war = t.position(SA.Action, r, "russian-invasion-of-ukraine", SA.Supports)
    t.tie(x, SA.FriendlyRelations, r)  # friendly relations alone: no ally, no partner
    condemns = t.position(SA.Statement, x, "russian-invasion-of-ukraine", SA.Opposes)
    t.position(SA.Statement, u, "russian-invasion-of-ukraine", SA.Opposes)  # no tie of u's
    assert t.derived(SA.TieVsPosition) == set()
    t.tie(x, SA.Ally, r, "2020-01-01")
    ally = t.tie(x, SA.Ally, r, "2024-01-01")  # the latest ally claim stands for both
    assert t.derived(SA.TieVsPosition) == {frozenset({ally, condemns, war})}
    hostile = t.tie(u, SA.Hostile, r)
    backs = t.position(SA.Statement, u, "russian-invasion-of-ukraine", SA.Supports)
    assert frozenset({hostile, backs, war}) in t.derived(SA.TieVsPosition)
    assert involved(t, SA.TieVsPosition) == {x, u}


def test_rival_ties_involve_only_the_actor_holding_both_ties():
    t = Tiny()
    x, a, c = t.actor("Xland"), t.actor("Aland"), t.actor("Cland")
    t.tie(x, SA.Ally, a)
    t.tie(x, SA.FriendlyRelations, c)
    t.tie(c, SA.Rejects, a)  # declining to join sets no one against it
    assert t.derived(SA.RivalTies) == set()
    t.tie(a, SA.Hostile, c)
    assert len(t.derived(SA.RivalTies)) == 1 and involved(t, SA.RivalTies) == {x}


# ---------------------------------------------------------------- on the seeds


def test_on_the_seeds_serbia_as_russias_ally_condemns_the_war(built):
    derived = built.dataset.graph(DERIVED_GRAPH)
    found = derived_pairs(derived, SA.TieVsPosition)
    # Russia's latest claim of support for its war stands for the others: its veto of S/2022/155
    assert frozenset({"004_2c0c4e712b805dba/serbia-ally-of-russia", "004_2c0c4e712b805dba/serbia-condemns-russian-aggression",
                      "008_8d161378a7fcf135/russia-vetoes-s-2022-155"}) in found
    holders = {a for c in derived.subjects(SA.contradictionType, SA.TieVsPosition) for a in derived.objects(c, SA.involves)}
    assert actor_iri("russia") not in holders and actor_iri("serbia") in holders


def test_on_the_seeds_rival_ties_mark_serbia_and_not_the_eu_nor_france(built):
    derived = built.dataset.graph(DERIVED_GRAPH)
    holders = {a for c in derived.subjects(SA.contradictionType, SA.RivalTies) for a in derived.objects(c, SA.involves)}
    # Azerbaijan too holds both ties: an ally of Russia, in energy cooperation with the EU
    assert holders == {actor_iri("serbia"), actor_iri("azerbaijan")}


def test_the_seed_entities_are_sub_state_entities_part_of_their_state(built):
    ds = built.dataset
    assert (actor_iri("republika-srpska"), RDF.type, SA.SubStateEntity) in ds
    assert ds.value(actor_iri("republika-srpska"), SA.partOf) == actor_iri("bosnia-and-herzegovina")
    assert ds.value(actor_iri("dpr"), SA.partOf) == actor_iri("ukraine")
