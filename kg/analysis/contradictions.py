"""Contradictions as a reader sees them: type, actors, origin and both claims' evidence.

The catalogue query ``contradictions`` gives one row per claim a contradiction links;
this module groups the rows into one record per contradiction, the earlier claim
first. Curated contradictions come from the annotation files; derived ones name the
rule that produced them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kg.catalogue import files as catalogue
from kg.catalogue import results
from kg.catalogue import run as query

TYPES = ("rhetoric_vs_action", "reversal_over_time", "source_dispute", "rival_ties")
ACTORS_SEPARATOR = "; "  # as in the GROUP_CONCAT of queries/contradictions.rq


@dataclass
class Evidence:
    """One claim of a contradiction, with its quote and where it comes from."""

    claim: str
    actor: str | None
    kind: str
    stance: str | None
    subject: str | None
    date: str
    quote: str | None
    source: str


@dataclass
class Contradiction:
    iri: str
    type: str
    actors: list[str]
    origin: str  # "curated" or the name of the rule that derived it
    note: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def curated(self) -> bool:
        return self.origin == "curated"

    def to_json(self) -> dict:
        return {
            "id": self.iri,
            "type": self.type,
            "actors": self.actors,
            "origin": self.origin,
            "curated": self.curated,
            "note": self.note,
            "evidence": [asdict(e) for e in self.evidence],
        }


def find(store, actor: str | None = None, type: str | None = None) -> list[Contradiction]:
    """Every contradiction, or those involving ``actor`` (name, alias or ISO code) or of one ``type``."""
    values = {k: v for k, v in (("actor", actor), ("type", type)) if v}
    result = query.run(store, catalogue.load("contradictions"), values)
    found: dict[str, Contradiction] = {}
    for row in results.rows(result):
        iri = row["contradiction"]
        item = found.get(iri)
        if item is None:
            actors = sorted(set((row["actors"] or "").split(ACTORS_SEPARATOR)) - {""})
            item = found[iri] = Contradiction(iri, row["contradiction_type"], actors, row["origin"], row["note"])
        item.evidence.append(
            Evidence(
                claim=row["claim"],
                actor=row["claim_actor"],
                kind=row["kind"],
                stance=row["stance"],
                subject=row["subject"],
                date=row["date"],
                quote=row["quote"],
                source=row["source"],
            )
        )
    for item in found.values():
        item.evidence.sort(key=lambda e: (e.date, e.claim))
    return sorted(found.values(), key=lambda c: (TYPES.index(c.type) if c.type in TYPES else len(TYPES), c.actors, c.evidence[0].date, c.iri))


def rows(items: list[Contradiction], repeat: bool = False) -> list[dict]:
    """One row per claim; the contradiction's own columns on its first claim only, unless ``repeat``."""
    out = []
    for n, item in enumerate(items, start=1):
        for i, ev in enumerate(item.evidence):
            first = repeat or i == 0
            out.append(
                {
                    "#": n if first else None,
                    "type": item.type if first else None,
                    "origin": item.origin if first else None,
                    "actors": ", ".join(item.actors) if first else None,
                    "date": ev.date,
                    "claim by": ev.actor,
                    "kind": ev.kind,
                    "stance": ev.stance,
                    "on": ev.subject,
                    "quote": ev.quote,
                    "source": ev.source,
                }
            )
    return out


COLUMNS = ["#", "type", "origin", "actors", "date", "claim by", "kind", "stance", "on", "quote", "source"]


def render(items: list[Contradiction], fmt: str = "table") -> str:
    """Contradictions for people (a table with whole quotes) or scripts (CSV, TSV, JSON)."""
    from kg.views import tables as renderer

    if fmt == "json":
        return renderer.render([], COLUMNS, "json", json_value=[c.to_json() for c in items])
    if fmt == "table":
        return renderer.table(rows(items), COLUMNS, max_width=400)
    return renderer.render(rows(items, repeat=True), COLUMNS, fmt)
