"""A dataset's votes mapped to the project's actors, held as compact arrays.

Each vote is three numbers: the roll call (row), the actor (column) and the choice
(1 yes, 2 abstain, 3 no, 4 absent; 0 in the index means no record). Rows whose
country no rule maps, and second votes of one state on one roll call, are bad rows.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass
from typing import Callable

import numpy as np

from kg.unga.countries import Country, CountryMap, UnknownCountry
from kg.unga.sources import BadRows, RollCall, Source

NONE, YES, ABSTAIN, NO, ABSENT = 0, 1, 2, 3, 4
CODES = {"yes": YES, "abstain": ABSTAIN, "no": NO, "absent": ABSENT}
NAMES = {v: k for k, v in CODES.items()}
FORMAT_VERSION = "unga-2"  # 2: united Yemen's 1990 votes are Yemen's; the index marks important votes


@dataclass
class VoteTable:
    dataset: str
    stamp: str  # SHA-256 of the imported files and the format version
    rollcalls: list[RollCall]
    actors: list[Country]
    rows: np.ndarray  # int32, roll call index of each vote
    cols: np.ndarray  # int32, actor index of each vote
    choices: np.ndarray  # int8, YES | ABSTAIN | NO | ABSENT

    def __len__(self) -> int:
        return len(self.choices)


def stamp(source: Source, basis: bytes = b"") -> str:
    """SHA-256 of what an import's triples depend on: the files, ``basis`` (the reference data) and the format."""
    digest = hashlib.sha256(FORMAT_VERSION.encode() + basis)
    for path in source.files:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def tabulate(source: Source, countries: CountryMap, bad: BadRows,
             progress: Callable[[int], None] | None = None, stamp_value: str | None = None) -> VoteTable:
    """Map every vote row of ``source`` to (roll call, actor, choice)."""
    calls = sorted(source.rollcalls.values(), key=lambda c: (c.date, int(c.key) if c.key.isascii() and c.key.isdigit() else 0, c.key))
    row_of = {c.key: i for i, c in enumerate(calls)}
    actors: list[Country] = []
    col_of: dict[str, int] = {}
    rows, cols, choices, lines, files = array("i"), array("i"), array("b"), array("i"), array("b")
    file_of = {path: i for i, path in enumerate(source.files)}
    for vote in source.votes(progress):
        call = source.rollcalls[vote.rollcall]
        try:
            country = countries.lookup(vote.code, vote.name, call.date)
        except UnknownCountry as exc:
            bad.add(vote.path, vote.line, f"{exc}; add it to seeds/reference/actors.yaml or fix the row")
            continue
        col = col_of.get(country.actor_id)
        if col is None:
            col = col_of[country.actor_id] = len(actors)
            actors.append(country)
        rows.append(row_of[vote.rollcall])
        cols.append(col)
        choices.append(CODES[vote.choice])
        lines.append(vote.line)
        files.append(file_of[vote.path])
    table = VoteTable(
        source.dataset, stamp_value or stamp(source), calls, actors,
        np.frombuffer(rows, dtype=np.int32).copy() if rows else np.zeros(0, np.int32),
        np.frombuffer(cols, dtype=np.int32).copy() if cols else np.zeros(0, np.int32),
        np.frombuffer(choices, dtype=np.int8).copy() if choices else np.zeros(0, np.int8),
    )
    return _without_duplicates(table, lambda i: (source.files[files[i]], lines[i]), bad)


def _without_duplicates(table: VoteTable, where: Callable[[int], tuple], bad: BadRows) -> VoteTable:
    """Keep the first vote of an actor on a roll call; report the others as bad rows."""
    if not len(table):
        return table
    keys = table.rows.astype(np.int64) * max(len(table.actors), 1) + table.cols
    _, first = np.unique(keys, return_index=True)
    if len(first) == len(keys):
        return table
    keep = np.zeros(len(keys), dtype=bool)
    keep[first] = True
    for i in np.flatnonzero(~keep):
        call, actor = table.rollcalls[table.rows[i]], table.actors[table.cols[i]]
        bad.add(*where(int(i)), f"a second vote of {actor.label} on roll call {call.key}; each state votes once")
    table.rows, table.cols, table.choices = table.rows[keep], table.cols[keep], table.choices[keep]
    return table
