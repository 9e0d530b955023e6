"""The draft annotation file as text: the seeds format, every candidate marked pending review.

Values are written as JSON strings (valid YAML double-quoted scalars), so that any
quote survives; what a reviewer should know (the offsets, the issue's score and the
runners-up, the speaker's post, the names not resolved) goes in comments.
"""

from __future__ import annotations

import json
import re

from kg.draft.actors import Unresolved
from kg.draft.extract import Candidate

PENDING = "pending"


def _s(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _ids(candidates: list[Candidate]) -> list[str]:
    ids, used = [], {}
    for c in candidates:
        base = re.sub(r"-+", "-", f"{c.actor.id}-{c.action or c.stance}-{c.issue}")[:60].strip("-")
        used[base] = used.get(base, 0) + 1
        ids.append(base if used[base] == 1 else f"{base}-{used[base]}")
    return ids


def render(document: dict, candidates: list[Candidate], unresolved: list[Unresolved], ties: list | None = None) -> str:
    """The YAML text of a draft annotation file."""
    lines = ["# A draft written by 'kg draft': every claim below is a candidate marked 'review: pending'.",
             "# Check each against the text: edit, delete, or accept it by removing its 'review' line",
             "# ('kg draft --accept FILE.yaml' accepts all that remain). Pending claims are not built;",
             "# 'kg validate' lists them.", "", "document:"]
    for key in ("file", "title", "date", "date_basis", "date_note", "url"):
        if document.get(key):
            lines.append(f"  {key}: {_s(str(document[key])) if key != 'date' else document[key]}")
    lines += ["", "claims:"]
    if not candidates:
        lines[-1] = "claims: []"
    for claim_id, c in zip(_ids(candidates), candidates):
        cue = f'cue "{c.cue}"' if c.cue else "reported speech, no cue word: against if negated, else for"
        lines.append(f"  # quote at characters {c.quote.start}-{c.quote.end}; {cue}; issue score {c.issue_score:.2f}"
                     + (f" (next: {', '.join(f'{m.notation} {m.score:.2f}' for m in c.others)})" if c.others else ""))
        for note in c.notes:
            lines.append(f"  # note: {note}")
        lines += [f"  - id: {claim_id}", f"    review: {PENDING}", "    type: position", f"    kind: {c.kind}"]
        if c.action:
            lines.append(f"    action: {c.action}")
        lines.append(f"    actor: {_s(c.actor.label)}")
        if c.speaker is not None:
            lines.append(f"    speaker: {_s(c.speaker.label)}" + (f"   # {c.speaker_post}" if c.speaker_post else ""))
        lines += [f"    issue: {c.issue}", f"    stance: {c.stance}"]
        if c.target is not None:
            lines.append(f"    target: {_s(c.target.label)}")
        if c.resolution:
            lines.append(f"    resolution: {c.resolution}")
        if c.vote:
            lines.append(f"    vote: {_s(c.vote)}")
        if c.date:
            lines += [f"    date: {c.date}", f"    date_note: {_s(c.date_note)}"]
        else:
            lines.append("    # date: the document's (the sentence gives none)")
        lines += [f"    quote: {_s(c.quote.text)}", ""]
    if ties and not candidates:
        lines[-1] = "claims:"
    for t in ties or []:  # a tie's date is the document's unless the reviewer gives one
        lines += [f"  # quote at characters {t.quote.start}-{t.quote.end}; cue \"{t.cue}\"",
                  f"  - id: {t.actor.id}-{t.tie}-{t.target.id}", f"    review: {PENDING}", "    type: tie",
                  f"    actor: {_s(t.actor.label)}", f"    tie: {t.tie}", f"    target: {_s(t.target.label)}",
                  f"    quote: {_s(t.quote.text)}", ""]
    if unresolved:
        lines += ["# Names the draft could not resolve to an actor. If one is an actor, paste its entry",
                  "# into the file named, then run 'kg draft --force' again to draft its claims."]
        for u in unresolved:
            lines.append(f"#\n# {u.name} ({u.count}x) -> {u.file}:")
            lines += [f"# {line}" for line in u.entry.splitlines()]
    return "\n".join(lines).rstrip() + "\n"


_REVIEW = re.compile(r"^[ \t]+review:[ \t]*[\"']?pending[\"']?[ \t]*(?:#.*)?\r?\n", re.M)


def accept(text: str) -> tuple[str, int]:
    """``text`` without its 'review: pending' lines, and how many it removed."""
    return _REVIEW.subn("", text)
