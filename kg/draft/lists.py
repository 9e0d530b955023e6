"""Lists of names: "Belarus, Syria and Eritrea", "Serbia and its allies, such as Russia and China", and the count that
names one back ("the three countries called for").

A list is names joined by commas, "and", "&" or "as well as"; a name the reference does not know may stand in it
("Israel, Marshall Islands and United States"), and a name's short form in brackets stays in it ("The African Union
(AU) and the Economic Community …").
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.draft import cues
from kg.draft.actors import Found

_LIST_GAP_UNKNOWN = re.compile(r"^(?:\s*,\s*|\s+and\s+)(?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){0,3}"
                               r"(?:\s*,\s*(?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){0,3})*(?:\s*,\s*|,?\s+and\s+)(?:the\s+)?$")
# a name's short form in brackets stays in the list: "The African Union (AU) and the Economic Community …"
# "the G7 - Britain, Canada … and the United States - plus the European Union": a dash opens the members of a bloc
_LIST_GAP = re.compile(r"^(?:\s*\([A-Z][A-Za-z]{1,7}\))?(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|,?\s+as\s+well\s+as\s+|"
                       r"\s+[-–—]\s+(?:plus\s+)?|,?\s+plus\s+|\s+and\s+(?:his|her)\s+|\s+nor\s+)(?:the\s+)?$")  # "Kuleba and his Polish counterpart"


def before(text: str, names: list[Found]) -> list[Found]:
    """The list that the last of ``names`` ends: "Belarus, Syria and Eritrea" before a verb."""
    chosen = [names[-1]]
    for previous in reversed(names[:-1]):
        if _LIST_GAP.match(text[previous.end:chosen[0].start]):
            chosen.insert(0, previous)
        else:
            break
    return chosen


def after(text: str, mentions: list[Found], start: int, end: int) -> list[Found]:
    """The list of names that begins first at or after ``start`` and before ``end``: "Belarus, Syria and Eritrea".

    A name the reference does not know may stand in the list ("Israel, Marshall Islands and United States").
    """
    names = [m for m in mentions if start <= m.start and m.end <= end]
    if not names:
        return []
    chosen = [names[0]]
    for following in names[1:]:
        if not (_LIST_GAP.match(text[chosen[-1].end:following.start]) or _LIST_GAP_UNKNOWN.match(text[chosen[-1].end:following.start])):
            break
        chosen.append(following)
    return chosen


# a list that goes on past a common noun: "Serbia and its supporting allies, such as Russia and China", "India and of Turkey"
_LIST_GOES_ON = re.compile(r"^(?:\s*,?\s+(?:and\s+)?(?:its|their|his|her|other)?\s*(?:[\w-]+\s+){0,3}?"
                           r"(?:allies|partners|friends|supporters|backers|countries|states|nations|members|neighbou?rs)?\s*,?\s+"
                           r"(?:such\s+as|including|like|notably|among\s+them)|\s+and\s+(?:of|from))\s+(?:the\s+)?$", re.I)


# ... or past groups named by a common noun, then their members: "A and international organizations, as well as
# Niamey's Western allies, the European Union, and the United States"
_GROUPS_THEN = re.compile(r"^(?:\s*,?\s+(?:and|as\s+well\s+as)\s+(?:[\w’'-]+\s+){0,3}?(?:allies|partners|friends|organi[sz]ations|"
                          r"countries|states|nations|bodies|institutions|members|governments|capitals|neighbou?rs|powers)){1,3}"
                          r",\s+(?:and\s+)?(?:the\s+)?$", re.I)
# a name that owns a group ("Niamey's Western allies") is in the words between two names of the list, not in it
_OWNS_GROUP = re.compile(r"['’]s?\s+(?:[\w-]+\s+)?(?:allies|friends|partners|neighbou?rs|backers|supporters)\b", re.I)


def extended(text: str, mentions: list[Found], start: int, end: int) -> list[Found]:
    """The list of names at ``start`` (``after``) and the lists it goes on to ("A and its allies, such as B and C")."""
    chosen = after(text, mentions, start, end)
    while chosen:
        following = [m for m in mentions if m.start >= chosen[-1].end and m.end <= end and not _OWNS_GROUP.match(text, m.end)][:1]
        gap = text[chosen[-1].end:following[0].start] if following else ""
        if not following or not (_LIST_GOES_ON.match(gap) or _GROUPS_THEN.match(gap)):
            break
        chosen += after(text, mentions, following[0].start, end)
    return chosen


_COUNT = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
# "The three countries called for", "both governments have", "the two nations also": those named together last
_GROUP = re.compile(r"(?:^|\b(?:and|but|while|as|after|when)\s+)(?:(?:the\s+)?(?:leaders|governments|ministers|presidents|heads|"
                    r"representatives)\s+of\s+)?(?:the\s+|all\s+|their\s+)?(both|two|three|four|five|six|seven|eight)\s+"
                    r"(?:(?:[\w-]+\s+)?(?:countries|nations|states|governments|capitals|neighbou?rs|allies|partners|sides|"
                    r"leaders|presidents|ministers|diplomats|envoys|ambassadors))\s+(?:(?:have|has|had|also|then|jointly|together|all|both|on\s+\w+day)\s+)*$", re.I)


def in_sentence(text: str, mentions: list[Found], roster) -> list[list[Found]]:
    """The lists of two or more actors the mentions of a sentence make, left to right; an official named in one
    stands for the state he acts for ("Kuleba and Rau said their two countries": Ukraine and Poland)."""
    out, at = [], 0
    while at < len(mentions):
        found = after(text, mentions, mentions[at].start, mentions[-1].end)
        states = [replace(m, actor=roster.get(m.actor.acts_for) or m.actor) if m.actor.type == "official" and m.actor.acts_for
                  else m for m in found]
        if len(states) >= 2 and all(m.actor.type != "official" for m in states):
            out.append(states)
        at += max(len(found), 1)
    return out


def group_before(text: str, start: int, cue_at: int, mentions: list[Found], lists: list[list[Found]]) -> list[Found] | None:
    """The actors a count of states before a cue stands for ("The three countries called for"): the last list of as
    many distinct actors named before it; None when the words before the cue are no such count."""
    match = _GROUP.search(text[start:cue_at])
    if match is None or any(start + match.start() <= m.start < cue_at for m in mentions):
        return None
    count = _COUNT[match.group(1).lower()]
    for found in reversed(lists):
        if found[-1].end <= start + match.start() and len({m.actor.id for m in found}) == count:
            return [Found(cue_at, cue_at, "", m.actor) for m in found]
    return None


# "Russia, China and Japan … were not swayed and they all abstained": "they" after a list of the same sentence
_THEY = re.compile(r"(?:^|\b(?:and|but|while|so)\s+)they\s+(?:(?:all|both|too|also|then|later|each)\s+|\w+ly\s+)*$", re.I)


def they_before(text: str, start: int, cue_at: int, sentence_start: int, lists: list[list[Found]]) -> list[Found] | None:
    """The actors "they" before a cue stands for: the last list of the sentence named before it, with the lists before
    it that no verb parts from it ("A, B and the three African members — C, D and E — were not swayed and they all");
    None when the words before the cue are no "they" or the sentence names no list before it."""
    if _THEY.search(text[start:cue_at]) is None:
        return None
    here = [found for found in lists if sentence_start <= found[0].start and found[-1].end <= start]
    if not here:
        return None
    chosen = here[-1]
    for found in reversed(here[:-1]):
        if cues.find(text[found[-1].end:chosen[0].start]):
            break
        chosen = found + chosen
    return chosen


_ITEM_MARK = " \t-–—•*·0123456789.)"  # what may come before a name on a line of a list: a bullet, a number


def listed_below(text: str, end: int, mentions: list[Found]) -> list[Found]:
    """The actors a list below ``end`` (the end of a line that closes with a colon) names one per line: "The 10
    countries that voted against were:\n- Austria\n- Czechia"; none unless two lines or more name one each."""
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip():
        return []
    found, at = [], line_end + 1
    while at < len(text):
        stop = text.find("\n", at)
        stop = len(text) if stop < 0 else stop
        here = [m for m in mentions if at <= m.start and m.end <= stop]
        if len(here) != 1 or text[at:here[0].start].strip(_ITEM_MARK) or text[here[0].end:stop].strip(" \t,;."):
            break
        found.append(here[0])
        at = stop + 1
    return found if len(found) >= 2 else []
