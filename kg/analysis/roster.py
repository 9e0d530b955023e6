"""The actors of the graph, and the names by which a user may refer to them.

Read through ``queries/internal/analysis/actors.rq``; names resolve as in the seeds (label,
id, ISO code or alias, ignoring case and diacritics), and an unknown name raises a
one-line error suggesting the closest names.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from kg.catalogue import files as catalogue
from kg.build.reference import normalise
from kg.errors import UsageError


@dataclass(frozen=True)
class Actor:
    """An actor: its IRI, label, category (state, bloc, official, other) and ISO code."""

    iri: str
    label: str
    type: str
    iso: str | None = None


@dataclass
class Roster:
    actors: dict[str, Actor]  # IRI -> actor
    names: dict[str, str]  # normalised name -> IRI

    def resolve(self, name: str) -> Actor:
        """The actor a name, alias, id or ISO code denotes; UsageError naming the closest if none."""
        key = normalise(str(name))
        if key in self.names:
            return self.actors[self.names[key]]
        labels = sorted({a.label for a in self.actors.values()})
        close = difflib.get_close_matches(str(name), labels, n=3, cutoff=0.5)
        if not close:
            by_key = {normalise(n): self.actors[iri].label for n, iri in self.names.items()}
            close = sorted({by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5)})
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no actor '{name}' in the graph{hint} (names, ISO codes and aliases are accepted)")

    def label(self, iri: str) -> str:
        actor = self.actors.get(iri)
        return actor.label if actor else iri.rsplit("/", 1)[-1]


def load(store) -> Roster:
    """Every actor of the graph in ``store``, with its names."""
    text = catalogue.internal("analysis/actors").text
    actors: dict[str, Actor] = {}
    names: dict[str, str] = {}
    for row in store.query(text).dicts():
        iri = str(row["actor"])
        if iri not in actors:
            iso = row["iso"]
            actors[iri] = Actor(iri, str(row["label"]), str(row["type"]), str(iso) if iso is not None else None)
            names.setdefault(normalise(str(row["label"])), iri)
            names.setdefault(normalise(iri.rsplit("/", 1)[-1]), iri)
            if iso is not None:
                names.setdefault(normalise(str(iso)), iri)
        if row["alias"] is not None:
            names.setdefault(normalise(str(row["alias"])), iri)
    return Roster(actors, names)
