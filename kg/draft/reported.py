"""Reported speech with no stance cue: what a named speaker said, read as a statement on the issue it is about.

"Crimea is Ukraine, Vucic said", "Orban said sanctions can't extend to gas", "according
to Iran, the war is no solution": the words a speaker is reported to have said are its
state's statement when they match an issue of the scheme well. The stance is for the
issue, unless the words are negated ("not", "never", "can't", "no longer"): then against.
Where a stance cue of the same actor already reads the words, it is left to the cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.draft import speech, text as reading
from kg.draft.actors import Found

# Verbs that report what a speaker said (a narrower list than speech.REPORTING: no "confirmed", "announced", "interview").
# "states" and "declared" are left out: "UN member states", "declared independence" are no speech.
_VERB = re.compile(r"\b(?:said|says|told|stated|added|stressed|insisted|argued|wrote|tweeted|"
                   r"noted|emphasi[sz]ed|underlined|explained|asserted|affirmed|reiterated|maintained|"
                   r"(?:has|have|had)\s+said)\b", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\b", re.I)
# after the verb, what was said opens after "that", a colon or a quotation mark within a few words ("said on
# Sunday that", "told reporters:"), else right after the verb ("Orban said sanctions can't extend")
_OPENS = re.compile(r"[^.;“\"]{0,60}?(?:\bthat\b|:|[“\"])|\s*,", re.S)  # used with match(): anchored where it starts
_OBJECT = re.compile(r"\b(?:to|of|at|in|with|from|for|on|by|about)\s+(?:the\s+)?$", re.I)
# what opens a phrase before the main clause: "At the meeting, Orban said": no speech of its own
_OPENER = re.compile(r"^(?:at|in|on|during|after|before|speaking|asked|according|addressing|delivering|advocating|meanwhile|"
                     r"however|earlier|later|last|separately|also|while|when|since|as|following|despite|writing|"
                     r"responding|referring|commenting|for|with|under|by|from|to)\b", re.I)
# an object that is the speaker's own office: "a spokesman for the Turkish foreign ministry said"
_OFFICE = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:ministry|government|embassy|mission|presidency|office|cabinet|parliament)\b", re.I)
_SPEAKER_WORDS = 14  # "the former president and prime minister, who is now deputy head of …, said": the most
# Negations of what was said: then it is against the issue ("will not provide", "can't extend", "no longer").
_NEGATED = re.compile(r"\b(?:not|never|no|nor|neither|cannot|no\s+longer|nothing|nobody|none|refus\w*|declin\w*|reject\w*|"
                      r"oppos\w*)\b|n['’]t\b", re.I)
# Words of harm: what the speaker says of the issue is against it ("would destroy relations", "a disaster for us",
# "led to new threats", "a false pretext").
_HARM = re.compile(r"\b(?:destroy\w*|destruct\w*|ruin\w*|damag\w*|harm\w*|hurt\w*|disast\w*|catastroph\w*|suicid\w*|"
                   r"devastat\w*|crippl\w*|wreck\w*|fail\w*|wors[et]\w*|threat(?:s|en|ens|ened|ening)?|dangers?|"
                   r"dangerous|risks?|pretext|blackmail|provocations?|destabili[sz]\w*|undermin\w*|famine|starvation|"
                   r"aggressive|hostile)\b", re.I)


@dataclass(frozen=True)
class Said:
    """Words a speaker is reported to have said: who says them (a name in the sentence, or None: he, the minister)."""

    content: reading.Span
    speaker: Found | None
    negated: bool


def _span(text: str, start: int, end: int) -> reading.Span | None:
    """The stretch ``start``…``end`` without the quotation marks and punctuation at its ends."""
    while start < end and (text[start].isspace() or text[start] in "“”\"‘'([,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "“”\"’',;:.–—)]"):
        end -= 1
    return reading.Span(start, end, text[start:end]) if end - start >= 12 else None


def _named(text: str, inside: list[Found], start: int, end: int) -> Found | None:
    """The actor named between ``start`` and ``end`` who speaks: an official first, else the first name that is no
    object ("Iran's minister said"; not "the representative to the UN said")."""
    names = [m for m in inside if start <= m.start and m.end <= end
             and (not text[start:m.start].strip() or not _OBJECT.search(text, max(0, m.start - 12), m.start)
                  or _OFFICE.match(text, m.end))]
    # "Switzerland’s small neighbour Liechtenstein said": the name the possessive's noun phrase leads to
    names = [m for i, m in enumerate(names) if not (i + 1 < len(names) and _HEADS.match(text[m.end:names[i + 1].start]))]
    return next((m for m in names if m.actor.type == "official"), names[0] if names else None)


_HEADS = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){1,3}$")


def find(text: str, sentence: reading.Span, inside: list[Found]) -> list[Said]:
    """What the sentence reports a speaker to have said: before "…, X said", after "X said (that) …", or "according to X"."""
    out: list[Said] = []
    s, e = sentence.start, sentence.end
    for verb in _VERB.finditer(text, s, e):
        comma = max(text.rfind(",", s, verb.start()), text.rfind(":", s, verb.start()))
        if comma > s and len(text[comma + 1:verb.start()].split()) <= _SPEAKER_WORDS \
                and not _VERB.search(text, comma + 1, verb.start()):
            # "Sanctions on Russia can't extend to gas, Orban said": what comes before the speaker
            content = _span(text, s, comma)
            if content is not None and len(content.text.split()) < 4 and re.match(r",\s+[a-z]", text[verb.end():e]):
                content = _span(text, s, e)  # "The sanctions, Lavrov said, were illegal": the words around the speaker
            if content is not None and not _OPENER.match(content.text):
                out.append(Said(content, _named(text, inside, comma, verb.start()), False))
                continue
        lead = _OPENS.match(text, verb.end(), e)
        begin = lead.end() if lead else verb.end()
        content = _span(text, begin, e)
        if content is not None and len(text[s:verb.start()].split()) <= _SPEAKER_WORDS:
            # "Orban said on Monday that sanctions can't extend": the speaker before the verb, what is said after it
            out.append(Said(content, _named(text, inside, s, verb.start()), False))
    for according in _ACCORDING.finditer(text, s, e):
        if _VERB.search(text, s, according.start()):
            continue  # "…, Dodik added, according to RTRS": the source of the report, not its speaker
        comma = text.find(",", according.end(), e)
        if comma > 0 and according.start() - s <= 2:  # "According to Iran's minister, the war is no solution"
            content = _span(text, comma + 1, e)
            named = _named(text, inside, according.end(), comma)
        else:  # "the war is no solution, according to Iran's minister"
            content = _span(text, s, according.start())
            named = _named(text, inside, according.end(), e)
        if content is not None:
            out.append(Said(content, named, False))
    if not out and not _VERB.search(text, s, e) and not speech.REPORTING.search(text, s, e):
        # a sentence of a quotation a speaker opened before: "“For us, Crimea is Ukraine.”"
        content = _span(text, s, e)
        if content is not None and (text[s] in "“\"" or quoted(text, content)):
            out.append(Said(content, None, False))
    return [Said(x.content, x.speaker, _NEGATED.search(x.content.text) is not None or _HARM.search(x.content.text) is not None)
            for x in out]


def quoted(text: str, span: reading.Span) -> bool:
    """Whether ``span`` is inside quotation marks: right after one, or after one the paragraph opened and did not close."""
    if span.start > 0 and text[span.start - 1] in "“\"":
        return True
    before = text[text.rfind("\n", 0, span.start) + 1:span.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1

