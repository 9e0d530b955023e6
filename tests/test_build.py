"""`kg build` on the shipped seeds: every claim sourced verbatim, one graph per document, SHACL conforms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from kg import paths
from kg.build import pipeline as build
from kg.build.triples import DERIVED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from kg.terms.vocab import SA, actor_iri, graph_iri

ARTICLES = sorted(p.stem for p in paths.default_seeds_dir().glob("*.txt"))


def test_the_sixteen_articles_ship_with_their_annotations():
    assert len(ARTICLES) == 16
    for stem in ARTICLES:
        assert (paths.default_seeds_dir() / f"{stem}.yaml").exists()


def _seed_counts() -> tuple[int, int, int, int, int, int, int]:
    """(documents, claims, positions, ties, agreements, reports, curated contradictions), counted in the seed YAML."""
    import yaml

    documents = claims = curated = 0
    kinds: dict[str, int] = {}
    for stem in ARTICLES:
        data = yaml.safe_load((paths.default_seeds_dir() / f"{stem}.yaml").read_text(encoding="utf-8"))
        documents += 1
        for claim in data["claims"]:
            kinds[claim["type"]] = kinds.get(claim["type"], 0) + 1
            claims += 1
        curated += len(data.get("contradictions") or [])
    return documents, claims, kinds["position"], kinds["tie"], kinds["agreement"], kinds["report"], curated


def test_summary_counts(built):
    s = built.summary
    counted = (s.documents, s.claims, s.positions, s.ties, s.agreements, s.reports, s.contradictions_curated)
    assert counted == _seed_counts() == (16, 206, 144, 49, 8, 5, 3)
    assert s.triples == len(built.dataset)


def test_every_claim_has_evidence_verbatim_at_its_offsets(built):
    ds = built.dataset
    claims = set()
    for cls in (SA.Statement, SA.Action, SA.Tie, SA.Agreement, SA.Report):
        claims |= set(ds.subjects(RDF.type, cls))
    assert len(claims) == built.summary.claims
    for claim in claims:
        evidence = ds.value(claim, SA.evidence)
        assert evidence is not None, claim
        doc = ds.value(evidence, URIRef("http://www.w3.org/ns/prov#wasQuotedFrom"))
        text = str(ds.value(doc, SA.text))
        start, end = int(ds.value(evidence, SA.startOffset)), int(ds.value(evidence, SA.endOffset))
        assert text[start:end] == str(ds.value(evidence, SA.quote))
        assert ds.value(claim, DCTERMS.source) == doc


def test_one_named_graph_per_source_document(built):
    names = {str(g.identifier) for g in built.dataset.graphs()}
    for stem in ARTICLES:
        assert str(graph_iri(stem)) in names
    assert {str(REFERENCE_GRAPH), str(ONTOLOGY_GRAPH), str(DERIVED_GRAPH)} <= names
    # a claim lives in the graph of the document it was taken from
    graph = built.dataset.graph(graph_iri("002_6c2ca3a879d015f2"))
    assert any(graph.triples((None, SA.actor, actor_iri("serbia"))))


def test_claims_without_a_dated_text_take_the_document_date_and_say_so(built):
    ds = built.dataset
    undated = [c for c in ds.subjects(SA.dateBasis, SA.DateOfDocument) if ds.value(c, SA.evidence) is not None]
    assert undated, "some seed claims carry no date of their own"
    for claim in undated:
        doc = ds.value(claim, DCTERMS.source)
        assert ds.value(claim, SA.date) == ds.value(doc, DCTERMS.date)


def test_states_carry_iso_codes_and_wikidata(built):
    ds = built.dataset
    serbia = actor_iri("serbia")
    assert ds.value(serbia, SA.isoCode) == Literal("RS")
    assert ds.value(serbia, SA.wikidata) == URIRef("http://www.wikidata.org/entity/Q403")
    vucic = actor_iri("vucic")
    assert ds.value(vucic, URIRef("http://www.w3.org/ns/prov#actedOnBehalfOf")) == serbia


def test_build_is_deterministic(built):
    again = build.build(paths.default_seeds_dir())
    for graph in built.dataset.graphs():
        assert isomorphic(graph, again.dataset.graph(graph.identifier)), graph.identifier


def test_written_formats_parse_back(built, tmp_path):
    for fmt, suffix in (("trig", ".trig"), ("nquads", ".nq"), ("jsonld", ".jsonld")):
        out = build.write(built.dataset, tmp_path / f"graph{suffix}", fmt)
        parsed = Dataset()
        parsed.parse(out, format={"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
        assert len(parsed) == len(built.dataset), fmt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.jsonld", "graph.nq", "graph.trig"]


def test_serbia_stances_on_sanctions_with_speaker_date_source_and_quote(store):
    """The foundation's question: what stances has Serbia taken on sanctions against Russia?"""
    from kg.catalogue import files as catalogue
    from kg.terms.vocab import ISSUE

    query = catalogue.load("positions")
    rows = store.query(query.text, {"actor": actor_iri("serbia"), "issue": ISSUE["sanctions-against-russia"]}).dicts()
    # the six claims of Serbia on the issue in the seeds (it has no narrower issue)
    assert sorted(str(r["claim"]).split("/claim/", 1)[1] for r in rows) == [
        "002_6c2ca3a879d015f2/serbia-refuses-sanctions-on-russia", "003_245f69ef19e28a49/serbia-does-not-impose-sanctions",
        "003_245f69ef19e28a49/serbia-refrains-from-sanctions", "004_2c0c4e712b805dba/serbia-refuses-western-sanctions",
        "004_2c0c4e712b805dba/serbia-will-never-impose-sanctions-on-russia",
        "004_2c0c4e712b805dba/vucic-sanctions-not-in-national-interest"]
    assert {str(r["stance"]) for r in rows} == {"opposes"}
    speakers = sorted(str(r["speaker_label"]) for r in rows if r["speaker_label"] is not None)
    assert speakers == ["Aleksandar Vulin", "Aleksandar Vulin", "Aleksandar Vučić"]
    quotes = " ".join(str(r["quote"]) for r in rows)
    assert "will never impose sanctions against the Russian Federation" in quotes
    assert all(str(r["source"]).endswith(".txt") and r["date"] is not None for r in rows)


def test_graph_file_location_is_documented_default(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_HOME", str(tmp_path / "home"))
    assert paths.default_graph_path() == tmp_path / "home" / "graph.trig"
    monkeypatch.delenv("KG_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.default_graph_path() == tmp_path / "xdg" / "kg" / "graph.trig"


def test_reading_commands_build_the_graph_first_and_rebuild_when_seeds_change(seeds_copy, tmp_path, monkeypatch):
    from kg.build import current as graphfile

    from kg.build import workspace

    monkeypatch.setenv("KG_HOME", str(tmp_path / "home" / "kg"))  # created by the first build
    graph_path = workspace.resolve(seeds_copy).graph_file  # a seeds folder's own, under KG_HOME
    assert graph_path.parent.parent == tmp_path / "home" / "kg" / "workspaces"
    messages = []
    assert graphfile.ensure_built(seeds_copy, None, messages.append) == graph_path
    assert graph_path.exists() and len(messages) == 1
    graphfile.ensure_built(seeds_copy, None, messages.append)
    assert len(messages) == 1, "a current graph is not rebuilt"
    annotation = seeds_copy / "004_2c0c4e712b805dba.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    graphfile.ensure_built(seeds_copy, None, messages.append)
    assert len(messages) == 2, "an edit to the seeds triggers a rebuild"


def test_a_given_graph_file_is_built_when_missing_and_then_never_rebuilt(seeds_copy, tmp_path):
    from kg.build import current as graphfile
    from kg.errors import Note

    graph_path = tmp_path / "mine.trig"
    messages = []
    graphfile.ensure_built(seeds_copy, graph_path, messages.append)
    assert graph_path.exists() and len(messages) == 1
    before = graph_path.read_bytes()
    annotation = seeds_copy / "004_2c0c4e712b805dba.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.warns(Note, match=f"the graph {graph_path} was built before the seeds in {seeds_copy}"):
        assert graphfile.ensure_built(seeds_copy, graph_path, messages.append) == graph_path
    assert len(messages) == 1 and graph_path.read_bytes() == before


def test_a_graph_file_made_elsewhere_is_read_not_overwritten(tmp_path, built):
    from kg.build import current as graphfile

    mine = build.write(built.dataset, tmp_path / "mine.trig")
    before = Path(mine).read_bytes()
    store = graphfile.open_store(None, mine)
    assert len(store) == len(built.dataset)
    assert Path(mine).read_bytes() == before
