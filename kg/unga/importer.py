"""Importing UN General Assembly votes: files → records → actors → store and vote index.

Each dataset's named graph is replaced whole and its vote index rewritten, so
importing the same files again gives the same store. The import writes its stamp
(the SHA-256 of the files and of the reference data the triples depend on) into the
store last: an interrupted import leaves no stamp, and readers then refuse the index
until the import is run again. When the store already holds an import with the same
stamp and its index, nothing is rewritten: removing a million votes from an on-disk
Oxigraph store takes minutes (about 8 s per 100,000 quads here), so an unchanged
dataset is not removed and loaded again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg import paths
from kg.build import reference
from kg.errors import StoreError, UsageError
from kg.store.embedded import OxigraphStore
from kg.terms import ontology
from kg.unga import index, read, triples
from kg.unga.countries import CountryMap
from kg.unga.sources import BadRow, BadRows
from kg.unga.table import stamp, tabulate

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class DatasetReport:
    dataset: str
    files: list[Path]
    rollcalls: int
    votes: int
    actors: int
    minted: list[str]
    index_file: Path
    unchanged: bool = False  # the store already held this import: nothing was rewritten


@dataclass
class ImportReport:
    datasets: list[DatasetReport]
    bad: list[BadRow] = field(default_factory=list)
    seconds: float = 0.0


def import_unga(files: list[Path], store: OxigraphStore, store_dir: Path, seeds_dir: Path | None = None,
                strict: bool = False, progress: Progress | None = None) -> ImportReport:
    """Import the vote files (Voeten/unvotes tables or UN Digital Library CSV) into ``store``.

    Raises InputError for a file that cannot be read, and for the first bad row when
    ``strict``; otherwise bad rows are skipped and listed in the report.
    """
    started = time.perf_counter()
    seeds_dir = Path(seeds_dir or paths.default_seeds_dir())
    ref = reference.load(seeds_dir)
    vocab = ontology.vocabulary(ontology.load_graph())
    issue_iris = {notation: str(issue.iri) for notation, issue in vocab.issues.items()}
    stances = {notation: str(iri) for notation, iri in vocab.stances.items()}
    bad = BadRows(strict)
    sources = read.read(files, bad)
    countries = CountryMap(ref)
    basis = b"".join(p.read_bytes() for p in sorted((seeds_dir / "reference").glob("*.yaml")))
    folder = index.folder_for(store_dir)
    held = index.store_stamps(store)
    reports = []
    for source in sources:
        current = stamp(source, basis)
        if held.get(source.dataset) == current:
            try:
                same = index.load(folder, {source.dataset: current})
            except StoreError:
                same = None  # the index is missing or stale: import again
            if same is not None:
                reports.append(DatasetReport(
                    source.dataset, source.files, len(same.dates), int((same.votes != 0).sum()), len(same.actors),
                    [], folder / f"{source.dataset}.npz", unchanged=True))
                continue

        def reading(done: int, source=source) -> None:
            if progress:
                progress(f"reading {source.vote_file.name}", done, source.size)

        table = tabulate(source, countries, bad, reading, current)
        total = len(table)

        def blocks():
            done = 0
            for block in triples.nquads(table, ref.resolutions, issue_iris, stances):
                yield block
                done = min(total, done + 20000)
                if progress:
                    progress(f"loading {source.dataset}", done, total)

        store.replace_graph_in_bulk(str(triples.import_graph(table.dataset)), blocks())
        written = index.save(index.from_table(table), folder, table.dataset)
        store.add_nquads(triples.stamp_quad(table))
        reports.append(DatasetReport(
            table.dataset, source.files, len(table.rollcalls), total, len(table.actors),
            sorted(c.actor_id for c in table.actors if c.minted), written,
        ))
    return ImportReport(reports, bad.rows, time.perf_counter() - started)


def import_into(files: list[Path], store_dir: Path, seeds_dir: Path | None = None, strict: bool = False,
                progress: Progress | None = None) -> ImportReport:
    """Import the vote files into the directory store ``store_dir`` (created if missing)."""
    if not files:
        raise UsageError("no vote files given: give the files or their folder (the Voeten/unvotes tables or a UN Digital Library CSV)")
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    with OxigraphStore.open_directory(store_dir) as store:
        return import_unga(files, store, store_dir, seeds_dir, strict, progress)
