"""What UN General Assembly vote files hold once read: datasets, roll calls, vote rows, bad rows.

read.py fills these records from the files; table.py, triples.py and index.py turn
them into the vote table, the graph and the vote index. The issue tags of Voeten's
data (and the filters on them) are named here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from kg.errors import InputError, named

# Voeten's issue codes → the tag names used by filters (and their labels)
TAGS = {
    "me": ("palestine", "Palestinian conflict"),
    "nu": ("nuclear", "Nuclear weapons and nuclear material"),
    "di": ("disarmament", "Arms control and disarmament"),
    "hr": ("human-rights", "Human rights"),
    "co": ("colonialism", "Colonialism"),
    "ec": ("economic-development", "Economic development"),
}
TAG_NAMES = [name for name, _ in TAGS.values()]


@dataclass
class BadRow:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class BadRows:
    """Bad rows seen so far; in strict mode the first one raises."""

    strict: bool = False
    rows: list[BadRow] = field(default_factory=list)

    def add(self, path: Path, line: int, message: str) -> None:
        if self.strict:
            raise InputError(f"{message} ({named('strict')} stops at the first bad row; fix the row or import without it)", path, line,
                             param="strict")
        self.rows.append(BadRow(path, line, message))

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class RollCall:
    """One vote of the Assembly: on a resolution, an amendment or a paragraph."""

    key: str  # the dataset's id of the roll call (rcid or undl_id)
    date: dt.date
    session: int | None
    symbol: str | None  # the resolution symbol as A/RES/…
    title: str
    amend: bool = False
    para: bool = False
    important: bool = False
    tags: set[str] = field(default_factory=set)  # TAGS names


@dataclass
class VoteRow:
    path: Path
    line: int
    rollcall: str
    code: str
    name: str
    choice: str  # yes | no | abstain | absent


@dataclass
class Source:
    """One dataset read from one or more files: its roll calls and (lazily) its votes."""

    dataset: str  # "unga-voeten" | "unga-undl"
    files: list[Path]
    rollcalls: dict[str, RollCall]
    votes: Callable[..., Iterator[VoteRow]]  # votes(progress=None); progress(bytes read)
    vote_file: Path
    size: int  # bytes of the vote file on disk, for progress
