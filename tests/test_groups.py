"""Claim groups: one fact reported by several claims counts once, with all its sources."""

from __future__ import annotations

from kg.analysis import groups, network, stances

CLAIM = "https://w3id.org/state-alignments/id/claim/"


def _fact(claim, start, precision, source, key=("serbia", "action", "veto", "srebrenica", "opposes", None, None)):
    return groups.Dated(key, start, precision, source, claim)


def test_periods_that_nest_are_compatible_and_others_are_not():
    year = _fact("a", "2015-01-01", "year", "a.txt")
    july = _fact("b", "2015-07-01", "month", "b.txt")
    august = _fact("c", "2015-08-01", "month", "c.txt")
    day = _fact("d", "2015-07-08", "day", "d.txt")
    assert groups.compatible(year, july) and groups.compatible(july, day) and groups.compatible(year, day)
    assert not groups.compatible(july, august) and not groups.compatible(august, day)
    assert not groups.compatible(day, _fact("e", "2015-07-09", "day", "e.txt"))
    assert year.end == "2015-12-31" and july.end == "2015-07-31" and day.end == "2015-07-08"


def test_a_group_holds_only_claims_compatible_with_every_member_whatever_their_order():
    facts = [_fact("year", "2015-01-01", "year", "y.txt"), _fact("july", "2015-07-01", "month", "j.txt"),
             _fact("august", "2015-08-01", "month", "a.txt"), _fact("day", "2015-07-08", "day", "d.txt"),
             _fact("other", "2015-07-08", "day", "o.txt", key=("serbia", "statement", None, "srebrenica", "opposes", None, None))]
    for order in (facts, facts[::-1], facts[2:] + facts[:2]):
        found = sorted(sorted(g.claims) for g in groups.group(order, lambda f: f))
        assert found == [["august"], ["day", "july", "year"], ["other"]]
    held = next(g for g in groups.group(facts, lambda f: f) if len(g.items) == 3)
    assert held.first.claim == "day" and held.sources == ["d.txt", "j.txt", "y.txt"]


def test_on_the_seeds_two_reports_of_one_fact_are_one_group_whoever_voiced_them(store):
    found = groups.group(stances.positions(store), groups.of_position)
    by_claim = groups.by_claim(found)
    # Vulin and Vučić each said Serbia will not impose sanctions, in one article on one day: one fact
    vulin = by_claim[CLAIM + "004_2c0c4e712b805dba/serbia-will-never-impose-sanctions-on-russia"]
    assert sorted(c.rsplit("/", 1)[-1] for c in vulin.claims) == [
        "serbia-will-never-impose-sanctions-on-russia", "vucic-sanctions-not-in-national-interest"]
    assert {p.speaker for p in vulin.items} == {"Aleksandar Vulin", "Aleksandar Vučić"}
    # the annexation of Crimea in March 2014, reported by two articles: one group, both sources
    crimea = by_claim[CLAIM + "000_30f026fe9a52209e/russia-annexes-crimea"]
    assert crimea.sources == ["000_30f026fe9a52209e.txt", "002_6c2ca3a879d015f2.txt"]
    # Serbia's votes against two Crimea resolutions, two years apart, stay two facts
    assert by_claim[CLAIM + "002_6c2ca3a879d015f2/serbia-votes-no-a-res-72-190"] is not \
        by_claim[CLAIM + "002_6c2ca3a879d015f2/serbia-votes-no-a-res-74-17"]


def test_a_tie_reported_twice_is_one_edge_with_both_quotes(store):
    view = network.view(store)
    serbia, russia = "https://w3id.org/state-alignments/id/actor/serbia", "https://w3id.org/state-alignments/id/actor/russia"
    friendly = [d for u, v, d in view.edges(data=True) if (u, v) == (serbia, russia)
                and d.get("tie") == "friendly-relations" and d["evidence"][0]["source"] == "003_245f69ef19e28a49.txt"]
    assert len(friendly) == 1
    assert sorted(e["claim"].rsplit("/", 1)[-1] for e in friendly[0]["evidence"]) == [
        "serbia-grateful-for-russian-help", "serbia-russia-strong-relations"]
