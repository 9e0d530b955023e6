"""The page carries what a reader can see: each tension's pairs and each actor's positions up to the click caps."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from kg.analysis import contradictions, tensions
from kg.terms import dates
from kg.views import exports, findings, history, pagedata

SERBIA = "https://w3id.org/state-alignments/id/actor/serbia"


@pytest.fixture(scope="module")
def serbia(store):
    data = exports.focus_inputs(store, "Serbia")[0]
    past = history.collect(data, SERBIA)
    found = tensions.gather(contradictions.find(store))
    return data, past, found


def _signature(pair: dict, days: list) -> tuple:
    """What decides whether the page shows a pair: the first day it counts on, its issues and its holders."""
    first = next((i for i, d in enumerate(days[:-1]) if pair["last"] <= d), len(days) - 1)
    return pair["tension"], first, tuple(pair["issues"]), tuple(pair["holders"])


def test_every_pair_is_carried_while_a_group_holds_no_more_than_a_click_shows(serbia):
    data, past, found = serbia
    out, pairs, by_claim = findings.carried(found, past.nodes, past.days)
    assert len(out) == len(found) == 35 and len(pairs) == sum(len(t.pairs) for t in found) == 118
    assert [t["summary"] for t in out] == [t.note or "" for t in found]
    assert all(sum(n for _, n in t["groups"]) == len(found[i].pairs) for i, t in enumerate(out))
    # a claim points to the pairs it is a claim of
    assert all(claim in pairs[i]["claims"] for claim, held in by_claim.items() for i in held)


def test_a_large_tension_carries_the_first_pairs_of_each_group_and_counts_the_rest(serbia, monkeypatch):
    data, past, found = serbia
    monkeypatch.setattr(findings, "PAIRS", 2)
    out, pairs, by_claim = findings.carried(found, past.nodes, past.days)
    counts = Counter(_signature(p, past.days) for p in pairs)
    assert max(counts.values()) == 2 and len(pairs) == 109  # of 118
    for n, t in enumerate(out):
        # the groups count every pair of the tension; each group's first pair is carried and stands for it
        assert sum(count for _, count in t["groups"]) == len(found[n].pairs)
        assert [pairs[first]["tension"] for first, _ in t["groups"]] == [n] * len(t["groups"])
        assert len({_signature(pairs[first], past.days) for first, _ in t["groups"]}) == len(t["groups"])
    # a claim of a pair left out points to the carried pair of its group: shown exactly when its own pair would be
    for n, t in enumerate(found):
        for c in t.pairs:
            last = max(dates.known_from(e.date[:10], e.precision, e.reported) for e in c.evidence)
            own = _signature({"tension": n, "last": last, "issues": c.issues,
                              "holders": findings._holders(c, past.nodes)}, past.days)
            assert all(own in {_signature(pairs[i], past.days) for i in by_claim[e.claim]} for e in c.evidence)


def test_an_actor_carries_its_latest_positions_of_each_issue_kind_and_day_and_counts_the_others(serbia, monkeypatch):
    data, past, _ = serbia
    own, left = pagedata._own(data, past.nodes, None, past.days)
    assert left == {} and len(own[SERBIA]) == sum(p.actor == SERBIA for p in data.positions) == 25
    monkeypatch.setattr(pagedata, "OWN", 1)
    own, left = pagedata._own(data, past.nodes, None, past.days)
    mine = [p for p in data.positions if p.actor == SERBIA]
    carried = [p for p in mine if (p.claim, 0) in own[SERBIA]]
    # the latest of each issue, kind and first day, in the order of the positions
    assert own[SERBIA] == [(p.claim, 0) for p in carried]  # no two documents of the seeds report the same words
    assert len(carried) == 23 and left[SERBIA] == [
        ["Western measures against Russia", "measures-against-russia", "statement", 41, 1],
        ["Sanctions against Russia", "sanctions-against-russia", "statement", 41, 1]]
    assert all(label == data.scheme.label(issue) for label, issue, *_ in left[SERBIA])


def test_a_pair_repeating_the_words_of_another_comes_after_the_different_ones_and_is_only_counted(serbia):
    _, past, found = serbia
    t = next(t for t in found if len(t.pairs) >= 2)
    first, other = t.pairs[:2]
    # the same two sentences reported by another document: other claims, another source
    copy = dataclasses.replace(first, iri=first.iri + "-copy", evidence=tuple(
        dataclasses.replace(e, claim=e.claim + "-copy", source="copy.txt") for e in first.evidence))
    assert findings._distinct_first([first, copy, other]) == [first, other, copy]
    # the copy is counted with its group, not carried again: its claims point to the pair with its words
    out, pairs, by_claim = findings.carried([dataclasses.replace(t, pairs=(first, copy, other))], past.nodes, past.days)
    assert len(pairs) == 2 and sum(n for _, n in out[0]["groups"]) == 3
    assert pairs[0]["claims"] == [e.claim for e in first.evidence]
    assert all(by_claim[e.claim] == {0} for e in copy.evidence)


def test_the_same_words_reported_by_several_documents_are_one_item(serbia):
    data, past, _ = serbia
    first = next(p for p in data.positions if p.actor == SERBIA)
    copy = dataclasses.replace(first, claim=first.claim + "-copy", source="copy.txt")
    data = dataclasses.replace(data, positions=[first, copy] + [p for p in data.positions if p is not first])
    own, left = pagedata._own(data, past.nodes, None, past.days)
    # the latest claim stands for its words, with the number of the other documents
    assert own[SERBIA][0] == (copy.claim, 1) and first.claim not in {c for c, _ in own[SERBIA]}
    assert len(own[SERBIA]) == 25 and left == {}


def test_a_line_lists_the_same_words_from_several_documents_once_and_keeps_their_contradictions(serbia):
    data, past, _ = serbia
    line = next(line for line in past.lines.values() if line.kind == "tie" and line.source == SERBIA)
    member = next(iter(line.members.values()))
    report = member.evidence[0]
    tie = next(t for t in data.ties if t["claim"] == report["claim"])
    copy = report["claim"] + "-copy"  # the same sentence in another document, in a pair of its own
    copied = dataclasses.replace(member, evidence=[{**report, "claim": copy, "source": "copy.txt"}, *member.evidence])
    lines = [dataclasses.replace(line, members={"tie": copied})]
    data = dataclasses.replace(data, ties=[*data.ties, {**tie, "claim": copy, "source": "copy.txt"}])
    by_claim = {copy: {7}}
    folded = pagedata._fold_evidence(data, lines, by_claim)[id(copied)]
    first = min(report["claim"], copy)
    assert folded[0] == (first, 1) and len(folded) == len(member.evidence)
    assert 7 in by_claim[first]
