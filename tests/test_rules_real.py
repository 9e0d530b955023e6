"""The rules for claims real articles make, on the real claims of the shipped seeds: what a reader checks.

Each contradiction is found by the ids of its claims (the seeds' own ids) and read by its
quotes; the rules' silence where they must stay silent is tested on small data
(tests/test_rules_actors.py).
"""

from __future__ import annotations

import pytest

from kg.analysis import contradictions


@pytest.fixture(scope="module")
def found(store) -> dict[str, list[contradictions.Contradiction]]:
    every = contradictions.find(store)
    return {t: [c for c in every if c.type == t] for t in contradictions.TYPES}


def ids(c: contradictions.Contradiction) -> set[str]:
    return {e.claim.rsplit("/", 1)[1] for e in c.evidence}


def pair(items, *claims: str) -> contradictions.Contradiction:
    matches = [c for c in items if ids(c) == set(claims)]
    assert len(matches) == 1, f"{len(matches)} contradictions between {claims}"
    return matches[0]


def quotes(c: contradictions.Contradiction) -> dict[str, str]:
    return {e.claim.rsplit("/", 1)[1]: e.quote for e in c.evidence}


def test_hedging_india_abstains_on_the_annexation_resolution_while_saying_territorial_integrity_must_be_upheld(found):
    c = pair(found["hedging"], "india-abstains-a-res-es-11-4", "india-territorial-integrity-must-be-upheld")
    assert c.labels == ["India"] and c.origin == "hedging"
    q = quotes(c)
    assert q["india-abstains-a-res-es-11-4"] == "A total of 35 countries abstained from the resolution, including India."
    assert "the global order that India subscribes to is based on international law, UN Charter and re" in \
        q["india-territorial-integrity-must-be-upheld"]
    kinds = {e.kind: (e.stance, e.date[:10]) for e in c.evidence}
    assert kinds == {"action": ("neutral", "2022-10-12"), "statement": ("supports", "2022-10-12")}
    # and the Security Council abstention of February 2022 against its stated concern at the war
    assert pair(found["hedging"], "india-abstains-s-2022-155", "india-concern-at-targeting-of-civilian-infrastructure")


def test_hedging_south_africa_abstains_while_calling_ukraines_territorial_integrity_sacrosanct(found):
    c = pair(found["hedging"], "south-africa-abstains-a-res-es-11-4",
             "south-africa-ukraine-territorial-integrity-sacrosanct")
    q = quotes(c)
    assert q["south-africa-ukraine-territorial-integrity-sacrosanct"] == \
        "Pretoria considered the territorial integrity of Ukraine to be ‘sacrosanct’"
    assert q["south-africa-abstains-a-res-es-11-4"].startswith(
        "SA has abstained from a UN General Assembly resolution condemning Russia")
    assert {tuple(c.labels) for c in found["hedging"] if "South Africa" in c.labels} == {("South Africa",)}
    assert len([c for c in found["hedging"] if c.labels == ["South Africa"]]) == 2


def test_hedging_holds_only_the_actor_that_hedges(found):
    assert {"Brazil", "India", "South Africa"} <= {c.labels[0] for c in found["hedging"]}
    assert all(len(c.labels) == 1 and {e.actor for e in c.evidence} == set(c.labels) for c in found["hedging"])


def test_member_against_bloc_slovakia_against_eu_sanctions_and_the_military_aid_scheme(found):
    items = found["member_vs_bloc"]
    assert {tuple(c.labels) for c in items} == {("Slovakia",)}  # the EU, whose claims are evidence, holds none
    sanctions = [c for c in items if ids(c) == {"eu-sanctions-russia", "slovakia-attacks-eu-sanctions"}]
    assert len(sanctions) == 2  # the EU's sanctions as reported in 2022 and in 2025, the same claim id in two articles
    assert any("Fico also attacked EU sanctions on Russia" in (q or "") for q in quotes(sanctions[0]).values())
    scheme = pair(items, "eu-proposes-military-financing-scheme", "slovakia-refuses-eu-military-aid-scheme")
    assert quotes(scheme)["eu-proposes-military-financing-scheme"] == "the proposed EU military financing scheme"
    assert {e.actor: e.stance for e in scheme.evidence} == {"European Union": "supports", "Slovakia": "opposes"}
    # every pair is Slovakia's claim while a member (since 2004-05-01) against the EU's
    assert all(e.date[:10] >= "2004-05-01" for c in items for e in c.evidence if e.actor == "Slovakia")
    assert all({e.actor for e in c.evidence} == {"Slovakia", "European Union"} for c in items)


def test_tie_against_position_serbia_ally_of_russia_says_crimea_is_ukraine(found):
    c = pair(found["tie_vs_position"], "russia-occupies-crimea", "serbia-crimea-is-ukraine", "serbia-ally-of-russia")
    assert c.labels == ["Serbia"]
    q = quotes(c)
    assert q["serbia-ally-of-russia"] == "Serbia is also Russia’s ally"
    assert q["serbia-crimea-is-ukraine"] == "For us, Crimea is Ukraine"
    assert next(e for e in c.evidence if e.claim.endswith("serbia-ally-of-russia")).speaker == "Aleksandar Vulin"
    assert pair(found["tie_vs_position"], "russia-occupies-crimea", "serbia-ally-of-russia",
                "serbia-condemns-russian-aggression")


def test_tie_against_position_saudi_arabia_strategic_partner_of_the_us_backs_the_output_cut(found):
    c = pair(found["tie_vs_position"], "us-lobbies-against-opec-plus-cut", "saudi-arabia-strategic-partner-of-us",
             "saudi-arabia-defends-opec-plus-cut")
    assert c.labels == ["Saudi Arabia"]
    assert quotes(c)["saudi-arabia-strategic-partner-of-us"] == 'He described Saudi ties with the US as "strategic"'
    assert {e.actor: e.stance for e in c.evidence if e.kind == "statement"} == {
        "United States": "opposes", "Saudi Arabia": "supports"}


def test_tie_against_position_marks_only_the_tie_holder(found):
    items = found["tie_vs_position"]
    for c in items:
        holders = {e.actor for e in c.evidence if e.kind == "tie"}
        assert set(c.labels) == holders  # Russia and the US, whose positions are evidence, are not marked for them
    assert {"Iran", "Serbia", "Saudi Arabia"} <= {c.labels[0] for c in items}


def test_entity_against_state_republika_srpska_refuses_the_sanctions_bosnia_has_joined(found):
    items = found["entity_vs_state"]
    statement = pair(items, "republika-srpska-rejects-joining-western-sanctions", "bosnia-joins-eu-sanctions")
    q = quotes(statement)
    assert q["republika-srpska-rejects-joining-western-sanctions"] == (
        "What we are doing in the current circumstances is that we reject any possibility of joining Western "
        "sanctions against Russia")
    assert q["bosnia-joins-eu-sanctions"] == "Bosnia as a nation has joined the EU sanctions against Moscow"
    assert {e.actor: (e.kind, e.stance, e.speaker) for e in statement.evidence} == {
        "Republika Srpska": ("statement", "opposes", "Milorad Dodik"),
        "Bosnia and Herzegovina": ("action", "supports", None)}
    # the entity's refusal as an action departs from its state too; the two are all there is
    action = pair(items, "republika-srpska-refuses-western-sanctions", "bosnia-joins-eu-sanctions")
    assert quotes(action)["republika-srpska-refuses-western-sanctions"].startswith(
        "reaffirmed the entity's refusal to join Western sanctions against Moscow")
    assert len(items) == 2
    # only the entity holds it: Bosnia's claim is the evidence, not a departure of Bosnia's
    assert all(c.labels == ["Republika Srpska"] and c.origin == "entity_vs_state" and not c.curated for c in items)


def test_a_declared_neutrality_that_refuses_measures_is_no_hedge(found):
    # Brazil, neutral in the war, hedges by voting to condemn the invasion and the
    # annexations; refusing sanctions or arms is how a neutral state acts
    brazil = {frozenset(ids(c)) for c in found["hedging"] if c.labels == ["Brazil"]}
    assert brazil == {frozenset({"brazil-neutral-in-the-war", "brazil-votes-yes-s-2022-155"}),
                      frozenset({"brazil-neutral-in-the-war", "brazil-votes-yes-a-res-es-11-4"})}
    assert not [c for c in found["hedging"] if c.labels == ["Indonesia"]]


def test_adversaries_agreeing_on_a_broader_question_do_not_side_with_each_other(found):
    # the US, which sanctions Iran, opposes arms for Russia while Iran opposes the war:
    # no tie against position, since neither takes the other's side on one issue
    assert not [c for c in found["tie_vs_position"] if c.labels == ["United States"]]
