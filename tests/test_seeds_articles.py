"""The real articles shipped in the seeds beyond Serbia and Iran: what a user reads of each cross-pressured state."""

from __future__ import annotations

import hashlib

import pytest
import yaml

import kg
from kg import paths

NEW_STATES = ["South Africa", "India", "Israel", "Mexico", "Brazil", "Slovakia", "Saudi Arabia", "Indonesia"]


@pytest.fixture(scope="module")
def g():
    graph = kg.open()
    yield graph
    graph.close()


def _rows(g, query, **params) -> list[dict]:
    return g.query(query, **params).rows


def _positions(g, actor) -> set[tuple]:
    """(issue label, stance, kind, speaker, quote) of an actor's positions."""
    return {(r["issue_label"], r["stance"], r["kind"], r["speaker_label"], r["quote"]) for r in _rows(g, "positions", actor=actor)}


def test_the_seeds_hold_at_least_13_articles_on_at_least_8_states(g):
    summary = kg.validate()
    assert summary.documents == 16
    covered = {"Serbia", "Iran"} | {state for state in NEW_STATES if _rows(g, "positions", actor=state)}
    assert covered == {"Serbia", "Iran", *NEW_STATES}


def test_each_new_article_names_its_address_and_is_named_after_it():
    """From 005 on, an article's file is NNN_ and the first 16 hex digits of the SHA-256 of its address."""
    found = 0
    for path in sorted(paths.default_seeds_dir().glob("*.yaml")):
        number = int(path.stem.split("_")[0])
        if number < 5:
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))["document"]
        url = document["url"]
        assert url.startswith("https://"), path
        assert path.stem == f"{number:03d}_{hashlib.sha256(url.encode()).hexdigest()[:16]}"
        assert document["file"] == f"{path.stem}.txt"
        found += 1
    assert found == 11


def test_south_africa_abstains_while_calling_ukraines_integrity_sacrosanct(g):
    positions = _positions(g, "South Africa")
    assert ("Donbas and the other annexed regions as part of Ukraine", "neutral", "action", None,
            ("SA has abstained from a UN General Assembly resolution condemning Russia for its holding of referendums "
             "in four occupied Ukrainian provinces last month before annexing them to Russia")) in positions
    assert ("Ukraine's territorial integrity", "supports", "statement", "Mathu Joyini",
            "Pretoria considered the territorial integrity of Ukraine to be ‘sacrosanct’") in positions


def test_the_vote_on_a_res_es_11_4_splits_the_brics(g):
    """South Africa and China abstain, Brazil votes yes; India's abstention comes from its own envoy's article."""
    stances = {}
    for actor in ("South Africa", "China", "Brazil", "India"):
        rows = _rows(g, "positions", actor=actor, issue="donbas-part-of-ukraine")
        stances[actor] = sorted({(r["stance"], r["kind"]) for r in rows})
    assert stances == {"South Africa": [("neutral", "action")], "China": [("neutral", "action")],
                       "Brazil": [("supports", "action")], "India": [("neutral", "action")]}


def test_india_abstains_twice_and_upholds_territorial_integrity(g):
    rows = _rows(g, "positions", actor="India")
    votes = sorted((r["date"].isoformat(), r["issue_label"]) for r in rows if r["kind"] == "action" and r["stance"] == "neutral")
    assert votes == [("2022-02-25", "Russia's war against Ukraine"),
                     ("2022-10-12", "Donbas and the other annexed regions as part of Ukraine")]
    principle = [r for r in rows if r["issue_label"] == "Territorial integrity of states"]
    assert [(r["stance"], r["speaker_label"]) for r in principle] == [("supports", "Ruchira Kamboj")]
    assert principle[0]["quote"].endswith('"These principles must be upheld, without exception,"')


def test_slovakia_opposes_what_its_bloc_does(g):
    """A member against its bloc: Fico attacks the EU's sanctions and refuses its military-aid scheme."""
    slovakia = {(r["issue_label"], r["stance"], r["speaker_label"]) for r in _rows(g, "positions", actor="Slovakia")}
    eu = {(r["issue_label"], r["stance"]) for r in _rows(g, "positions", actor="EU")}
    assert ("Sanctions against Russia", "opposes", "Robert Fico") in slovakia
    assert ("Military aid to Ukraine", "opposes", "Robert Fico") in slovakia
    assert {("Sanctions against Russia", "supports"), ("Military aid to Ukraine", "supports")} <= eu
    ties = {(r["tie"], r["to"]) for r in _rows(g, "ties", actor="Slovakia")}
    assert ("dependent on for energy", "Russia") in ties
    pair = g.compare("Slovakia", "EU").pairs[0]
    assert pair.agreement < 0 and pair.agree == 0


def test_saudi_arabia_a_strategic_partner_of_the_us_backs_the_cut_the_us_fought(g):
    ties = {(r["tie"], r["to"], r["quote"]) for r in _rows(g, "ties", actor="Saudi Arabia")}
    assert ("strategic partner", "United States", 'He described Saudi ties with the US as "strategic"') in ties
    cut = "The OPEC+ oil output cut of October 2022"
    assert {(r["stance"], r["speaker_label"]) for r in _rows(g, "positions", actor="Saudi Arabia")
            if r["issue_label"] == cut} == {("supports", "Khalid bin Salman"), ("supports", "Faisal bin Farhan")}
    assert {r["stance"] for r in _rows(g, "positions", actor="United States") if r["issue_label"] == cut} == {"opposes"}


def test_israel_keeps_ties_with_russia_condemns_it_and_refuses_weapons_to_ukraine(g):
    ties = {(r["from"], r["tie"], r["to"]) for r in _rows(g, "ties", actor="Israel")}
    assert ties == {("Israel", "friendly relations", "Russia"), ("Israel", "cooperation", "Russia")}
    positions = {(r["issue_label"], r["stance"], r["speaker_label"]) for r in _rows(g, "positions", actor="Israel")}
    assert positions == {("Military aid to Ukraine", "opposes", "Benny Gantz"),
                         ("Support for Ukraine against Russia's invasion", "supports", "Benny Gantz"),
                         ("Russia's war against Ukraine", "opposes", None)}


def test_azerbaijan_an_ally_of_russia_signs_a_gas_memorandum_with_the_eu(g):
    ties = {(r["from"], r["tie"], r["to"]) for r in _rows(g, "ties", actor="Azerbaijan")}
    assert ties == {("Azerbaijan", "ally", "Russia"), ("Russia", "ally", "Azerbaijan"),
                    ("Azerbaijan", "cooperation", "European Union")}


def test_india_and_south_africa_agree_where_brazil_and_south_africa_split(g):
    india = g.compare("India", "South Africa").pairs[0]
    assert india.agreement > 0.5 and india.disagree == 0 and india.shared_issues >= 3
    brazil = g.compare("Brazil", "Mexico").pairs[0]
    assert brazil.agreement > 0.5  # both vote to condemn the invasion, refuse sanctions and ask for peace talks


def test_the_graph_keeps_each_new_articles_address(g):
    rows = g.query("SELECT ?file ?url WHERE { ?d a sa:SourceDocument ; dct:identifier ?file ; dct:source ?url }").rows
    in_graph = {str(r["file"]): str(r["url"]) for r in rows}
    for path in sorted(paths.default_seeds_dir().glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))["document"]
        if "url" in document:
            assert in_graph.pop(document["file"]) == document["url"]
    assert in_graph == {}
