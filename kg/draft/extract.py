"""Candidate claims from an article: one per actor taking a stance in a clause.

For each clause with a stance cue (``cues.py``), the actor is the actor named
nearest before the cue (a list "A, B and C have joined" gives each; "we" or "his
country" gives the speaker's state; "proposed by X" gives X), the target the first
other actor after it, the issue the best match of the scheme (``issues.py``) or the
issue of the resolution voted on, and the stance the cue's polarity turned round by
a negation before it and a counter word after it (``candidate.py`` builds each). The
quote runs from the actor (or the clause's start) to the clause's end: always a slice
of the article. What a named speaker is reported to have said, where no cue of its
state reads it, is a statement on the issue it plainly matches (``reported.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from kg.build.reference import Reference
from kg.draft import cues, lists, reported as reports, signatories, speech, subjects, text as reading, voices
from kg.draft.actors import Found, merge_modifiers
from kg.draft.candidate import Candidate, Context, build, principal
from kg.draft.issues import IssueIndex
from kg.terms.names import Actor

__all__ = ["Candidate", "claims"]

LEAD = 2  # the sentences of an article's lead: with its title, what the article is about
# A candidate's confidence below it is not drafted: a weak issue match said of an actor the text does not name there.
MIN_CONFIDENCE = 0.3
# a paragraph that opens on the last one's subject: "The nation continues", "The Alpine country said", "It also approved"
_THE_COUNTRY = re.compile(r"(?:the|its)\s+(?:[A-Z][\w-]+\s+)?(?:country|nation|government|kingdom|republic|administration|regime)\b", re.I)
# "It also approved …" opens a paragraph on the subject the last sentence opened with (not on a resolution's object)
_IT = re.compile(r"it\s+(?:also\s+|has\s+|had\s+|then\s+)*\w+ed\b", re.I)
# "“…,” the government statement said": words a body gave, not the official who spoke last
_BODY_SAID = re.compile(r"[”\"],?\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){0,3}?(?:statement|ministry|government|agency|office|department|"
                        r"embassy|communiqu[eé]|council|presidency|junta|mission)\s+(?:said|says|stated|added|read)\b", re.I)
# a participle after a comma opens a phrase said of the clause's subject: "…, calling for the US and North Korea to talk"
_PARTICIPLE = re.compile(r",\s+(?:while\s+|also\s+|thereby\s+)?$", re.I)
# "Pelosi's visit": a deed whose owner, named by a capitalised possessive, the reference does not know
_UNKNOWN_OWNER = re.compile(r"(?<![\w’'])(?-i:[A-Z][\w-]+)['’]s\s+$")
_COLON = re.compile(r"[ \t]*:")
_NEITHER = re.compile(r"\s*neither\b", re.I)
_BACKER_OF = re.compile(r"(?:supporters?|proponents?|backers?|champions?)\s+of", re.I)
_NAME_NEXT = re.compile(r"\s+(?-i:[A-Z])")  # a name, not "supporters of the deal"
_AND_VERB = re.compile(r"(?:^|\s)and\s+(?:also\s+|then\s+|\w+ly\s+)?$", re.I)


def claims(text: str, sentences: list[reading.Span], mentions: list[Found], reference: Reference,
           index: IssueIndex, document_date: dt.date, title: str = "") -> list[Candidate]:
    """The candidate claims of the article's sentences, in the order of the text, as confident as ``MIN_CONFIDENCE``.

    What the article is about, where news says it (its ``title`` and lead), weighs in the choice of each
    sentence's issue (``IssueIndex.rank``); a sentence of the lead is weighed by the rest of it, not by itself.
    """
    roster = reference.roster
    mentions, _ = merge_modifiers(text, mentions)  # "Russian ally China": China
    out: list[Candidate] = []
    seen: set[tuple] = set()
    last_speaker: Actor | None = None
    last_subject: Actor | None = None  # the actor last named as a subject in the paragraph: "it", "the country"
    carried: reading.FoundDate | None = None  # the paragraph's last explicit date
    heading: Actor | None = None  # the actor a heading names: the subject of its section's paragraphs
    named_lists: list[list[Found]] = []  # every list of two or more actors named so far, in the order of the text
    previous_end, before, opener = 0, "", None  # opener: the actor the last sentence opened with as its subject
    opening = [title] + [s.text for s in sentences[:LEAD]]  # the title and the lead
    topics = [index.topic(" ".join(opening[:n] + opening[n + 1:])) for n in range(1, len(opening))]
    topic = index.topic(" ".join(opening))
    for number, sentence in enumerate(sentences):
        if "\n" in text[previous_end:sentence.start]:
            earlier, last_subject, carried = last_subject, heading, None  # a new paragraph, under its heading
            if earlier is not None and (_THE_COUNTRY.match(sentence.text) or _IT.match(sentence.text) and earlier is opener):
                last_subject = earlier  # "The nation continues to refuse …" opens a paragraph on the last one's subject
        previous_end = sentence.end
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        named_lists += lists.in_sentence(text, inside, roster)  # the lists of states named together, for "the three countries"
        if len(inside) == 1 and (inside[0].start, inside[0].end) == (sentence.start, sentence.end):
            # a heading that names an actor ("United Nations" over what its people said): those below speak for it
            last_speaker = None
            heading = last_subject = principal(inside[0].actor, roster)
            continue
        opener_here = next((principal(m.actor, roster) for m in inside if not subjects.object_before(text, m)), None)
        officials = [m.actor for m in inside if m.actor.type == "official" and not subjects.kin(text, m)]
        reported = speech.REPORTING.search(sentence.text)
        if reported and not officials and voices.unnamed_speaker(text, sentence.start, sentence.start + reported.end(), inside):
            last_speaker = None  # a person the reference does not know: the last official speaks no more
            last_subject = next((principal(m.actor, roster) for m in inside if m.start < sentence.start + reported.start()), None)
        speaker_here = officials[0] if officials else (last_speaker if (reported or sentence.text[:1] in "“\"")
                                                        and not _BODY_SAID.search(sentence.text) else None)
        if reported and not officials:  # "Iran's foreign minister said his country", "a Russian diplomat told": the state
            voice = voices.spokesperson_of(text, inside, sentence.start, sentence.start + reported.start())
            if voice is not None:
                speaker_here = last_speaker = principal(voice.actor, roster)
        found_dates = reading.dates(sentence.text, document_date)
        symbols = [s for s in reading.symbols(sentence.text) if s in reference.resolutions]
        plain = _plain(sentence.text, sentence.start, inside)
        context = Context(sentence, inside, plain, speaker_here, found_dates, carried, symbols, before,
                          topics[number] if number < len(topics) else topic)
        parts = reading.clauses(text, sentence)
        # "The 10 countries that voted against were:" over a list of one name a line: the names are who did it
        colon = _COLON.match(text, sentence.end - 1 if sentence.text.endswith(":") else sentence.end)
        below = lists.listed_below(text, colon.end(), mentions) if colon else []
        previous_subjects: tuple[list[Found], bool] | None = None  # of the sentence's last cue
        for clause in parts:
            relatives = [c for c in parts if c.end <= clause.start and re.match(r"(?:which|who)\b", c.text, re.I)]
            candidates_of = [m for m in inside if not any(c.start <= m.start < c.end for c in relatives)]
            chain = (0, 0)  # the span of the last composed reading
            for start, end, cue, negation in cues.readings(clause.text):
                cue_at, cue_end = clause.start + start, clause.start + end
                inner, chain = chain[0] < cue_at and cue_end == chain[1], (cue_at, cue_end) if cue.composed else chain
                if _BACKER_OF.fullmatch(text, cue_at, cue_end) and _NAME_NEXT.match(text, cue_end):
                    continue  # "Iran, a key backer of Hamas": a tie to Hamas (``ties``), no stand on an issue
                if (owner := _UNKNOWN_OWNER.search(text, clause.start, cue_at)) is not None \
                        and not any(m.start <= owner.start() < m.end for m in candidates_of):
                    continue  # "Russia considers Pelosi's visit a provocation": the visit is of one the reference does not know
                # "reaffirmed the entity's refusal to join": the subject of the composed reading, unless the inner cue
                # has its own ("condemns Washington for imposing", "support … to vote against the resolution only from X")
                own = inner and (any(chain[0] < m.start and m.end <= cue_at for m in candidates_of)
                                 or subjects.introduced(text, candidates_of, cue_end, clause.end))
                coordinated = previous_subjects is not None and _AND_VERB.search(text[clause.start:cue_at]) is not None
                group = None
                if inner and not own and previous_subjects is not None:
                    chosen, named = previous_subjects
                elif coordinated:
                    chosen, named = previous_subjects  # "Dodik met with Putin and reaffirmed": Dodik reaffirmed
                elif previous_subjects is not None and _PARTICIPLE.search(text, max(clause.start, cue_at - 12), cue_at) \
                        and re.match(r"\w+ing\b", text[cue_at:cue_end]) \
                        and not any(clause.start <= m.start < cue_at for m in candidates_of):
                    chosen, named = previous_subjects  # "opposed the launch, calling for talks": who opposed calls
                elif (group := lists.group_before(text, clause.start, cue_at, candidates_of, named_lists)) is not None:
                    chosen, named = group, True  # "The three countries called for": the last three named together
                elif (group := lists.they_before(text, clause.start, cue_at, sentence.start, named_lists)) is not None:
                    chosen, named = group, True  # "A, B and C were not swayed and they all abstained"
                else:
                    chosen, named = subjects.who(text, candidates_of, clause, cue_at, cue_end, cue, speaker_here, last_speaker,
                                         last_subject)
                    if below and not (chosen and named):
                        chosen, named = below, True
                if chosen and named:  # "A joined the EU and US in sanctioning Russia": they sanction too
                    chosen = chosen + subjects.joined_in(text, candidates_of, cue_at, cue_end)
                previous_subjects = (chosen, named) if chosen else previous_subjects
                named_back = group is not None  # read from a list named before ("they all", "the three countries")
                for subject in chosen:
                    actor = principal(subject.actor, roster)
                    if actor.type == "official":
                        continue
                    # "Iran refused to acknowledge Russia’s annexation": a negation before the subject is another's verb
                    # ("Neither Serbia nor Hungary has imposed": the negation is of the verb)
                    own_negation = negation and (_NEITHER.match(text, clause.start) is not None or not (
                        subject.words and clause.start <= subject.start and subject.end <= cue_at
                        and not speech.negated(text[subject.end:cue_at])))
                    candidate = build(text, context, clause, start, end, cue, own_negation, subject, actor, reference, index,
                                      document_date)
                    if candidate is None:
                        continue
                    if subject in below:  # the quote runs from the line that says what was done to the line naming who
                        candidate.quote = reading.Span(candidate.quote.start, subject.end, text[candidate.quote.start:subject.end])
                    candidate.confidence = _confidence(candidate, named)
                    if named_back:
                        candidate.notes.append("the actor is read from the list named before: "
                                               + ", ".join(m.actor.label for m in group))
                    key = (candidate.actor.id, candidate.issue, candidate.stance, clause.start)
                    # a subject's first cue in a clause is its verb, and each verb it is coordinated with
                    first = (candidate.actor.id, cue_at if coordinated else clause.start)
                    if key not in seen and first not in seen:
                        seen.update((key, first))
                        if named:
                            last_subject = actor
                        if cue.vote and not subject.words:
                            continue  # "with 143 votes for, 35 abstentions": counts, no actor
                        if candidate.resolution and any((c.actor.id, c.resolution, c.vote) == (actor.id, candidate.resolution,
                                                                candidate.vote) for c in out):
                            continue  # a state's vote told again ("North Korea voted no. … joined North Korea in opposing")
                        if candidate.confidence >= MIN_CONFIDENCE:
                            out.append(candidate)
        out.extend(_reported(text, context, out, reference, index, document_date, last_speaker))
        out.extend(signatories.signed(text, sentence, inside, out, roster))
        if officials:
            last_speaker = officials[-1]
        lead = subjects.before_cue(text, inside, sentence.end)
        if lead and principal(lead[0].actor, roster).type != "official":
            last_subject = principal(lead[0].actor, roster)
        elif officials:
            last_subject = principal(officials[0], roster)
        carried = found_dates[-1] if found_dates else carried
        opener = opener_here
        before = plain
    return _one_issue(out)


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


# The words said, without the names they give, match their issue at least this well: what a speaker said is drafted
# only when it is plainly about an issue ("Crimea is Ukraine"), not when it names a party to one ("Russia and Iran …").
REPORTED_MIN = 0.3
_SAID = cues.Cue(1, "statement")


def _speakers(text, context: Context, said, last_speaker: Actor | None) -> list[Actor | None]:
    """Who says what a sentence reports: the speaker it names, each of a list it names ("The foreign ministers of
    Ukraine and Poland said"), or, with no name, the official who spoke last ("he said" gives no speaker: whose words a
    pronoun reports is too often guessed wrong; but words in quotation marks are the official's who spoke last)."""
    if said.speaker is None:
        return [None if _BODY_SAID.search(context.sentence.text) else context.speaker or last_speaker]
    for m in context.inside:
        if m.start > said.speaker.start:
            break
        found = lists.after(text, context.inside, m.start, said.speaker.end)
        if said.speaker in found and len(found) > 1 and all(f.actor.type != "official" for f in found):
            return [f.actor for f in found]
    return [said.speaker.actor]


def _reported(text, context: Context, drafted: list[Candidate], reference: Reference, index: IssueIndex,
              document_date, last_speaker: Actor | None) -> list[Candidate]:
    """Statements of reported speech no cue read, of a speaker the sentence names ("…, Orban said"): ``reported.py``."""
    out: list[Candidate] = []
    for said, speaker in ((s, who) for s in reports.find(text, context.sentence, context.inside)
                          for who in _speakers(text, context, s, last_speaker)):
        if speaker is None or said.speaker is None and (speaker.type != "official" or not reports.quoted(text, said.content)):
            continue
        actor, span = principal(speaker, reference.roster), said.content
        if actor.type == "official" or any(c.actor.id == actor.id and c.quote.start < span.end and span.start < c.quote.end
                                           for c in drafted + out):
            continue  # a cue of the same actor read these words already
        here = replace(context, speaker=speaker if speaker.type == "official" else None)
        subject = Found(span.start, span.start, "", actor)
        candidate = build(text, here, span, 0, 0, _SAID, said.negated, subject, actor, reference, index, document_date)
        if candidate is None:
            continue
        bare = "".join(" " if any(m.start <= i < m.end for m in context.inside) else ch
                       for i, ch in enumerate(span.text, span.start))
        if not any(m.notation == candidate.issue and m.score >= REPORTED_MIN for m in index.rank(bare, limit=10)):
            continue
        candidate.cue = ""  # no cue word: what the speaker said
        candidate.confidence = _confidence(candidate, True)
        if candidate.confidence >= MIN_CONFIDENCE:
            out.append(candidate)
    return out


def _fits(candidate: Candidate, issue: str) -> bool:
    """Whether the candidate's words match ``issue`` at least as well as the issue drafted."""
    return any(m.notation == issue and m.score >= candidate.issue_score for m in candidate.others)


def _one_issue(out: list[Candidate]) -> list[Candidate]:
    """Of an actor's candidates over one stretch of text on different issues, the one whose issue fits best.

    A cue says where one actor stands on one thing: a second issue drafted from the same cue is the weaker
    match of the same words. Two verbs of one actor may take two stands ("condemned Pelosi's visit and
    reiterated their support for the One China policy"), unless the words of one match the other's issue as
    well as their own ("sacrosanct and rejected any act of a state which violated the UN Charter": that is still
    Ukraine's integrity).
    """
    kept: list[Candidate] = []
    for c in out:
        rival = next((i for i, k in enumerate(kept) if k.actor.id == c.actor.id and k.issue != c.issue
                      and k.quote.start < c.quote.end and c.quote.start < k.quote.end
                      and (k.cue == c.cue or _fits(c, k.issue) or _fits(k, c.issue))), None)
        if rival is None:
            kept.append(c)
        elif c.issue_score > kept[rival].issue_score:
            kept[rival] = c
    return kept
