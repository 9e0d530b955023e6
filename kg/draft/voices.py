"""Who speaks in a sentence when the reference does not name the speaker: a person it does not know ("Sergiy
Kyslytsya, Ukraine’s representative, said"), or a state's unnamed official ("Iran's foreign minister said")."""

from __future__ import annotations

import re

from kg.draft import cues
from kg.draft.actors import Found


def unnamed_speaker(text: str, start: int, end: int, mentions: list[Found]) -> bool:
    """Whether a person the reference does not know speaks here: "Sergiy Kyslytsya, Ukraine’s representative, said"."""
    for match in _PERSON.finditer(text, start, end):
        if not any(m.start < match.end() and match.start() < m.end for m in mentions) and match.group(1) not in _NOT_NAMES:
            return True
    return False


_PERSON = re.compile(r"(?<![\w’'])([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=,|\s+(?:said|says|told|called|added|stated))")
_NOT_NAMES = {"The", "President", "Prime", "Foreign", "Minister", "In", "On", "At", "But", "And", "Speaking", "According"}


# the words after a state that make it the voice of the sentence: "Iran's foreign minister", "Russian Deputy Foreign Minister"
_VOICE = re.compile(r"^(?:['’]s|,\s+(?:the\s+(?:country|nation|state)['’]s|its))?\s+(?:[\w-]+\s+){0,3}?(?:president|prime\s+minister|minister|ministry|spokes(?:man|woman|person)|"
                    r"ambassador|envoy|representative|delegate|delegation|diplomats?|leader|chancellor|government|officials?|"
                    r"administration|mission)\b", re.I)


# a state as the subject of the verb of saying: "Saudi Arabia said", "Iran, a key backer of Hamas, said"
_SAYS = re.compile(r"^(?:,\s+(?:a|an|the|one|its)\b[^,;“”\"]*,)?\s+(?:(?:\w+ly|also|again|then|later|on\s+\w+day)\s+)*$", re.I)


def spokesperson_of(text: str, mentions: list[Found], start: int, reported_at: int) -> Found | None:
    """The state whose unnamed official reports the sentence ("Iran's foreign minister said", "a Russian diplomat
    told"), or that says it itself ("Saudi Arabia said", the sentence's first name)."""
    before = [m for m in mentions if start <= m.start and m.end <= reported_at and m.actor.type != "official"]
    for n, m in enumerate(before):  # not a name inside the words quoted ("… by the French foreign minister,” the statement said)
        if _VOICE.match(text[m.end:reported_at]) and not cues.find(text[m.end:reported_at]) \
                and not re.search(r"[”\"]", text[m.end:reported_at]):
            return m
        if n == 0 and _SAYS.match(text[m.end:reported_at]) and len(text[start:m.start].split()) <= 3:
            return m
    return None
