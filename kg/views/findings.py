"""The page's contradictions: one finding per tension, with as many of its pairs as a click can show.

A tension (``kg.analysis.tensions``) is what a reader counts as one contradiction; it
may gather thousands of claim pairs (one sentence repeated by many articles), and a
click shows at most ``PAIRS`` of them. So the page carries, for each tension, its
pairs grouped by what decides whether the page shows a pair — the first day of the
slider it counts on, its issues (the issue filter) and its holders (the actors in
view) — and of each group the first ``PAIRS`` pairs in the model's order, with the
group's full count. A pair that repeats the words of a carried one (the same two
sentences reported by other documents) is counted, not carried again, and the pairs
with other words come first. Whatever the day, issue and actors, the first
``PAIRS`` different pairs in view are then carried, and the counts are exact; the
page grows with the tensions and the slider's days, not with the pairs. A claim of a
pair left out points to the carried pair with its words, or else to its group's first
pair: either is in view exactly when its own pair would be.
"""

from __future__ import annotations

import bisect

from kg.analysis.contradictions import Contradiction
from kg.analysis.tensions import Tension
from kg.terms import dates

PAIRS = 20  # as graph.js's MOST.pairs: the pairs of one finding a click shows


def _holders(c: Contradiction, nodes) -> list[str]:
    """The actors whose own claims the contradiction sets against each other (all it involves, if none is)."""
    speaking = {e.actor for e in c.evidence}
    held = [a.iri for a in c.actors if a.label in speaking and a.iri in nodes]
    return held or [a.iri for a in c.actors if a.iri in nodes]


def _words(c: Contradiction) -> tuple:
    """What a reader reads of a pair: its claims' actors, kinds, stances, subjects, quotes and dates."""
    return tuple((e.actor, e.kind, e.stance, e.subject, e.quote, e.date) for e in c.evidence)


def _distinct_first(pairs) -> list[Contradiction]:
    """The pairs, each the first with its words before those that repeat one (the same two sentences reported
    by other documents): a click shows as many different pairs as it can."""
    seen, first, again = set(), [], []
    for c in pairs:
        words = _words(c)
        (again if words in seen else first).append(c)
        seen.add(words)
    return first + again


def carried(found: list[Tension], nodes, days: list) -> tuple[list[dict], list[dict], dict[str, set[int]]]:
    """(tensions, pairs, claim -> pair indices) for the page: see the module.

    ``found`` are the tensions, strongest first; ``nodes`` the actors of the view;
    ``days`` the slider's days (the last, the export's own, shows every pair).
    """
    dated = days[:-1]
    tensions, pairs, by_claim = [], [], {}
    for n, t in enumerate(found):
        # (first day, issues, holders) -> [its first pair, its pairs, pairs carried, words -> the pair carried]
        groups: dict[tuple, list] = {}
        notes = t.note or ""  # a tension's note looks at all its pairs: once, not once per pair
        for c in _distinct_first(t.pairs):
            holders = _holders(c, nodes)
            last = max(dates.known_from(e.date[:10], e.precision, e.reported) for e in c.evidence)
            key = (bisect.bisect_left(dated, last), tuple(c.issues), tuple(holders))
            group = groups.get(key)
            if group is None:
                group = groups[key] = [len(pairs), 0, 0, {}]
            group[1] += 1
            words = _words(c)
            if words in group[3]:  # the same two sentences from other documents: counted, not carried again
                target = group[3][words]
            elif group[2] < PAIRS:
                group[2] += 1
                target = group[3][words] = len(pairs)
                pairs.append({"tension": n, "type": c.type, "label": c.type_label, "note": c.note or "",
                              "holders": holders, "issues": c.issues, "last": last,
                              "claims": [e.claim for e in c.evidence]})
            else:
                target = group[0]
            for e in c.evidence:
                by_claim.setdefault(e.claim, set()).add(target)
        tensions.append({"type": t.type, "label": t.type_label, "origin": t.pairs[0].origin, "summary": notes,
                         "strength": round(t.strength, 3), "actors": t.labels,
                         "groups": [[first, count] for first, count, *_ in groups.values()]})
    return tensions, pairs, by_claim
