"""The answers a build keeps with its store: the rows the store itself gives, kept up to date by edits."""

from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest

from kg.analysis import alignment, contradictions, network, stances, ties
from kg.build import current, kept, manifest, pipeline, workspace
from kg.build.triples import DERIVED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from kg.catalogue import results
from kg.paths import shipped_seeds_dir
from kg.store import answering, answers
from kg.store.embedded import OxigraphStore
from kg.terms.vocab import graph_iri

ACTOR = "https://w3id.org/state-alignments/id/actor/"
SERBIA, RUSSIA, EU = ACTOR + "serbia", ACTOR + "russia", ACTOR + "eu"


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "seeds"
    shutil.copytree(shipped_seeds_dir(), copy)
    return copy


def _stores(folder):
    """The kept store a reading command opens, and the same graph loaded in memory from the graph file."""
    _, path = pipeline.build_file(folder)
    opened = current.open_store(folder)
    memory = OxigraphStore.in_memory()
    memory.load_file(path)
    return opened, memory


def _kept_rows(folder) -> dict[str, list]:
    """Every row of every kept answer, in a fixed order."""
    store = workspace.resolve(folder).graph_file.with_name(manifest.STORE)
    found, kept = {}, answers.Kept(store)
    for name in answers.KEPT:
        answer = kept.answer(name)
        assert answer is not None, name
        found[name] = sorted(map(_sorted, answer.rows()))
    kept.close()
    return found


def test_what_reading_commands_take_from_the_kept_answers_is_what_the_store_answers(folder):
    store, memory = _stores(folder)
    assert all(store.kept(name) is not None for name in answers.KEPT)
    assert all(memory.kept(name) is None for name in answers.KEPT)

    for args in [{}, {"actors": [SERBIA, RUSSIA]}, {"as_of": "2022-06-30"}, {"kind": "action", "actors": [SERBIA]}]:
        assert stances.positions(store, **args) == stances.positions(memory, **args), args
    for args in [{}, {"actors": [SERBIA], "targets": [RUSSIA, EU]}, {"actors": [RUSSIA, SERBIA], "targets": [RUSSIA, SERBIA]}]:
        assert ties.read(store, **args) == ties.read(memory, **args), args
    for args in [{}, {"actor": "Serbia"}, {"actor": "RS", "type": "rhetoric_vs_action"}, {"type": "tie_vs_position"},
                 {"as_of": "2023-01-01"}, {"actors": [SERBIA, RUSSIA]}]:
        found = contradictions.find(store, **args)
        assert found == contradictions.find(memory, **args), args
    assert len(contradictions.find(store, actor="Serbia")) < len(contradictions.find(store)) > 0
    compared = alignment.compare(store, ["Serbia", "Russia", "France"], as_of="2024-12-31")
    assert compared == alignment.compare(memory, ["Serbia", "Russia", "France"], as_of="2024-12-31")
    assert compared.ties and compared.rows
    whole = network.inputs(store)
    assert (whole.positions, whole.ties) == (network.inputs(memory).positions, network.inputs(memory).ties)
    store.close()


def test_the_contradictions_of_some_actors_are_read_from_their_blocks_alone(folder):
    """The kept contradictions are written in blocks with an index of the actors each involves: a reader asking for
    some actors reads their blocks, not the whole answer, and finds what the store answers."""
    _, memory = _stores(folder)
    for args in [{"actor": "Serbia"}, {"actor": "RS", "type": "rhetoric_vs_action"}, {"actors": [SERBIA, RUSSIA]},
                 {"actor": "Montenegro"}]:
        fresh = current.open_store(folder)
        try:
            assert contradictions.find(fresh, **args) == contradictions.find(memory, **args), args
            assert fresh.kept("analysis/contradictions")._all is None, args  # the whole file was never read
        finally:
            fresh.close()
    assert contradictions.find(memory, actor="Serbia")
    # the rows themselves, each once: several actors' blocks overlap, and a block of another type lies among them
    store = workspace.resolve(folder).graph_file.with_name(manifest.STORE)
    whole, kept = answers.Kept(store), answers.Kept(store)
    whole.answer("analysis/contradictions").rows()  # read whole: asked again, it filters the rows it holds
    rule = "https://w3id.org/state-alignments/ontology#"
    for where in [{"involved": {SERBIA}}, {"involved": {SERBIA, RUSSIA, EU}},
                  {"involved": {SERBIA, RUSSIA}, "type": {rule + "RhetoricVsAction"}},
                  {"involved": {SERBIA}, "type": {rule + "Hedging", rule + "TieVsPosition"}}]:
        fresh = answers.Kept(store)
        found = fresh.answer("analysis/contradictions").rows(where, by="contradiction")
        expected = whole.answer("analysis/contradictions").rows(where, by="contradiction")
        assert fresh.answer("analysis/contradictions")._all is None and found, where
        assert sorted(map(_sorted, found)) == sorted(map(_sorted, expected)), where
        fresh.close()
    whole.close()
    kept.close()


def test_blocks_read_for_several_actors_are_read_once_and_filtered_block_by_block(tmp_path):
    """c1 involves A and B; A's blocks follow each other (c1, c2, c3), c2 of another type: asked for A and B, each
    row comes once; asked for A and type T1, c2 is left out though it lies between c1 and c3."""
    from kg.store import answering

    name, record = "analysis/contradictions", b'{"graphs": {}}'
    rows = [("c1", "T1", "A"), ("c1", "T1", "B"), ("c2", "T2", "A"), ("c3", "T1", "A"), ("c4", "T1", "B")]
    text = [answers.head(record), "?contradiction\t?type\t?involved", "# graph "]
    text += ["\t".join(f"<{cell}>" for cell in row) for row in rows]
    (tmp_path / answers.file_name(name)).write_text("\n".join(text) + "\n", encoding="utf-8")
    blocks = answering._index([line.encode() for line in text], ["contradiction", "type", "involved"], "contradiction",
                              "involved")
    assert blocks["A"] == [[blocks["A"][0][0], blocks["A"][0][1]]]  # one range: c1 to c3
    index = {"head": text[0], "variables": ["contradiction", "type", "involved"], "blocks": blocks}
    (tmp_path / answers.index_name(name)).write_text(json.dumps(index), encoding="utf-8")

    def read(where):
        answer = answers.read(tmp_path, name, record)
        try:
            found = [(r["contradiction"], r["type"], r["involved"]) for r in answer.rows(where, by="contradiction")]
            assert answer._all is None
            return sorted(found)
        finally:
            answer.close()

    assert read({"involved": {"A", "B"}}) == sorted(rows)
    assert read({"involved": {"A"}, "type": {"T1"}}) == [r for r in rows if r[0] in ("c1", "c3")]
    assert read({"involved": {"B"}}) == [r for r in rows if r[0] in ("c1", "c4")]


def _sorted(row: dict) -> tuple:
    return tuple(sorted((k, v or "") for k, v in row.items()))


def test_a_kept_row_has_the_values_the_store_gives_escapes_numbers_dates_and_unbound_cells(tmp_path):
    store = ox.Store()
    text = ('SELECT ?claim ?quote ?sign ?date ?lang ?none WHERE { VALUES (?claim ?quote ?sign ?date ?lang ?none) {'
            ' (<http://example.org/c1> "He said: \\"no\\"\\tthen\\nleft \\\\ é" -1'
            ' "2014-03-27"^^<http://www.w3.org/2001/XMLSchema#date> "da"@sr UNDEF)'
            ' (<http://example.org/c2> "" 2.5 "2014"^^<http://www.w3.org/2001/XMLSchema#gYear> UNDEF UNDEF) } }')
    tsv = store.query(text).serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8").split("\n")
    answer = answers.Answer([v.lstrip("?") for v in tsv[0].split("\t")], [line for line in tsv[1:] if line])
    memory = OxigraphStore(store, "memory")
    assert answer.rows() == results.rows(memory.query(text))
    assert answer.rows()[0]["quote"] == 'He said: "no"\tthen\nleft \\ é'
    assert answer.rows({"quote": {""}}) == [results.rows(memory.query(text))[1]]
    assert answer.rows({"sign": {"-1"}, "date": {"2014-03-27"}})[0]["claim"] == "http://example.org/c1"


def test_after_edits_the_kept_answers_are_those_of_a_cold_build_and_only_the_edited_articles_are_asked_again(
        folder, tmp_path, monkeypatch):
    built, _ = pipeline.build_file(folder)
    asked = []
    answer = answering._answer_rows
    monkeypatch.setattr(answering, "_answer_rows", lambda store, name, bound=None, spill=None: (
        asked.append((name, len(store))), answer(store, name, bound, spill))[1])
    annotation = folder / "004_2c0c4e712b805dba.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("stance: supports", "stance: opposes", 1),
                          encoding="utf-8")
    text = sorted(folder.glob("*.txt"))[3]
    text.write_text(text.read_text(encoding="utf-8") + "An editor added this sentence.\n", encoding="utf-8")
    (folder / sorted(p.name for p in folder.glob("*.yaml"))[0]).unlink()
    edited_build, _ = pipeline.build_file(folder)
    # the answers resting on claims: asked again of the edited articles' graphs and the shared ones alone
    whole = len(edited_build.store)
    part = {REFERENCE_GRAPH, ONTOLOGY_GRAPH, graph_iri("004_2c0c4e712b805dba"), graph_iri(text.stem)}
    part = sum(1 for q in edited_build.store if q.graph_name.value in {str(g) for g in part})
    assert sorted(name for name, size in asked if size == whole) == sorted(answers.WHOLE)
    assert sorted(name for name, size in asked if size == part) == sorted(answers.PER_CLAIM)
    edited = _kept_rows(folder)
    assert any(r for r in edited["analysis/positions"] if ("stance", "opposes") in r)

    monkeypatch.setenv("KG_HOME", str(tmp_path / "cold"))
    pipeline.build_file(folder)
    assert _kept_rows(folder) == edited


def test_the_contradictions_are_answered_again_only_when_a_contradiction_changed(folder, tmp_path, monkeypatch):
    """An article's text edited changes no contradiction: their answer is kept; a curated one's note edited is
    answered again. Either way the kept answers are those of a cold build."""
    pipeline.build_file(folder)
    asked = []
    answer = answering._answer_rows
    monkeypatch.setattr(answering, "_answer_rows", lambda store, name, bound=None, spill=None: (
        asked.append(name), answer(store, name, bound, spill))[1])
    text = sorted(folder.glob("*.txt"))[3]
    text.write_text(text.read_text(encoding="utf-8") + "An editor added this sentence.\n", encoding="utf-8")
    _, path = pipeline.build_file(folder)
    assert not set(asked) & set(answers.WHOLE)
    kept_rows = _kept_rows(folder)
    fresh, memory = current.open_store(folder), OxigraphStore.in_memory()
    memory.load_file(path)
    try:  # the index kept with the answer still finds each actor's blocks
        assert contradictions.find(fresh, actor="Serbia") == contradictions.find(memory, actor="Serbia")
        assert fresh.kept("analysis/contradictions")._all is None
    finally:
        fresh.close()
    annotation = folder / "001_301c62de9e4d610b.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("Iran rejected the reports.",
                                                                          "Iran denied the reports."), encoding="utf-8")
    pipeline.build_file(folder)
    assert set(answers.WHOLE) <= set(asked)
    notes = {dict(r)["note"] for r in _kept_rows(folder)["analysis/contradictions"]}
    assert any("Iran denied the reports." in n for n in notes) and not any("Iran rejected" in n for n in notes)

    monkeypatch.setenv("KG_HOME", str(tmp_path / "cold"))
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("Iran denied the reports.",
                                                                          "Iran rejected the reports."), encoding="utf-8")
    pipeline.build_file(folder)
    assert _kept_rows(folder) == kept_rows


def test_a_flipped_stance_asks_again_for_the_contradictions_that_changed_alone(folder, tmp_path, monkeypatch):
    """The contradictions' answer keeps the rows of the contradictions the edit left as they were: the others are
    asked for by name; the rows and the blocks each actor's are read from are those of a cold build."""
    pipeline.build_file(folder)
    before = {dict(r)["contradiction"] for r in _kept_rows(folder)["analysis/contradictions"]}
    asked = []
    answer = answering._answer_rows
    monkeypatch.setattr(answering, "_answer_rows", lambda store, name, bound=None, spill=None: (
        asked.append((name, None if bound is None else {str(t) for t in next(iter(bound.values()))})),
        answer(store, name, bound, spill))[1])
    annotation = folder / "000_30f026fe9a52209e.yaml"  # Serbia: "Donbass is Ukraine" turned the other way
    said = "    issue: donbas-part-of-ukraine\n    stance: supports"
    assert said in annotation.read_text(encoding="utf-8")
    annotation.write_text(annotation.read_text(encoding="utf-8").replace(said, said.replace("supports", "opposes")),
                          encoding="utf-8")
    pipeline.build_file(folder)
    edited = _kept_rows(folder)
    after = {dict(r)["contradiction"] for r in edited["analysis/contradictions"]}
    [renewed] = [bound for name, bound in asked if name in answers.WHOLE]
    assert renewed and before ^ after and before ^ after <= renewed and len(renewed) < len(after | before) / 2
    fresh = current.open_store(folder)
    try:
        found = contradictions.find(fresh, actor="Serbia")
    finally:
        fresh.close()
    monkeypatch.setenv("KG_HOME", str(tmp_path / "cold"))
    _, path = pipeline.build_file(folder)
    assert _kept_rows(folder) == edited
    memory = OxigraphStore.in_memory()
    memory.load_file(path)
    assert found == contradictions.find(memory, actor="Serbia")


def test_a_change_of_the_reference_data_answers_every_query_again(folder, monkeypatch):
    built, _ = pipeline.build_file(folder)
    asked = []
    answer = answering._answer_rows
    monkeypatch.setattr(answering, "_answer_rows", lambda store, name, bound=None, spill=None: (
        asked.append((name, len(store))), answer(store, name, bound, spill))[1])
    register = folder / "reference" / "memberships.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("2013-07-01: [croatia]", "2013-07-02: [croatia]"),
                        encoding="utf-8")
    pipeline.build_file(folder)
    assert sorted(asked) == sorted((name, len(built.store)) for name in answers.KEPT)
    croatia = [dict(r) for r in _kept_rows(folder)["analysis/ties"] if ("actor", ACTOR + "croatia") in r]
    assert [r["date"] for r in croatia if r["tie"] == "member-of" and r["target"] == EU] == ["2013-07-02"]


def test_a_store_written_otherwise_or_answers_for_other_graphs_are_not_read(folder, tmp_path):
    _, memory = _stores(folder)
    path = workspace.resolve(folder).graph_file
    loaded = tmp_path / "loaded"
    current.load(str(loaded), folder, graph_path=path)
    other = OxigraphStore.open_directory(loaded, read_only=True)
    assert all(other.kept(name) is None for name in answers.KEPT)  # kg load copies no answer
    assert stances.positions(other) == stances.positions(memory)

    store = path.with_name(manifest.STORE)
    record = json.loads((store / answers.RECORD).read_text(encoding="utf-8"))
    record["graphs"] = {name: "0" * 64 for name in record["graphs"]}
    (store / answers.RECORD).write_text(json.dumps(record), encoding="utf-8")
    again = OxigraphStore.open_directory(store, read_only=True)
    assert all(again.kept(name) is None for name in answers.KEPT)
    assert stances.positions(again) == stances.positions(memory)


def test_a_store_opened_before_a_rebuild_reads_its_own_graph_not_the_new_answers(folder):
    opened, _ = _stores(folder)
    before = stances.positions(opened, actors=[SERBIA])
    held = contradictions.find(opened, actor="Serbia")  # read from its blocks, its file left open
    annotation = folder / "004_2c0c4e712b805dba.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("stance: supports", "stance: opposes", 1),
                          encoding="utf-8")
    (folder / "000_30f026fe9a52209e.yaml").unlink()  # and the contradictions change: their rows move in the new file
    _, path = pipeline.build_file(folder)
    # what it had read stays; the files it had not read now answer for the new graphs, not for its store
    assert stances.positions(opened, actors=[SERBIA]) == before
    assert contradictions.find(opened, actor="Serbia") == held  # the blocks of the file it opened, not the new one's
    read = {"analysis/positions", "analysis/contradictions", "analysis/claim-evidence"}
    assert [name for name in answers.KEPT if opened.kept(name) is None] == [n for n in answers.KEPT if n not in read]
    after = current.open_store(folder)
    assert after.kept("analysis/positions") is not None
    assert stances.positions(after, actors=[SERBIA]) != before
    memory = OxigraphStore.in_memory()
    memory.load_file(path)
    assert contradictions.find(after, actor="Serbia") == contradictions.find(memory, actor="Serbia") != held
    opened.close()
    after.close()


def test_the_answers_resting_on_claims_are_asked_again_by_article_only_when_few_articles_and_no_shared_graph_changed():
    documents = {f"doc{n}" for n in range(10)}
    shared = {str(REFERENCE_GRAPH)}
    before = {name: "a" for name in [*documents, *shared, str(DERIVED_GRAPH)]}
    edited = dict(before, doc3="b", doc7="b")
    edited[str(DERIVED_GRAPH)] = "b"  # the contradictions changed with the claims: no row rests on them
    assert kept._changed(edited, before, shared, 10) == {"doc3", "doc7"}
    gone = {k: v for k, v in before.items() if k != "doc4"}
    assert kept._changed(gone, before, shared, 9) == {"doc4"}
    assert kept._changed(dict(before, **{str(REFERENCE_GRAPH): "b"}), before, shared, 10) is None
    # after kg itself changed, every article made anew (its N-Quads in another order): all answered at once
    assert kept._changed({k: "c" for k in before}, before, shared, 10) is None
