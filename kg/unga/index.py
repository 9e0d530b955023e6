"""The vote index: a columnar copy of the votes in the store, for fast alignment metrics.

The store is the source of truth; the index is derived from it and never edited by
hand. Every import writes one file per dataset (``<dataset>.npz``) in the index
folder beside the store, stamped with the SHA-256 the import also writes into the
store (``id:dataset/<name> sa:sha256 …``). Readers check the stamps against the store,
so an index that no longer matches the votes in the store is refused, not used.

One file holds a roll calls × actors matrix of int8 choices (0 no record, 1 yes,
2 abstain, 3 no, 4 absent) with, per roll call, its date, session, issue tags (a
bitmask over sources.TAG_NAMES, with ``IMPORTANT`` for the State Department's important
votes), symbol, IRI, title and the dataset's own id (``keys``:
the rcid or undl_id; None in an index written before it was kept), and per actor its id
and label.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg import atomic
from kg.atomic import write_atomic
from kg.errors import StoreError
from kg.unga.sources import TAG_NAMES
from kg.unga.table import VoteTable
from kg.unga.triples import rollcall_iris

_ARRAYS = ("votes", "dates", "sessions", "tags", "symbols", "iris", "titles", "actors", "labels", "isos")


@dataclass
class VoteIndex:
    votes: np.ndarray  # int8 (roll calls, actors)
    dates: np.ndarray  # datetime64[D]
    sessions: np.ndarray  # int16, -1 when unknown
    tags: np.ndarray  # uint8 bitmask over TAG_NAMES
    symbols: np.ndarray  # str, '' when the roll call has none
    iris: np.ndarray  # str, the roll call's IRI in the store
    titles: np.ndarray  # str
    actors: np.ndarray  # str, actor ids
    labels: np.ndarray  # str
    isos: np.ndarray  # str, '' when none
    stamps: dict[str, str] = field(default_factory=dict)  # dataset → stamp
    keys: np.ndarray | None = None  # str, the dataset's id of each roll call (rcid, undl_id) to join other tables

    def column(self, actor_id: str) -> int | None:
        found = np.flatnonzero(self.actors == actor_id)
        return int(found[0]) if len(found) else None

    def row(self, symbol: str) -> int | None:
        """The roll call on the whole resolution ``symbol`` (its last roll call)."""
        found = np.flatnonzero(self.symbols == symbol)
        return int(found[-1]) if len(found) else None


# the State Department's "important votes" (Voeten's importantvote), kept in the last bit of the tags
IMPORTANT = 1 << 7


def tag_bit(tag: str) -> int:
    return 1 << TAG_NAMES.index(tag)


def from_table(table: VoteTable) -> VoteIndex:
    n_rows, n_cols = len(table.rollcalls), len(table.actors)
    votes = np.zeros((n_rows, n_cols), dtype=np.int8)
    votes[table.rows, table.cols] = table.choices
    tags = np.zeros(n_rows, dtype=np.uint8)
    for i, call in enumerate(table.rollcalls):
        for tag in call.tags:
            tags[i] |= tag_bit(tag)
        if call.important:
            tags[i] |= IMPORTANT
    return VoteIndex(
        votes=votes,
        dates=np.array([c.date.isoformat() for c in table.rollcalls], dtype="datetime64[D]"),
        sessions=np.array([c.session if c.session is not None else -1 for c in table.rollcalls], dtype=np.int16),
        tags=tags,
        symbols=np.array([c.symbol or "" for c in table.rollcalls], dtype=str),
        iris=np.array(rollcall_iris(table), dtype=str),
        titles=np.array([c.title[:200] for c in table.rollcalls], dtype=str),
        actors=np.array([a.actor_id for a in table.actors], dtype=str),
        labels=np.array([a.label for a in table.actors], dtype=str),
        isos=np.array([a.iso or "" for a in table.actors], dtype=str),
        stamps={table.dataset: table.stamp},
        keys=np.array([c.key for c in table.rollcalls], dtype=str),
    )


def save(index: VoteIndex, folder: Path, dataset: str) -> Path:
    """Write one dataset's index atomically into ``folder``."""
    target = folder / f"{dataset}.npz"
    arrays = {name: getattr(index, name) for name in _ARRAYS}
    if index.keys is not None:
        arrays["keys"] = index.keys
    write_atomic(target, lambda out: np.savez(out, stamp=np.array(index.stamps[dataset]), **arrays), create_parent=True)
    return target


def load(folder: Path, store_stamps: dict[str, str]) -> VoteIndex:
    """The index of every dataset in the store, merged; StoreError if missing, damaged or stale."""
    if not store_stamps:
        raise StoreError("no UN votes in the store; import them first, e.g. 'kg import unga PATH-TO-VOTES'")
    parts = []
    for dataset, stamp in sorted(store_stamps.items()):
        path = folder / f"{dataset}.npz"
        again = "run 'kg import unga PATH-TO-VOTES' again to rebuild it"
        if not path.exists():
            raise StoreError(f"the vote index {path} is missing; {again}")
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in _ARRAYS}
                found = str(data["stamp"])
                keys = data["keys"] if "keys" in data.files else None
            part = VoteIndex(**arrays, stamps={dataset: stamp}, keys=keys)
            _check(part)
        # numpy reports a damaged file in many ways: a truncated zip, a bad header, pickled data, a missing array
        except (OSError, KeyError, ValueError, TypeError, EOFError, zipfile.BadZipFile, zlib.error):  # also a directory
            raise StoreError(f"the vote index {path} is damaged; {again}") from None
        if found != stamp:
            raise StoreError(f"the vote index {path} does not match the votes in the store; {again}")
        parts.append(part)
    return merge(parts)


def _check(index: VoteIndex) -> None:
    """Raise ValueError unless the arrays have the kinds and the shapes ``from_table`` gives them."""
    rows, cols = index.votes.shape if index.votes.ndim == 2 else (-1, -1)
    kinds = {"votes": "i", "dates": "M", "sessions": "i", "tags": "u", "symbols": "U", "iris": "U", "titles": "U",
             "actors": "U", "labels": "U", "isos": "U"}
    for name in _ARRAYS:
        array = getattr(index, name)
        size = cols if name in ("actors", "labels", "isos") else rows
        if array.dtype.kind != kinds[name] or (name != "votes" and array.shape != (size,)):
            raise ValueError(name)
    if index.keys is not None and (index.keys.dtype.kind != "U" or index.keys.shape != (rows,)):
        raise ValueError("keys")
    if index.votes.dtype != np.int8 or (index.votes.size and index.votes.view(np.uint8).max() > 4):
        raise ValueError("votes")  # a choice outside 0..4 (a negative one reads as over 127 unsigned)


def merge(parts: list[VoteIndex]) -> VoteIndex:
    """One index from several datasets; a roll call in the UN Library's data replaces the same one in Voeten's."""
    if len(parts) == 1:
        return parts[0]
    official = {(s, d) for p in parts if "unga-undl" in p.stamps for s, d in zip(p.symbols, p.dates) if s}
    actors: list[str] = []
    labels: dict[str, str] = {}
    isos: dict[str, str] = {}
    for p in parts:
        for a, label, iso in zip(p.actors, p.labels, p.isos):
            if a not in labels:
                actors.append(str(a))
                labels[a], isos[a] = str(label), str(iso)
    col = {a: i for i, a in enumerate(actors)}
    pieces = []
    for p in parts:
        keep = np.ones(len(p.dates), dtype=bool)
        if "unga-undl" not in p.stamps:
            keep = np.array([not (s and (s, d) in official) for s, d in zip(p.symbols, p.dates)], dtype=bool)
        votes = np.zeros((int(keep.sum()), len(actors)), dtype=np.int8)
        votes[:, [col[a] for a in p.actors]] = p.votes[keep]
        pieces.append((p, keep, votes))
    order = np.argsort(np.concatenate([p.dates[k] for p, k, _ in pieces]), kind="stable")
    cat = lambda name: np.concatenate([getattr(p, name)[k] for p, k, _ in pieces])[order]  # noqa: E731
    return VoteIndex(
        votes=np.concatenate([v for _, _, v in pieces])[order],
        dates=cat("dates"), sessions=cat("sessions"), tags=cat("tags"), symbols=cat("symbols"),
        iris=cat("iris"), titles=cat("titles"),
        actors=np.array(actors, dtype=str), labels=np.array([labels[a] for a in actors], dtype=str),
        isos=np.array([isos[a] for a in actors], dtype=str),
        stamps={k: v for p in parts for k, v in p.stamps.items()},
        keys=None if any(p.keys is None for p in parts) else cat("keys"),
    )


def folder_for(store_dir: Path) -> Path:
    """Where the vote index of a directory store lives: beside it, ``<store>-votes/``."""
    store_dir = Path(store_dir)
    return store_dir.with_name(store_dir.name + "-votes")


def store_stamps(store) -> dict[str, str]:
    """Dataset name → stamp of every complete import in ``store``."""
    from kg.catalogue import files as catalogue

    text = catalogue.internal("unga/import-stamps").text
    result = store.query(text)
    return {str(row[0]).rsplit("/", 1)[-1]: str(row[1]) for row in result.rows}


def open_index(store, store_dir: Path) -> VoteIndex:
    """The vote index of a directory store, checked against the imports the store holds."""
    return load(folder_for(store_dir), store_stamps(store))


def read_index(store_dir: Path) -> VoteIndex:
    """The vote index of the directory store ``store_dir``, checked against it (opened read-only)."""
    from kg.store.embedded import OxigraphStore

    try:
        atomic.tidy(Path(os.path.realpath(store_dir)).parent)  # completes a swap a killed import committed
        imported = (Path(store_dir) / "CURRENT").exists()
    except OSError as exc:  # a name too long, a folder that may not be read
        raise StoreError(f"cannot read the store {store_dir} ({exc.strerror}); give a store folder kg may read") from None
    if not imported:
        raise StoreError(f"no UN votes imported into {store_dir}; import them first, e.g. 'kg import unga PATH-TO-VOTES'")
    with OxigraphStore.open_directory(Path(store_dir), read_only=True) as store:
        return open_index(store, store_dir)
