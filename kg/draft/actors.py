"""Finding the actors an article names, through the one resolver, and the names it could not resolve.

A name is looked for in the article as the roster spells it (labels and aliases) and
as the mentions table of ``kg.terms.names`` adds (demonyms, capitals, metonyms); case
and diacritics are folded without moving offsets. A capitalised name that is none of
these is listed, with an entry ready to paste into ``reference/``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.draft import cues, speech
from kg.terms import names
from kg.terms.names import Actor, Roster, normalise


@dataclass(frozen=True)
class Found:
    """An actor named in the article: where, as what words, and who."""

    start: int
    end: int
    words: str
    actor: Actor


@dataclass(frozen=True)
class Unresolved:
    """A capitalised name no actor goes by, how often it occurs, and what to paste to make it one."""

    name: str
    count: int
    entry: str  # YAML lines for reference/actors.yaml or aliases.yaml
    file: str


def fold(text: str) -> str:
    """``text`` with diacritics and typographic apostrophes folded, one character for one, so offsets hold."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)[:1] if ord(ch) > 127 else ch
        out.append("'" if ch in "’‘" else base if base and len(base) == 1 else ch)
    return "".join(out)


def _surface_names(roster: Roster) -> dict[str, Actor]:
    """Every name to look for in running text, folded, with the actor it stands for."""
    found: dict[str, Actor] = {}
    for actor in roster.actors.values():
        codes = {normalise(c) for c in (actor.iso, actor.iso3) if c}
        for name in (actor.label, *actor.aliases):
            # an ISO code is no name in prose: "SA" is South Africa as often as Saudi Arabia
            if len(name) >= 2 and normalise(name) not in codes:
                found.setdefault(fold(name), actor)
    surnames: dict[str, list[Actor]] = {}
    for actor in roster.actors.values():  # "Orbán said": an official by the last word of the name, if no one else has it
        words = actor.label.split()
        if actor.type == "official" and len(words) >= 2 and len(words[-1]) >= 4 and words[-1][:1].isupper():
            surnames.setdefault(fold(words[-1]), []).append(actor)
    for surname, holders in surnames.items():
        if len(holders) == 1:
            found.setdefault(surname, holders[0])
    for row in names.mentions():
        actor = names.mention(roster, row.code)
        if actor is not None:
            for name in (row.name, *row.others):
                found.setdefault(fold(name), actor)
    return found


def find(text: str, roster: Roster) -> list[Found]:
    """The actors named in ``text``, left to right, longest name first where names overlap."""
    table = _surface_names(roster)
    folded = fold(text)
    lowered = folded.lower()
    keys = {name.lower(): actor for name, actor in table.items()}
    shouted = {key: any(n.lower() == key and n.isupper() for n in table) for key in keys}
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)) + r")(?![\w-])")
    found = []
    for match in pattern.finditer(lowered):
        words = text[match.start():match.end()]
        original = folded[match.start():match.end()]
        if not any(ch.isupper() for ch in original):
            continue  # "washington" in lower case, "the alliance": not a proper name here
        person = keys[match.group()].type == "official" and original.istitle()  # "Rau", "Xi": a short surname
        if (len(original) <= 3 or shouted[match.group()]) and original.upper() != original and not person:
            continue  # a code or a short name counts only in capitals ("US", "EU", "NATO"; not "It", "Us")
        found.append(Found(match.start(), match.end(), words, keys[match.group()]))
    return found


_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*[\w](?:\s+(?:of|and|the|de|von|van|al|bin|el|for)?\s*[A-Z][\w'’-]*\w)*")
_COMMON = set("""
The A An This That These Those It Its In On At As For From By With Without After Before During Since Until And But Or
Nor So Yet If When While Where Which Who Whom Whose What Why How He She They We I You His Her Their Our My Your There
Here However Meanwhile Also Still Although Though Despite Most Many Some Several Both Each Every All Another Other
Such Only Even Once Frankly Earlier Later Today Yesterday Tomorrow Last Next Former Leave Reply Read More Photo
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
October November December President Prime Minister Foreign Defence Defense Interior Chancellor Secretary Deputy
Ambassador Spokesman Spokeswoman Spokesperson Minister's General Assembly Council Security Resolution Mr Mrs Ms Dr
Western Eastern Northern Southern Balkan Balkans European Orthodox Church Slavic Black Sea Azov Autonomous Republic
""".split())
_TITLE_WORD = re.compile(r"^(?:President|Minister|Chancellor|Secretary|Ambassador|Spokes(?:man|woman|person)|Envoy|"
                         r"Premier|King|Emir|Director|Chief|Leader)$")
_TITLES = re.compile(r"(?:President|Prime\s+Minister|(?:Foreign|Defen[cs]e|Interior|Finance)\s+Minister|Minister|Chancellor|"
                     r"Secretary(?:\s+of\s+State)?|Ambassador|Spokes(?:man|woman|person)|Envoy|Chief|Leader|King|Emir|Premier)\s+$")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", names.normalise(name)).strip("-")


def unresolved(text: str, found: list[Found], roster: Roster, skip: tuple[int, int] = (0, 0)) -> list[Unresolved]:
    """The capitalised names of ``text`` that name no actor, most frequent first, each with an entry to paste."""
    taken = [(f.start, f.end) for f in found] + [skip]
    counts: dict[str, int] = {}
    context: dict[str, str] = {}
    for match in _CAPITALISED.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        words = match.group().split()
        titled = [i for i, w in enumerate(words) if _TITLE_WORD.match(w)]
        if titled and titled[-1] < len(words) - 1:  # "Eritrean Foreign Minister Osman Saleh": the person
            before = text[max(0, match.start() - 40):match.start()] + " ".join(words[:titled[-1] + 1]) + " "
            words = words[titled[-1] + 1:]
        else:
            before = text[max(0, match.start() - 40):match.start()]
        while words and (words[0] in _COMMON or words[0].islower()):
            words.pop(0)
        while words and (words[-1] in _COMMON or words[-1].islower()):
            words.pop()
        name = " ".join(words).strip(".")
        if not name or len(name) < 3 or name.isupper() and len(name) <= 2 or name.lower() in {"un", "eu"}:
            continue
        if len(words) == 1 and (match.start() == 0 or text[max(0, match.start() - 2):match.start()].strip() in {".", "”", "\"", ""}):
            if name not in _midsentence(text) and names.mention_of(name) is None:
                continue  # a sentence's first word, capitalised by position only
        counts[name] = counts.get(name, 0) + 1
        context.setdefault(name, before)
    out = []
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        out.append(_entry(name, count, context[name], roster))
    return out


def _midsentence(text: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"[a-z,;]\s+([A-Z][\w'’-]+)", text)}


def _entry(name: str, count: int, before: str, roster: Roster) -> Unresolved:
    row = names.mention_of(name)
    if row is not None and len(row.code) == 2:
        entry = (f"  - {{id: {_slug(row.name)}, name: {row.name}, iso: {row.code}, iso3: {row.iso3}, "
                 f"wikidata: {row.wikidata}}}")
        return Unresolved(name, count, entry, "reference/actors.yaml (under states:)")
    close = roster.suggest(name)
    if close:
        actor = roster.find(close[0], predecessors=False)
        return Unresolved(name, count, f"  {name}: {actor.id}", "reference/aliases.yaml (under aliases:), if it is "
                          f"another name of {actor.label}")
    title = _TITLES.search(before)
    if title and len(name.split()) >= 2:
        state = None
        phrase = before[: title.start()]
        phrase = phrase[max(phrase.rfind("."), phrase.rfind(","), phrase.rfind(";")) + 1:]  # this sentence's words
        acts_for = "STATE-ID"
        for word in reversed(re.findall(r"[A-Z][\w'-]+", phrase)):
            state, row = names.mention(roster, word), names.mention_of(word)
            if state is not None or row is not None:  # "Serbian President", "Eritrean Foreign Minister"
                acts_for = state.id if state is not None else _slug(row.name)
                break
        role = " ".join(title.group().split())
        entry = (f"  - id: {_slug(name)}\n    name: {name}\n    acts_for: {acts_for}\n    posts:\n"
                 f"      - {{role: {role}, in: {acts_for}, from: YYYY-MM-DD}}")
        return Unresolved(name, count, entry, "reference/actors.yaml (under officials:); fill in the post's dates")
    entry = f"  - {{id: {_slug(name)}, name: {name}, kind: WHAT IT IS}}"
    return Unresolved(name, count, entry, "reference/actors.yaml (under others:), if it is an actor")


_DEMONYM = re.compile(r"(?:an|ese|ish|i|ic|ch)$")  # "Russian", "Chinese", "British", "Israeli", "Kosovar" aside
# a name modifying the next one: "Russian ally China", "usual Russian allies Cuba and"
_MODIFIES = re.compile(r"^\s+(?:(?![a-z][\w-]*ed\s)[a-z][\w-]*\s+){1,2}$")  # no verb: "the Brazilian government denied Berlin’s"
_PEOPLE = re.compile(r"\s+(?:voters|people|citizens|public|population|society|electorate)\b", re.I)
# "India’s UN representative", "Russia's EU ambassador": the state's envoy to the body, not the body
_ENVOY = re.compile(r"\s+(?:(?:permanent|deputy|special)\s+)?(?:envoy|representative|ambassador|mission|delegat(?:e|ion))\b", re.I)


def merge_modifiers(text: str, mentions: list[Found]) -> tuple[list[Found], list[tuple[Found, Found, str]]]:
    """The mentions with each modifying name folded into the name it modifies ("Russian ally China" is China there),
    and the (modifier, name, words between) found: "ally" there is a tie of China to Russia."""
    out, pairs, skip = [], [], False
    for i, m in enumerate(mentions):
        if skip:
            skip = False
            continue
        n = mentions[i + 1] if i + 1 < len(mentions) else None
        gap = text[m.end:n.start] if n is not None else ""
        if n is not None and m.actor.type == "state" and n.actor.type == "bloc" and _ENVOY.match(text, n.end) \
                and re.fullmatch(r"['’]s?\s+", gap):
            out.append(Found(m.start, n.end, text[m.start:n.end], m.actor))  # "Damascus’s UN envoy": Syria's
            skip = True
        elif n is not None and m.actor is not n.actor and _DEMONYM.search(m.words) and _MODIFIES.match(gap) \
                and m.words.lower() != m.actor.label.lower() \
                and not re.search(r"\b(?:and|or|to|with|by|of|in|on|from|that|who|which|has|have|had|is|was|are|were|"
                                  r"will|would|did|does|can|could|also|then)\b", gap) \
                and not cues.find(gap) and not speech.REPORTING.search(gap):
            out.append(Found(m.start, n.end, text[m.start:n.end], n.actor))
            pairs.append((m, n, gap.strip()))
            skip = True
        elif _DEMONYM.search(m.words) and m.words.lower() != m.actor.label.lower() and _PEOPLE.match(text, m.end):
            continue  # "Russian voters showed their support": a people, not its state, and no actor of the sentence
        else:
            out.append(m)
    return out, pairs
