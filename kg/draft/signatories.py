"""The signatories of a statement told just before: "The statement was signed by the foreign ministers of Egypt,
Algeria, …", "These governments are Argentina, Costa Rica, …". Each takes the statement's stand."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.draft import lists, text as reading
from kg.draft.actors import Found
from kg.draft.candidate import Candidate, principal

# "The statement was signed by the foreign ministers of Egypt, Algeria, …": they take the statement's stand
# "These governments are Argentina, Chile, …" after a statement of unnamed governments, "The statement’s signatories also
# included Belgium, …": the same
_SIGNED = re.compile(r"\b(?:statement|declaration|communiqu[eé]|letter|text)\s+(?:was|were|has\s+been|had\s+been)\s+(?:also\s+)?"
                     r"(?:signed|endorsed|co-signed|backed)\s+by\b"
                     r"|^(?:these|those|the)\s+(?:(?:statement|declaration|letter)['’]s\s+|[\w-]+\s+)?"
                     r"(?:governments|countries|states|nations|signatories)\s+(?:also\s+)?(?:are|were|include|included)\b", re.I)
SIGNED_WITHIN = 600  # characters: how far back the statement's stand may be told


def signed(text: str, sentence: reading.Span, inside: list[Found], out: list[Candidate], roster) -> list[Candidate]:
    """The signatories a sentence lists of a statement told just before, each with the statement's stand."""
    match = _SIGNED.search(sentence.text)
    told = [c for c in out if c.quote.end <= sentence.start and sentence.start - c.quote.end <= SIGNED_WITHIN]
    if match is None or not told:
        return []
    stand, start = told[-1], sentence.start + match.end()
    signers = lists.after(text, inside, start, sentence.end)
    drafted = {(c.actor.id, c.issue) for c in out}
    made = []
    for m in signers:
        actor = principal(m.actor, roster)
        if actor.type == "official" or (actor.id, stand.issue) in drafted:
            continue
        made.append(replace(stand, actor=actor, quote=sentence, kind="statement", action=None, vote=None, speaker=None,
                            speaker_post=None, others=list(stand.others), target=stand.target if stand.target != actor else None,
                            notes=[f"named as a signatory, or one of the group, of the statement told before: its stand is "
                                   f"that of \"{stand.quote.text[:80]}\""]))
    return made
