"""What the page's script reads: actors, dated lines, claims with their quotes, and contradictions.

Plain data for one JSON block, in a fixed order (the same graph gives the same
block). Each claim is written once, in ``claims``, with its quote, speaker, source
and date; lines, actors and contradictions refer to claims by their index in it.

- ``nodes``: each actor with its place (``kg.views.layout``), the names it is found
  by (normalised as ``kg.terms.names.normalise`` does), the days it is in the view
  (``at``, see ``kg.views.history.presence``), its own statements and actions
  (``own``: the latest of each issue, a claim's index or [index, the documents that
  report its words too]; ``left``: how many more, see ``_own``) and the contradictions it holds (``contradictions``): those of whose
  claims it is the actor or claimant, not those that merely name it.
- ``lines``: what is drawn between two actors, with its members and their days.
- ``tensions``: the contradictions a reader counts, strongest first (``kg.analysis.tensions``):
  type, label, origin, summary (its latest note), strength, actors, and its pairs in
  groups that the page shows or hides together, as [first pair, number of pairs]
  (``kg.views.findings``).
- ``contradictions``: the pairs of claims the page carries, at most ``findings.PAIRS``
  of each group: the tension's index, type, label, note, holders, issues, the day of
  the last claim (the slider shows it from then on), and the claims with their quotes.
- ``days``, ``kinds``: the slider's days (the last the export's own: ``null`` for all
  dates) and the kinds of position the view can be made from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from kg.analysis import tensions
from kg.analysis.contradictions import Contradiction
from kg.terms.names import normalise
from kg.views import drawing, findings, history, layout

OWN = 20  # as graph.js's MOST.own: the latest positions on one issue an actor's panel shows


@dataclass
class Figures:
    """What the page shows when it opens (the export's own view, no filter)."""

    actors: int = 0
    lines: int = 0  # lines between actors
    contested_lines: int = 0
    stance_lines: int = 0
    flagged: list[str] = field(default_factory=list)


def _claim_details(data, titles: dict, wanted: set[str], contradictions: list[Contradiction]) -> dict[str, dict]:
    """Everything known of the ``wanted`` claims: quote, speaker, source (and its title), date, actor, kind, stance,
    subject."""
    from kg.analysis import stances

    found: dict[str, dict] = {}
    label = data.actors.label
    for p in data.positions:
        if p.claim in wanted:
            found[p.claim] = {"quote": p.quote, "source": p.source, "date": p.shown_date, "actor": label(p.actor),
                              "kind": p.kind, "stance": p.stance, "issue": p.issue, "about": data.scheme.label(p.issue),
                              "date_basis": p.basis, "speaker": p.speaker}
    for t in data.ties:
        if t["claim"] in wanted:
            found[t["claim"]] = {"quote": t["quote"], "source": t["source"], "actor": label(t["actor"]),
                                 "date": stances.shown_date(t["date"], t["precision"]), "date_basis": t["basis"],
                                 "kind": "tie" if t["quote"] is not None else "membership", "stance": t["tie_label"],
                                 "about": label(t["target"]), "speaker": t.get("speaker")}
    for c in contradictions:
        for e in c.evidence:
            if e.claim in wanted and e.claim not in found:
                found[e.claim] = {"quote": e.quote, "source": e.source, "date": e.date, "actor": e.actor,
                                  "kind": e.kind, "stance": e.stance, "about": e.subject, "issue": e.issue,
                                  "date_basis": e.basis, "speaker": e.speaker}
    for entry in found.values():
        if titles.get(entry["source"]):
            entry["title"] = titles[entry["source"]]
    return found


def _words(p) -> tuple:
    """What a reader reads of a position: whose, on what, of which kind and stance, in which words, dated when.
    Positions with the same words reported by several documents are one item of the page."""
    return (p.actor, p.issue, p.kind, p.stance, p.quote, p.shown_date)


def _own(data, nodes, as_of: str | None, days: list) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list]]:
    """Each actor's own statements and actions that the page carries, and how many it leaves out.

    The same words (issue, kind, stance, quote and date) reported by several documents
    are one item, its latest claim with the number of the others: (claim, copies). An
    actor's panel shows, of each issue, its latest ``OWN`` items of the kind and up to
    the day chosen. So of each issue, kind and first day of the slider on which an item
    shows, the latest ``OWN`` are carried (whatever is chosen, the latest ``OWN`` in view
    are among them), in the order of ``data.positions``; of the others only the number
    of their claims, as [issue label, issue, kind, first day, number].
    """
    dated = days[:-1]
    items: dict[tuple, list] = {}  # (actor, words) -> [its latest claim, its order, claims]
    for n, p in enumerate(data.positions):  # by date and claim: the latest last
        if p.actor in nodes and (as_of is None or p.date <= as_of):
            item = items.setdefault(_words(p), [None, 0, 0])
            item[0], item[1], item[2] = p.claim, n, item[2] + 1
    groups: dict[str, dict[tuple, list]] = {}
    for (actor, issue, kind, _, _, shown), item in sorted(items.items(), key=lambda kv: kv[1][1]):
        key = (issue, kind, bisect.bisect_left(dated, shown))  # graph.js compares the shown date
        groups.setdefault(actor, {}).setdefault(key, []).append(item)
    own: dict[str, list[tuple[str, int]]] = {}
    left: dict[str, list] = {}
    for actor, by_key in groups.items():
        for (issue, kind, day), found in by_key.items():
            if len(found) > OWN:
                left.setdefault(actor, []).append([data.scheme.label(issue), issue, kind, day,
                                                   sum(claims for *_, claims in found[:-OWN])])
        kept = sorted((item for found in by_key.values() for item in found[-OWN:]), key=lambda item: item[1])
        own[actor] = [(claim, claims - 1) for claim, _, claims in kept]
    return own, left


def _fold_evidence(data, lines: list, by_claim: dict[str, set[int]]) -> dict[int, list[tuple[str, int]]]:
    """Each line member's evidence with the same words reported by several documents as one item: its first
    claim and the number of the others (as ``_own`` does for an actor's own); the pairs a left-out claim is
    in are marked on the claim that stands for it, so that a line rests on a contradiction as before."""
    words: dict[str, tuple] = {p.claim: _words(p) for p in data.positions}
    for t in data.ties:
        words[t["claim"]] = (t["actor"], t["target"], t["tie"], t["quote"], t["date"], t["precision"], t.get("speaker"))
    folded = {}
    for line in lines:
        for m in line.members.values():
            items: dict[tuple, list[str]] = {}
            for e in m.evidence:
                claim = str(e.get("claim"))
                items.setdefault(words.get(claim, (claim,)), []).append(claim)
            folded[id(m)] = []
            for same in items.values():
                first = min(same)
                for other in same:
                    if other != first and other in by_claim:
                        by_claim.setdefault(first, set()).update(by_claim[other])
                folded[id(m)].append((first, len(same) - 1))
    return folded


def _search_names(data) -> dict[str, list[str]]:
    """Every name an actor is found by, normalised; an official's names also find whom he speaks for."""
    names: dict[str, set[str]] = {}
    for actor in data.actors.actors.values():
        for owner in filter(None, (actor.iri, actor.acts_for)):
            names.setdefault(owner, set()).update(normalise(n) for n in actor.names() if n)
    return {k: sorted(v) for k, v in names.items()}


def assemble(past: history.History, data, contradictions: list[Contradiction], titles: dict[str, str],
             focus: str | None = None, issue: str | None = None, as_of: str | None = None) -> tuple[dict, Figures]:
    """The page's data block for the views of ``past`` (``kg.views.history.collect``), and its opening figures."""
    nodes = past.nodes
    within = data.scheme.narrower_or_self(issue) if issue else None
    kept = [c for c in contradictions if within is None or within & set(c.issues)]
    kept = [c for c in kept if any(a.iri in nodes for a in c.actors)]
    out_tensions, out_contradictions, by_claim = findings.carried(tensions.gather(kept), nodes, past.days)
    lines = [past.lines[k] for k in sorted(past.lines, key=lambda k: tuple(map(str, k)))]
    own, left = _own(data, nodes, as_of, past.days)
    evidence = _fold_evidence(data, lines, by_claim)
    claims = sorted({c for folded in evidence.values() for c, _ in folded}
                    | {c for cs in own.values() for c, _ in cs} | {c for pair in out_contradictions for c in pair["claims"]})
    index = {claim: i for i, claim in enumerate(claims)}
    details = _claim_details(data, titles, set(claims), kept)
    table = []
    for claim in claims:
        table.append({k: v for k, v in details.get(claim, {}).items() if v is not None})
    for pair in out_contradictions:
        pair["claims"] = [index[claim] for claim in pair["claims"]]
    for claim, found in by_claim.items():
        if claim in index:
            table[index[claim]]["contradictions"] = sorted(found)

    placed = _place(nodes, lines, focus)
    names = _search_names(data)
    held: dict[str, list[int]] = {}  # actor -> the contradictions it holds, by index (thousands on a large graph)
    for n, pair in enumerate(out_contradictions):
        for holder in dict.fromkeys(pair["holders"]):
            held.setdefault(holder, []).append(n)
    out_nodes = []
    for node in sorted(nodes):
        attrs = nodes[node]
        entry = {"id": node, "label": str(attrs.get("label") or node), "type": attrs.get("type") or "other",
                 "x": placed[node][0], "y": placed[node][1], "at": history.presence(past.node_days[node], past.kinds)}
        if attrs.get("type") != "issue":
            entry["names"] = names.get(node, [normalise(entry["label"])])
            entry["own"] = [[index[c], copies] if copies else index[c] for c, copies in own.get(node, [])]
            if left.get(node):
                entry["left"] = left[node]
            entry["contradictions"] = held.get(node, [])
        if attrs.get("iso"):
            entry["iso"] = attrs["iso"]
        out_nodes.append(entry)
    out_lines = []
    for n, line in enumerate(lines):
        members = []
        for ident in sorted(line.members, key=str):
            m = line.members[ident]
            member = {"relation": m.relation, "weight": m.weight, "at": history.presence(m.days, past.kinds),
                      "claims": [[index[c], copies] if copies else index[c] for c, copies in evidence[id(m)]]}
            member.update({k: v for k, v in (("issue", m.issue), ("kind", m.kind)) if v})
            members.append(member)
        entry = {"id": f"l{n}", "from": line.source, "to": line.target, "kind": line.kind, "sign": line.sign,
                 "members": members}
        if line.stance:
            entry["stance"] = line.stance
        out_lines.append(entry)
    issues = sorted({m.issue for line in lines for m in line.members.values() if m.issue} | {i for c in kept for i in c.issues}
                    | ({issue} if issue else set()))
    block = {
        "days": past.days, "kinds": [history.key(k) for k in past.kinds], "focus": focus, "issue": issue,
        "issues": {i: {"label": data.scheme.label(i), "within": sorted(data.scheme.narrower_or_self(i))} for i in issues},
        "claims": table, "nodes": out_nodes, "lines": out_lines, "tensions": out_tensions,
        "contradictions": out_contradictions,
        "style": drawing.style(),
    }
    return block, _figures(block)


def _place(nodes: dict, lines: list, focus: str | None) -> dict[str, tuple]:
    """Every node's place, drawn from every line of every day, so that nothing moves with the slider."""
    # friends close, rivals apart: a pair pulls by its strongest line, not by how many lines join it
    pull = {(1, "tie"): 1.0, (1, "alignment"): 0.3, (-1, "tie"): 0.15, (-1, "alignment"): 0.1, (0, "stance"): 0.2}
    pairs: dict[tuple, float] = {}
    for line in lines:
        pair = tuple(sorted((line.source, line.target)))
        pairs[pair] = max(pairs.get(pair, 0.0), pull.get((line.sign, line.kind), 0.2))
    labels = {n: str(a.get("label") or n) for n, a in nodes.items()}
    sizes = {n: float(drawing.NODE_STYLE.get(a.get("type"), drawing.NODE_STYLE["other"])["size"])
             for n, a in nodes.items()}
    if focus in sizes:
        sizes[focus] = float(drawing.FOCUS_SIZE)
    return layout.positions(sorted(nodes), [(a, b, w) for (a, b), w in sorted(pairs.items())], labels, sizes, focus)


def _last(at, kind: str = "") -> set[int]:
    spans = at if isinstance(at, list) else at.get(kind, [])
    return {d for s, e in zip(spans[::2], spans[1::2]) for d in range(s, e)}


def _figures(block: dict) -> Figures:
    """The opening view's figures: the whole view (every kind of position) on the export's own day."""
    final = len(block["days"]) - 1
    shown = {n["id"] for n in block["nodes"] if final in _last(n["at"]) and n["type"] != "issue"}
    figures = Figures(actors=len(shown))
    in_view = {i for i, c in enumerate(block["contradictions"]) if set(c["holders"]) & shown}
    for line in block["lines"]:
        present = [m for m in line["members"] if final in _last(m["at"])]
        if not present:
            continue
        if line["kind"] == "stance":
            figures.stance_lines += 1
        else:
            figures.lines += 1
        claims = {c if isinstance(c, int) else c[0] for m in present for c in m["claims"]}
        if any(set(block["claims"][c].get("contradictions", ())) & in_view for c in claims):
            figures.contested_lines += 1
    labels = {n["id"]: n["label"] for n in block["nodes"]}
    figures.flagged = sorted({labels[h] for i in in_view for h in block["contradictions"][i]["holders"] if h in shown})
    return figures
