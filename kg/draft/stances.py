"""From a cue to a stance on an issue: the cue's sign once negated, the counter groups that turn it round, the stance.

A cue gives a polarity towards what follows it (+1 for, -1 against, 0 neither); a negation
before it turns it round; a word of a *counter* group after it ("annexation", "independence",
"invasion") turns it round again unless the issue itself is about that group (condemning an
annexation supports the territory's integrity; condemning an invasion opposes the war).
"""

from __future__ import annotations

import re

# Counter groups: a word of one after the cue turns the stance round, unless the issue is about that group.
COUNTERS = {
    # "seize power" is a coup, not a seizure of land: no counter to a coup's issue
    # "the Israeli-occupied West Bank", "Russia-annexed Crimea": a place so named is no annexation the cue is about
    # "the move to claim sovereignty in the waters adjacent to Guyana's coast": a claim on another's land is a seizure
    "annex": re.compile(r"(?<!-)\b(?:annex\w*|occup\w*|secession|separation|incorporat\w*|seiz\w*(?!\s+(?:the\s+)?power\b)|breakaway|"
                       r"claim(?:s|ed|ing)?\s+sovereignty)\b", re.I),
    "war": re.compile(r"\b(?:invasion|invad\w*|war|aggression|attacks?|assaults?|offensive|military\s+operation|conflict|fighting|"
                     r"hostilities|(?:air\s*|missile\s+|drone\s+)?strikes?|bombing|bombardment|shelling)\b", re.I),
    "independence": re.compile(r"\b(?:independen\w*|sovereign\s+(?:state|country|nation)|autonomous\s+(?:state|country))\b", re.I),
    # "rejected any act which violated the UN Charter": against a breach of what the issue upholds
    "breach": re.compile(r"\b(?:violat\w*|breach\w*|infring\w*|flout\w*)\b", re.I),
    # "regrets the severing of diplomatic relations": against a rupture is for the ties
    # "regretted the recalling of the ambassadors", "the cancellation of the contract was unacceptable": against a
    # rupture is for the ties
    "rupture": re.compile(r"\b(?:sever(?:ing|ance|ed)|ruptures?|break(?:ing)?[-\s]+(?:off|up)|breakdown|"
                         r"recall(?:ing|ed)?\s+(?:of\s+)?(?:its\s+|their\s+|the\s+)?(?:\w+\s+)?(?:ambassadors?|envoys?)|"
                         r"cancell?ation|(?:cancell?ing|scrapping)\s+of)\b", re.I),
    # "demand a halt to the offensive", "calls for Russia to withdraw": for the end of what follows
    # "signed the warning to the Houthis", "back any measures Qatar takes in response to the strike": an act against what
    # it answers, unless the issue is that act (the sanctions, the countermeasures themselves)
    "reproach": re.compile(r"\b(?:warnings?|censure|(?:in\s+)?response\s+to|retaliation)\b", re.I),
    "halt": re.compile(r"\b(?:halt|end|ending|stop|cessation|withdraw\w*|pull\w*\s+out|ceasefire|cease-fire)\b", re.I),
}
ISSUE_GROUP_WORDS = {
    "annex": ("annex", "occup", "secession", "incorporat"),
    "war": ("war", "invasion", "aggression", "conflict", "strike", "attack", "assault", "offensive", "bombing", "shelling"),
    "independence": ("independence", "independent"),
    "breach": ("violat", "breach", "infring"),
    "rupture": ("sever", "ruptur", "break", "recall", "cancel", "scrap"),
    "reproach": ("warning", "censure", "retaliat", "response", "countermeasure", "sanction"),
    "halt": ("settlement", "peace", "ceasefire", "negotiat", "withdraw"),
}
# a settlement of what follows: "supports a peaceful settlement of the war", "talks to resolve the conflict"
_SETTLEMENT = re.compile(r"\b(?:settlement|solution|resolution|negotiations?|talks|peace)\s+(?:of|to|for|in)\b", re.I)
# An issue of supplying arms (a cue that halts a supply is against it), not of measures against the buyer
SUPPLY_ISSUE = re.compile(r"aid|export|suppl|sale|deliver|transfer|trade", re.I)


def sign(polarity: int, negation: bool) -> int:
    """The direction a cue gives once negated: a negated "against" is no side (0), a negated "for" is against."""
    if polarity == 0 or (negation and polarity < 0):
        return 0
    return -polarity if negation else polarity


def counter_flip(after: str, issue_words: str) -> int:
    """-1 when ``after`` names a counter group the issue is not about (so the stance turns round), else 1.

    ``issue_words`` is the issue's notation: what the issue *is* ("russian-invasion-of-ukraine"),
    where its label may only describe it ("Donbas and the other annexed regions").
    """
    turn = 1
    words = issue_words.lower()
    if (COUNTERS["halt"].search(after) or _SETTLEMENT.search(after)) and any(w in words for w in ISSUE_GROUP_WORDS["halt"]):
        return 1  # "calls for an end to hostilities", "a peaceful settlement of the war": the issue of a settlement itself
    for group, pattern in COUNTERS.items():
        if group == "independence" and not any(w in words for w in ("part-of", "integrity", "territor", "unity")):
            continue  # independence counters only a state's hold on its territory, not recognition or membership
        if pattern.search(after) and not any(w in words for w in ISSUE_GROUP_WORDS[group]):
            turn = -turn
    return turn


def names_counter(words: str) -> bool:
    """Whether ``words`` hold a word of a counter group."""
    return any(pattern.search(words) for pattern in COUNTERS.values())


def stance(polarity: int, negation: bool, flip: int, measure: bool = False) -> str:
    """The stance on the issue from a cue's polarity, its negation and the counter groups after it.

    A negated "against" cue ("did not condemn") is read as neutral: not opposing is not supporting. A measure
    not taken is a choice, though: "decided not to freeze their weapons sales" is for the sales.
    """
    if polarity == 0:
        return "neutral"
    if negation:
        if polarity < 0 and not measure:
            return "neutral"
        polarity = -polarity
    return "supports" if polarity * flip > 0 else "opposes"


# "support Qatar", "solidarity with Qatar", "full support for Doha": the actor a stand is for, right after its cue
_FOR_WHOM = re.compile(r"\s+(?:(?:full|fully|its|their|his|her|strong|strongly|unwavering|total|firm|firmly|complete)\s+)*"
                       r"(?:(?:support|solidarity|backing)\s+)?(?:for|with|to|behind)?\s*(?:the\s+)?$", re.I)


_STAND_BY = re.compile(r"(?:support|back|stand|stood|pledg|express|voic|reaffirm|reiterat)\w*(?:\s+(?:by|with|behind))?", re.I)


def stood_by(text: str, cue_at: int, cue_end: int, mentions) -> object | None:
    """The mention a cue of support ("support", "stand with", "pledged") is for when it comes right after it ("fully
    support Qatar", "pledged full solidarity with Qatar"), else None."""
    if not _STAND_BY.fullmatch(text, cue_at, cue_end):
        return None
    after = [m for m in mentions if m.start >= cue_end and m.start - cue_end <= 40]
    return after[0] if after and _FOR_WHOM.fullmatch(text, cue_end, after[0].start) else None
