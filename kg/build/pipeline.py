"""Building the graph: seeds → records → triples → rules → SHACL → file.

``build()`` does every check and returns the dataset without writing anything;
``write()`` saves it atomically; ``build_file()`` does both, as ``kg build`` does.
``kg validate`` is ``build()`` without ``write()``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import pyoxigraph as ox
from pathlib import Path
from typing import Callable

from rdflib import RDF, Dataset, Graph

from kg.terms import ontology
from kg import paths
from kg.build import assemble
from kg.build import cache
from kg.build import folder
from kg.build import issues
from kg.build import reference
from kg.build import rules
from kg.build import seeds
from kg.build import shacl
from kg.build import triples
from kg.build import workspace
from kg.build.problems import Problems
from kg.catalogue import files as catalogue
from kg.atomic import write_atomic
from kg.errors import InputError, KgError, ValidationFailed
from kg.store.swap import Replacement
from kg.terms.vocab import PREFIXES, SA

FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
SUFFIXES = {"trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}
STORE = "graph.oxigraph"  # in the built folder: the graph in a directory store, opened by the reading commands
CACHE = "documents.cache"  # in the built folder: what was made of each article (kg.build.cache)


@dataclass
class Summary:
    documents: int
    claims: int
    positions: int
    ties: int
    agreements: int
    reports: int
    actors: int
    issues: int
    contradictions_curated: int
    contradictions_derived: int
    triples: int
    pending: list[str] = field(default_factory=list)  # claims marked 'review: pending', not built: one line each

    def lines(self) -> list[tuple[str, int]]:
        return [
            ("documents", self.documents),
            ("claims", self.claims),
            ("  positions", self.positions),
            ("  ties", self.ties),
            ("  agreements", self.agreements),
            ("  reports", self.reports),
            ("actors", self.actors),
            ("issues", self.issues),
            ("contradictions (curated)", self.contradictions_curated),
            ("contradictions (derived by rules)", self.contradictions_derived),
            ("triples", self.triples),
        ]


class Built:
    """What a build made: the graph in an Oxigraph store (``dataset`` reads it with rdflib), its summary and fingerprint."""

    def __init__(self, store, summary: Summary, fingerprint: str, workspace: workspace.Workspace | None = None):
        self.store = store
        self.summary = summary
        self.fingerprint = fingerprint
        self.workspace = workspace  # the seeds it was built from
        self._dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset, one named graph per document (made when first asked for)."""
        if self._dataset is None:
            self._dataset = triples.new_dataset()
            self._dataset.parse(data=self.store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        return self._dataset


def fingerprint(seeds_dir) -> str:
    """A digest of every input of a build: the seeds (each folder of a workspace, its settings), ontology and rules.

    A file a build would not read (one outside the seeds folder through a symbolic
    link, or not a regular file) counts by its name alone, and is never opened.
    """
    space = workspace.resolve(seeds_dir)
    digest = hashlib.sha256()
    digest.update(f"{space.kind} shipped={space.shipped}".encode())
    roots = [*space.layers, paths.ontology_dir()]
    for index, root in enumerate(roots):
        digest.update(f"\0folder {index}\0".encode())
        for path in sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".txt", ".ttl", ".toml"}):
            digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape"))
            if path.is_file() and folder.inside(path, root):
                with path.open("rb") as stream:
                    digest.update(hashlib.file_digest(stream, "sha256").digest())
    for rule in catalogue.rules():
        digest.update(f"rules/{rule.path.name}".encode())
        digest.update(rule.text.encode())
    return digest.hexdigest()


def _summarise(store, derived: Graph, loaded: seeds.Seeds, vocab: ontology.Vocabulary) -> Summary:
    by_type = {t: sum(1 for c in loaded.claims if c.type == t) for t in ("position", "tie", "agreement", "report")}
    actors = {a for c in loaded.claims for a in (c.actor, c.target, c.speaker, c.claimant, *c.parties) if a}
    return Summary(
        documents=len(loaded.documents),
        claims=len(loaded.claims),
        positions=by_type["position"],
        ties=by_type["tie"],
        agreements=by_type["agreement"],
        reports=by_type["report"],
        actors=len(actors),
        issues=len(vocab.issues),
        contradictions_curated=len(loaded.contradictions),
        contradictions_derived=sum(1 for _ in derived.subjects(RDF.type, SA.Contradiction)),
        triples=len(store),
        pending=[str(p) for d in loaded.documents for p in d.pending],
    )


Stage = Callable[[str], None]
"""Told the name of each stage of a build as it begins (read, triples, rules, shacl, write), then 'done'."""


def _quiet(name: str) -> None:
    pass


def build(seeds_dir=None, stage: Stage | None = None, cache_file: Path | None = None) -> Built:
    """Read and check the seeds, derive contradictions and validate; write nothing.

    ``seeds_dir`` is a folder or a Workspace, resolved by ``workspace.resolve``;
    ``stage`` is told each stage as it begins (for progress and timing). With
    ``cache_file``, what was read, made and validated of each article is kept there,
    and an article unchanged since is not read, made or validated again
    (``kg.build.cache``); the graph is the same.
    Raises ValidationFailed listing every problem of every file when the inputs do
    not hold together (each stage that can still run does), InputError when the one
    problem is an input that cannot be read.
    """
    stage = stage or _quiet
    space = workspace.resolve(seeds_dir)
    workspace.check(space)
    stage("read")
    problems = Problems()
    onto = ontology.load_graph(issues=space.shipped_issues)
    issues.layer(onto, space, problems)
    vocab = ontology.vocabulary(onto)
    ref = reference.load(space, problems)
    if problems.unreadable:
        problems.check()  # claims checked against reference data that could not all be read would only echo it
    kept = cache.Documents(cache_file, cache.context(space)) if cache_file is not None else None
    loaded = seeds.load(space, ref, vocab, problems, kept)
    problems.check()
    stage("triples")
    made = assemble.assemble(onto, ref, vocab, loaded, kept)
    stage("rules")
    derived = rules.derive(made.store)
    assemble.add_derived(made, derived)
    stage("shacl")
    violations = assemble.check(made, derived, ontology.load_shapes(), kept)
    if violations:
        raise ValidationFailed([f"SHACL: {p}" for p in violations])
    built = Built(made.store, _summarise(made.store, derived, loaded, vocab), fingerprint(space), space)
    if kept is not None:
        kept.save()
    return built


def build_file(seeds_dir=None, path: Path | None = None, fmt: str = "trig",
               create_parent: bool | None = None, stage: Stage | None = None) -> tuple[Built, Path]:
    """Build from the seeds and write the graph file; return what was built and the file.

    Without ``path`` the file goes to the seeds' own place (``workspace.built_dir``:
    ``$KG_HOME/graph.trig`` for the shipped seeds), whose folder is created
    (``create_parent`` decides for a given path). A TriG file gets a manifest beside
    it, so that readers can tell it is current.
    """
    _check_format(fmt)
    space = workspace.resolve(seeds_dir)
    if path is None:
        workspace.make_built_dir(space)  # before the build, so that an unusable KG_HOME fails at once
    target = Path(path) if path else space.graph_file
    built = build(space, stage, workspace.built_dir(space) / CACHE if path is None else None)
    (stage or _quiet)("write")
    write(built.store, target, fmt, create_parent=path is None if create_parent is None else create_parent)
    if fmt == "trig" and target.is_file():  # not beside standard output or a device
        kept = _keep_store(target) if path is None else None
        write_manifest(target, built, space.root, kept)
    (stage or _quiet)("done")
    return built, target


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}", param="fmt")


_OXIGRAPH = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def write(dataset: Dataset | ox.Store, path: Path, fmt: str = "trig", create_parent: bool = False) -> Path:
    """Serialise atomically: a temporary file beside ``path``, then a rename.

    An Oxigraph store is written by Oxigraph (TriG and N-Quads; many times faster
    than rdflib on a large graph), an rdflib Dataset by rdflib.
    """
    _check_format(fmt)
    if isinstance(dataset, ox.Store) and fmt in _OXIGRAPH:
        prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()} if fmt == "trig" else None
        return write_atomic(path, lambda out: dataset.dump(out, _OXIGRAPH[fmt], prefixes=prefixes), create_parent)
    if isinstance(dataset, ox.Store):
        dataset = Built(dataset, None, "").dataset
    return write_atomic(
        path, lambda out: dataset.serialize(destination=out, format=FORMATS[fmt], encoding="utf-8"), create_parent
    )


def _keep_store(graph_path: Path) -> str | None:
    """Load the graph file into a directory store beside it, which readers open at once; its name, None if it failed.

    Replaced whole (``kg.store.swap``): a reader goes on reading the previous store
    until the new one is complete. Without it (a full disk) readers load the file.
    """
    location = graph_path.with_name(STORE)
    try:
        with Replacement(location) as replacement:
            store, _ = replacement.open_new()
            store.replace_graphs(graph_path)
    except (KgError, OSError):
        return None
    return STORE


def kept_store(graph_path: Path) -> Path | None:
    """The directory store beside ``graph_path`` that its manifest says holds the same graph, or None."""
    found = manifest(graph_path)
    name = found.get("store") if found else None
    return graph_path.with_name(name) if name == STORE and graph_path.with_name(name).is_dir() else None


def write_manifest(graph_path: Path, built: Built, seeds_dir: Path, store: str | None = None) -> None:
    """Record which inputs a graph file was built from, so readers can tell it is current (and the store beside it)."""
    manifest = {"seeds": str(Path(seeds_dir).resolve()), "fingerprint": built.fingerprint}
    if store:
        manifest["store"] = store
    write_atomic(manifest_path(graph_path), lambda out: out.write(json.dumps(manifest, indent=2).encode("utf-8")))


def manifest_path(graph_path: Path) -> Path:
    return graph_path.with_name(graph_path.name + ".manifest.json")


def manifest(graph_path: Path) -> dict | None:
    """What the manifest beside ``graph_path`` records (``seeds``, ``fingerprint``), or None without one."""
    try:
        found = json.loads(manifest_path(graph_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def is_current(graph_path: Path, seeds_dir) -> bool:
    """True when ``graph_path`` exists and was built from the seeds as they are now."""
    found = manifest(graph_path)
    return found is not None and graph_path.exists() and found.get("fingerprint") == fingerprint(seeds_dir)
