"""The rules in queries/rules/: what they derive from the seeds, and where they stay silent."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG

from kg.build import rules
from kg.build.triples import DERIVED_GRAPH
from kg.catalogue import files as catalogue
from kg.terms import ontology
from kg.terms.vocab import ID, ISSUE, SA, TIME, actor_iri, rule_iri

RULES = {"rhetoric_vs_action", "hedging", "reversal_over_time", "member_vs_bloc", "entity_vs_state", "tie_vs_position",
         "source_dispute", "rival_ties"}


def derived_pairs(graph, type_) -> set[frozenset[str]]:
    """The pairs of claims (as FILE-STEM/id) of every derived contradiction of one type."""
    pairs = set()
    for c in graph.subjects(SA.contradictionType, type_):
        if graph.value(c, SA.curated) == Literal(False):
            pairs.add(frozenset(str(x).split("/claim/", 1)[1] for x in graph.objects(c, SA.claim)))
    return pairs


# ---------------------------------------------------------------- on the seeds


def test_every_rule_is_a_documented_construct_query():
    found = {r.name: r for r in catalogue.rules()}
    assert set(found) == RULES
    for rule in found.values():
        assert rule.summary and rule.description
        assert "CONSTRUCT" in rule.text and "?rule" in rule.text


def test_the_rules_are_described_in_the_derived_graph(built):
    derived = built.dataset.graph(DERIVED_GRAPH)
    for name in RULES:
        node = rule_iri(name)
        assert (node, RDF.type, SA.Rule) in derived
        assert derived.value(node, SA.ruleFile) == Literal(f"rules/{name}.rq")
        assert str(derived.value(node, DCTERMS.description)).strip()


def test_every_derived_contradiction_names_its_rule_two_claims_and_its_actors(built):
    ds = built.dataset
    derived = ds.graph(DERIVED_GRAPH)
    contradictions = set(derived.subjects(RDF.type, SA.Contradiction))
    assert len(contradictions) == built.summary.contradictions_derived > 0
    for c in contradictions:
        assert derived.value(c, SA.curated) == Literal(False)
        rule = derived.value(c, SA.derivedBy)
        assert str(c).startswith(str(rule) + "/")
        three = derived.value(c, SA.contradictionType) == SA.TieVsPosition  # the tie and both positions
        assert len(set(derived.objects(c, SA.claim))) == (3 if three else 2)
        assert set(derived.objects(c, SA.involves))
        assert str(derived.value(c, RDFS.comment))
        for claim in derived.objects(c, SA.claim):
            assert ds.value(claim, SA.evidence) is not None  # a claim with a quote


SERBIA = {
    # Serbia says it cannot support the invasion and that "Crimea is Ukraine", yet voted against A/RES/74/17
    ("000_30f026fe9a52209e/serbia-crimea-is-ukraine", "002_6c2ca3a879d015f2/serbia-votes-no-a-res-74-17"),
    ("000_30f026fe9a52209e/serbia-cannot-support-invasion", "002_6c2ca3a879d015f2/serbia-votes-no-a-res-74-17"),
    # condemning Moscow's aggression while refusing sanctions (sanctions counter the invasion)
    ("004_2c0c4e712b805dba/serbia-condemns-russian-aggression", "004_2c0c4e712b805dba/serbia-refuses-western-sanctions"),
    ("000_30f026fe9a52209e/serbia-cannot-support-invasion", "003_245f69ef19e28a49/serbia-does-not-impose-sanctions"),
}
IRAN = {
    # refusing to recognise the annexations, and opposing the war, while supplying drones
    ("000_30f026fe9a52209e/iran-does-not-recognise-crimea-annexation", "000_30f026fe9a52209e/iran-supplies-drones"),
    ("000_30f026fe9a52209e/iran-does-not-recognise-donbas-annexation", "000_30f026fe9a52209e/iran-supplies-drones"),
    ("000_30f026fe9a52209e/iran-opposes-war-in-ukraine", "000_30f026fe9a52209e/iran-supplies-drones"),
    ("001_301c62de9e4d610b/iran-anti-war-stance", "001_301c62de9e4d610b/iran-supplies-drones-to-russia"),
}
RUSSIA = {
    # backing Serbia's territorial integrity while annexing Ukrainian regions (one principle)
    ("003_245f69ef19e28a49/russia-supports-serbia-territorial-integrity", "000_30f026fe9a52209e/russia-annexes-donbas-and-south"),
    ("003_245f69ef19e28a49/russia-supports-serbia-territorial-integrity", "002_6c2ca3a879d015f2/russia-annexes-crimea"),
}


def _side(graph, claim: str) -> tuple:
    node = next(s for s in graph.subjects(SA.actor, None) if str(s).endswith("/claim/" + claim))
    return (graph.value(node, RDF.type), graph.value(node, SA.actor), graph.value(node, SA.issue),
            graph.value(node, SA.stance))


@pytest.mark.parametrize("pair", sorted(SERBIA | IRAN | RUSSIA))
def test_rhetoric_vs_action_on_the_seeds(built, pair):
    # each claim is paired with the latest claim of the other's side (same actor, kind, issue, stance)
    said, done = pair
    pairs = derived_pairs(built.dataset, SA.RhetoricVsAction)
    for own, other in ((said, done), (done, said)):
        partners = {x for p in pairs if own in p for x in p if x != own}
        assert _side(built.dataset, other) in {_side(built.dataset, x) for x in partners}


def test_eu_candidacy_vs_alliance_with_russia_is_a_rival_ties_contradiction(built):
    pairs = derived_pairs(built.dataset, SA.RivalTies)
    assert frozenset({"004_2c0c4e712b805dba/serbia-candidate-for-eu", "004_2c0c4e712b805dba/serbia-ally-of-russia"}) in pairs
    assert frozenset({"004_2c0c4e712b805dba/serbia-candidate-for-eu", "004_2c0c4e712b805dba/serbia-strategic-partner-of-russia"}) in pairs
    # the latest claim of a kind of tie stands for the earlier ones
    assert not any("002_6c2ca3a879d015f2/serbia-candidate-for-eu" in p for p in pairs)


def test_the_curated_source_disputes_are_not_derived_twice(built):
    assert derived_pairs(built.dataset, SA.SourceDispute) == set()
    curated = [c for c in built.dataset.subjects(SA.contradictionType, SA.SourceDispute)
               if built.dataset.value(c, SA.curated) == Literal(True)]
    assert len(curated) == 2


def test_the_source_dispute_rule_finds_the_disputes_a_curator_did_not_record(built):
    ds = Dataset(default_union=True)
    for s, p, o, g in built.dataset.quads():
        if not (p == SA.curated and o == Literal(True)):
            ds.graph(g).add((s, p, o))
    curated = set(built.dataset.subjects(SA.curated, Literal(True)))
    for s, p, o, g in list(ds.quads()):
        if s in curated:
            ds.graph(g).remove((s, p, o))
    pairs = derived_pairs(rules.derive(ds), SA.SourceDispute)
    assert pairs == {
        frozenset({"000_30f026fe9a52209e/iran-says-drones-before-invasion", "000_30f026fe9a52209e/west-says-drones-after-invasion"}),
        frozenset({"001_301c62de9e4d610b/dpr-says-iran-trade-deal-signed", "001_301c62de9e4d610b/iran-denies-dpr-trade-deal"}),
    }


def test_deriving_twice_gives_the_same_graph(built):
    ds = Dataset(default_union=True)
    for s, p, o, g in built.dataset.quads():
        if g != DERIVED_GRAPH:
            ds.graph(g).add((s, p, o))
    assert isomorphic(rules.derive(ds), built.dataset.graph(DERIVED_GRAPH))


# ---------------------------------------------------------------- on small data built here


class Tiny:
    """A dataset with the ontology and a few claims, enough for the rules to read."""

    def __init__(self):
        self.ds = Dataset(default_union=True)
        onto = self.ds.graph(ID["graph/ontology"])
        for triple in ontology.load_graph():
            onto.add(triple)
        self.g = self.ds.graph(ID["graph/test"])
        self.n = 0

    def actor(self, name: str, cls=SA.State) -> URIRef:
        node = actor_iri(name.lower())
        self.g.add((node, RDF.type, cls))
        self.g.add((node, RDFS.label, Literal(name)))
        return node

    def _claim(self, cls, date: str) -> URIRef:
        self.n += 1
        node = ID[f"claim/test/c{self.n}"]
        self.g.add((node, RDF.type, cls))
        self.g.add((node, SA.date, Literal(date, datatype=XSD.date)))
        self.g.add((node, DCTERMS.identifier, Literal(f"c{self.n}")))
        return node

    def position(self, cls, actor, issue: str, stance, date: str = "2022-01-01") -> URIRef:
        node = self._claim(cls, date)
        self.g.add((node, SA.actor, actor))
        self.g.add((node, SA.issue, ISSUE[issue]))
        self.g.add((node, SA.stance, stance))
        return node

    def tie(self, actor, type_, target, date: str = "2022-01-01") -> URIRef:
        node = self._claim(SA.Tie, date)
        self.g.add((node, SA.actor, actor))
        self.g.add((node, SA.tieType, type_))
        self.g.add((node, SA.target, target))
        return node

    def report(self, claimant, about, value: str) -> URIRef:
        node = self._claim(SA.Report, "2022-01-01")
        self.g.add((node, SA.claimant, claimant))
        self.g.add((node, SA.about, about))
        self.g.add((node, SA.assertedValue, Literal(value)))
        return node

    def membership(self, member, bloc, start: str, end: str | None = None) -> None:
        m = URIRef(f"{member}/membership")
        period = URIRef(f"{m}/period")
        self.g.add((m, ORG.member, member))
        self.g.add((m, ORG.organization, bloc))
        self.g.add((m, ORG.role, SA.MemberRole))
        self.g.add((m, ORG.memberDuring, period))
        for prop, day, suffix in ((TIME.hasBeginning, start, "start"), (TIME.hasEnd, end, "end")):
            if day:
                self.g.add((period, prop, URIRef(f"{period}/{suffix}")))
                self.g.add((URIRef(f"{period}/{suffix}"), TIME.inXSDDate, Literal(day, datatype=XSD.date)))

    def curate(self, type_, a, b) -> None:
        node = ID["contradiction/test/curated"]
        self.g.add((node, RDF.type, SA.Contradiction))
        self.g.add((node, SA.contradictionType, type_))
        self.g.add((node, SA.curated, Literal(True)))
        self.g.add((node, SA.claim, a))
        self.g.add((node, SA.claim, b))

    def derived(self, type_) -> set[frozenset[URIRef]]:
        graph = rules.derive(self.ds)
        return {frozenset(graph.objects(c, SA.claim)) for c in graph.subjects(SA.contradictionType, type_)}


def test_rhetoric_vs_action_is_silent_when_words_and_deeds_agree():
    t = Tiny()
    x = t.actor("Xland")
    t.position(SA.Statement, x, "crimea-part-of-ukraine", SA.Supports)
    t.position(SA.Action, x, "crimea-part-of-ukraine", SA.Supports)  # votes as it speaks
    t.position(SA.Action, x, "ukraine-territorial-integrity", SA.Supports)  # broader issue, same polarity
    t.position(SA.Statement, x, "russian-invasion-of-ukraine", SA.Opposes)
    t.position(SA.Action, x, "sanctions-against-russia", SA.Supports)  # sanctions counter the invasion: consistent
    t.position(SA.Statement, x, "kosovo-part-of-serbia", SA.Supports)  # the same principle, the same side
    t.position(SA.Action, x, "nato-enlargement", SA.Opposes)  # an unrelated issue
    assert t.derived(SA.RhetoricVsAction) == set()


def test_rhetoric_vs_action_fires_when_they_pull_apart():
    t = Tiny()
    x, y = t.actor("Xland"), t.actor("Yland")
    said = t.position(SA.Statement, x, "ukraine-territorial-integrity", SA.Supports)
    vote = t.position(SA.Action, x, "crimea-part-of-ukraine", SA.Opposes)  # narrower issue, opposite stance
    t.position(SA.Action, y, "crimea-part-of-ukraine", SA.Opposes)  # another actor's deed does not count
    condemn = t.position(SA.Statement, x, "russian-invasion-of-ukraine", SA.Opposes)
    refuse = t.position(SA.Action, x, "sanctions-against-russia", SA.Opposes)  # same stance, countering issues
    assert t.derived(SA.RhetoricVsAction) == {frozenset({said, vote}), frozenset({condemn, refuse}), frozenset({condemn, vote})}


def test_a_curated_contradiction_is_not_derived_again():
    t = Tiny()
    x = t.actor("Xland")
    said = t.position(SA.Statement, x, "crimea-part-of-ukraine", SA.Supports)
    vote = t.position(SA.Action, x, "crimea-part-of-ukraine", SA.Opposes)
    t.curate(SA.RhetoricVsAction, said, vote)
    assert t.derived(SA.RhetoricVsAction) == set()


def test_reversal_over_time_fires_once_when_a_stance_changes_and_holds():
    t = Tiny()
    x, y = t.actor("Xland"), t.actor("Yland")
    t.position(SA.Statement, x, "sanctions-against-russia", SA.Supports, "2022-03-01")
    again = t.position(SA.Statement, x, "sanctions-against-russia", SA.Supports, "2023-03-01")  # the same again
    t.position(SA.Action, x, "sanctions-against-russia", SA.Opposes, "2024-10-01")  # a deed is not a statement
    t.position(SA.Statement, x, "kosovo-part-of-serbia", SA.Supports, "2020-01-01")
    t.position(SA.Statement, x, "crimea-part-of-ukraine", SA.Opposes, "2021-01-01")  # a double standard, not a reversal
    t.position(SA.Statement, x, "measures-against-russia", SA.Opposes, "2024-09-04")  # another issue: no change on this one
    t.position(SA.Statement, y, "sanctions-against-russia", SA.Opposes, "2022-03-01")
    t.position(SA.Statement, y, "sanctions-against-russia", SA.Supports, "2022-03-01")  # the same day: not over time
    assert t.derived(SA.ReversalOverTime) == set()
    # the change: the last claim of the old stance against the first of the new one, however many follow
    turn = t.position(SA.Statement, x, "sanctions-against-russia", SA.Opposes, "2024-01-10")
    t.position(SA.Statement, x, "sanctions-against-russia", SA.Opposes, "2024-06-01")
    assert t.derived(SA.ReversalOverTime) == {frozenset({again, turn})}
    # the old stance comes back: two lines running in parallel, not a change that holds
    t.position(SA.Statement, x, "sanctions-against-russia", SA.Supports, "2025-01-01")
    assert t.derived(SA.ReversalOverTime) == set()


def test_reversal_over_time_is_silent_on_the_seeds_where_lines_run_in_parallel(built):
    # Serbia condemns the war and keeps refusing sanctions, says Crimea is Ukraine and voted against it:
    # none is a change of mind on one issue
    assert derived_pairs(built.dataset.graph(DERIVED_GRAPH), SA.ReversalOverTime) == set()


def test_source_dispute():
    t = Tiny()
    a, b = t.actor("Aland"), t.actor("Bland")
    deal = t.position(SA.Action, a, "sanctions-against-russia", SA.Opposes)
    other = t.position(SA.Action, b, "sanctions-against-russia", SA.Opposes)
    t.report(a, deal, "signed")
    agreeing = t.report(b, deal, "signed")
    t.report(a, other, "not-signed")  # about another claim
    assert t.derived(SA.SourceDispute) == set()
    # a claimant changing its own account is no dispute between sources, but the other source disagrees
    changed = t.report(a, deal, "not-signed")
    assert t.derived(SA.SourceDispute) == {frozenset({agreeing, changed})}


def test_rival_ties():
    t = Tiny()
    x, a, b, c = t.actor("Xland"), t.actor("Aland"), t.actor("Bland"), t.actor("Cland")
    bloc = t.actor("Bloc", SA.Bloc)
    old_ally = t.tie(x, SA.Ally, a, "2020-01-01")
    ally = t.tie(x, SA.Ally, a, "2022-01-01")
    friend = t.tie(x, SA.FriendlyRelations, c)
    assert t.derived(SA.RivalTies) == set()  # friends of two actors that are not set against each other
    t.tie(c, SA.FriendlyRelations, a)
    assert t.derived(SA.RivalTies) == set()  # ... or that are friends themselves
    t.tie(a, SA.Hostile, c)
    # the latest ally claim stands for both, and the pair counts once
    assert t.derived(SA.RivalTies) == {frozenset({ally, friend})}
    assert not any(old_ally in pair for pair in t.derived(SA.RivalTies))
    # through a bloc: b is a member of a bloc that sanctions a, but only from 2023
    t.membership(b, bloc, "2023-01-01")
    t.tie(bloc, SA.ImposesSanctionsOn, a)
    partner = t.tie(x, SA.Cooperation, b, "2022-06-01")
    assert frozenset({partner, ally}) not in t.derived(SA.RivalTies)  # b was not yet a member
    later = t.tie(x, SA.Cooperation, b, "2024-01-01")
    assert t.derived(SA.RivalTies) == {frozenset({ally, friend}), frozenset({later, ally})}



def test_a_bloc_set_against_its_own_member_makes_no_rival_of_the_member_to_itself():
    # a tie to a member of a bloc hostile to that very member is one tie, not two rival ones
    # (a contradiction of a single claim broke the build's validation at 1,000 synthetic articles)
    t = Tiny()
    x, member, other = t.actor("Xland"), t.actor("Mland"), t.actor("Oland")
    bloc = t.actor("Bloc", SA.Bloc)
    t.membership(member, bloc, "2000-01-01")
    t.tie(bloc, SA.Hostile, member)
    ally = t.tie(x, SA.Ally, member)
    assert t.derived(SA.RivalTies) == set()
    t.tie(bloc, SA.Hostile, other)
    friend = t.tie(x, SA.FriendlyRelations, other)
    assert t.derived(SA.RivalTies) == {frozenset({ally, friend})}

def test_derived_iris_are_stable_and_name_their_rule():
    t = Tiny()
    x = t.actor("Xland")
    t.position(SA.Statement, x, "crimea-part-of-ukraine", SA.Supports)
    t.position(SA.Action, x, "crimea-part-of-ukraine", SA.Opposes)
    first, second = rules.derive(t.ds), rules.derive(t.ds)
    assert isomorphic(first, second)
    (c,) = first.subjects(SA.contradictionType, SA.RhetoricVsAction)
    assert str(c).startswith(str(rule_iri("rhetoric_vs_action")) + "/")
    assert first.value(c, SA.derivedBy) == rule_iri("rhetoric_vs_action")
    assert set(first.objects(c, SA.involves)) == {x}
    assert str(first.value(c, RDFS.comment)) == (
        "Xland says it supports Crimea as part of Ukraine but acts: opposes Crimea as part of Ukraine, on the same question"
    )
