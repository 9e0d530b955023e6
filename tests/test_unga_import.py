"""Importing UN General Assembly votes: both formats, country mapping, bad rows, the graph, the index."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest
from rdflib import URIRef

from kg.errors import InputError, StoreError
from kg.store.embedded import OxigraphStore
from kg.unga import importer, index
from kg.unga.table import ABSENT, ABSTAIN, NO, YES

ROLL_CALLS = """rcid,session,importantvote,date,unres,amend,para,short,descr
1,60,0,2005-11-01,R/60/1,0,0,FIRST,First resolution
2,62,0,2007-12-10,R/62/5,0,0,SECOND,"Second, with a comma"
3,74,,2019-12-09,A/RES/74/17,,,CRIMEA,Problem of the militarization of Crimea
4,40,0,1985-13-01,R/40/9,0,0,BAD,A roll call with a malformed date
5,44,0,1989-11-01,R/44/2,0,0,OLD,Before the FR Yugoslavia
"""
VOTES = """rcid,country,country_code,vote
1,Yugoslavia,YU,yes
1,Namibia,NA,abstain
1,Russia,RU,no
2,Yugoslavia,YU,no
2,Namibia,NA,yes
2,Russia,RU,no
3,Yugoslavia,YU,no
3,Russia,RU,no
3,Ukraine,UA,yes
3,Bosnia & Herzegovina,BA,abstain
3,Namibia,NA,maybe
3,Atlantis,QQ,yes
4,Russia,RU,yes
5,Yugoslavia,YU,yes
5,Federal Republic of Germany,,yes
3,Russia,RU,yes
"""
ISSUES = """rcid,short_name,issue
2,hr,Human rights
3,hr,Human rights
3,co,Colonialism
"""


def write_voeten(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / "un_votes.csv.gz", "wt", encoding="utf-8", newline="") as out:
        out.write(VOTES)
    (folder / "un_roll_calls.csv").write_text(ROLL_CALLS, encoding="utf-8")
    (folder / "un_roll_call_issues.csv").write_text(ISSUES, encoding="utf-8")
    return folder


UNDL_2019 = """undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,meeting,title,agenda_title,subjects,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link
3838430,SRB,SERBIA,N,2019-12-09,74,A/RES/74/17,A/74/L.22,A/74/PV.44,Problem of the militarization of Crimea,Item,UKRAINE,63,19,66,45,193,https://digitallibrary.un.org/record/3838430
3838430,RUS,RUSSIAN FEDERATION,N,2019-12-09,74,A/RES/74/17,A/74/L.22,A/74/PV.44,Problem of the militarization of Crimea,Item,UKRAINE,63,19,66,45,193,https://digitallibrary.un.org/record/3838430
3838430,UKR,UKRAINE,Y,2019-12-09,74,A/RES/74/17,A/74/L.22,A/74/PV.44,Problem of the militarization of Crimea,Item,UKRAINE,63,19,66,45,193,https://digitallibrary.un.org/record/3838430
3838430,NAM,NAMIBIA,X,2019-12-09,74,A/RES/74/17,A/74/L.22,A/74/PV.44,Problem of the militarization of Crimea,Item,UKRAINE,63,19,66,45,193,https://digitallibrary.un.org/record/3838430
3838430,BIH,BOSNIA AND HERZEGOVINA,Z,2019-12-09,74,A/RES/74/17,A/74/L.22,A/74/PV.44,Problem of the militarization of Crimea,Item,UKRAINE,63,19,66,45,193,https://digitallibrary.un.org/record/3838430
"""
UNDL_2024 = """undl_id,ms_codes,ms_names,ms_votes,date,session,resolutions,title
3959039,SRB,SERBIA,Y,2022-03-02,ES-11,A/RES/ES-11/1,Aggression against Ukraine
3959039,RUS,RUSSIAN FEDERATION,N,2022-03-02,ES-11,A/RES/ES-11/1,Aggression against Ukraine
3959040,SRB,SERBIA,A,03/02/2022,ES-11,A/RES/ES-11/2,A row with a malformed date
"""


@pytest.fixture
def voeten(tmp_path) -> Path:
    return write_voeten(tmp_path / "unga")


def _import(files, store_dir, **kw):
    return importer.import_into([Path(f) for f in files], store_dir, **kw)


def test_the_three_tables_import_with_states_mapped_by_code_and_date(voeten, tmp_path):
    store_dir = tmp_path / "store"
    report = _import([voeten], store_dir)
    (dataset,) = report.datasets
    assert (dataset.dataset, dataset.rollcalls, dataset.votes) == ("unga-voeten", 4, 12)
    ix = index.read_index(store_dir)
    # Yugoslavia's seat: SFR Yugoslavia in 1989, Serbia and Montenegro in 2005, Serbia from June 2006
    assert ix.votes[ix.row("A/RES/44/2"), ix.column("sfr-yugoslavia")] == YES
    assert ix.votes[ix.row("A/RES/60/1"), ix.column("serbia-and-montenegro")] == YES
    assert ix.votes[ix.row("A/RES/62/5"), ix.column("serbia")] == NO
    assert ix.column("serbia-and-montenegro") != ix.column("serbia")
    # NA is Namibia, not a missing value; the Federal Republic of Germany is Germany
    assert ix.votes[ix.row("A/RES/60/1"), ix.column("namibia")] == ABSTAIN
    assert ix.votes[ix.row("A/RES/44/2"), ix.column("germany")] == YES
    assert ix.votes[ix.row("A/RES/74/17"), ix.column("bosnia-and-herzegovina")] == ABSTAIN
    assert "namibia" in dataset.minted and "serbia" not in dataset.minted


def test_bad_rows_are_reported_with_their_line_and_skipped(voeten, tmp_path):
    report = _import([voeten], tmp_path / "store")
    found = sorted((Path(b.path).name, b.line, b.message.split(";")[0]) for b in report.bad)
    assert found == [
        ("un_roll_calls.csv", 5, "roll call 4: malformed date '1985-13-01'"),
        ("un_votes.csv.gz", 12, "unknown vote code 'maybe'"),
        ("un_votes.csv.gz", 13, "unknown country code 'QQ' (Atlantis)"),
        ("un_votes.csv.gz", 14, "roll call 4 is not in the roll-call table (or its row was bad)"),
        ("un_votes.csv.gz", 17, "a second vote of Russia on roll call 3"),
    ]


def test_strict_mode_stops_at_the_first_bad_row(voeten, tmp_path):
    with pytest.raises(InputError) as caught:
        _import([voeten], tmp_path / "store", strict=True)
    assert str(caught.value).startswith(f"{voeten / 'un_roll_calls.csv'}:5: roll call 4: malformed date '1985-13-01'")
    assert "strict" in str(caught.value)


def _quads(store_dir: Path) -> set:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    return {str(q) for q in store}


def test_reimporting_gives_the_same_store(voeten, tmp_path):
    store_dir = tmp_path / "store"
    _import([voeten], store_dir)
    first = _quads(store_dir)
    again = _import([voeten], store_dir)
    assert _quads(store_dir) == first and len(first) > 50
    assert [d.unchanged for d in again.datasets] == [True]  # same files, same reference data: nothing rewritten


def test_reimporting_changed_files_replaces_the_dataset(voeten, tmp_path):
    store_dir = tmp_path / "store"
    _import([voeten], store_dir)
    (voeten / "un_roll_calls.csv").write_text(ROLL_CALLS.replace("Second, with a comma", "Second, retitled"), encoding="utf-8")
    with gzip.open(voeten / "un_votes.csv.gz", "wt", encoding="utf-8", newline="") as out:
        out.write(VOTES.replace("2,Namibia,NA,yes", "2,Namibia,NA,no"))
    again = _import([voeten], store_dir)
    assert [d.unchanged for d in again.datasets] == [False]
    quads = _quads(store_dir)
    assert any("Second, retitled" in q for q in quads) and not any("Second, with a comma" in q for q in quads)
    ix = index.read_index(store_dir)
    assert ix.votes[ix.row("A/RES/62/5"), ix.column("namibia")] == NO
    (vote,) = _votes_of(store_dir, "namibia", "A/RES/62/5")
    assert str(vote["choice"]) == SA + "No"


VOTE_QUERY = """
PREFIX sa: <https://w3id.org/state-alignments/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?vote ?choice ?issue ?yes ?date ?subject WHERE {
  ?vote sa:actor ?actor ; sa:onResolution ?res ; sa:voteChoice ?choice .
  OPTIONAL { ?res sa:issue ?issue } OPTIONAL { ?res sa:yesStance ?yes }
  ?res dct:date ?date . OPTIONAL { ?res dct:subject ?subject }
}"""
SA = "https://w3id.org/state-alignments/ontology#"
ID = "https://w3id.org/state-alignments/id/"


def _votes_of(store_dir: Path, actor: str, symbol: str):
    with OxigraphStore.open_directory(store_dir, read_only=True) as store:
        result = store.query(VOTE_QUERY, {"actor": URIRef(ID + "actor/" + actor), "res": URIRef(ID + "resolution/" + symbol)})
    return result.dicts()


def test_a_vote_is_three_triples_and_its_roll_call_carries_the_issue_and_stance(voeten, tmp_path):
    store_dir = tmp_path / "store"
    _import([voeten], store_dir)
    rows = _votes_of(store_dir, "serbia", "A/RES/74/17")
    assert {str(r["choice"]) for r in rows} == {SA + "No"}
    # the roll call on a resolution of the reference data: a yes supports its issue, so this no opposes it
    assert {(str(r["issue"]), str(r["yes"])) for r in rows} == {
        ("https://w3id.org/state-alignments/issue/crimea-part-of-ukraine", SA + "Supports")}
    assert {str(r["subject"]) for r in rows} == {ID + "unga-issue/human-rights", ID + "unga-issue/colonialism"}
    with OxigraphStore.open_directory(store_dir, read_only=True) as store:
        said = store.query("SELECT ?p ?o WHERE { ?vote ?p ?o }", {"vote": rows[0]["vote"]})
    assert sorted((str(p), str(o)) for p, o in said.rows) == [
        (SA + "actor", ID + "actor/serbia"), (SA + "onResolution", ID + "resolution/A/RES/74/17"),
        (SA + "voteChoice", SA + "No")]
    # a resolution that is not in the reference data has no issue of the graph
    (row,) = _votes_of(store_dir, "namibia", "A/RES/60/1")
    assert (str(row["choice"]), row["issue"], row["yes"]) == (SA + "Abstain", None, None)
    # the imported graph itself links the resolution to the graph's issue
    with OxigraphStore.open_directory(store_dir, read_only=True) as store:
        linked = store.query("PREFIX sa: <https://w3id.org/state-alignments/ontology#> SELECT ?res ?issue WHERE { ?res sa:issue ?issue ; a sa:Resolution }")
    assert [(str(r["res"]), str(r["issue"])) for r in linked.dicts()] == [
        (ID + "resolution/A/RES/74/17", "https://w3id.org/state-alignments/issue/crimea-part-of-ukraine")]


def test_the_un_library_csv_in_both_column_namings(tmp_path):
    (tmp_path / "undl2019.csv").write_text(UNDL_2019, encoding="utf-8")
    (tmp_path / "undl2024.csv").write_text(UNDL_2024, encoding="utf-8")
    store_dir = tmp_path / "store"
    report = _import([tmp_path / "undl2019.csv", tmp_path / "undl2024.csv"], store_dir)
    # the files make one dataset, in one graph and one index
    assert [(d.dataset, d.rollcalls, d.votes) for d in report.datasets] == [("unga-undl", 2, 6)]
    ix = index.read_index(store_dir)
    assert ix.votes[ix.row("A/RES/ES-11/1"), ix.column("serbia")] == YES
    assert ix.votes[ix.row("A/RES/74/17"), ix.column("russia")] == NO
    assert sorted((Path(b.path).name, b.line) for b in report.bad) == [("undl2019.csv", 6), ("undl2024.csv", 4)]
    assert "unknown vote code 'Z'" in str(report.bad[0]) and "malformed date '03/02/2022'" in str(report.bad[1])


def test_a_non_voting_member_is_absent_not_missing(tmp_path):
    (tmp_path / "undl.csv").write_text(UNDL_2019, encoding="utf-8")
    store_dir = tmp_path / "store"
    _import([tmp_path / "undl.csv"], store_dir)
    ix = index.read_index(store_dir)
    row = ix.row("A/RES/74/17")
    assert ix.votes[row, ix.column("namibia")] == ABSENT
    assert ix.votes[row, ix.column("serbia")] == NO
    (vote,) = _votes_of(store_dir, "namibia", "A/RES/74/17")
    assert str(vote["choice"]) == SA + "Absent"


def test_an_index_that_does_not_match_the_store_is_refused(voeten, tmp_path):
    store_dir = tmp_path / "store"
    _import([voeten], store_dir)
    target = index.folder_for(store_dir) / "unga-voeten.npz"
    with np.load(target) as data:
        arrays = dict(data)
    arrays["stamp"] = np.array("0" * 64)
    np.savez(target, **arrays)
    with pytest.raises(StoreError, match="does not match the votes in the store; run 'kg import unga PATH-TO-VOTES' again"):
        index.read_index(store_dir)


def test_a_file_that_is_no_vote_table_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a UN vote table"):
        _import([path], tmp_path / "store")


def test_both_datasets_in_one_store_merge_and_the_un_library_wins_on_a_shared_roll_call(voeten, tmp_path):
    (tmp_path / "undl.csv").write_text(UNDL_2019, encoding="utf-8")
    store_dir = tmp_path / "store"
    _import([voeten], store_dir)
    _import([tmp_path / "undl.csv"], store_dir)
    ix = index.read_index(store_dir)
    assert sorted(ix.stamps) == ["unga-undl", "unga-voeten"]
    assert list(ix.symbols).count("A/RES/74/17") == 1  # the Voeten roll call on it gives way
    row = ix.row("A/RES/74/17")
    assert ix.votes[row, ix.column("namibia")] == ABSENT  # as the UN Library has it
    assert ix.votes[row, ix.column("bosnia-and-herzegovina")] == 0  # its row there was bad
    assert ix.votes[ix.row("A/RES/62/5"), ix.column("serbia")] == NO  # Voeten's other roll calls stay
    assert list(ix.dates) == sorted(ix.dates)


def test_the_votes_table_needs_its_roll_calls(voeten, tmp_path):
    with pytest.raises(InputError, match="no file with the un_roll_calls table"):
        _import([voeten / "un_votes.csv.gz"], tmp_path / "store")
