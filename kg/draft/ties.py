"""Candidate ties from an article: one actor's standing relation to another, read from the words that name it.

A tie type of the ontology is named in English news by a few regular phrases: "a close
ally of", "strategic partner of", "excellent relations between A and B", "cooperation
with", "dependent on … for gas", "candidate for membership of", "a member of", "imposed
sanctions on", "hostile to", "supplied … with drones". The actor is the one named
before the phrase (each of a list), or the first of "between A and B"; the target the
first other actor after it in the clause. A negated phrase ("is not an ally of") drafts
no tie. The quote runs from the actor to the clause's end: a slice of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.draft import speech, subjects, text as reading
from kg.draft.actors import Found, merge_modifiers
from kg.terms.names import Actor

_WEAPONS = r"(?=[^.;]{0,60}\b(?:drones?|weapons?|arms|ammunition|missiles?|shells|tanks|jets|military\s+equipment)\b)"
_ENERGY = r"(?=[^.;]{0,60}\b(?:gas|oil|energy|fuel|electricity|nuclear\s+fuel)\b)"
_ADJ = r"(?:(?:close|closest|key|staunch|loyal|traditional|longtime|long-time|main|important|strong|reliable|strategic)\s+)*"

# (tie type, pattern) in order: the first that matches at a place wins there.
_TABLE: list[tuple[str, str]] = [
    ("strategic-partner", r"\bstrategic\s+partners?(?:hip)?\s+(?:of|with|to|between)\b"),
    ("ally", rf"\b{_ADJ}all(?:y|ies)\s+(?:of|to)\b|\ballied\s+(?:with|to)\b|\balliance\s+(?:with|between)\b"),
    ("friendly-relations", r"\b(?:excellent|good|friendly|close|closer|warm|strong|cordial|fraternal|brotherly)\s+"
                           r"(?:relations|relationship|ties|friendship)\s+(?:with|between)\b|\bfriendship\s+(?:with|between)\b"),
    ("cooperation", r"\bcooperat(?:ion|es|ed|ing|e)\s+(?:closely\s+)?(?:with|between)\b|\bco-operat\w+\s+(?:with|between)\b"),
    ("dependent-on-for-energy", rf"\b(?:dependen(?:t|ce|cy)|relian(?:t|ce)|reli(?:es|ed))\s+(?:heavily\s+)?(?:up)?on\b{_ENERGY}"),
    ("candidate-for", r"\bcandidate(?:\s+country|\s+state)?\s+(?:for|to)\s+(?:(?:eu\s+)?membership\s+(?:of|in)\s+|join\s+)?"),
    ("member-of", r"\b(?:a\s+)?member\s+(?:state\s+|country\s+)?of\b"),
    ("imposes-sanctions-on", r"\b(?:impos(?:ed|es|ing|e)|introduc(?:ed|es|e)|adopt(?:ed|s)?|slapp?(?:ed|s)?|issu(?:ed|es|e))\s+"
                             r"(?:[\w-]+\s+){0,3}?sanctions\s+(?:on|against)\b|\bsanction(?:ed|s|ing)\s+(?=[A-Z])"),
    ("hostile-to", r"\bhostil(?:e|ity)\s+(?:to|towards?)\b|\benem(?:y|ies)\s+of\b|\badversar(?:y|ies)\s+of\b"),
    ("military-supplier-to", rf"\b(?:suppl(?:ied|ies|ying|y)|deliver(?:ed|s|ing)?|sen[dt]s?|provid(?:ed|es|ing)|"
                             rf"ship(?:ped|s)|transferr?(?:ed|s))\b{_WEAPONS}"),
]
_PATTERNS = [(tie, re.compile(pattern, re.IGNORECASE)) for tie, pattern in _TABLE]
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)


@dataclass
class Tie:
    """A drafted tie: who, which tie type, to whom, and where its quote is."""

    actor: Actor
    tie: str
    target: Actor
    quote: reading.Span
    cue: str


def find(text: str, sentences: list[reading.Span], mentions: list[Found], roster) -> list[Tie]:
    """The candidate ties of the article's sentences, in the order of the text, each (actor, tie, target) once."""
    mentions, pairs = merge_modifiers(text, mentions)
    out: list[Tie] = []
    seen: set[tuple[str, str, str]] = set()

    def principal(actor: Actor) -> Actor:
        return roster.get(actor.acts_for) or actor if actor.type == "official" and actor.acts_for else actor

    def add(actor: Actor, tie: str, target: Actor, begin: int, end: int, cue: str) -> None:
        actor, target = principal(actor), principal(target)
        key = (actor.id, tie, target.id)
        if actor.id != target.id and key not in seen and "official" not in (actor.type, target.type):
            seen.add(key)
            out.append(Tie(actor, tie, target, reading.Span(begin, end, text[begin:end]), cue))

    for modifier, name, gap in pairs:  # "Russian ally China": China is an ally of Russia
        if re.fullmatch(r"(?:\w+\s+)?all(?:y|ies)", gap, re.I):
            add(name.actor, "ally", modifier.actor, modifier.start, name.end, gap)
    for sentence in sentences:
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        for clause in reading.clauses(text, sentence):
            taken: list[tuple[int, int]] = []
            for tie, pattern in _PATTERNS:
                for match in pattern.finditer(text, clause.start, clause.end):
                    at, end = match.start(), match.end()
                    if any(s < end and at < e for s, e in taken) or speech.negated(text[clause.start:at]):
                        continue
                    taken.append((at, end))
                    after = [m for m in inside if m.start >= end and m.end <= clause.end]
                    if _BETWEEN.search(text[at:end]) and len(after) >= 2:  # "relations between Moscow and Tehran"
                        add(after[0].actor, tie, after[1].actor, clause.start, clause.end, match.group())
                        continue
                    before = [m for m in subjects.before_cue(text, inside, at) if m.start >= clause.start]
                    for subject in before:
                        target = next((m.actor for m in after if principal(m.actor).id != principal(subject.actor).id), None)
                        if target is not None:
                            add(subject.actor, tie, target, subject.start, clause.end, match.group())
    out.sort(key=lambda t: (t.quote.start, t.actor.id, t.tie))
    return out
