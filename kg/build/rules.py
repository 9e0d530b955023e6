"""Rules: CONSTRUCT queries in ``queries/rules/`` that derive facts at build time.

Each rule runs over the whole graph with ``?rule`` bound to its own IRI, so the
facts it derives can record which rule produced them. The rules themselves are
described in the derived graph (name, description, file).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, RDFS, Dataset, Graph, Literal
from rdflib.namespace import DCTERMS

from kg.catalogue import files as catalogue
from kg.errors import InputError, UsageError
from kg.store.embedded import OxigraphStore
from kg.terms.vocab import SA, rule_iri


def derive(dataset: Dataset | ox.Store) -> Graph:
    """The facts every rule derives from ``dataset`` (or an Oxigraph store holding it), with the rules' descriptions."""
    if isinstance(dataset, ox.Store):  # kg's own rules: no deadline (Ctrl-C still stops them)
        store = OxigraphStore(dataset, "build", timeout=float("inf"))
    else:
        store = OxigraphStore.in_memory(timeout=float("inf"))
        store.load_dataset(dataset)
    derived = Graph()
    for rule in catalogue.rules():
        node = rule_iri(rule.name)
        try:
            result = store.query(rule.text, {"rule": node})
        except UsageError as exc:
            raise InputError(f"rule does not parse: {exc}", rule.path) from None
        if not isinstance(result, Graph):
            raise InputError("a rule must be a CONSTRUCT query", rule.path)
        derived.add((node, RDF.type, SA.Rule))
        derived.add((node, RDFS.label, Literal(rule.name)))
        derived.add((node, DCTERMS.description, Literal(rule.description or rule.summary)))
        derived.add((node, SA.ruleFile, Literal(f"rules/{rule.path.name}")))
        for triple in result:
            derived.add(triple)
    return derived
