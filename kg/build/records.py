"""Plain records read from the seeds, before they become triples."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kg.terms.dates import PartialDate
from kg.terms.sessions import Session


@dataclass(frozen=True)
class Where:
    """The file and line a record was read from, for error messages."""

    path: Path
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclass
class Post:
    role: str
    organisation: str
    start: dt.date
    end: dt.date | None


@dataclass
class Actor:
    id: str
    name: str
    category: str  # "state" | "bloc" | "entity" | "official" | "other"
    where: Where
    iso: str | None = None
    iso3: str | None = None
    wikidata: str | None = None
    kind: str | None = None
    acts_for: str | None = None
    part_of: str | None = None  # a sub-state entity: the id of the state it lies within
    posts: list[Post] = field(default_factory=list)
    predecessors: list[str] = field(default_factory=list)  # names of former states whose seat it continues


@dataclass
class Membership:
    member: str
    organisation: str
    role: str  # "member" | "candidate"
    start: dt.date
    end: dt.date | None
    source: str


@dataclass
class Resolution:
    symbol: str
    title: str
    organ: str
    date: dt.date
    issue: str
    yes_stance: str
    source: str
    where: Where
    session: Session | None = None  # 74, ES-11 or S-29


@dataclass
class Document:
    stem: str
    path: Path
    title: str
    date: dt.date
    date_basis: str
    date_note: str | None
    text: str
    sha256: str
    where: Where
    pending: list[Pending] = field(default_factory=list)  # claims marked 'review: pending': not built
    url: str | None = None  # the address the text was taken from


@dataclass
class Pending:
    """A claim a draft proposes and no curator has accepted yet: listed by validation, not built."""

    id: str
    where: Where
    problems: list[str]  # what would be wrong with it once accepted

    def __str__(self) -> str:
        found = f" ({len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} to fix before accepting: " \
                f"{'; '.join(p.split(': ', 1)[-1] for p in self.problems)})" if self.problems else ""
        return f"{self.where}: claim '{self.id}' is pending review{found}"


@dataclass
class Evidence:
    quote: str
    start: int
    end: int


@dataclass
class Claim:
    """One curated claim; which fields are set depends on its type."""

    id: str
    type: str  # "position" | "tie" | "agreement" | "report"
    document: str  # the stem of its document
    quote: str
    where: Where
    date: PartialDate | None = None
    date_note: str | None = None
    note: str | None = None
    evidence: Evidence | None = None
    # positions
    kind: str | None = None  # "statement" | "action"
    action: str | None = None
    issue: str | None = None
    stance: str | None = None
    resolution: str | None = None
    vote: str | None = None
    # positions and ties
    actor: str | None = None
    speaker: str | None = None
    target: str | None = None
    tie: str | None = None
    # agreements
    title: str | None = None
    parties: list[str] = field(default_factory=list)
    status: str | None = None
    # reports
    claimant: str | None = None
    about: str | None = None  # "stem/claim-id"
    asserts: str | None = None


@dataclass
class CuratedContradiction:
    id: str
    type: str
    document: str
    claims: list[str]  # "stem/claim-id"
    note: str | None
    where: Where


@dataclass
class Seeds:
    """Everything read from a seeds folder."""

    directory: Path
    documents: list[Document]
    claims: list[Claim]
    contradictions: list[CuratedContradiction]
