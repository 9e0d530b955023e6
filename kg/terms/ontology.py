"""The ontology as data: its graph, and the controlled values claims may use.

The Turtle files are the single source of truth: the allowed stances, tie types,
action types and so on are read from them (their ``skos:notation``), never listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg import paths
from kg.errors import InputError
from kg.terms.vocab import ISSUE, SA

ONTOLOGY_FILES = ("sa.ttl", "issues.ttl")
SHAPES_FILE = "shapes.ttl"


def load_graph(directory: Path | None = None, issues: bool = True) -> Graph:
    """The ontology and (unless ``issues`` is False) the shipped issue scheme as one rdflib graph."""
    directory = directory or paths.ontology_dir()
    graph = Graph()
    for name in ONTOLOGY_FILES if issues else ONTOLOGY_FILES[:1]:
        path = directory / name
        try:
            graph.parse(path, format="turtle")
        except FileNotFoundError:
            raise InputError("ontology file not found; reinstall the package", path) from None
        except Exception as exc:  # rdflib raises several parser exception types
            raise InputError(f"the Turtle does not parse: {exc}", path) from None
    return graph


def load_shapes(directory: Path | None = None) -> Graph:
    path = (directory or paths.ontology_dir()) / SHAPES_FILE
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise InputError("SHACL shapes file not found; reinstall the package", path) from None
    except Exception as exc:  # rdflib raises several parser exception types
        raise InputError(f"the Turtle does not parse: {exc}", path) from None


@dataclass(frozen=True)
class Issue:
    """An issue of the scheme: its notation, label, the notations of its broader issues
    and of the issues it counters (``sa:counters``, symmetric), and whether it is a principle."""

    iri: URIRef
    notation: str
    label: str
    broader: tuple[str, ...]
    counters: tuple[str, ...] = ()
    principle: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """The controlled values of the ontology, by their codes."""

    stances: dict[str, URIRef]
    action_types: dict[str, URIRef]
    tie_types: dict[str, URIRef]
    agreement_statuses: dict[str, URIRef]
    vote_choices: dict[str, URIRef]
    contradiction_types: dict[str, URIRef]
    date_bases: dict[str, URIRef]
    issues: dict[str, Issue]
    tie_signs: dict[str, int]


def _codes(graph: Graph, cls: URIRef) -> dict[str, URIRef]:
    codes = {}
    for member in graph.subjects(RDF.type, cls):
        notation = graph.value(member, SKOS.notation)
        if notation is not None:
            codes[str(notation)] = member
    return dict(sorted(codes.items()))


def vocabulary(graph: Graph) -> Vocabulary:
    issues = {}
    for concept in graph.subjects(SKOS.inScheme, SA.IssueScheme):
        notation = str(graph.value(concept, SKOS.notation))
        broader = tuple(sorted(str(graph.value(b, SKOS.notation)) for b in graph.objects(concept, SKOS.broader)))
        label = graph.value(concept, SKOS.prefLabel) or graph.value(concept, RDFS.label) or Literal(notation)
        countered = set(graph.objects(concept, SA.counters)) | set(graph.subjects(SA.counters, concept))
        counters = tuple(sorted(str(graph.value(c, SKOS.notation)) for c in countered))
        principle = (concept, RDF.type, SA.Principle) in graph
        issues[notation] = Issue(URIRef(concept), notation, str(label), broader, counters, principle)
    tie_types = _codes(graph, SA.TieType)
    return Vocabulary(
        stances=_codes(graph, SA.Stance),
        action_types=_codes(graph, SA.ActionType),
        tie_types=tie_types,
        agreement_statuses=_codes(graph, SA.AgreementStatus),
        vote_choices=_codes(graph, SA.VoteChoice),
        contradiction_types=_codes(graph, SA.ContradictionType),
        date_bases=_codes(graph, SA.DateBasis),
        issues=dict(sorted(issues.items())),
        tie_signs={code: int(graph.value(iri, SA.sign)) for code, iri in tie_types.items()},
    )


def add_issue(graph: Graph, notation: str, label: str, definition: str, broader: tuple[str, ...] = (),
              counters: tuple[str, ...] = (), principle: bool = False) -> URIRef:
    """Add an issue to the scheme in ``graph`` as ``issues.ttl`` writes one; its IRI.

    A workspace's own issues are layered over the shipped scheme this way, so that
    the vocabulary, the graph and the queries know them as they know the shipped ones.
    """
    iri = ISSUE[notation]
    graph.add((iri, RDF.type, SKOS.Concept))
    if principle:
        graph.add((iri, RDF.type, SA.Principle))
    graph.add((iri, SKOS.inScheme, SA.IssueScheme))
    if not broader:
        graph.add((iri, SKOS.topConceptOf, SA.IssueScheme))
    graph.add((iri, SKOS.notation, Literal(notation)))
    graph.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
    graph.add((iri, SKOS.definition, Literal(definition, lang="en")))
    for other in broader:
        graph.add((iri, SKOS.broader, ISSUE[other]))
    for other in counters:
        graph.add((iri, SA.counters, ISSUE[other]))
    return iri
