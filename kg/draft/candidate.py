"""One candidate claim: what a cue in a clause says of an actor, its issue, stance, quote, date and speaker.

The issue is the best match of the scheme for the cue's object (``issues.py``), or
the issue of the resolution voted on; the stance the cue's polarity turned round by a
negation before it and a counter word after it (``cues.py``). The quote runs from the
actor (or the clause's start) to the clause's end: always a slice of the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kg.build.reference import Reference
from kg.draft import cues, lists, stances, subjects, text as reading
from kg.draft.actors import Found
from kg.draft.issues import IssueIndex, Match
from kg.terms.names import Actor

TOPIC_ISSUE_SCORE = 0.4  # the article's title and lead match an issue at least this well: a sentence with no words of
TOPIC_SHARE = 0.5  # one is on it, at this share of that match
MIN_ISSUE_SCORE = 0.12  # below it no issue of the scheme is about the sentence: no candidate
# below it the sentence's words say little of any issue ("rejecting what they described as an unprecedented measure
# with repercussions for peace and security" met a resolution of the Security Council): the article's issue, where its
# title and lead say it plainly (TOPIC_ISSUE_SCORE)
WEAK_ISSUE_SCORE = 0.25
_OBJECT_END = re.compile(r"^(?:over|for|because|amid|after|despite|since|as|while|when|due|following|but|although)$", re.I)
_INTENT = re.compile(r"\b(?:would|will|won['’]t|wouldn['’]t|shall|plans?\s+to|intends?\s+to|(?:is|are)\s+going\s+to|"
                     r"ready\s+to|threaten(?:s|ed)?\s+to|vow(?:s|ed)?\s+to|pledge(?:s|d)?\s+to|promise(?:s|d)?\s+to)\s+"
                     r"(?:not\s+|never\s+|also\s+|soon\s+|officially\s+|formally\s+)?"
                     r"(?:hesitate\s+to\s+|think\s+twice\s+before\s+)?$", re.I)
_RECOGNISED_AS = re.compile(r"part\s+of|integrity|sovereignty|annex|occup|separat|seces|seced|breakaway|incorporat|independen|sovereign|autonomous", re.I)
# an object that refers back: "rejected the proposal", "welcomed this decision", "denied Berlin's request"
_ANAPHOR = re.compile(r"\s+(?:the|this|that|these|those|its|their|such\s+an?|[\w’'-]+['’]s)\s+(?:[\w-]+\s+)?"
                      r"(?:decision|move|request|proposal|plan|step|measure|measures|idea|offer|demand|call|initiative|"
                      r"announcement|deal|agreement|appeal|bid|position|policy)\b(?!\s+(?:to|of|on|for|against)\b)", re.I)
# "criticised the resolution", "welcomed the measure": a statement on the text the article reports a vote on
# "rejects the resolution", "rejects the “preposterous” resolution", "the UN draft": the text voted on, named before
_THE_TEXT = re.compile(r"\s+the\s+(?:[“\"‘]?[\w-]+[”\"’]?\s+)?(?:draft\s+)?(?:resolution|measure|text|motion|vote)\b"
                       r"(?!['’]|\s+(?:on|of|to|that|which)\b)", re.I)
# the attribution closing a clause (", Widodo said.", ", the minister told reporters on Monday."): not the words quoted
_ATTRIBUTION = re.compile(r"[”\"]?,[”\"]?\s+(?:[\w.'’-]+\s+){1,5}?(?:said|says|stated|added|declared|wrote|tweeted|"
                          r"told\s+(?:[\w'’-]+\s*){1,3}?)(?:\s*(?:on|in|at|last)\s+[\w\s]{1,20}?)?\s*[.!]?$")
_TITLE_WORDS = re.compile(r"\b(?:foreign|defen[cs]e|interior|finance)\s+(?:ministry|minister|office|secretary)\b", re.I)
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
    before: str = ""  # the previous sentence (news gives a paragraph to one): what "the decision", "the request" refer to
    topic: dict[str, float] = field(default_factory=dict)  # what the article is about (IssueIndex.topic of its lead)


def principal(actor: Actor, roster) -> Actor:
    if actor.type == "official" and actor.acts_for:
        return roster.get(actor.acts_for) or actor
    return actor


_REASON = re.compile(r"\s(?:after\s+what|because\s+of|because|due\s+to|citing|in\s+response\s+to|in\s+retaliation\s+for)\s", re.I)
_AND = re.compile(r"\s(?:and|but)\s+(?:also\s+|\w+ly\s+)?")


def _own_end(text: str, cue_end: int, clause_end: int) -> int:
    """Where the words a cue is about end: before a verb it is coordinated with ("condemned the annexation of Crimea
    and reiterated its support for": the second verb's words are its own), else at the clause's end."""
    for match in _AND.finditer(text, cue_end, clause_end):
        if any(start == 0 for start, _, _ in cues.find(text[match.end():clause_end])):
            return match.start()
    # "suspended participation in the grain deal after what it said was a drone attack": the reason is not the object
    reason = _REASON.search(text, cue_end + 1, clause_end)
    return reason.start() if reason is not None else clause_end


def _speaker_post(official, day: dt.date) -> str | None:
    for post in official.posts:
        if post.start <= day and (post.end is None or post.end >= day):
            return f"{post.role} (from {post.start}{f' until {post.end}' if post.end else ''})"
    return None


def build(text, context: Context, clause, start, end, cue, negation, subject, actor, reference: Reference,
          index: IssueIndex, document_date) -> Candidate | None:
    """The candidate of the cue at ``start``…``end`` of ``clause`` said of ``actor``; None when no issue fits it."""
    roster = reference.roster
    cue_at, cue_end = clause.start + start, clause.start + end
    # "ordered two Russian diplomats expelled": the cue's words hold its object
    object_at = cue_at + len(text[cue_at:cue_end].split()[0]) if cue.spans else cue_end
    after = [m for m in context.inside if m.start >= object_at and m.end <= clause.end]
    if cue.source and subject.start >= cue_end:  # "Condemnation of the coup came from A, B and C": none of them its target
        for m in after:
            holders = {n.start for n in lists.extended(text, context.inside, m.start, clause.end)}
            if subject.start in holders:
                after = [n for n in after if n.start not in holders]
                break
    target = next((principal(m.actor, roster) for m in after if principal(m.actor, roster).id != actor.id
                   and m.actor.type != "official"), None)
    passive = subject.start >= cue_end and subjects.BY.match(text[cue_end:subject.start]) is not None  # "was condemned by"
    found_dates = context.dates
    date = next((d for d in found_dates if d.words in clause.text), found_dates[0] if found_dates else None)
    resolution = None
    if cue.action in ("vote", "veto"):
        # a veto is cast in the Security Council only
        # a veto is cast in the Security Council only
        organ_words = text[clause.start:clause.end] if cue.action == "vote" else "Security Council"
        resolution = context.symbols[0] if context.symbols else _resolution_by_date(reference, date, document_date, organ_words)
    about = None  # the resolution a statement's object refers back to
    from_topic = False  # the issue is the article's, the sentence naming none
    if resolution is None and cue.kind == "statement" and cue.polarity and not cue.composed and _THE_TEXT.match(text, cue_end):
        about = _resolution_by_date(reference, date, document_date, context.sentence.text + " " + context.before)
    if resolution is not None or about is not None:
        issue, score, others = reference.resolutions[resolution or about].issue, 1.0, []
    else:
        # the issue is read in the cue's object: the words of an action say what it is about ("imposed
        # sanctions"), those of a statement do not ("cannot support Russia’s invasion": the invasion)
        words = text[cue_at:cue_end]
        if cue.kind != "statement" or cue.composed or words.lower() != words or re.match(r"\s+for\b", text[cue_end:]):
            words = ""  # the words of an action, of a cue in another's object, a name, "support for Ukraine": topical
        focus = text[clause.start:cue_end] if passive else text[cue_end if words else cue_at:_own_end(text, cue_end, clause.end)]
        if not cue.inner:  # a judgement is about what it is said of: "sanctions on energy are a red line"
            focus = text[clause.start:clause.end].replace(words, " ") if words else text[clause.start:clause.end]
            if subject.words and clause.start <= subject.start < cue_at:  # who judges is not what: "Iran said the attack"
                focus = focus.replace(subject.words, " ", 1)
        plain = context.plain.replace(words, " ") if words else context.plain
        # a speaker's title says who speaks, not what about: "China's foreign ministry spokesperson said"
        focus, plain = _TITLE_WORDS.sub(" ", focus), _TITLE_WORDS.sub(" ", plain)
        if context.before and cue_end > cue_at and _ANAPHOR.match(text, cue_at + len(text[cue_at:cue_end].split()[0])):
            focus += " " + context.before  # "denied Berlin's request": the request the sentence before told of
        ranked = index.rank(" ".join((focus, focus, plain)), sentence=context.sentence.text + " " + context.plain,
                            names=" ".join(m.actor.label for m in context.inside), topic=context.topic)
        measure = _measure(index, cue, actor, target, ranked)
        if measure is not None:
            ranked = [measure] + [m for m in ranked if m.notation != measure.notation]
        elif (best := max((m.score for m in ranked), default=0.0)) < WEAK_ISSUE_SCORE:
            # "Congratulations were also sent from Beijing": no words of an issue, or few; the article's, where its
            # title and lead say it plainly
            main = max(context.topic.items(), key=lambda kv: (kv[1], kv[0]), default=None)
            if main is not None and main[1] >= TOPIC_ISSUE_SCORE and cue.polarity:
                ranked = [Match(main[0], round(main[1] * TOPIC_SHARE, 3))] + [m for m in ranked if m.notation != main[0]]
                from_topic = True
            elif best < MIN_ISSUE_SCORE:
                return None
        if cue.action in ("supply", "purchase") and not cue.source and target is not None:
            # "supplied drones to Ukraine", "bought jets from France": of the issues near the best, the one its label
            # names the other party in
            mine = [m for m in ranked if m.score >= 0.5 * ranked[0].score and target.label.lower()[:4] in index.names[m.notation]]
            ranked = mine[:1] + [m for m in ranked if m not in mine[:1]]
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
        what = text[clause.start:cue_end] if passive \
            else _object(text, cue_at, cue_end, clause.end, recognition=cue.action == "recognition-decision")
        flip = stances.counter_flip(what, issue)
        if not cue.inner and not passive:
            # a judgement is said of what comes before it: "called the annexation illegal" is against the annexation,
            # "called the attack a violation of Qatar's sovereignty" too (a counter word after it only when none before)
            judged = text[subject.end if clause.start <= subject.start < cue_at else clause.start:cue_at]
            if stances.names_counter(judged):
                flip = stances.counter_flip(judged, issue)
        if cue.action == "recognition-decision" and "part-of" in issue and not _RECOGNISED_AS.search(what):
            flip = -flip  # "would never recognise Kosovo": recognising the territory is recognising it as a state
        polarity = cue.polarity
        if cue.halts_supply and not stances.SUPPLY_ISSUE.search(issue):
            polarity = 1  # "froze arms exports to Russia" on sanctions against Russia: a sanction
        if cue.against_state:
            # an expulsion is a measure against its target: for the issue of measures against it, against those of
            # measures against the actor itself (a retaliation), for an issue that is the actor's own cause
            flip = 1
            polarity = -1 if re.search(r"relations|ties", issue) \
                else -1 if issue == index.against(actor.label) and issue != (target and index.against(target.label)) \
                else 1 if issue == (target and index.against(target.label)) or actor.label.lower()[:4] in index.names[issue] \
                else -1
        stance = stances.stance(polarity, negation, flip, measure=cue.action == "sanction-decision")
        victim = stances.stood_by(text, cue_at, cue_end, context.inside) if stance == "supports" and cue.kind == "statement" else None
        if victim is not None and victim.actor != actor and index.harms(issue, victim.actor.label):
            stance = "opposes"  # "fully support Qatar" on Israel's strike on Doha: for whom the act harms, against the act
        if about is not None:  # against a resolution is against what it is for
            yes, sign = reference.resolutions[about].yes_stance, stances.sign(cue.polarity, negation)
            stance = "neutral" if not sign else yes if sign > 0 else {"supports": "opposes", "opposes": "supports"}.get(yes, yes)
    begin = subject.start if clause.start <= subject.start < cue_at and subject.end > subject.start else clause.start
    end = clause.end
    if (tail := _ATTRIBUTION.search(text, cue_end, clause.end)) is not None:
        end = tail.start()
    quote = reading.Span(begin, end, text[begin:end])
    assert text[quote.start:quote.end] == quote.text and quote.text, "a quote is a slice of the article"
    kind = cue.kind
    if kind == "action" and not cue.vote and _INTENT.search(text[max(clause.start, cue_at - 40):cue_at]):
        kind = "statement"  # "Madrid would recognize", "will never impose sanctions": said, not yet done
    candidate = Candidate(actor, issue, score, stance, kind, quote, cue.action if kind == "action" else None,
                          cue.vote if resolution and not negation else None, resolution, target, cue=text[cue_at:cue_end], others=others)
    candidate.cue_polarity = cue.polarity
    if from_topic:
        candidate.notes.append("the sentence has few words of an issue, if any: the issue is the article's (its title and lead)")
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


def _measure(index: IssueIndex, cue, actor: Actor, target: Actor | None, ranked: list[Match]) -> Match | None:
    """The issue of a measure against another state (an expulsion) where the scheme has one: measures against the
    target ("expelled Russian diplomats"), else against the actor (its retaliation); None for other cues."""
    if not cue.against_state:
        return None
    notation = (index.against(target.label) if target is not None else None) or index.against(actor.label)
    if notation is None:
        return None
    top = max((m.score for m in ranked), default=0.0)
    return Match(notation, max(top, next((m.score for m in ranked if m.notation == notation), 0.0), 2 * MIN_ISSUE_SCORE))


def _object(text: str, cue_at: int, cue_end: int, clause_end: int, words: int = 6, recognition: bool = False) -> str:
    """The cue and the few words after it: what the stance is towards ("denounces Kosovo's declaration of independence").

    "As" ends it ("condemned the recognition as the greatest violation": the violation is what it is called), except
    after a recognition, where it says what is recognised ("recognizing it as a country")."""
    after = []
    for word in text[cue_end:clause_end].split()[:words]:
        if _OBJECT_END.match(word) and not (word.lower() == "as" and len(after) <= 2 and recognition):
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
