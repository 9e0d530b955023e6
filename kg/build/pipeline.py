"""Building the graph: seeds → records → triples → rules → SHACL → file.

``build()`` does every check and returns the dataset without writing anything;
``write()`` saves it atomically; ``build_file()`` does both, as ``kg build`` does.
``kg validate`` is ``build()`` without ``write()``.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field

import pyoxigraph as ox
from pathlib import Path
from typing import Callable

from rdflib import RDF, Dataset

from kg.terms import ontology
from kg.build import assemble
from kg.build import cache
from kg.build import derivation
from kg.build import issues
from kg.build import kept
from kg.build import manifest
from kg.build import reference
from kg.build import seeds
from kg.build import triples
from kg.build import workspace
from kg.build.problems import Problems
from kg.atomic import write_atomic
from kg.errors import InputError, ValidationFailed
from kg.terms.vocab import PREFIXES, SA

FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
SUFFIXES = {"trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}
_TYPE, _CONTRADICTION = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SA.Contradiction))
_DERIVED = ox.NamedNode(str(triples.DERIVED_GRAPH))
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
    """What a build made: the graph in an Oxigraph store (``dataset`` reads it with rdflib), its summary and inputs."""

    def __init__(self, store, summary: Summary, inputs: manifest.Inputs | None,
                 workspace: workspace.Workspace | None = None):
        self.store = store
        self.summary = summary
        self.inputs = inputs  # the fingerprint of what it was built from, taken before the build read it
        self.digests: dict[str, str] = {}  # graph IRI -> a digest of its content, for the graphs the build knows one
        self.texts: dict[str, tuple] = {}  # graph IRI -> its N-Triples in the last build (or None) and now, when known
        self.workspace = workspace  # the seeds it was built from
        self._dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset, one named graph per document (made when first asked for)."""
        if self._dataset is None:
            self._dataset = triples.new_dataset()
            self._dataset.parse(data=self.store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        return self._dataset


def _summarise(store, loaded: seeds.Seeds, vocab: ontology.Vocabulary) -> Summary:
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
        contradictions_derived=sum(1 for _ in store.quads_for_pattern(None, _TYPE, _CONTRADICTION, _DERIVED)),
        triples=len(store),
        pending=[str(p) for d in loaded.documents for p in d.pending],
    )


Stage = Callable[[str], None]
"""Told the name of each stage of a build as it begins (read, triples, rules, shacl, write), then 'done'."""


def _quiet(name: str) -> None:
    pass


@contextmanager
def _frozen():
    """What exists now is left out of the garbage collections meanwhile (``gc.freeze``), unless some already is.

    At 1,000 articles each collection of the oldest generation walked the build cache's
    records too: 0.3 s of an edit's rebuild in all.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _uncollected():
    """No automatic garbage collection meanwhile: the rules' tens of thousands of triples hold no reference cycle.

    Each collection of the oldest generation walks the whole heap (a million objects
    at 1,000 articles, the build cache's records among them): the triples made while
    deriving set off two, 0.4 s of an edit's rebuild.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    # before the articles are read: one changed while the build reads it leaves the graph stale
    inputs = manifest.inputs(space)
    cached = cache.Documents(cache_file, cache.context(space)) if cache_file is not None else None
    loaded = seeds.load(space, ref, vocab, problems, cached)
    problems.check()
    with _frozen():  # the records read (of every article) are left out of each collection of the heap
        stage("triples")
        made = assemble.assemble(onto, ref, vocab, loaded, cached)
        stage("rules")
        with _uncollected():
            derivation.derive(made, cached)
        text = made.texts[str(triples.DERIVED_GRAPH)].now
        assemble.add_derived(made, text)
        stage("shacl")
        violations = assemble.check(made, text, ontology.load_shapes(), cached)
        if violations:
            raise ValidationFailed([f"SHACL: {p}" for p in violations])
        built = Built(made.store, _summarise(made.store, loaded, vocab), inputs, space)
        built.digests, built.texts = made.digests, made.texts
        if cached is not None:
            cached.save()
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
        store = kept.keep(target, built.store, built.digests, built.texts) if path is None else None
        manifest.write(target, space.root, built.inputs, store)
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
        dataset = Built(dataset, None, None).dataset
    return write_atomic(
        path, lambda out: dataset.serialize(destination=out, format=FORMATS[fmt], encoding="utf-8"), create_parent
    )
