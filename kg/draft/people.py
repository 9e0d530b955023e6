"""Officials the reference does not know, read from how the article introduces them, standing for their state.

News names an official once with the post and the state ("Turkish Foreign Minister
Mevlut Cavusoglu", "Sergiy Kyslytsya, Ukraine's representative to the U.N.") and then
by the surname alone ("Cavusoglu said"). Within the article, the full name and the
surname then stand for that state, as a demonym does: the speaker or subject of what
follows. Nothing is added to the reference data: the names are still listed as
unresolved, with an entry to paste.
"""

from __future__ import annotations

import re

from kg.draft.actors import Found

_TITLE = (r"(?i:president|prime\s+minister|premier|chancellor|(?:foreign|defen[cs]e|interior|finance|economy|energy)\s+"
          r"minister|minister|secretary(?:\s+of\s+state)?|ambassador|envoy|representative|spokes(?:man|woman|person)|"
          r"adviser|advisor|leader|king|emir|chief)")
_NAME = r"((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]{2,})"
# "Turkish Foreign Minister Mevlut Cavusoglu", "Hungary's prime minister Viktor Orban"
_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?:[\w-]+)\s+){0,2}?" + _TITLE + r"\s+" + _NAME + r"\b")
# "Sergiy Kyslytsya, Ukraine’s permanent representative": the name before the comma, the state after it
_BEFORE = re.compile(_NAME + r",\s+(?:the\s+|a\s+)?$")
_POST_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?" + _TITLE + r"\b")
_NOT_NAME = {"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "But", "And", "Mr", "Mrs", "Ms", "Dr",
             "President", "Minister", "Prime", "Foreign", "Secretary", "Ambassador", "General", "Assembly", "Council"}


def _introduced(text: str, mentions: list[Found]) -> dict[str, Found]:
    """Each name an official is introduced by, with the mention of the state the official speaks for."""
    found: dict[str, Found] = {}
    for m in mentions:
        if m.actor.type == "official":
            continue
        after = _AFTER.match(text, m.end)
        if after:
            found.setdefault(after.group(1), m)
        before = _BEFORE.search(text, max(0, m.start - 60), m.start)
        if before and _POST_AFTER.match(text, m.end):
            found.setdefault(before.group(1), m)
    return {name: m for name, m in found.items() if name.split()[0] not in _NOT_NAME}


def stand_ins(text: str, mentions: list[Found]) -> list[Found]:
    """The mentions with each occurrence of an introduced official's full name or surname as a mention of the state."""
    added: list[Found] = []
    taken = [(m.start, m.end) for m in mentions]
    for name, state in _introduced(text, mentions).items():
        words = name.split()
        forms = [name] + ([words[-1]] if len(words) > 1 and len(words[-1]) >= 4 else [])
        for form in forms:
            for match in re.finditer(r"(?<![\w’'-])" + re.escape(form) + r"(?![\w-])", text):
                if not any(s < match.end() and match.start() < e for s, e in taken):
                    taken.append((match.start(), match.end()))
                    added.append(Found(match.start(), match.end(), match.group(), state.actor))
    return sorted(mentions + added, key=lambda m: (m.start, -m.end))
