"""A build keeps what it made of each article: the same graph as made in one piece, and only a changed article made again."""

from __future__ import annotations

import os
import shutil
import time

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from kg import atomic
from kg.build import cache, current, issues, manifest, pipeline, reference, rules, seeds, shacl, triples, workspace
from kg.build.problems import Problems
from kg.errors import ValidationFailed
from kg.paths import shipped_seeds_dir
from kg.terms import ontology
from kg.terms.vocab import SA, graph_iri


def _in_one_piece(folder) -> set:
    """The quads of the graph as the build made it before it was made by parts: one rdflib dataset, then the rules."""
    space = workspace.resolve(folder)
    problems = Problems()
    onto = ontology.load_graph(issues=space.shipped_issues)
    issues.layer(onto, space, problems)
    vocab = ontology.vocabulary(onto)
    ref = reference.load(space, problems)
    dataset = triples.build_dataset(seeds.load(space, ref, vocab, problems), ref, vocab, onto)
    for triple in rules.derive(dataset):
        dataset.graph(triples.DERIVED_GRAPH).add(triple)
    return set(ox.parse(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS))


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "seeds"
    shutil.copytree(shipped_seeds_dir(), copy)
    return copy


def _files(folder) -> set:
    return set(ox.parse(path=str(workspace.resolve(folder).graph_file), format=ox.RdfFormat.TRIG))


def _kept(folder) -> dict:
    """Which annotation files the kept entries still answer for (True) after the last build."""
    space = workspace.resolve(folder)
    kept = cache.Documents(workspace.built_dir(space) / pipeline.CACHE, cache.context(space))
    return {path.name: kept.get(folder, path) is not None for path in seeds.annotation_files(folder)}


def test_the_shipped_seeds_build_to_the_same_quads_as_in_one_piece_and_again_from_what_was_kept(folder):
    whole = _in_one_piece(folder)
    built, path = pipeline.build_file(folder)
    assert set(built.store) == whole and _files(folder) == whole
    assert built.summary.triples == len(whole)
    again, _ = pipeline.build_file(folder)  # every article taken from what the first build kept
    assert set(again.store) == whole and _files(folder) == whole
    assert again.summary == built.summary


def test_an_edited_article_alone_is_read_again_and_the_graph_is_as_if_built_anew(folder):
    pipeline.build_file(folder)
    assert set(_kept(folder).values()) == {True}
    text = folder / "004_2c0c4e712b805dba.txt"
    text.write_text(text.read_text(encoding="utf-8") + "An editor added this sentence.\n", encoding="utf-8")
    kept = _kept(folder)
    assert [name for name, hit in kept.items() if not hit] == ["004_2c0c4e712b805dba.yaml"]
    built, _ = pipeline.build_file(folder)
    assert set(built.store) == _in_one_piece(folder) == _files(folder)
    document = URIRef("https://w3id.org/state-alignments/id/document/004_2c0c4e712b805dba")
    assert built.dataset.value(document, SA.text).endswith("An editor added this sentence.\n")


def test_a_removed_article_leaves_the_graph_and_an_added_one_joins_it(folder):
    pipeline.build_file(folder)
    for suffix in (".yaml", ".txt"):
        (folder / f"014_552c5cbfa8f75bd1{suffix}").rename(folder / f"copy_014{suffix}")
    annotation = folder / "copy_014.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("014_552c5cbfa8f75bd1.txt", "copy_014.txt"),
                          encoding="utf-8")
    built, _ = pipeline.build_file(folder)
    graphs = {quad.graph_name.value for quad in built.store}
    assert str(graph_iri("copy_014")) in graphs and str(graph_iri("014_552c5cbfa8f75bd1")) not in graphs
    assert set(built.store) == _in_one_piece(folder)


def test_a_reference_change_is_validated_though_every_article_was_kept(folder):
    pipeline.build_file(folder)
    actors = folder / "reference" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("iso: RS,", "iso: Serbia,", 1), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        pipeline.build_file(folder)
    assert [p for p in failed.value.problems if p.startswith("SHACL:")] == [
        "SHACL: State shape, node id:actor/serbia (Serbia): ISO 3166-1 alpha-2 code: "
        "Value does not match pattern '^[A-Z]{2}$' (value: 'Serbia')"]


def _broken(built) -> Dataset:
    """The shipped graph with a quote moved off its offsets, a claim without its actor and a state's code misspelt."""
    dataset = Dataset(default_union=True)
    for quad in built.dataset.quads((None, None, None, None)):
        dataset.add(quad)
    evidence = sorted(dataset.subjects(SA.quote, None))[0]
    s, p, start, graph = next(iter(dataset.quads((evidence, SA.startOffset, None, None))))
    dataset.remove((s, p, start, graph))
    dataset.add((s, p, Literal(int(start) + 1), graph))
    claim = sorted(dataset.subjects(SA.actor, None))[0]
    dataset.remove((claim, SA.actor, None, None))
    serbia = URIRef("https://w3id.org/state-alignments/id/actor/serbia")
    s, p, code, graph = next(iter(dataset.quads((serbia, SA.isoCode, None, None))))
    dataset.remove((s, p, code, graph))
    dataset.add((s, p, Literal("Serbia"), graph))
    return dataset


def test_pyshacl_and_pyshacl_turbo_give_the_same_verdict(built, monkeypatch):
    """The faster engine is used only because its verdicts are pySHACL's: the same problems, word for word."""
    pytest.importorskip("pyshacl_turbo")
    import pyshacl

    data, shapes = shacl._union(_broken(built)), ontology.load_shapes()
    turbo = shacl.validate(data, shapes)
    monkeypatch.setattr(shacl, "_engine", lambda: pyshacl.validate)
    reference_engine = shacl.validate(data, shapes)
    assert not turbo.conforms and turbo == reference_engine
    assert len(turbo.problems) == 3
    assert any(p.startswith("Quoted source document shape") for p in turbo.problems)
    assert any("Less than 1 values on <https://w3id.org/state-alignments/id/claim/000_30f026fe9a52209e/iran-ally-of-"
               "russia>->sa:actor" in p for p in turbo.problems)
    assert "State shape, node id:actor/serbia (Serbia): ISO 3166-1 alpha-2 code: Value does not match pattern " \
           "'^[A-Z]{2}$' (value: 'Serbia')" in turbo.problems


def test_reading_opens_the_store_the_build_keeps_beside_the_graph(folder):
    """The reading commands open the built graph in a directory store rather than loading the file each time."""
    from kg.build import current

    built, path = pipeline.build_file(folder)
    assert manifest.read(path)["store"] == "graph.oxigraph"
    opened = current.open_store(folder)
    assert opened.name == str(path.with_name("graph.oxigraph"))
    named = {q for q in opened._store if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert named == set(built.store)
    opened.close()
    assert current.open_store(folder, graph_path=path).name == "memory"  # a graph file given is read as it is


def test_a_kept_store_loaded_in_blocks_cut_within_graphs_holds_every_quad(folder, monkeypatch):
    """A graph larger than a block is loaded a piece at a time, each piece ending at a line's end: nothing is lost."""
    from kg.build import kept

    monkeypatch.setattr(kept, "BLOCK", 3_000)  # the derived graph of the seeds is some 240,000 bytes
    built, path = pipeline.build_file(folder)
    stored = _kept_quads(path)
    assert {q for q in stored if not isinstance(q.graph_name, ox.DefaultGraph)} == set(built.store)
    union = {(q.subject, q.predicate, q.object) for q in built.store}
    assert {(q.subject, q.predicate, q.object) for q in stored if isinstance(q.graph_name, ox.DefaultGraph)} == union


def _age(folder, seconds: float = 60) -> None:
    """Date every file of the seeds back, as files are when an analyst builds long after writing them."""
    past = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


def test_a_graph_whose_inputs_kept_their_size_and_time_is_current_without_reading_them(folder, monkeypatch):
    _age(folder)
    _, path = pipeline.build_file(folder)

    def no_hashing(*args):
        raise AssertionError("the inputs were hashed")

    monkeypatch.setattr(manifest, "fingerprint", no_hashing)
    assert manifest.is_current(path, folder)


def test_an_edit_that_keeps_the_size_makes_the_graph_stale_even_within_the_clock_tick_of_the_build(folder):
    _age(folder)
    _, path = pipeline.build_file(folder)
    article = sorted(folder.glob("*.txt"))[0]
    text = article.read_bytes()
    article.write_bytes(text[:-1] + (b"X" if text[-1:] != b"X" else b"Y"))  # same size, a new modification time
    assert not manifest.is_current(path, folder)
    _, path = pipeline.build_file(folder)
    recorded = manifest.read(path)["signature"]
    entry = next(e for e in recorded if e[1] == article.name)
    article.write_bytes(text)  # same size again, and its time set back to the one the build recorded
    os.utime(article, ns=(entry[3], entry[3]))
    assert not manifest.is_current(path, folder)  # changed within two seconds of the build: hashed, found stale


def _kept_quads(path) -> set:
    store = ox.Store.read_only(str(path.with_name(manifest.STORE)))
    try:
        return set(store)
    finally:
        del store


def test_the_kept_store_after_an_edit_holds_the_graph_a_cold_build_makes(folder, tmp_path, monkeypatch):
    _, path = pipeline.build_file(folder)
    article = sorted(folder.glob("*.txt"))[3]
    article.write_text(article.read_text(encoding="utf-8") + "An editor added this sentence.\n", encoding="utf-8")
    (folder / sorted(p.name for p in folder.glob("*.yaml"))[0]).unlink()  # and one article is removed
    edited, path = pipeline.build_file(folder)
    kept = _kept_quads(path)
    named = {q for q in kept if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert named == set(edited.store)
    union = {(q.subject, q.predicate, q.object) for q in edited.store}
    assert {(q.subject, q.predicate, q.object) for q in kept if isinstance(q.graph_name, ox.DefaultGraph)} == union
    monkeypatch.setenv("KG_HOME", str(tmp_path / "cold"))
    cold, _ = pipeline.build_file(folder)
    assert set(cold.store) == set(edited.store)


def test_a_store_is_closed_before_it_is_renamed_in(folder, monkeypatch):
    # RocksDB writes by path: a copy still open when its directory is renamed took a second to close after it
    renamed, commit = [], atomic.DirectorySwap.commit

    def check(swap):
        new = os.path.realpath(swap.new[0])
        held = [os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")]
        assert not [h for h in held if h.startswith(new + os.sep)], "the new store is open at its rename"
        renamed.append(new)
        return commit(swap)

    monkeypatch.setattr(atomic.DirectorySwap, "commit", check)
    pipeline.build_file(folder)
    annotation = sorted(folder.glob("*.yaml"))[2]
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("stance: supports", "stance: opposes", 1),
                          encoding="utf-8")
    _, path = pipeline.build_file(folder)
    for _ in range(2):  # kg load writes a store and replaces it the same way
        current.load(str(folder.parent / "loaded"), folder, graph_path=path)
    assert len(renamed) == 4


def _spy_on_rules(monkeypatch, ran: list | None = None) -> list:
    """The actors each derivation of the rules is scoped to (None: all) from now on; the rules it ran into ``ran``."""
    scopes, ran = [], [] if ran is None else ran
    full = rules.derive_text

    def spy(store, actors=None, only=None):
        scopes.append(None if actors is None else set(actors))
        ran.append(None if only is None else set(only))
        return full(store, actors, only)

    monkeypatch.setattr(rules, "derive_text", spy)
    return scopes


def test_after_an_edit_the_rules_run_for_the_actors_it_touches_and_derive_what_a_full_run_does(folder, monkeypatch):
    from kg.build import derivation

    monkeypatch.setattr(derivation, "SHARE", 1.0)  # on the seeds every article touches actors of many claims
    pipeline.build_file(folder)
    scopes = _spy_on_rules(monkeypatch)
    for path in folder.glob("000_*"):  # Iran and Serbia on the annexations goes, with its contradictions
        path.unlink()
    built, _ = pipeline.build_file(folder)
    assert len(scopes) == 1 and scopes[0] is not None
    assert "https://w3id.org/state-alignments/id/actor/serbia" in scopes[0]
    assert len(scopes[0]) < 10
    assert set(built.store) == _in_one_piece(folder)


def test_an_edit_touching_the_actors_of_many_claims_derives_everything(folder, monkeypatch):
    pipeline.build_file(folder)
    scopes = _spy_on_rules(monkeypatch)
    for path in folder.glob("000_*"):  # Serbia, Russia and Iran: over a third of the seeds' claims
        path.unlink()
    built, _ = pipeline.build_file(folder)
    assert scopes == [None]
    assert set(built.store) == _in_one_piece(folder)


_STRICT = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix sa: <https://w3id.org/state-alignments/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
sa:ShortQuoteShape a sh:NodeShape ; rdfs:label "Short quote" ; sh:targetClass sa:Evidence ;
    sh:property [ sh:path sa:quote ; sh:maxLength 60 ; sh:name "quote" ] .
sa:ShortNoteShape a sh:NodeShape ; rdfs:label "Short note" ; sh:targetClass sa:Contradiction ;
    sh:property [ sh:path rdfs:comment ; sh:maxLength 40 ; sh:name "note" ] .
"""


def test_validating_a_few_documents_at_a_time_gives_every_verdict_of_one_run(folder, monkeypatch):
    """Shapes that many documents and derived contradictions break: the same problems in runs of a few hundred
    triples (each document whole, the derived contradictions a share at a time) as in one run."""
    from kg.build import assemble
    from kg.terms import ontology

    shapes = ontology.load_shapes()
    strict = lambda directory=None: shapes + Graph().parse(data=_STRICT, format="turtle")  # noqa: E731
    monkeypatch.setattr(ontology, "load_shapes", strict)
    verdicts, runs = [], []
    real = shacl.validate_nodes
    monkeypatch.setattr(shacl, "validate_nodes", lambda data, owner, shapes: runs.append(set(owner.values()))
                        or real(data, owner, shapes))
    for run in (10**9, 500):
        monkeypatch.setattr(assemble, "RUN", run)
        runs.clear()
        with pytest.raises(ValidationFailed) as failed:
            pipeline.build(folder)
        verdicts.append(failed.value.problems)
    assert verdicts[0] == verdicts[1]
    assert len(runs) > 5 and sum(name.startswith("derived ") for names in runs for name in names) > 2
    assert sum("Short quote shape" in p for p in verdicts[0]) > 50
    assert sum("Short note shape" in p for p in verdicts[0]) > 50


def test_a_reader_that_hashed_an_unchanged_input_spares_the_next_readers_the_hashing(folder, monkeypatch):
    _age(folder)
    _, path = pipeline.build_file(folder)
    article = sorted(folder.glob("*.txt"))[0]
    past = time.time() - 30
    os.utime(article, (past, past))  # touched, not changed: its time differs from the one recorded
    hashed = []
    real = manifest.fingerprint
    monkeypatch.setattr(manifest, "fingerprint", lambda space: hashed.append(1) or real(space))
    assert manifest.is_current(path, folder) and hashed == [1]
    assert manifest.is_current(path, folder) and hashed == [1]
    article.write_text(article.read_text(encoding="utf-8") + "An edit.\n", encoding="utf-8")
    assert not manifest.is_current(path, folder)


def test_an_edit_of_the_text_alone_derives_nothing_and_an_edit_of_a_claim_derives_again(folder, monkeypatch):
    pipeline.build_file(folder)
    ran = []
    scopes = _spy_on_rules(monkeypatch, ran)
    text = folder / "004_2c0c4e712b805dba.txt"
    text.write_text(text.read_text(encoding="utf-8") + "An editor added this sentence.\n", encoding="utf-8")
    built, _ = pipeline.build_file(folder)
    assert scopes == []  # the claims are as they were: no rule can see the edit
    assert set(built.store) == _in_one_piece(folder)
    scopes.clear()
    ran.clear()  # (the build in one piece derives too)
    annotation = folder / "004_2c0c4e712b805dba.yaml"
    flipped = annotation.read_text(encoding="utf-8").replace("stance: supports", "stance: opposes", 1)
    annotation.write_text(flipped, encoding="utf-8")
    built, path = pipeline.build_file(folder)
    assert len(scopes) == 1
    assert "rival_ties" not in ran[0] and "rhetoric_vs_action" in ran[0]  # no rule about ties alone reads a stance
    assert set(built.store) == _in_one_piece(folder)
    # the kept store took only what changed of the derived graph and the document's: the same graph and union
    kept = _kept_quads(path)
    assert {q for q in kept if not isinstance(q.graph_name, ox.DefaultGraph)} == set(built.store)
    union = {(q.subject, q.predicate, q.object) for q in built.store}
    assert {(q.subject, q.predicate, q.object) for q in kept if isinstance(q.graph_name, ox.DefaultGraph)} == union


def test_an_edit_of_one_claim_rederives_for_that_claims_actors_alone(folder, monkeypatch):
    from kg.build import derivation

    monkeypatch.setattr(derivation, "SHARE", 1.0)  # Serbia holds more of the seeds' claims than a scoped run takes
    pipeline.build_file(folder)
    ran = []
    scopes = _spy_on_rules(monkeypatch, ran)
    annotation = folder / "004_2c0c4e712b805dba.yaml"  # Serbia's bid to join the EU: supported, now opposed
    flipped = annotation.read_text(encoding="utf-8").replace("stance: supports", "stance: opposes", 1)
    annotation.write_text(flipped, encoding="utf-8")
    built, _ = pipeline.build_file(folder)
    # the claim's actor (its target, the EU, is named, not read), not every actor of the article
    assert scopes == [{"https://w3id.org/state-alignments/id/actor/serbia"}]
    assert "rival_ties" not in ran[0]
    assert set(built.store) == _in_one_piece(folder)


def test_what_the_rules_derived_is_kept_in_a_file_of_its_own_written_only_when_it_changed(folder, monkeypatch):
    """A text edit keeps the derived graph's file as it was; a file gone or not the one the entries name is derived
    anew, and the graph is the same."""
    pipeline.build_file(folder)
    kept = workspace.built_dir(workspace.resolve(folder)) / f"{pipeline.CACHE}.derivation"
    written = kept.stat().st_mtime_ns
    full = []
    derive_text = rules.derive_text
    monkeypatch.setattr(rules, "derive_text", lambda store: (full.append(1), derive_text(store))[1])
    text = folder / "004_2c0c4e712b805dba.txt"
    text.write_text(text.read_text(encoding="utf-8") + "An editor added this sentence.\n", encoding="utf-8")
    pipeline.build_file(folder)
    assert full == [] and kept.stat().st_mtime_ns == written
    for spoil in (lambda: kept.unlink(), lambda: kept.write_bytes(b"0" * 64 + b"\n" + kept.read_bytes()[65:])):
        spoil()
        text.write_text(text.read_text(encoding="utf-8") + "And another.\n", encoding="utf-8")
        full.clear()
        built, _ = pipeline.build_file(folder)
        assert full == [1] and set(built.store) == _in_one_piece(folder)
