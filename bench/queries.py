"""Timings of the rules and of the query catalogue, on the seeds and on enlarged copies.

Prints figures; asserts nothing. Run from a checkout:  python bench/queries.py
The enlarged graphs repeat every document's claims k times under new IRIs, so each
actor has k times as many claims: the rules compare claims pairwise per actor.
"""

from __future__ import annotations

from rdflib import Dataset, URIRef
from timing import best_of

from kg import paths
from kg.build import pipeline as build
from kg.build import rules
from kg.build.triples import DERIVED_GRAPH
from kg.catalogue import files as catalogue
from kg.catalogue import run as query
from kg.store.embedded import OxigraphStore
from kg.terms.vocab import ID, SA

SAMPLE = {"actor": "Serbia", "issue": "territorial-integrity", "string": "serbia-votes-no-a-res-74-17"}




def enlarged(dataset: Dataset, k: int) -> Dataset:
    """The dataset without derived facts, each claim repeated k times under new IRIs."""
    claim_ns = str(ID["claim/"])
    out = Dataset(default_union=True)
    for s, p, o, g in dataset.quads():
        if g == DERIVED_GRAPH:
            continue
        for i in range(k):
            def rename(term):
                if isinstance(term, URIRef) and str(term).startswith(claim_ns) and i:
                    return URIRef(claim_ns + f"copy{i}-" + str(term)[len(claim_ns):])
                return term

            out.graph(g).add((rename(s), p, rename(o)))
    return out


def main() -> None:
    built = build.build(paths.default_seeds_dir())
    store = OxigraphStore.in_memory()
    store.load_dataset(built.dataset)
    print(f"seed graph: {len(built.dataset)} triples, {built.summary.claims} claims")

    print("\nrules on the seed graph (each run alone, best of 3)")
    for rule in catalogue.rules():
        seconds, result = best_of(lambda: store.query(rule.text, {"rule": ID[f"rule/{rule.name}"]}))
        found = len(set(result.subjects(predicate=SA.claim)))
        print(f"  {rule.name:<24} {seconds * 1000:8.1f} ms  {found:4d} contradictions")

    print("\ncatalogue queries on the seed graph (required parameters only, best of 3)")
    for name in catalogue.names():
        q = catalogue.load(name)
        values = {p.name: SAMPLE.get(p.type, "") for p in q.params if p.required}
        seconds, result = best_of(lambda: query.run(store, q, values))
        print(f"  {name:<24} {seconds * 1000:8.1f} ms  {len(result.rows):4d} rows")

    print("\nall rules on enlarged graphs (rules.derive, one run)")
    for k in (1, 2, 4, 8):
        data = enlarged(built.dataset, k)
        seconds, derived = best_of(lambda: rules.derive(data), repeat=1)
        count = len(set(derived.subjects(predicate=SA.derivedBy)))
        print(f"  claims x{k:<2} {len(data):7d} triples  {seconds:7.2f} s  {count:6d} contradictions")


if __name__ == "__main__":
    main()
