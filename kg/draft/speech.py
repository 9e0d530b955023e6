"""The words around a cue: a negation that turns it round, a verb that reports speech, the speaker's own words.

General lists, as ``cues.py``'s, written for any article about states' positions.
"""

from __future__ import annotations

import re

# Negations that turn a cue round when they come at most three words before it ("did not
# impose", "will never allow its", "has refused to join").
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|n[o']t|neither|nor|without|refus(?:ed|es|e|ing)\s+to|declin(?:ed|es|e|ing)\s+to|"
    r"fail(?:ed|s|ing)?\s+to|refrain(?:ed|s|ing)?\s+from|stopp?(?:ed|s)?|ceas(?:ed|es)\s+to|won't|wouldn't|didn't|doesn't|"
    r"don't|hasn't|haven't|isn't|wasn't|aren't|cannot|can't|against\s+(?:joining|imposing)|refusal\s+to|reluctan(?:ce|t)\s+to|rather\s+than|"
    r"no\s+(?:intention|plans?|desire|wish)\s+(?:of|to))\b"
    r"(?<!not\s(?=only|just))(?!\s+(?:only|just)\b)(?:\s+(?!not\b)[\w'’\[\]-]+){0,4}\s*$"
    # "would not hesitate to impose", "will not think twice before imposing": no negation
    r"(?<!hesitate\sto)(?<!think\stwice\sbefore)",
    re.IGNORECASE)

# Verbs that report speech: a sentence with one is a statement by its speaker.
REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|declared|announced|stressed|emphasi[sz]ed|underlined|noted|added|"
    r"insisted|claimed|claims|argued|asserted|explained|wrote|tweeted|posted|affirmed|reaffirmed|confirmed|"
    r"warned|expressed|commented|remarked|according\s+to|(?:called|described|branded|termed)(?!\s+(?:for|on|off|up)\b)|quoted\s+as\s+saying|in\s+a\s+statement|press\s+conference|interview)\b",
    re.IGNORECASE)

# Subjects that stand for the speaker's state: "we did not recognise", "his country is opposed".
SELF = re.compile(r"^(?:we|our\s+country|my\s+country|his\s+country|her\s+country|i|the\s+country|our\s+government)$", re.I)
PRONOUN_SUBJECT = re.compile(r"(?:^|[“\"(,]\s*)\b(we|our country|my country|his country|her country|I)\b(?=\s)", re.I)


def negated(before: str) -> bool:
    """Whether the words just before a cue negate it ("refused to join", "did not condemn", "can’t agree to")."""
    return NEGATION.search(before[-70:].replace("’", "'").rstrip()) is not None
