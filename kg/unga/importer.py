"""Importing UN General Assembly votes: files → records → actors → store and vote index.

Each dataset's named graph is replaced whole and its vote index rewritten, so
importing the same files again gives the same store. The import writes its stamp
(the SHA-256 of the files and of the reference data the triples depend on) into the
store last, and readers use the index only when its stamp is the store's. Into a
directory store, the import writes a copy of the store and of its index folder
beside them and swaps them in at the end (``kg.store.swap``): an interrupted or
failed import leaves the previous store and index as they were. When the store
already holds an import with the same stamp and its index, nothing is rewritten:
removing a million votes from an on-disk Oxigraph store takes minutes (about 8 s per
100,000 quads here), so an unchanged dataset is not removed and loaded again. An
import that would replace a dataset with a smaller one (fewer roll calls or votes,
as a damaged file gives) is refused unless asked to replace it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg import paths
from kg.build import folder as seed_folder
from kg.build import reference
from kg.catalogue import files as catalogue
from kg.errors import StoreError, UsageError, named
from kg.store.embedded import OxigraphStore
from kg.store.swap import Replacement
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
                strict: bool = False, progress: Progress | None = None, replace: bool = False,
                writable: Callable[[], tuple[OxigraphStore, Path]] | None = None) -> ImportReport:
    """Import the vote files (Voeten/unvotes tables or UN Digital Library CSV) into ``store``.

    Raises InputError for a file that cannot be read, and for the first bad row when
    ``strict``; otherwise bad rows are skipped and listed in the report. Refuses
    (UsageError) a dataset with fewer roll calls or votes than the one it would
    replace, unless ``replace``. ``writable()``, asked once when a dataset changed,
    gives the store and the index folder to write (by default ``store`` and the
    folder beside ``store_dir``); ``store`` is only read then.
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
    basis = b"".join(seed_folder.read(p, seeds_dir, seed_folder.MAX_YAML_BYTES, f"reference file '{p.name}'")
                     for p in sorted((seeds_dir / "reference").glob("*.yaml")))
    folder = index.folder_for(store_dir)
    held = index.store_stamps(store)
    target: tuple[OxigraphStore, Path] | None = None
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
        if source.dataset in held and not replace:
            _refuse_shrinking(table, _size(store, folder, source.dataset, held[source.dataset]), len(bad.rows))

        def blocks():
            done = 0
            for block in triples.nquads(table, ref.resolutions, issue_iris, stances):
                yield block
                done = min(total, done + 20000)
                if progress:
                    progress(f"loading {source.dataset}", done, total)

        if target is None:
            target = writable() if writable else (store, folder)
        into, into_folder = target
        into.replace_graph_in_bulk(str(triples.import_graph(table.dataset)), blocks())
        index.save(index.from_table(table), into_folder, table.dataset)
        into.add_nquads(triples.stamp_quad(table))
        reports.append(DatasetReport(
            table.dataset, source.files, len(table.rollcalls), total, len(table.actors),
            sorted(c.actor_id for c in table.actors if c.minted), folder / f"{table.dataset}.npz",
        ))
    return ImportReport(reports, bad.rows, time.perf_counter() - started)


def _size(store: OxigraphStore, folder: Path, dataset: str, held_stamp: str) -> tuple[int, int]:
    """(roll calls, votes) of the dataset the store holds: from its index, else counted in the store."""
    try:
        held = index.load(folder, {dataset: held_stamp})
        return len(held.dates), int((held.votes != 0).sum())
    except StoreError:
        text = catalogue.internal("unga/dataset-size").text
        (row,) = store.query(text, {"graph": triples.import_graph(dataset)}).rows
        return int(row[0]), int(row[1])


def _refuse_shrinking(table, before: tuple[int, int], bad_rows: int) -> None:
    """UsageError when ``table`` has fewer roll calls or votes than the dataset it would replace."""
    rollcalls, votes = len(table.rollcalls), len(table)
    if rollcalls >= before[0] and votes >= before[1]:
        return
    skipped = f" ({_many(bad_rows, 'bad row')} skipped)" if bad_rows else ""
    lost = [_many(n, thing) for n, thing in ((before[0] - rollcalls, "roll call"), (before[1] - votes, "vote")) if n > 0]
    raise UsageError(
        f"{table.dataset}: the files hold {_many(rollcalls, 'roll call')} and {_many(votes, 'vote')}{skipped}, fewer "
        f"than the {_many(before[0], 'roll call')} and {_many(before[1], 'vote')} imported before; importing them "
        f"would lose {' and '.join(lost)}: check the files, or give {named('replace')} to replace the dataset anyway",
        param="replace")


def _many(n: int, thing: str) -> str:
    return f"{n:,} {thing}{'' if n == 1 else 's'}"


def import_into(files: list[Path], store_dir: Path, seeds_dir: Path | None = None, strict: bool = False,
                progress: Progress | None = None, replace: bool = False) -> ImportReport:
    """Import the vote files into the directory store ``store_dir`` (created if missing).

    The store and its vote index are replaced whole (``kg.store.swap``): an
    interrupted or failed import leaves both as they were.
    """
    if not files:
        raise UsageError("no vote files given: give the files or their folder (the Voeten/unvotes tables or a UN Digital Library CSV)")
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    with Replacement(store_dir, [index.folder_for(store_dir)]) as replacement:
        old = replacement.old or OxigraphStore.in_memory()  # no store yet: nothing imported

        def writable() -> tuple[OxigraphStore, Path]:
            new, (new_folder,) = replacement.open_new()
            return new, new_folder

        return import_unga(files, old, store_dir, seeds_dir, strict, progress, replace, writable)
