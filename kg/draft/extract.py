"""Candidate claims from an article: one per actor taking a stance in a clause.

For each clause with a stance cue (``cues.py``), the actor is the actor named
nearest before the cue (a list "A, B and C have joined" gives each; "we" or "his
country" gives the speaker's state; "proposed by X" gives X), the target the first
other actor after it, the issue the best match of the scheme (``issues.py``) or the
issue of the resolution voted on, and the stance the cue's polarity turned round by
a negation before it and a counter word after it. The quote runs from the actor (or
the clause's start) to the clause's end: always a slice of the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kg.build.reference import Reference
from kg.draft import cues, text as reading
from kg.draft.actors import Found
from kg.draft.issues import IssueIndex, Match
from kg.terms.names import Actor

MIN_ISSUE_SCORE = 0.12  # below it no issue of the scheme is about the sentence: no candidate
_OBJECT_BEFORE = re.compile(r"\b(?:against|on|to|from|with|of|over|at|into|towards?|for|about|between|in)\s+(?:the\s+)?$", re.I)
_LIST_GAP = re.compile(r"^(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")
_POSSESSIVE = re.compile(r"['’]s?\b")  # "Kosovo’s declaration": the subject of a verb only right after it
_OBJECT_END = re.compile(r"^(?:over|for|because|amid|after|despite|since|as|while|when|due|following|but|although)$", re.I)
_BY = re.compile(r"^\s*(?:\w+\s+){0,2}?by\s+$", re.I)


@dataclass
class Candidate:
    """A drafted claim: what the YAML says, where its quote is, and what the reviewer should know."""

    actor: Actor
    issue: str
    issue_score: float
    stance: str
    kind: str
    quote: reading.Span
    action: str | None = None
    vote: str | None = None
    resolution: str | None = None
    target: Actor | None = None
    speaker: Actor | None = None
    speaker_post: str | None = None
    date: str | None = None
    date_note: str | None = None
    cue: str = ""
    others: list[Match] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _principal(actor: Actor, roster) -> Actor:
    if actor.type == "official" and actor.acts_for:
        return roster.get(actor.acts_for) or actor
    return actor


def _subjects(text: str, mentions: list[Found], cue_start: int, clause: reading.Span) -> list[Found]:
    """The actors a cue at ``cue_start`` is said of: the nearest before it, with the list it ends."""
    before = [m for m in mentions if m.end <= cue_start and not _OBJECT_BEFORE.search(text[max(0, m.start - 20):m.start])
              and not (_POSSESSIVE.match(text, m.end) and len(text[m.end:cue_start].split()) > 3)]
    if not before:
        return []
    chosen = [before[-1]]
    for previous in reversed(before[:-1]):
        if _LIST_GAP.match(text[previous.end:chosen[0].start]):
            chosen.insert(0, previous)
        else:
            break
    return chosen


def _speaker_post(official, day: dt.date) -> str | None:
    for post in official.posts:
        if post.start <= day and (post.end is None or post.end >= day):
            return f"{post.role} (from {post.start}{f' until {post.end}' if post.end else ''})"
    return None


def claims(text: str, sentences: list[reading.Span], mentions: list[Found], reference: Reference,
           index: IssueIndex, document_date: dt.date) -> list[Candidate]:
    """The candidate claims of the article's sentences, in the order of the text."""
    roster = reference.roster
    out: list[Candidate] = []
    seen: set[tuple] = set()
    last_speaker: Actor | None = None
    for sentence in sentences:
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        officials = [m.actor for m in inside if m.actor.type == "official"]
        reported = bool(cues.REPORTING.search(sentence.text))
        speaker_here = officials[0] if officials else (last_speaker if reported or "“" in sentence.text[:2] else None)
        found_dates = reading.dates(sentence.text, document_date)
        symbols = [s for s in reading.symbols(sentence.text) if s in reference.resolutions]
        plain = _plain(sentence.text, sentence.start, inside)
        for clause in reading.clauses(text, sentence):
            previous = clause.start  # a negation counts for the next cue only ("did not recognise Russia's annexation")
            for start, end, cue in cues.find(clause.text):
                cue_at = clause.start + start
                negation = cues.negated(text[previous:cue_at])
                previous = clause.start + end
                subjects = _subjects(text, inside, cue_at, clause)
                pronoun = cues.PRONOUN_SUBJECT.search(text[max(clause.start, subjects[-1].end if subjects else clause.start):cue_at])
                by = next((m for m in inside if m.start >= clause.start + end and _BY.match(text[clause.start + end:m.start])), None)
                if by is not None:
                    subjects = [by]
                elif (pronoun or not subjects) and speaker_here is not None:
                    subjects = [Found(cue_at, cue_at, "", speaker_here)]
                for subject in subjects:
                    actor = _principal(subject.actor, roster)
                    if actor.type == "official":
                        continue
                    candidate = _candidate(text, sentence, clause, start, end, cue, negation, subject, actor, inside,
                                           plain, speaker_here, found_dates, symbols, reference, index, document_date)
                    if candidate is None:
                        continue
                    key = (candidate.actor.id, candidate.issue, candidate.stance, sentence.start)
                    first = (candidate.actor.id, clause.start)  # a subject's first cue in a clause is its verb
                    if key not in seen and first not in seen:
                        seen.update((key, first))
                        out.append(candidate)
        if officials:
            last_speaker = officials[-1]
    return out


def _plain(sentence: str, offset: int, inside: list[Found]) -> str:
    """The sentence with each actor's other names replaced by its label ("Tehran" → "Iran"), for issue matching."""
    out, at = [], offset
    for m in inside:
        out.append(sentence[at - offset:m.start - offset])
        out.append(m.actor.label)
        at = m.end
    out.append(sentence[at - offset:])
    return "".join(out)


def _candidate(text, sentence, clause, start, end, cue, negation, subject, actor, inside, plain, speaker_here, found_dates,
               symbols, reference: Reference, index: IssueIndex, document_date) -> Candidate | None:
    roster = reference.roster
    cue_at, cue_end = clause.start + start, clause.start + end
    after = [m for m in inside if m.start >= cue_end and m.end <= clause.end]
    target = next((_principal(m.actor, roster) for m in after if _principal(m.actor, roster).id != actor.id
                   and m.actor.type != "official"), None)
    date = next((d for d in found_dates if d.words in clause.text), found_dates[0] if found_dates else None)
    resolution = None
    if cue.action in ("vote", "veto"):
        resolution = symbols[0] if symbols else _resolution_by_date(reference, date)
    if resolution is not None:
        issue, score, others = reference.resolutions[resolution].issue, 1.0, []
    else:
        ranked = index.rank(text[cue_at:clause.end] + " " + text[cue_at:clause.end] + " " + plain)
        if not ranked or ranked[0].score < MIN_ISSUE_SCORE:
            return None
        issue, score, others = ranked[0].notation, ranked[0].score, ranked[1:]
    if cue.vote:
        # a resolution is for its issue unless the reference data says otherwise (condemning, calling to withdraw)
        yes = reference.resolutions[resolution].yes_stance if resolution is not None else "supports"
        stance = {"yes": yes, "no": {"supports": "opposes", "opposes": "supports"}.get(yes, yes), "abstain": "neutral"}[cue.vote]
        if negation and cue.vote != "abstain":
            stance = {"supports": "opposes", "opposes": "supports"}.get(stance, stance)
    else:
        flip = cues.counter_flip(_object(text, cue_at, cue_end, clause.end), issue)
        stance = cues.stance(cue.polarity, negation, flip)
    begin = subject.start if clause.start <= subject.start < cue_at and subject.end > subject.start else clause.start
    quote = reading.Span(begin, clause.end, text[begin:clause.end])
    assert text[quote.start:quote.end] == quote.text and quote.text, "a quote is a slice of the article"
    candidate = Candidate(actor, issue, score, stance, cue.kind, quote, cue.action if cue.kind == "action" else None,
                          cue.vote if resolution and not negation else None, resolution, target, cue=text[cue_at:cue_end], others=others)
    if cue.kind == "action" and negation:
        candidate.notes.append(f"the action '{candidate.cue}' is negated: perhaps a statement or a refusal")
    if date is not None:
        candidate.date = str(date.value)
        candidate.date_note = f'The text gives "{date.words}"' + ("" if date.year_given else "; the year is the document's") + "."
    day = date.value.start if date is not None else document_date
    if speaker_here is not None and speaker_here.acts_for and roster.get(speaker_here.acts_for) is actor:
        official = reference.actors.get(speaker_here.id)
        post = _speaker_post(official, day) if official is not None else None
        if post is not None or (official is not None and not official.posts):
            candidate.speaker, candidate.speaker_post = speaker_here, post
        else:
            candidate.notes.append(f"{speaker_here.label} held no post on {day}: speaker left out")
    if cue.action == "vote" and resolution is None:
        candidate.notes.append("a vote: name its resolution (a symbol of reference/resolutions.yaml)")
    return candidate


def _object(text: str, cue_at: int, cue_end: int, clause_end: int, words: int = 6) -> str:
    """The cue and the few words after it: what the stance is towards ("denounces Kosovo's declaration of independence")."""
    after = []
    for word in text[cue_end:clause_end].split()[:words]:
        if _OBJECT_END.match(word):
            break  # "sanctions against Russia over the war": the war is the reason, not the object
        after.append(word)
    return text[cue_at:cue_end] + " " + " ".join(after)


def _resolution_by_date(reference: Reference, date) -> str | None:
    if date is None:
        return None
    for symbol, resolution in sorted(reference.resolutions.items()):
        day = getattr(resolution, "date", None)
        if day is not None and date.value.start <= day <= date.value.end:
            return symbol
    return None
