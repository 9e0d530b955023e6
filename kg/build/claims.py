"""Reading one claim of an annotation file into a Claim record, checking each value.

A checker collects the problems of one file, each a line naming the file and line;
``read_claim`` checks a claim's keys, its quote (verbatim in the article, with its
offsets), its actors, codes, date (not after its document's) and the post of its
speaker. A value of the wrong shape (a list where a name belongs) is an InputError.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from kg.build.quotes import closest_passage, first_difference, locate
from kg.build.records import Claim, Document, Where
from kg.build import yamlfile
from kg.build.reference import Reference
from kg.build.yamlfile import Mapping
from kg.terms.dates import parse_partial, period_end
from kg.terms.names import UnknownName
from kg.terms.ontology import Vocabulary

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_COMMON_KEYS = {"id", "type", "quote", "date", "date_note", "note", "review"}
_KEYS = {
    "position": _COMMON_KEYS | {"kind", "action", "actor", "speaker", "issue", "stance", "target", "resolution", "vote"},
    "tie": _COMMON_KEYS | {"actor", "tie", "target", "speaker"},
    "agreement": _COMMON_KEYS | {"title", "parties", "status"},
    "report": _COMMON_KEYS | {"claimant", "speaker", "about", "asserts"},
}
_RESOLUTION_ACTIONS = {"vote", "veto"}


class Checker:
    """Collects the problems of one annotation file."""

    def __init__(self, path: Path, reference: Reference, vocab: Vocabulary, problems: list[str]):
        self.path = path
        self.reference = reference
        self.vocab = vocab
        self.problems = problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def text(self, entry: Mapping, key: str, what: str = "text") -> str | None:
        """The value of ``key`` as text, or None; InputError naming the line when it is a list or mapping."""
        return yamlfile.text(entry.get(key), self.path, entry.line_of(key), f"claim '{entry.get('id')}': '{key}' must be {what}")

    def actor(self, entry: Mapping, key: str, required: bool = True, category: str | None = None) -> str | None:
        value = self.text(entry, key, "an actor's name")
        if value is None or value == "":
            if required:
                self.problem(entry.line, f"claim '{entry.get('id')}' needs '{key}' (an actor name, alias or ISO code)")
            return None
        try:
            actor_id = self.reference.resolve(value)
        except UnknownName as exc:
            self.problem(entry.line_of(key), f"claim '{entry.get('id')}', {key}: {exc}")
            return None
        found = self.reference.actors[actor_id]
        if category and found.category != category:
            self.problem(entry.line_of(key), f"claim '{entry.get('id')}', {key}: '{value}' is a {found.category}, not an {category}")
            return None
        return actor_id

    def code(self, entry: Mapping, key: str, allowed: dict, required: bool = True) -> str | None:
        value = entry.get(key)
        if value is None or value == "":
            if required:
                self.problem(entry.line, f"claim '{entry.get('id')}' needs '{key}': one of {', '.join(allowed)}")
            return None
        if isinstance(value, bool):  # "vote: no" written as a YAML 1.2 boolean
            value = "yes" if value else "no"
        value = self.text(entry, key, f"one of {', '.join(allowed)}") if not isinstance(value, str) else value
        if value not in allowed:
            close = difflib.get_close_matches(value, list(allowed), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.problem(entry.line_of(key), f"claim '{entry.get('id')}', {key}: '{value}' is not allowed; {hint}use one of {', '.join(allowed)}")
            return None
        return value


PENDING = "pending"  # the mark 'kg draft' puts on each candidate: not built until a curator accepts it


def pending(entry: Mapping, check: Checker) -> bool:
    """Whether a claim is marked ``review: pending`` (a draft not yet accepted); another value is a problem."""
    value = entry.get("review")
    if value is None:
        return False
    if value != PENDING:
        check.problem(entry.line_of("review"), f"claim '{entry.get('id')}': review '{value}' is not allowed; "
                      f"write 'review: {PENDING}' or, to accept the claim, remove the line")
        return False
    return True


def read_claim(entry: Mapping, doc: Document, check: Checker) -> Claim | None:
    """The claim an item under 'claims' describes, or None when it is too broken to read on (each problem noted)."""
    path = check.path
    claim_id = yamlfile.text(entry.get("id"), path, entry.line_of("id"), "a claim's 'id' must be text") or ""
    if not ID.match(claim_id):
        check.problem(entry.line, f"claim id '{claim_id}' must be lowercase letters, digits and hyphens")
        return None
    claim_type = check.text(entry, "type") or ""
    if claim_type not in _KEYS:
        check.problem(entry.line_of("type"), f"claim '{claim_id}': type '{claim_type}' is not one of {', '.join(_KEYS)}")
        return None
    for key in entry:
        if key not in _KEYS[claim_type]:
            close = difflib.get_close_matches(key, sorted(_KEYS[claim_type]), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            check.problem(entry.line_of(key), f"claim '{claim_id}': unknown key '{key}' for a {claim_type}{hint}")
    claim = Claim(
        id=claim_id,
        type=claim_type,
        document=doc.stem,
        quote=check.text(entry, "quote") or "",
        where=Where(path, entry.line),
        date_note=check.text(entry, "date_note"),
        note=check.text(entry, "note"),
    )
    if "date" in entry:
        try:
            claim.date = parse_partial(check.text(entry, "date", "a date"))
        except ValueError as exc:
            check.problem(entry.line_of("date"), f"claim '{claim_id}', date: {exc}")
        if claim.date is not None and claim.date.start > doc.date:
            check.problem(entry.line_of("date"), f"claim '{claim_id}': dated {claim.date}, after its document, which is "
                          f"dated {doc.date}; a document reports only what happened by its date: check both dates")
    if not claim.quote:
        check.problem(entry.line, f"claim '{claim_id}' needs a 'quote' copied verbatim from {doc.path.name}")
    else:
        claim.evidence = locate(claim.quote, doc.text)
        if claim.evidence is None:
            passage = closest_passage(claim.quote, doc.text)
            check.problem(
                entry.line_of("quote"),
                f"claim '{claim_id}': quote not found verbatim in {doc.path.name}; closest passage: "
                f"\"{passage}\" ({first_difference(claim.quote, passage)}); copy the text exactly",
            )
    vocab = check.vocab
    if claim_type == "position":
        claim.kind = check.code(entry, "kind", {"statement": 1, "action": 1})
        claim.actor = check.actor(entry, "actor")
        claim.speaker = check.actor(entry, "speaker", required=False, category="official")
        claim.target = check.actor(entry, "target", required=False)
        claim.stance = check.code(entry, "stance", vocab.stances)
        claim.issue = check.code(entry, "issue", vocab.issues)
        if claim.kind == "action":
            claim.action = check.code(entry, "action", vocab.action_types)
        elif "action" in entry:
            check.problem(entry.line_of("action"), f"claim '{claim_id}': a statement has no 'action'; make it kind: action or drop the key")
        if "resolution" in entry:
            claim.resolution = check.text(entry, "resolution", "a resolution's symbol") or ""
            if claim.action not in _RESOLUTION_ACTIONS:
                check.problem(entry.line_of("resolution"), f"claim '{claim_id}': only a vote or veto refers to a resolution")
            elif claim.resolution not in check.reference.resolutions:
                check.problem(entry.line_of("resolution"), f"claim '{claim_id}': resolution '{claim.resolution}' is not in reference/resolutions.yaml; add it there")
        if claim.action == "vote":
            claim.vote = check.code(entry, "vote", vocab.vote_choices)
            if claim.resolution is None:
                check.problem(entry.line, f"claim '{claim_id}': a vote needs 'resolution' (a symbol from reference/resolutions.yaml)")
        elif "vote" in entry:
            check.problem(entry.line_of("vote"), f"claim '{claim_id}': only an action of type vote has 'vote'")
    elif claim_type == "tie":
        claim.actor = check.actor(entry, "actor")
        claim.tie = check.code(entry, "tie", vocab.tie_types)
        claim.target = check.actor(entry, "target")
        claim.speaker = check.actor(entry, "speaker", required=False, category="official")
    elif claim_type == "agreement":
        claim.title = check.text(entry, "title")
        if not claim.title:
            check.problem(entry.line, f"claim '{claim_id}' needs a 'title' naming the agreement")
        parties = entry.get("parties")
        if not isinstance(parties, yamlfile.Sequence) or len(parties) < 2:
            check.problem(entry.line_of("parties"), f"claim '{claim_id}': 'parties' must list two or more actors")
            parties = yamlfile.Sequence()
        for index, party in enumerate(parties):
            party = yamlfile.text(party, path, parties.line_of(index), f"claim '{claim_id}': each party must be an actor's name") or ""
            try:
                claim.parties.append(check.reference.resolve(party))
            except UnknownName as exc:
                check.problem(entry.line_of("parties"), f"claim '{claim_id}', parties: {exc}")
        claim.status = check.code(entry, "status", vocab.agreement_statuses)
    elif claim_type == "report":
        claim.claimant = check.actor(entry, "claimant")
        claim.speaker = check.actor(entry, "speaker", required=False, category="official")
        about = check.text(entry, "about", "a claim id")
        claim.about = qualify(str(about), doc.stem) if about else None
        if not about:
            check.problem(entry.line, f"claim '{claim_id}' needs 'about': the id of the claim it is about")
        claim.asserts = check.text(entry, "asserts")
        if not claim.asserts:
            check.problem(entry.line, f"claim '{claim_id}' needs 'asserts': a short value for what it asserts")
    if claim.speaker and (claim.actor or claim.claimant):
        principal = claim.actor or claim.claimant
        acts_for = check.reference.actors[claim.speaker].acts_for
        if acts_for and acts_for != principal:
            check.problem(entry.line_of("speaker"), f"claim '{claim_id}': speaker '{claim.speaker}' acts for '{acts_for}', not '{principal}'")
        _check_post(check, entry, claim, doc)
    return claim


def _check_post(check: Checker, entry: Mapping, claim: Claim, doc: Document) -> None:
    """A speaker must hold a post during the claim's date (its whole month or year when less precise)."""
    official = check.reference.actors[claim.speaker]
    if not official.posts:
        return
    start = claim.date.start if claim.date else doc.date
    precision = claim.date.precision if claim.date else "day"
    end = period_end(start, precision)
    for post in official.posts:
        if post.start <= end and (post.end is None or post.end >= start):
            return
    held = "; ".join(f"{p.role} {p.start}–{p.end or 'today'}" for p in official.posts)
    check.problem(
        entry.line_of("speaker"),
        f"claim '{claim.id}': speaker '{official.name}' held no post on {claim.date or doc.date} ({held}); "
        "check the claim's date or add the post in reference/actors.yaml",
    )


def qualify(ref: str, stem: str) -> str:
    """Claim references are 'id' within a file or 'stem/id' across files."""
    return ref if "/" in ref else f"{stem}/{ref}"
