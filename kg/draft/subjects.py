"""Whom a cue is said of: the subject list before it, a list it introduces, an agent after "by", or the actor last named.

English news names the actor of a stance in a few regular places: before the verb
("Belarus, Syria and Eritrea voted against"), in a list the cue introduces ("the
abstentions included China and India", "voting against were Belarus, …"), after a
passive "by" ("was condemned as illegitimate by the U.S."), or not at all: "it",
"the country" and "the government" refer back to the actor last named as a subject in
the paragraph. A demonym before a noun and a name ("Russian ally China") modifies that
name: it is no subject of its own.
"""

from __future__ import annotations

import re

from kg.draft import lists, speech
from kg.draft.actors import Found

# a name after a preposition, or after a verb of telling ("Russia told Washington it would"), is an object, no subject
_OBJECT_BEFORE = re.compile(r"\b(?:against|on|to|from|with|of|over|at|into|towards?|for|about|between|in|unlike|told|tells|telling|"
                            r"informed|informs|notified|notifies|assured|assures)\s+(?:the\s+)?$", re.I)
_CLOSED = re.compile(r"^[^()]*\)")
# "Mexico was among the 11 Council members to vote", "Brazil was one of 11 members that": the subject is the first name
_AMONG = re.compile(r"^\s+(?:was|were|is|are)\s+(?:among|one\s+of)\b[^,;.]*$", re.I)
_POSSESSIVE = re.compile(r"['’]s?\b")  # "Kosovo’s declaration": the subject of a verb only right after it
# "his demand that Ukraine withdraw", "urged that Serbia join": the one asked acts in the demand, not in the text
_DEMANDED = re.compile(r"\b(?:demand(?:ed|s|ing)?|call(?:ed|s|ing)?|insist(?:ed|s|ing)?|urg(?:ed|es|ing)?)\s+that\s+(?:the\s+)?$", re.I)
# "Putin phoned his Belarusian counterpart and congratulated him": a name after "his" is in the object
_THEIR_OWN = re.compile(r"(?<!and )\b(?:his|her)\s+$", re.I)  # not "Kuleba and his Polish counterpart Rau slammed"
_KIN_IN = re.compile(r"\b(?:allies|friends|partners)\s+in\s+(?:the\s+)?$", re.I)  # "friends in China, Iran … hailed"
# "leaders from Uzbekistan, Tajikistan, and Azerbaijan congratulated": those who speak for the states named
_PEOPLE_OF = re.compile(r"\b(?:leaders|officials|ministers|presidents|representatives|delegations|diplomats|envoys|"
                        r"governments|heads\s+of\s+state|embass(?:y|ies)|ambassadors)\s+(?:of|from)\s+(?:the\s+)?$", re.I)
# "Putin's allies hail", "Serbia's neighbours condemned": those related to the name act, not the name
_KIN = re.compile(r"['’]s?\s+(?:[\w-]+\s+)?(?:allies|friends|partners|neighbou?rs|critics|opponents|rivals|enemies|adversaries)\b", re.I)
# "was blasted by a string of EU officials", "by several EU states": the agent after a quantity
BY = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?by\s+(?:the\s+|a\s+(?:\w+\s+)?(?:string|number|series|group|chorus|host|handful)\s+of\s+(?:the\s+)?|"
                 r"(?:several|some|many|other|senior|top)\s+)?$", re.I)
# "Belarus and Syria joined Russia in voting against": both lists voted
_JOINED = re.compile(r"^\s+(?:joined|sided\s+with|along\s+with|together\s+with|alongside)\s+(?:the\s+)?$", re.I)
# what introduces the actors of a cue after it: "from", "were", "included", "including", "by"
_INTRODUCES = re.compile(r"^[^.;:“”\"]{0,60}?\b(?:from|were|was|are|included|include|includes|including|by|namely|among\s+them)\s+"
                         r"(?:the\s+|only\s+)?(?-i:[a-z]+\s+)?$|^\s*[(:]\s*(?:the\s+)?(?:[\w'’.-]+(?:\s+[\w'’.-]+){0,3},\s*)*$", re.I)
# subjects that refer back to the actor last named: "it", "the country", "its government"
REFERS_BACK = re.compile(r"(?:^|[“\"(,;]\s*|\b(?:and|but|that|as)\s+)(it|they|the\s+country|the\s+government|its\s+government|"
                         r"the\s+state|the\s+authorities|the\s+kingdom|the\s+republic|the\s+nation|the\s+administration|"
                         r"the\s+ministry|the\s+junta|the\s+regime|the\s+bloc|the\s+alliance|the\s+entity|he|she)\s+(?:\w+\s+){0,3}$", re.I)


# who "from" names: the giver of a supply; the holders of a stand ("the backing of over 40 countries, including")
_CAME_FROM = re.compile(r"\bcame\s+from\s+(?:the\s+)?(?:(?-i:[a-z]+)\s+)?$")  # "came from neighbouring Poland"
_SUPPLIER = re.compile(r"\b(?:from|by)\s+(?:the\s+)?(?:[^.;:“”\"]{0,40}?,?\s+(?:including|such\s+as|notably|among\s+them)\s+(?:the\s+)?)?$")
_SOURCE = re.compile(r"\b(?:from|by|of)\s+(?:the\s+)?(?:[^.;:“”\"]{0,40}?,?\s+(?:including|such\s+as|like|notably|among\s+them)\s+"
                     r"(?:the\s+)?)?(?:(?-i:[a-z]+)\s+)?$", re.I)

# "Hungary's prime minister Viktor Orban criticised": a state's official the reference does not know speaks for it
_TITLED = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,2}?(?i:president|prime\s+minister|minister|spokes(?:man|woman|person)|"
                     r"ambassador|envoy|chancellor|leader|king|emir|premier)\s+(?:[A-Z][\w’'.-]+\s+){1,3}"
                     r"(?:(?:has|have|had|also|then|again|repeatedly|strongly|sharply)\s+)*$")
# "Mali’s government on Monday gave": a state's body acts for it, however many words come before the verb
_BODY = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:government|(?:foreign\s+|defen[cs]e\s+)?ministry|junta|military\s+rulers|authorities|"
                   r"cabinet|administration|leadership|council|committee|agency|department|parliament|presidency|military|army|"
                   r"navy|armed\s+forces|coast\s+guard)\b(?![’'])", re.I)
# "The Ministry of Foreign Affairs of Serbia said", "the government of Kenya": the body of the state named after it
_BODY_OF = re.compile(r"\b(?:government|ministry(?:\s+of\s+(?:foreign\s+affairs|defen[cs]e|[\w-]+))?|junta|cabinet|administration|"
                      r"authorities|presidency|parliament)\s+of\s+(?:the\s+)?(?:republic\s+of\s+)?$", re.I)
# an apposition after a name: "Turkey, a NATO member, has not joined": NATO is no subject there
_APPOSITION_BEFORE = re.compile(r"[\w’'.)],\s+(?:a|an|the|its|their|his|her)\s+(?:[\w’'-]+\s+){0,4}$", re.I)
_APPOSITION_AFTER = re.compile(r"^(?:['’]s)?(?:\s+[\w’'-]+){0,4},")


def _in_apposition(text: str, m: Found, mentions: list[Found]) -> bool:
    before = _APPOSITION_BEFORE.search(text, max(0, m.start - 60), m.start)
    after = _APPOSITION_AFTER.match(text[m.end:m.end + 60])
    if before is None or after is None or not any(other.end == before.start() + 1 for other in mentions):
        return False
    # "Israel, the Marshall Islands, Micronesia": a name alone after "the" is the next of a list, no apposition
    return bool(re.search(r"\w+\s+\S+\s+\S", before.group())) or after.group() not in (",", "'s,", "’s,")


# a name, then an apposition in commas, then the verb: "France, a co-chair of the Minsk Group …, called on"
_APPOSED = re.compile(r"^,\s+(?:a|an|the|one|its|itself|whose|long|once)\b[^;:“”\"]*,\s+(?:(?:\w+ly|also|has|have|had|on\s+\w+day)\s+)*$", re.I)


_APPOSED_JUDGES = re.compile(r",\s+(?:a|an|the|one|its|whose|long|once)\b[^;:“”\"]*,\s+([^;:,“”\"]*)")


def before_cue(text: str, mentions: list[Found], cue_start: int) -> list[Found]:
    """The actors a cue at ``cue_start`` is said of: the nearest before it, with the list it ends ("A, B and C")."""
    before = [m for m in mentions if m.end <= cue_start and not _in_apposition(text, m, mentions)
              and (not _OBJECT_BEFORE.search(text[max(0, m.start - 20):m.start]) or _owns(text, m, cue_start)
                   or _WITH_DOING.search(text, max(0, m.start - 6), m.start) and _doing(text, m, mentions, cue_start)
                   or _BODY_OF.search(text, max(0, m.start - 50), m.start) or _KIN_IN.search(text, max(0, m.start - 30), m.start)
                   or _PEOPLE_OF.search(text, max(0, m.start - 40), m.start))
              and not (_POSSESSIVE.match(text, m.end) and (len(text[m.end:cue_start].split()) > 3 or _KIN.match(text, m.end))
                       and not _TITLED.match(text[m.end:cue_start]) and not _BODY.match(text, m.end))
              and not _CLOSED.match(text[m.end:cue_start])
              and not _DEMANDED.search(text, max(0, m.start - 40), m.start)  # "(Georgia, India and Hungary), the text would":
              and not _THEIR_OWN.search(text, max(0, m.start - 8), m.start)]
    # a name in brackets closed before the cue is no subject of it
    if not before:
        return []
    chosen = lists.before(text, before)
    among = [m for m in before if m.end <= chosen[0].start and _AMONG.match(text[m.end:cue_start])]
    if among:
        chosen = lists.before(text, [m for m in before if m.end <= among[-1].end])
    first = chosen[0]
    earlier = [m for m in before if m.end <= first.start]
    if earlier and _JOINED.match(text[earlier[-1].end:first.start]):  # "A and B joined Russia in voting against"
        chosen = lists.before(text, earlier) + chosen
    return chosen


_WITH_DOING = re.compile(r"\bwith\s+(?:the\s+)?$", re.I)


def _doing(text: str, m: Found, mentions: list[Found], cue_start: int) -> bool:
    """Whether the names from ``m`` to the cue are a list and the cue a participle: "with Bolivia and Chile pushing for",
    or what the list becomes the one to do: "with Togo becoming the fifteenth country to revoke"."""
    listed = lists.after(text, mentions, m.start, cue_start)
    if not listed:
        return False
    if re.fullmatch(r"\s+(?:becoming|being)\s+(?:the\s+|a\s+)?[^,;:.]{0,50}?\s+to\s+", text[listed[-1].end:cue_start]):
        return True
    return re.match(r"\w+ing\b", text[cue_start:]) is not None \
        and re.fullmatch(r"\s+(?:also\s+|\w+ly\s+)?", text[listed[-1].end:cue_start]) is not None


def kin(text: str, m: Found) -> bool:
    """Whether the name is said of those related to it ("Putin's allies"): it neither acts nor speaks there."""
    return _KIN.match(text, m.end) is not None


def object_before(text: str, m: Found) -> bool:
    """Whether a preposition or a verb of telling comes right before the name: it is no subject there."""
    return _OBJECT_BEFORE.search(text[max(0, m.start - 20):m.start]) is not None


def _owns(text: str, m: Found, cue_start: int) -> bool:
    """Whether a possessive names who does the cue: "grateful for Russia’s refusal to recognize", "over Hungary's veto"."""
    return _POSSESSIVE.match(text, m.end) is not None and len(text[m.end:cue_start].split()) <= 3


_OF_A_TEXT = re.compile(r"['’]?s?\s+(?:[\w-]+\s+)?(?:resolutions?|drafts?|texts?|votes?|meetings?|sessions?|decisions?)\b", re.I)


def introduced(text: str, mentions: list[Found], cue_end: int, clause_end: int) -> list[Found]:
    """The list a cue introduces after it ("abstentions included China and India"), or an agent after "by"."""
    for m in mentions:
        if m.start < cue_end or m.end > clause_end:
            continue
        gap = text[cue_end:m.start]
        if BY.match(gap) or _INTRODUCES.match(gap):
            found = lists.after(text, mentions, m.start, clause_end)
            if _OF_A_TEXT.match(text, found[-1].end):
                return []  # "abstained from a UN General Assembly resolution": the organ of the text, no voter
            return found
        return []
    return []


def refers_back(text: str, start: int, cue_start: int) -> bool:
    """Whether the words before a cue have a pronoun or "the country" as their subject."""
    return REFERS_BACK.search(text[max(start, cue_start - 80):cue_start]) is not None


_MODIFIER_GAP = re.compile(r"^(?:['’]s)?\s+(?:(?:new|further|fresh|tough|sweeping|economic|financial|wide-ranging)\s+){0,2}$", re.I)
_JUDGES = re.compile(r"\b(?:call(?:ed|s)?|consider(?:ed|s)?|describ(?:ed|es)|deem(?:ed|s)?|term(?:ed|s)?|brand(?:ed|s)?|label(?:l?ed|s)?|"
                     r"said|says|believ(?:ed|es)|see[sn]?|view(?:ed|s)?|expressed|voiced|found|finds)\b", re.I)
_OBJECT_BY = re.compile(r"\s+(?:the|a|an|this|that|these|those|its|their|his|her)\s+(?:[\w-]+\s+){0,3}?by\s+", re.I)
_JOINED_IN = re.compile(r"(?<=\s)join(?:ed|s|ing)?\s+[^.;:“”\"]{1,80}?\s+in\s+$", re.I)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be|get|gets|got)\s+(?:\w+ly\s+|also\s+|not\s+)?$", re.I)


def _parallel_antecedent(text: str, inside: list[Found], clause) -> Found | None:
    """The name an earlier relative clause of the sentence follows when this one repeats its opening words.

    "a Serbia that will never become a member of NATO, which will never impose sanctions": "which will never"
    repeats "that will never", so both are said of Serbia, not of NATO named just before the second.
    """
    opening = re.match(r"(?:(?:and|or|but)\s+)?(?:which|who)\s+(\w+\s+\w+)\b", clause.text, re.I)
    if opening is None:
        return None
    window = max(0, clause.start - 300)
    cut = text.rfind(". ", window, clause.start)
    start = cut + 2 if cut >= 0 else window
    # the first relative of the sentence with the same opening: "which will never allow" goes back past the second
    earlier = re.search(r"\b(?:that|which|who)\s+" + re.escape(opening.group(1)) + r"\b", text[start:clause.start], re.I)
    if earlier is None:
        return None
    at = start + earlier.start()
    named = [m for m in inside if m.end <= at and re.fullmatch(r"\s*,?\s*", text[m.end:at])]
    return named[-1] if named else None


_HE = re.compile(r"(?:^|\b(?:that|and|but)\s+)(?:he|she)\s+(?:\w+\s+){0,2}$", re.I)
_ITS = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:role|part|decision|plan|bid|attempts?|efforts?|refusal|move|policy)\s+"
                  r"(?:in|to|of)\s+$", re.I)


def who(text, inside, clause, cue_at, cue_end, cue, speaker_here, last_speaker, last_subject) -> tuple[list[Found], bool]:
    """The actors a cue is said of, and whether the text names them there (not read from a pronoun or the last subject).

    ``inside`` are the sentence's mentions, ``clause`` the clause of the cue at ``cue_at``…``cue_end``; the speaker of
    the sentence, the last official who spoke and the paragraph's last subject stand in where no name is the subject.
    """
    if cue.nominal:  # "EU sanctions on Russia", "Washington’s new sanctions against": the name right before, or none
        return [m for m in inside if m.end <= cue_at and _MODIFIER_GAP.match(text[m.end:cue_at])][-1:], True
    if not cue.inner:  # a judgement ("illegal", "a mistake") is the speaker's, or of a subject that calls it so
        opening = [m for m in inside if m.start >= clause.start and not text[clause.start:m.start].strip(" ")][:1]
        if opening and (apposed := _APPOSED_JUDGES.match(text, opening[0].end, cue_at)) and _JUDGES.search(apposed.group(1)):
            return opening, True  # "Doha, a key mediator between Hamas and Israel, called the attack “cowardly”"
        judges = [m for m in before_cue(text, inside, cue_at) if m.start >= clause.start
                  and _JUDGES.search(text[m.end:cue_at])]
        if judges:
            return judges, True
        judged = re.search(r"\b(?:been|was|were|is|are)\s+(?:called|described|termed|branded|deemed|labell?ed)\b", text[clause.start:cue_at])
        agent = [m for m in inside if m.start >= cue_end and m.end <= clause.end
                 and re.fullmatch(r"[^.;,]{0,40}?\bby\s+(?:the\s+)?", text[cue_end:m.start])] if judged else []
        if agent:  # "has been termed “an unacceptable act” by Serbia": who judges follows "by"
            return agent[:1], True
        return ([Found(cue_at, cue_at, "", speaker_here)], False) if speaker_here is not None else ([], False)
    if cue.source:  # "received ammunition from Pyongyang": the giver; "resistance from Serbia and its allies": those named
        # "Condemnation of Russia's annexation came from Poland": those after "came from", not the one after "of"
        source = _SUPPLIER if cue.kind == "action" else _CAME_FROM if re.search(r"\bcame\s+from\b", text[cue_end:clause.end]) \
            else _SOURCE
        first = [m for m in inside if cue_end <= m.start and m.end <= clause.end and source.search(text[cue_end:m.start])][:1]
        if not first or cue.action == "supply":
            return first, True
        return lists.extended(text, inside, first[0].start, clause.end), True
    later = introduced(text, inside, cue_end, clause.end)
    if later and not cue.vote and re.search(r"\binclud(?:ed|es|e|ing)\s+(?:[\w'’.-]+\s+){0,3}$", text[cue_end:later[0].start], re.I):
        later = []  # "sanctioning 200 people, including two of Putin’s daughters": what a measure takes in, not who
    participle = re.match(r"\w+ed\b", text[cue_at:cue_end])
    if participle and (_PASSIVE.search(text[clause.start:cue_at]) and not re.match(r"\s+(?:to|with)\b", text[cue_end:])
                       or re.match(r"\s+(?:\w+ly\s+)?by\b", text[cue_at + participle.end():])):
        # "was criticized for", "Approved by a vote of": the subject is the target, the agent follows "by"
        agent = later and BY.match(text[cue_end:later[0].start])
        return (later, True) if agent else ([], False)
    joined = _JOINED_IN.search(text, clause.start, cue_at)
    if joined is not None and (head := [m for m in inside if clause.start <= m.start and m.end <= joined.start()]):
        # "Japan joined the US and the EU in imposing sanctions": Japan, and those it joined
        return lists.before(text, head) + [m for m in inside if joined.start() < m.start and m.end <= cue_at], True
    parallel = _parallel_antecedent(text, inside, clause)
    if parallel is not None:  # "a Serbia that will never join NATO, which will never impose sanctions": Serbia
        return [parallel], True
    its = _ITS.search(text, clause.start, cue_at)
    if its is not None:  # "sanctions against Russia for its role in fomenting": the name "its" follows
        named = [m for m in inside if m.end <= its.start() and m.actor.type != "official"]
        if named:
            return named[-1:], False  # read through a pronoun: not the paragraph's subject from here on
    opening = [m for m in inside if m.start >= clause.start and not text[clause.start:m.start].strip(" ")][:1]
    if opening and _APPOSED.match(text[opening[0].end:cue_at]):
        # "France, a co-chair of the group mediating between Armenia and Azerbaijan, called on": the name before the apposition
        return [opening[0]], True
    chosen = before_cue(text, inside, cue_at)
    if re.match(r"(?:which|who)\b", clause.text, re.I) and not any(
            m.start >= clause.start and re.fullmatch(r"\s+(?:[\w’'-]+\s+){0,2}", text[m.end:cue_at]) for m in chosen):
        # "Putin, who, at the invitation of Vucic, prevented": the name the relative clause follows, not one inside it
        antecedent = [m for m in inside if m.end <= clause.start and re.fullmatch(r"\s*,?\s*", text[m.end:clause.start])]
        if antecedent:
            return antecedent[-1:], True
    in_clause = [m for m in chosen if m.start >= clause.start]
    # "The annexation was condemned by the U.S.", not "the council cleared the purchase" (the act its subject decided)
    noun = re.search(r"\bthe\s+$", text[clause.start:cue_at], re.I) is not None \
        and not re.search(r"\b(?:cleared|approved|finali[sz]ed|completed)\s+the\s+$", text[clause.start:cue_at], re.I)
    # "welcomed the decision by OPEC+": "by" names who took the decision its subject welcomed
    of_object = bool(in_clause) and _OBJECT_BY.match(text, cue_end, later[0].start if later else cue_end) is not None
    if later and not of_object and (cue.vote or BY.match(text[cue_end:later[0].start]) or not in_clause and not noun):
        return later, True  # "abstentions included China and India", "condemned by the U.S."
    if noun:
        return [], False  # "The annexation was condemned": whose annexation the sentence does not say
    pronoun = speech.PRONOUN_SUBJECT.search(text[max(clause.start, chosen[-1].end if chosen else clause.start):cue_at])
    back = refers_back(text, max(clause.start, chosen[-1].end if chosen else clause.start), cue_at)
    stand_in = speaker_here or (last_speaker if pronoun else None)
    if speaker_here is not None and _HE.search(text, max(clause.start, chosen[-1].end if chosen else clause.start), cue_at):
        return [Found(cue_at, cue_at, "", speaker_here)], False  # "Netanyahu said afterward that he rejects": the speaker
    if pronoun and stand_in is not None:
        return [Found(cue_at, cue_at, "", stand_in)], False
    if (back or not in_clause) and last_subject is not None and (back or not chosen):
        return [Found(cue_at, cue_at, "", last_subject)], False
    if not chosen and stand_in is not None:
        return [Found(cue_at, cue_at, "", stand_in)], False
    # "the United Arab Emirates, which abstained": the name the relative clause follows
    antecedent = bool(chosen) and re.match(r"(?:which|who)\b", clause.text, re.I) is not None \
        and re.fullmatch(r"\s*,?\s*", text[chosen[-1].end:clause.start]) is not None
    return chosen, bool(in_clause) or antecedent


def joined_in(text: str, mentions: list[Found], cue_at: int, cue_end: int) -> list[Found]:
    """Those a cue says were joined in what it names ("joined the EU and US in sanctioning Russia": the EU and the US),
    or the guest of a host ("hosted Mr Orban for talks")."""
    if re.match(r"hosted\b", text[cue_at:cue_end], re.I):  # "Putin hosted Orban": the guest's visit is a move too
        return [m for m in mentions if m.start >= cue_end and re.fullmatch(r"\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+|the\s+)?",
                                                                           text[cue_end:m.start])][:1]
    if not re.match(r"join(?:ed|s|ing)?\s", text[cue_at:cue_end], re.I):
        return []
    return [m for m in mentions if cue_at < m.start and m.end <= cue_end and re.search(r"\bin\s+\w+ing\b", text[m.end:cue_end])]
