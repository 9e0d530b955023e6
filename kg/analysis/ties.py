"""The ties between given actors, each with its quotes: what ``kg compare`` shows beside the issues.

An agreement score says how often two actors side together on issues; the ties say
what binds or divides them whatever the issue (Serbia is a candidate for the EU, an
ally and a strategic partner of Russia, dependent on it for energy). Ties are read
through ``queries/internal/analysis/ties.rq``: claimed ties with their quotes, and
memberships and candidacies from the reference data (no quote; the register is
their source). A tie counts as of a day as in the network (``network.in_force``); a
tie reported by several claims is one row with all its evidence (a claim group,
``kg.analysis.groups``). An official at one end stands for the state he speaks for
and is named beside it ("Serbia (Aleksandar Vulin)").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kg.analysis import groups, network
from kg.catalogue import run as query
from kg.terms.names import Actor, Roster


@dataclass
class TieRow:
    """One tie between two compared actors, with the claims that report it."""

    actor: str  # label of the actor the tie runs from (an official: "State (Official)")
    tie: str  # the tie type's label, e.g. "ally"
    target: str
    sign: int  # +1 binds, -1 sets against
    evidence: list[dict] = field(default_factory=list)  # as network.tie_evidence: quote, source, date, claim, speaker, date_basis

    def as_dict(self) -> dict:
        return {"actor": self.actor, "tie": self.tie, "target": self.target, "sign": self.sign, "evidence": self.evidence}


def read(store, actors: list[str] | None = None, targets: list[str] | None = None) -> list[dict]:
    """Every claimed tie and membership of the graph (or those from ``actors`` to ``targets``, IRIs), as rows of plain values.

    By actor, target, tie type and claim.
    """
    bindings, where = {}, {}
    for name, iris in (("actor", actors), ("target", targets)):
        if iris is not None:
            bindings[name], where[name] = [URIRef(a) for a in iris], set(iris)
    rows = query.select(store, "analysis/ties", bindings, where)
    return sorted(rows, key=lambda r: (r["actor"], r["target"], r["tie"], r["claim"]))


def between(rows: list[dict], actors: Roster, chosen: list[Actor], pairs: list[tuple[int, int]],
            day: str | None = None) -> list[TieRow]:
    """The ties in force on ``day`` that run between the actors of one of ``pairs`` (indexes into ``chosen``)."""
    index = {a.iri: i for i, a in enumerate(chosen)}
    wanted = {frozenset(p) for p in pairs}

    def side(iri: str) -> tuple[int | None, str]:
        if iri in index:
            return index[iri], actors.label(iri)
        found = actors.get(iri)
        if found is not None and found.type == "official" and found.acts_for in index:
            return index[found.acts_for], f"{actors.label(found.acts_for)} ({found.label})"
        return None, actors.label(iri)

    kept = []
    for row in rows:
        (i, _), (j, _) = side(row["actor"]), side(row["target"])
        if i is not None and j is not None and i != j and frozenset((i, j)) in wanted and network.in_force(row, day):
            kept.append(row)
    out = []
    for held in groups.group(kept, groups.of_tie):
        first = held.first
        out.append(TieRow(side(first["actor"])[1], first["tie_label"], side(first["target"])[1], int(first["sign"]),
                          [network.tie_evidence(r) for r in held.items]))
    return sorted(out, key=lambda t: (t.actor, t.target, -t.sign, t.tie))
