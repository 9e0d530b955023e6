"""Names as a user writes them, and the one resolver from a name to an actor or a coded term.

An actor goes by its label, its id, its aliases, its ISO 3166-1 alpha-2 and alpha-3
codes and its IRI; matching ignores case, diacritics and spacing ("Vucic",
"Vučić " and "vucic" are one person). A state also answers to the names of the
former states whose seat and record it continues (its *predecessors*: "Yugoslavia"
is taken as Serbia), with a ``Note`` saying so. Where only a state makes sense (UN
votes), an official stands for the state he speaks for, again with a note.

An unknown name raises ``UnknownActor`` (or ``UnknownIssue``, ``UnknownName`` for
the other coded terms) with one message, whatever the command: the name, up to three
close names spelt as the data spells them, and what is accepted. Nothing here reads
a store, nor any file but ``mentions.tsv`` (demonyms, capitals and metonyms for reading
running text, ``mention``): the roster is built from records by its callers.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import Note, UsageError

ACTOR_HINT = "names, aliases, ISO codes and ids are accepted; 'kg query actors' lists them"
ISSUE_HINT = "notations and labels are accepted; 'kg query issues' lists them"
TYPES = ("state", "bloc", "entity", "official", "other")


def normalise(name: str) -> str:
    """Fold case, diacritics and spacing so that spellings of one name compare equal."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


class UnknownName(UsageError):
    """A name that denotes nothing of its kind: one line with the closest names and what is accepted."""

    def __init__(self, kind: str, name: str, suggestions: list[str] = (), hint: str = ""):
        self.kind = kind
        self.name = str(name)
        self.suggestions = list(suggestions)
        self.hint = hint
        super().__init__(self.message())

    def message(self, hint: str | None = None) -> str:
        """The message, with another ``hint`` in the parentheses when one is given."""
        text = f"unknown {self.kind} '{self.name}'"
        if self.suggestions:
            text += f"; did you mean {' or '.join(repr(s) for s in self.suggestions)}?"
        hint = self.hint if hint is None else hint
        return f"{text} ({hint})" if hint else text


class UnknownActor(UnknownName):
    """A name that is no actor's label, id, alias, ISO code or IRI."""

    def __init__(self, name: str, suggestions: list[str] = (), hint: str = ACTOR_HINT):
        super().__init__("actor", name, suggestions, hint)


class UnknownIssue(UnknownName):
    """A name that is no issue's notation or label."""

    def __init__(self, name: str, suggestions: list[str] = (), hint: str = ISSUE_HINT):
        super().__init__("issue", name, suggestions, hint)


@dataclass(frozen=True)
class Actor:
    """An actor and the names it goes by."""

    iri: str
    id: str
    label: str
    type: str = "other"  # state | bloc | entity (a sub-state entity) | official | other
    iso: str | None = None  # ISO 3166-1 alpha-2
    iso3: str | None = None  # ISO 3166-1 alpha-3
    acts_for: str | None = None  # IRI of the state or bloc an official speaks for
    part_of: str | None = None  # IRI of the state a sub-state entity lies within
    aliases: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()  # names of the former states whose seat and record it continues

    def names(self) -> list[str]:
        """Every name that denotes the actor itself, its own ones first."""
        return [n for n in (self.label, self.id, self.iso, self.iso3, *self.aliases) if n]


class Roster:
    """Actors by every name they go by; ``fallback`` answers the names no actor of this roster has."""

    def __init__(self, actors: Iterable[Actor], fallback: Roster | None = None):
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.actors.setdefault(actor.iri, actor)
        self.fallback = fallback
        self._names: dict[str, str] = {}  # normalised name -> IRI
        self._former: dict[str, str] = {}  # normalised predecessor name -> IRI of the successor
        # labels, ids and codes before aliases, so that an alias never hides another actor's own name
        for actor in self.actors.values():
            for name in (actor.label, actor.id, actor.iso, actor.iso3):
                if name:
                    self._names.setdefault(normalise(name), actor.iri)
        for actor in self.actors.values():
            for name in actor.aliases:
                self._names.setdefault(normalise(name), actor.iri)
            for name in actor.predecessors:
                self._former.setdefault(normalise(name), actor.iri)

    def get(self, iri: str) -> Actor | None:
        """The actor with this IRI, here or in the fallback."""
        found = self.actors.get(str(iri))
        if found is None and self.fallback is not None:
            return self.fallback.get(iri)
        return found

    def label(self, iri: str) -> str:
        actor = self.get(iri)
        return actor.label if actor else str(iri).rsplit("/", 1)[-1]

    def find(self, name: str, predecessors: bool = True) -> Actor | None:
        """The actor a name denotes, or None; a predecessor's name gives its successor, with a note.

        An actor's own names, here or in the fallback, come before any predecessor's
        name: a vote record that holds the former state itself answers with it.
        """
        found = self._own(name)
        if found is None and predecessors:
            successor = self._successor(normalise(name))
            if successor is not None:
                warnings.warn(Note(f"'{name}' is a predecessor of {successor.label}, whose seat it continues; "
                                   f"using {successor.label}"), stacklevel=3)
                return successor
        return found

    def _own(self, name: str) -> Actor | None:
        if str(name) in self.actors:
            return self.actors[str(name)]
        key = normalise(name)
        if key in self._names:
            return self.actors[self._names[key]]
        return self.fallback._own(name) if self.fallback is not None else None

    def resolve(self, name: str, predecessors: bool = True) -> Actor:
        """The actor a name, alias, ISO code, id or IRI denotes; UnknownActor naming the closest if none.

        With ``predecessors``, the name of a former state gives the state that continues it.
        """
        found = self.find(name, predecessors)
        if found is None:
            raise UnknownActor(str(name), self.suggest(name))
        return found

    def state_of(self, actor: Actor) -> Actor:
        """The actor itself, or for an official the state or bloc he speaks for (with a note)."""
        if actor.type != "official" or not actor.acts_for:
            return actor
        state = self.get(actor.acts_for)
        if state is None:
            return actor
        warnings.warn(Note(f"{actor.label} speaks for {state.label}; using {state.label}"), stacklevel=2)
        return state

    def _all(self) -> list[Actor]:
        rest = self.fallback._all() if self.fallback is not None else []
        return [*self.actors.values(), *(a for a in rest if a.iri not in self.actors)]

    def suggest(self, name: str) -> list[str]:
        """Up to three labels close to ``name``, spelt as the data spells them."""
        everyone = self._all()
        key = normalise(name)
        successor = self._successor(key)
        if successor is not None:  # a former state's name where only the actor itself will do
            return [successor.label]
        labels = {normalise(a.label): a.label for a in everyone}
        close = [labels[k] for k in difflib.get_close_matches(key, list(labels), n=3, cutoff=0.7)]
        if not close:
            # an alias or a former name may be closer than any label ("Kremlim" → the Kremlin → Russia)
            others = {}
            for actor in everyone:
                for other in (*actor.aliases, *actor.predecessors, actor.id):
                    if len(other) > 3:
                        others.setdefault(normalise(other), actor.label)
            close = [others[k] for k in difflib.get_close_matches(key, list(others), n=3, cutoff=0.7)]
        return list(dict.fromkeys(close))[:3]

    def _successor(self, key: str) -> Actor | None:
        if key in self._former:
            return self.actors[self._former[key]]
        return self.fallback._successor(key) if self.fallback is not None else None


def _fold(code: str) -> str:
    return normalise(code).replace("_", "-").replace(" ", "-")


def resolve_code(kind: str, name: str, labels: dict[str, str], hint: str | None = None) -> str:
    """The notation of the coded term (an issue, a stance …) that ``name`` denotes among ``labels``.

    ``labels`` maps each notation to its label. A name is a notation or a label, in any
    case, with ``_``, ``-`` or spaces alike. An unknown name raises ``UnknownIssue`` for
    issues and ``UnknownName`` otherwise, naming up to three close notations; without
    any, the hint lists the notations (issues: says where they are listed).
    """
    name = str(name)
    if name in labels:
        return name
    wanted = _fold(name)
    for notation, label in labels.items():
        if _fold(notation) == wanted or normalise(label) == normalise(name):
            return notation
    close = [n for n, label in sorted(labels.items()) if wanted and (wanted in _fold(n) or normalise(name) in normalise(label))]
    close = close[:3] or difflib.get_close_matches(name, sorted(labels), n=3, cutoff=0.5)
    if kind == "issue":
        raise UnknownIssue(name, close, ISSUE_HINT if hint is None else hint)
    if hint is None:
        hint = "" if close else f"use one of {', '.join(sorted(labels))}"
    raise UnknownName(kind, name, close, hint)


def resolve_issue(name: str, labels: dict[str, str]) -> str:
    """The notation of the issue ``name`` denotes (notation or label); UnknownIssue if none."""
    return resolve_code("issue", name, labels)


@dataclass(frozen=True)
class Mention:
    """A state or bloc as news texts name it: its code, its entry for actors.yaml, and its other names."""

    code: str  # ISO 3166-1 alpha-2 of a state, or a bloc's id
    iso3: str | None
    wikidata: str | None
    name: str
    others: tuple[str, ...]  # demonyms, capitals, metonyms


@functools.cache
def mentions() -> tuple[Mention, ...]:
    """The table of demonyms, capitals and metonyms (``mentions.tsv`` beside this module), read once."""
    rows = []
    for line in Path(__file__).with_name("mentions.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, iso3, wikidata, name, others = line.split("\t")
            rows.append(Mention(code, None if iso3 == "-" else iso3, None if wikidata == "-" else wikidata,
                                name, tuple(others.split("|"))))
    return tuple(rows)


def mention_of(name: str) -> Mention | None:
    """The row of the mentions table that ``name`` (a name, demonym, capital or metonym) belongs to, or None."""
    key = normalise(name)
    for row in mentions():
        if key in (normalise(n) for n in (row.name, *row.others)):
            return row
    return None


def mention(roster: Roster, name: str) -> Actor | None:
    """The actor a name in running text stands for: its own names first, then a demonym, capital or metonym.

    "Serbian", "Belgrade", "the Kremlin" and "Brussels" give Serbia, Serbia, Russia and
    the EU when the roster holds them (by ISO code or id); None when it does not.
    """
    found = roster.find(name, predecessors=False)
    if found is not None:
        return found
    row = mention_of(name)
    return roster.find(row.code, predecessors=False) if row is not None else None
