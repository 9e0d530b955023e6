"""Comparing actors issue by issue: who sides with whom, when, on what evidence.

``compare(store, ["Serbia"], against=["Russia", "EU"])`` returns, for every issue on
which one of the actors has a position of its own, each actor's current stance there
(its latest statement and its latest action, see ``kg.stances``) with date, quote and
source, marked as agreeing or disagreeing with the others; and one agreement score
per pair of actors.

The agreement score of actors A and B is

    agreement(A, B) = (1 / |S|) * sum over issues i in S of a_i(A, B)

where S holds the issues both stand on (at least one of them by a position of its
own; a position also counts on broader issues and, reversed, on countered issues),
and a_i is the mean, over every pair (p, q) of A's and B's current positions on i, of
+1 when p and q take the same stance, -1 when one supports and the other opposes,
and 0 otherwise (one is neutral or ambivalent). The score lies in [-1, 1]: +1 means
always on the same side, -1 always on opposite sides, 0 as often with as against (or
neutral). It rests on ``shared_issues`` = |S| issues; with none, there is no score.

Every score carries its support: ``shared_issues`` and ``documents``, the number of
source documents behind the current positions it compares (a fact reported by
several documents is one claim group, ``kg.analysis.groups``: it counts once in the
score, since only the latest statement and action on an issue count, and all its
documents count in the support). A score resting on fewer than ``MIN_SUPPORT``
shared issues is marked ``thin``: a hint, not a measure. An official named among the
actors stands for the state he speaks for, with a note. Beside the issues, the ties
between the compared actors (``kg.analysis.ties``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.analysis import groups, stances
from kg.analysis import ties as tie_view
from kg.analysis.stances import Position
from kg.catalogue import run as query
from kg.errors import UsageError
from kg.terms.names import Actor, Roster

# A score resting on fewer shared issues than this is marked thin.
MIN_SUPPORT = 3
THIN_NOTE = f"* rests on fewer than {MIN_SUPPORT} shared issues: a hint, not a measure"


@dataclass
class Pair:
    """The agreement score of two actors (labels) over the issues they share."""

    a: str
    b: str
    agreement: float | None
    shared_issues: int
    agree: int  # issues on which they fully agree
    disagree: int  # issues on which they fully disagree
    documents: int = 0  # source documents behind the positions compared, each counted once

    @property
    def thin(self) -> bool:
        """True when the score rests on fewer than MIN_SUPPORT shared issues."""
        return self.agreement is not None and self.shared_issues < MIN_SUPPORT


@dataclass
class Mark:
    """How one position relates to another actor's current positions on the same issue."""

    other: str  # the other actor's label
    value: float  # mean agreement in [-1, 1]
    word: str  # agrees | disagrees | partly agrees | differs (one side neutral or ambivalent)

    @property
    def phrase(self) -> str:
        return f"{self.word} {'from' if self.word == 'differs' else 'with'} {self.other}"


@dataclass
class Entry:
    """An actor's position on an issue, as shown: the position and its marks."""

    actor: str  # label
    position: Position
    via_label: str | None
    marks: list[Mark] = field(default_factory=list)

    def as_dict(self) -> dict:
        p = self.position
        return {
            "stance": p.stance,
            "date": p.shown_date,
            "kind": p.kind,
            "date_basis": p.basis,
            "quote": p.quote,
            "speaker": p.speaker,
            "source": p.source,
            "claim": p.claim,
            "via": p.via,
            "agreement": {m.other: {"mark": m.word, "value": m.value} for m in self.marks},
        }


@dataclass
class IssueRow:
    issue: str  # notation
    label: str
    entries: list[Entry]
    pairs: dict[tuple[str, str], float]  # (label a, label b) -> a_i, for pairs that share the issue


@dataclass
class Comparison:
    actors: list[str]  # labels, in the order given
    issues: list[IssueRow]
    pairs: list[Pair]
    as_of: str | None
    kind: str | None
    chosen: list[Actor] = field(default_factory=list)  # the actors compared, as resolved, in the order given
    ties: list[tie_view.TieRow] = field(default_factory=list)  # the ties between compared actors

    def to_json(self) -> dict:
        return {
            "actors": self.actors,
            "as_of": self.as_of,
            "kind": self.kind,
            "issues": [
                {
                    "issue": row.issue,
                    "label": row.label,
                    "positions": {
                        actor: [e.as_dict() for e in row.entries if e.actor == actor]
                        for actor in self.actors
                        if any(e.actor == actor for e in row.entries)
                    },
                    "agreement": [{"a": a, "b": b, "value": v} for (a, b), v in row.pairs.items()],
                }
                for row in self.issues
            ],
            "ties": [t.as_dict() for t in self.ties],
            "pairs": [
                {"a": p.a, "b": p.b, "agreement": p.agreement, "shared_issues": p.shared_issues,
                 "documents": p.documents, "thin": p.thin, "agree": p.agree, "disagree": p.disagree}
                for p in self.pairs
            ],
            "min_support": MIN_SUPPORT,
        }

    def rows(self) -> list[dict]:
        """One row per shown position: issue, actor, kind, stance, date, quote, source, agreement."""
        out = []
        for row in self.issues:
            for e in row.entries:
                p = e.position
                out.append({
                    "issue": row.label,
                    "actor": e.actor,
                    "kind": p.kind if not e.via_label else f"{p.kind} on {e.via_label}",
                    "stance": p.stance,
                    "date": shown(p.shown_date, p.basis),
                    "quote": stances.quoted(p.quote, p.speaker),
                    "source": p.source,
                    "agreement": "; ".join(m.phrase for m in e.marks),
                })
        return out

    def tie_rows(self) -> list[dict]:
        """One row per claim reporting a tie between compared actors (a membership: its register)."""
        return [{"actor": t.actor, "tie": t.tie, "target": t.target, "sign": f"{t.sign:+d}",
                 "date": shown(e["date"], e["date_basis"]),
                 "quote": stances.quoted(e["quote"], e["speaker"]) if e["quote"] else f"({e['source']})"}
                for t in self.ties for e in t.evidence]

    def pair_rows(self) -> list[dict]:
        return [
            {"a": p.a, "b": p.b,
             "agreement": "no shared issue" if p.agreement is None else f"{p.agreement:+.2f}{' *' if p.thin else ''}",
             "shared_issues": p.shared_issues, "documents": p.documents, "agree": p.agree, "disagree": p.disagree}
            for p in self.pairs
        ]

    @property
    def footnote(self) -> str | None:
        """The line explaining the mark of thin scores, when a pair carries it."""
        return THIN_NOTE if any(p.thin for p in self.pairs) else None


def shown(date: str, basis: str | None) -> str:
    """A date as a table shows it: marked ``(doc)`` when the document's date stands in for one the text lacks."""
    return f"{date} (doc)" if basis == "document" else date


ROW_COLUMNS = ["issue", "actor", "kind", "stance", "date", "quote", "agreement"]
CSV_COLUMNS = ["issue", "actor", "kind", "stance", "date", "quote", "source", "agreement"]
TIE_COLUMNS = ["actor", "tie", "target", "sign", "date", "quote"]
PAIR_COLUMNS = ["a", "b", "agreement", "shared_issues", "documents", "agree", "disagree"]


def _word(values: list[int]) -> str:
    if all(v == 1 for v in values):
        return "agrees"
    if all(v == -1 for v in values):
        return "disagrees"
    if 1 in values and -1 in values:
        return "partly agrees"
    return "differs"


def _resolve(actors: Roster, names: list[str], against: list[str] | None) -> tuple[list[Actor], list[tuple[int, int]]]:
    # an official stands for the state he speaks for (with a note): positions are the state's
    chosen = [actors.state_of(actors.resolve(n)) for n in [*names, *(against or [])]]
    seen: dict[str, str] = {}
    for name, actor in zip([*names, *(against or [])], chosen):
        if actor.iri in seen:
            raise UsageError(f"'{name}' and '{seen[actor.iri]}' are the same actor ({actor.label}); name each actor once")
        seen[actor.iri] = name
    if against:
        if not names:
            raise UsageError("give the actors to compare with those in against", param="names")
        pairs = [(i, len(names) + j) for i in range(len(names)) for j in range(len(against))]
    else:
        if len(chosen) < 2:
            raise UsageError("compare needs at least two actors, or one and the actors to compare it against", param="names")
        pairs = [(i, j) for i in range(len(chosen)) for j in range(i + 1, len(chosen))]
    return chosen, pairs


def compare(store, names: list[str], against: list[str] | None = None, as_of=None,
            issues: list[str] | None = None, kind: str | None = None) -> Comparison:
    """Compare actors issue by issue: every pair of ``names``, or each of ``names`` against each of ``against``."""
    day = stances.as_of_day(as_of)
    kind = stances.check_kind(kind)
    actors = query.roster(store)
    chosen, pair_index = _resolve(actors, list(names), against)
    stance_map = stances.load(store, day, kind, [a.iri for a in chosen])
    selected = stance_map.scheme.select(issues)
    iris = [a.iri for a in chosen]
    labels = [a.label for a in chosen]
    shared = {(i, j): set(stance_map.shared(iris[i], iris[j])) for i, j in pair_index}
    if selected is not None:
        shared = {k: v & selected for k, v in shared.items()}

    shown = set()
    for iri in iris:
        shown |= stance_map.issues_of(iri)
    for common in shared.values():
        shown |= common
    if selected is not None:
        shown &= selected

    rows = []
    for issue in sorted(shown, key=stance_map.scheme.label):
        entries = []
        for i, iri in enumerate(iris):
            for p in stance_map.current(iri, issue):
                marks = []
                for a, b in pair_index:
                    if i not in (a, b) or issue not in shared[(a, b)]:
                        continue
                    other = b if i == a else a
                    values = [stances.agreement(p, q) for q in stance_map.current(iris[other], issue)]
                    marks.append(Mark(labels[other], sum(values) / len(values), _word(values)))
                via = stance_map.scheme.label(p.via) if p.via else None
                entries.append(Entry(labels[i], p, via, marks))
        pair_values = {
            (labels[a], labels[b]): stance_map.agreement(iris[a], iris[b], issue)
            for a, b in pair_index
            if issue in shared[(a, b)]
        }
        rows.append(IssueRow(issue, stance_map.scheme.label(issue), entries, pair_values))

    held = groups.by_claim(groups.group([p for ps in stance_map.own.values() for p in ps], groups.of_position))
    pairs = []
    for a, b in pair_index:
        values = [stance_map.agreement(iris[a], iris[b], issue) for issue in sorted(shared[(a, b)])]
        score = sum(values) / len(values) if values else None
        compared = [p for issue in shared[(a, b)] for p in stance_map.current(iris[a], issue) + stance_map.current(iris[b], issue)]
        pairs.append(Pair(labels[a], labels[b], score, len(values),
                          sum(1 for v in values if v == 1), sum(1 for v in values if v == -1),
                          len(groups.sources_of(compared, held))))
    # a tie between compared actors runs from one of them or from an official speaking for one
    ends = {a.iri for a in chosen}
    ends |= {a.iri for a in actors.actors.values() if a.type == "official" and a.acts_for in ends}
    between = tie_view.between(tie_view.read(store, sorted(ends), sorted(ends)), actors, chosen, pair_index,
                               day.isoformat() if day else None)
    return Comparison(labels, rows, pairs, day.isoformat() if day else None, kind, chosen, between)
