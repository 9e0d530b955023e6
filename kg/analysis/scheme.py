"""The issue scheme as the analysis reads it: each issue's label, broader issues and countered issues.

Read from the graph through ``queries/internal/analysis/issues.rq``; ``kg.analysis.stances``
reads a position as implied on broader and countered issues through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.catalogue import files as catalogue
from kg.terms.names import resolve_issue
from kg.terms.ontology import Issue


@dataclass
class Scheme:
    """The issue scheme: labels, broader issues and countered issues by notation."""

    issues: dict[str, Issue]

    def ancestors(self, notation: str) -> list[str]:
        seen: list[str] = []
        todo = list(self.issues[notation].broader)
        while todo:
            issue = todo.pop(0)
            if issue not in seen:
                seen.append(issue)
                todo.extend(self.issues[issue].broader)
        return seen

    def narrower_or_self(self, notation: str) -> set[str]:
        return {n for n in self.issues if n == notation or notation in self.ancestors(n)}

    def label(self, notation: str) -> str:
        return self.issues[notation].label

    def check(self, name: str) -> str:
        """The notation of an issue given by notation or label; UnknownIssue naming the closest if none."""
        return resolve_issue(name, {n: i.label for n, i in self.issues.items()})

    def select(self, names) -> set[str] | None:
        """The issues the names denote with their narrower issues; None (all) when no names are given."""
        if not names:
            return None
        chosen: set[str] = set()
        for name in names:
            chosen |= self.narrower_or_self(self.check(name))
        return chosen


def scheme(store) -> Scheme:
    """The issue scheme of the graph in ``store``."""
    raw: dict[str, dict] = {}
    for row in store.query(catalogue.internal("analysis/issues").text).dicts():
        notation = str(row["notation"])
        entry = raw.setdefault(notation, {"iri": row["issue"], "label": str(row["label"]), "principle": False,
                                          "broader": set(), "counters": set()})
        entry["principle"] = entry["principle"] or str(row["principle"]).lower() == "true"
        if row["broader"] is not None:
            entry["broader"].add(str(row["broader"]))
        if row["counters"] is not None:
            entry["counters"].add(str(row["counters"]))
    return Scheme(
        {
            n: Issue(e["iri"], n, e["label"], tuple(sorted(e["broader"])), tuple(sorted(e["counters"])), e["principle"])
            for n, e in sorted(raw.items())
        }
    )
