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
from kg.draft import cues, subjects, text as reading
from kg.draft.actors import Found
from kg.draft.issues import IssueIndex, Match
from kg.terms.names import Actor

MIN_ISSUE_SCORE = 0.12  # below it no issue of the scheme is about the sentence: no candidate
# A candidate's confidence below it is not drafted: a weak issue match said of an actor the text does not name there.
MIN_CONFIDENCE = 0.3
_OBJECT_END = re.compile(r"^(?:over|for|because|amid|after|despite|since|as|while|when|due|following|but|although)$", re.I)
_INTENT = re.compile(r"\b(?:would|will|won['’]t|wouldn['’]t|shall|plans?\s+to|intends?\s+to|(?:is|are)\s+going\s+to|"
                     r"ready\s+to|threaten(?:s|ed)?\s+to|vow(?:s|ed)?\s+to|pledge(?:s|d)?\s+to|promise(?:s|d)?\s+to)\s+"
                     r"(?:not\s+|never\s+|also\s+|soon\s+|officially\s+|formally\s+)?$", re.I)
_RECOGNISED_AS = re.compile(r"part\s+of|integrity|sovereignty|annex|occup|separat|seces|seced|breakaway|incorporat|independen|sovereign|autonomous", re.I)
_AND_VERB = re.compile(r"(?:^|\s)and\s+(?:also\s+|then\s+|\w+ly\s+)?$", re.I)
_ORGANS = (("unsc", re.compile(r"Security\s+Council", re.I)), ("unga", re.compile(r"General\s+Assembly|\bAssembly\b|\bUNGA\b", re.I)))


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
    confidence: float = 0.0
    cue_polarity: int = 0


def _principal(actor: Actor, roster) -> Actor:
    if actor.type == "official" and actor.acts_for:
        return roster.get(actor.acts_for) or actor
    return actor


def _speaker_post(official, day: dt.date) -> str | None:
    for post in official.posts:
        if post.start <= day and (post.end is None or post.end >= day):
            return f"{post.role} (from {post.start}{f' until {post.end}' if post.end else ''})"
    return None


def claims(text: str, sentences: list[reading.Span], mentions: list[Found], reference: Reference,
           index: IssueIndex, document_date: dt.date) -> list[Candidate]:
    """The candidate claims of the article's sentences, in the order of the text, as confident as ``MIN_CONFIDENCE``."""
    roster = reference.roster
    mentions, _ = subjects.merge_modifiers(text, mentions)  # "Russian ally China": China
    out: list[Candidate] = []
    seen: set[tuple] = set()
    last_speaker: Actor | None = None
    last_subject: Actor | None = None  # the actor last named as a subject in the paragraph: "it", "the country"
    carried: reading.FoundDate | None = None  # the paragraph's last explicit date
    previous_end = 0
    for sentence in sentences:
        if "\n" in text[previous_end:sentence.start]:
            last_subject, carried = None, None  # a new paragraph
        previous_end = sentence.end
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        officials = [m.actor for m in inside if m.actor.type == "official"]
        reported = cues.REPORTING.search(sentence.text)
        if reported and not officials and subjects.unnamed_speaker(text, sentence.start, sentence.start + reported.end(), inside):
            last_speaker = None  # a person the reference does not know: the last official speaks no more
            last_subject = next((_principal(m.actor, roster) for m in inside if m.start < sentence.start + reported.start()), None)
        speaker_here = officials[0] if officials else (last_speaker if reported or sentence.text[:1] in "“\"" else None)
        if reported and not officials:  # "Iran's foreign minister said his country", "a Russian diplomat told": the state
            voice = subjects.spokesperson_of(text, inside, sentence.start, sentence.start + reported.start())
            if voice is not None:
                speaker_here = last_speaker = _principal(voice.actor, roster)
        found_dates = reading.dates(sentence.text, document_date)
        symbols = [s for s in reading.symbols(sentence.text) if s in reference.resolutions]
        plain = _plain(sentence.text, sentence.start, inside)
        context = Context(sentence, inside, plain, speaker_here, found_dates, carried, symbols)
        parts = reading.clauses(text, sentence)
        previous_subjects: tuple[list[Found], bool] | None = None  # of the sentence's last cue
        for clause in parts:
            relatives = [c for c in parts if c.end <= clause.start and re.match(r"(?:which|who)\b", c.text, re.I)]
            candidates_of = [m for m in inside if not any(c.start <= m.start < c.end for c in relatives)]
            chain = (0, 0)  # the span of the last composed reading
            for start, end, cue, negation in cues.readings(clause.text):
                cue_at, cue_end = clause.start + start, clause.start + end
                inner, chain = chain[0] < cue_at and cue_end == chain[1], (cue_at, cue_end) if cue.composed else chain
                # "reaffirmed the entity's refusal to join": the subject of the composed reading, unless the inner cue
                # has its own ("condemns Washington for imposing", "support … to vote against the resolution only from X")
                own = inner and (any(chain[0] < m.start and m.end <= cue_at for m in candidates_of)
                                 or subjects.introduced(text, candidates_of, cue_end, clause.end))
                coordinated = previous_subjects is not None and _AND_VERB.search(text[clause.start:cue_at]) is not None
                if inner and not own and previous_subjects is not None:
                    chosen, named = previous_subjects
                elif coordinated:
                    chosen, named = previous_subjects  # "Dodik met with Putin and reaffirmed": Dodik reaffirmed
                else:
                    chosen, named = subjects.who(text, candidates_of, clause, cue_at, cue_end, cue, speaker_here, last_speaker,
                                         last_subject)
                previous_subjects = (chosen, named) if chosen else previous_subjects
                for subject in chosen:
                    actor = _principal(subject.actor, roster)
                    if actor.type == "official":
                        continue
                    candidate = _candidate(text, context, clause, start, end, cue, negation, subject, actor, reference, index,
                                           document_date)
                    if candidate is None:
                        continue
                    candidate.confidence = _confidence(candidate, named)
                    key = (candidate.actor.id, candidate.issue, candidate.stance, clause.start)
                    # a subject's first cue in a clause is its verb, and each verb it is coordinated with
                    first = (candidate.actor.id, cue_at if coordinated else clause.start)
                    if key not in seen and first not in seen:
                        seen.update((key, first))
                        if named:
                            last_subject = actor
                        if cue.vote and not subject.words:
                            continue  # "with 143 votes for, 35 abstentions": counts, no actor
                        if candidate.confidence >= MIN_CONFIDENCE:
                            out.append(candidate)
        if officials:
            last_speaker = officials[-1]
        lead = subjects.before_cue(text, inside, sentence.end)
        if lead and _principal(lead[0].actor, roster).type != "official":
            last_subject = _principal(lead[0].actor, roster)
        elif officials:
            last_subject = _principal(officials[0], roster)
        carried = found_dates[-1] if found_dates else carried
    return out


@dataclass
class Context:
    """What a sentence gives every candidate drawn from it."""

    sentence: reading.Span
    inside: list[Found]
    plain: str
    speaker: Actor | None
    dates: list[reading.FoundDate]
    carried: reading.FoundDate | None
    symbols: list[str]


def _confidence(candidate: Candidate, named: bool) -> float:
    """How likely the candidate is right: the issue's match, a resolution voted on, the actor named in the clause."""
    score = 1.0 if candidate.resolution else min(max([candidate.issue_score] + [m.score for m in candidate.others]) / 0.5, 1.0)
    if not named:
        score *= 0.8
    if candidate.action == "diplomatic-move" and not candidate.cue_polarity < 0:
        score *= 0.5  # a visit, a signature: seldom a position by itself (an expulsion is one)
    elif candidate.kind == "action" and candidate.notes and "negated" in candidate.notes[0]:
        score *= 0.75  # "will never impose sanctions": a refusal, often the position itself
    return round(score, 3)


def _plain(sentence: str, offset: int, inside: list[Found]) -> str:
    """The sentence with each actor's other names replaced by its label ("Tehran" → "Iran"), for issue matching."""
    out, at = [], offset
    for m in inside:
        out.append(sentence[at - offset:m.start - offset])
        out.append(m.actor.label)
        at = m.end
    out.append(sentence[at - offset:])
    return "".join(out)


def _candidate(text, context: Context, clause, start, end, cue, negation, subject, actor, reference: Reference,
               index: IssueIndex, document_date) -> Candidate | None:
    roster = reference.roster
    cue_at, cue_end = clause.start + start, clause.start + end
    after = [m for m in context.inside if m.start >= cue_end and m.end <= clause.end]
    target = next((_principal(m.actor, roster) for m in after if _principal(m.actor, roster).id != actor.id
                   and m.actor.type != "official"), None)
    passive = subject.start >= cue_end and subjects._BY.match(text[cue_end:subject.start]) is not None  # "was condemned by"
    found_dates = context.dates
    date = next((d for d in found_dates if d.words in clause.text), found_dates[0] if found_dates else None)
    resolution = None
    if cue.action in ("vote", "veto"):
        organ_words = text[clause.start:clause.end] if cue.action == "vote" else context.sentence.text
        resolution = context.symbols[0] if context.symbols else _resolution_by_date(reference, date, document_date, organ_words)
    if resolution is not None:
        issue, score, others = reference.resolutions[resolution].issue, 1.0, []
    else:
        # the issue is read in the cue's object: the words of an action say what it is about ("imposed
        # sanctions"), those of a statement do not ("cannot support Russia’s invasion": the invasion)
        words = text[cue_at:cue_end]
        if cue.kind != "statement" or cue.composed or words.lower() != words or re.match(r"\s+for\b", text[cue_end:]):
            words = ""  # the words of an action, of a cue in another's object, a name, "support for Ukraine": topical
        focus = text[clause.start:cue_end] if passive else text[cue_end if words else cue_at:clause.end]
        if not cue.inner:  # a judgement is about what it is said of: "sanctions on energy are a red line"
            focus = text[clause.start:clause.end].replace(words, " ") if words else text[clause.start:clause.end]
        plain = context.plain.replace(words, " ") if words else context.plain
        ranked = index.rank(" ".join((focus, focus, plain)), sentence=context.sentence.text + " " + context.plain,
                            names=" ".join(m.actor.label for m in context.inside))
        if not ranked or max(m.score for m in ranked) < MIN_ISSUE_SCORE:
            return None
        issue, score, others = ranked[0].notation, ranked[0].score, ranked[1:]
    if (cue.vote or cue.action == "veto") and resolution is not None:
        # a resolution is for its issue unless the reference data says otherwise (condemning, calling to withdraw)
        yes = reference.resolutions[resolution].yes_stance
        stance = {"yes": yes, "no": {"supports": "opposes", "opposes": "supports"}.get(yes, yes), "abstain": "neutral"}[cue.vote or "no"]
        if negation and cue.vote != "abstain":
            stance = {"supports": "opposes", "opposes": "supports"}.get(stance, stance)
    else:
        # a vote on a resolution the reference data does not have is read as a statement: "voted for a
        # resolution condemning the invasion" is against the invasion (the cue composed in cues.readings)
        what = text[clause.start:cue_end] if passive else _object(text, cue_at, cue_end, clause.end)
        flip = cues.counter_flip(what, issue)
        if cue.action == "recognition-decision" and "part-of" in issue and not _RECOGNISED_AS.search(what):
            flip = -flip  # "would never recognise Kosovo": recognising the territory is recognising it as a state
        stance = cues.stance(cue.polarity, negation, flip)
    begin = subject.start if clause.start <= subject.start < cue_at and subject.end > subject.start else clause.start
    quote = reading.Span(begin, clause.end, text[begin:clause.end])
    assert text[quote.start:quote.end] == quote.text and quote.text, "a quote is a slice of the article"
    kind = cue.kind
    if kind == "action" and not cue.vote and _INTENT.search(text[max(clause.start, cue_at - 40):cue_at]):
        kind = "statement"  # "Madrid would recognize", "will never impose sanctions": said, not yet done
    candidate = Candidate(actor, issue, score, stance, kind, quote, cue.action if kind == "action" else None,
                          cue.vote if resolution and not negation else None, resolution, target, cue=text[cue_at:cue_end], others=others)
    candidate.cue_polarity = cue.polarity
    if candidate.kind == "action" and negation:
        candidate.notes.append(f"the action '{candidate.cue}' is negated: perhaps a statement or a refusal")
    if date is None and context.carried is not None:
        date = context.carried
        candidate.notes.append(f'date carried from an earlier sentence of the paragraph ("{date.words}")')
    if date is not None:
        candidate.date = str(date.value)
        candidate.date_note = f'The text gives "{date.words}"' + (
            "; the day is counted back from the document's date" if date.relative
            else "" if date.year_given else "; the year is the document's") + "."
    day = date.value.start if date is not None else document_date
    speaker_here = context.speaker
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
        if _OBJECT_END.match(word) and not (word.lower() == "as" and len(after) <= 2):  # "recognizing it as a country"
            break  # "sanctions against Russia over the war": the war is the reason, not the object
        after.append(word)
    return text[cue_at:cue_end] + " " + " ".join(after)


def _resolution_by_date(reference: Reference, date, document_date: dt.date, words: str) -> str | None:
    """The resolution voted on the sentence's date, else in the three days up to the document's, of the organ named."""
    organ = next((name for name, pattern in _ORGANS if pattern.search(words)), None)
    found = []
    for symbol, resolution in sorted(reference.resolutions.items()):
        day = getattr(resolution, "date", None)
        if day is None or (organ is not None and resolution.organ != organ):
            continue
        if date is not None and date.value.start <= day <= date.value.end:
            found.append((0, symbol))
        elif date is None and 0 <= (document_date - day).days <= 3:
            found.append(((document_date - day).days, symbol))
    return min(found)[1] if found else None
