"""Hostile UN vote files, a damaged vote index and UN session symbols: one line with file and line, or the votes; never a traceback."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import assert_clean, assert_one_error

from kg.cli import main
from kg.unga import index

ROLL_CALLS = """rcid,session,importantvote,date,unres,amend,para,short,descr
1,61,0,2006-12-01,R/61/1,0,0,FIRST,First resolution
2,62,0,2007-12-10,R/62/5,0,0,SECOND,"Second, with a comma"
3,76,0,2022-03-02,ESS/11/1,0,0,UKRAINE,Aggression against Ukraine
4,76,0,2022-03-24,ESS/11/2,0,0,UKRAINE,Humanitarian consequences of the aggression against Ukraine
"""
VOTES = """rcid,country,country_code,vote
1,Yugoslavia,YU,yes
1,Russia,RU,yes
1,Ukraine,UA,no
2,Yugoslavia,YU,no
2,Russia,RU,no
2,Ukraine,UA,yes
3,Yugoslavia,YU,yes
3,Russia,RU,no
3,Ukraine,UA,yes
4,Yugoslavia,YU,abstain
4,Russia,RU,no
4,Ukraine,UA,yes
"""


def write_tables(folder, votes: str | bytes = VOTES, roll_calls: str | bytes = ROLL_CALLS, gz: bool = False):
    """The two Voeten tables in ``folder`` (the votes gzipped when ``gz``); the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    data = votes.encode("utf-8") if isinstance(votes, str) else votes
    if gz:
        with gzip.open(folder / "un_votes.csv.gz", "wb") as out:
            out.write(data)
    else:
        (folder / "un_votes.csv").write_bytes(data)
    (folder / "un_roll_calls.csv").write_bytes(roll_calls.encode("utf-8") if isinstance(roll_calls, str) else roll_calls)
    return folder


def _import(runner, tables, store, *more):
    return runner.invoke(main, ["import", "unga", str(tables), "--store", str(store), *more])


def _pair(runner, store, *more):
    result = runner.invoke(main, ["votes", "Serbia", "Russia", "--format", "json", "--store", str(store), *more])
    assert_clean(result, (0,))
    (row,) = json.loads(result.stdout)
    return row["votes"], row["agreement"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The small tables imported once: (store, tables)."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("unga-hostile")
    tables = write_tables(root / "tables")
    assert_clean(_import(CliRunner(), tables, root / "store"), (0,))
    return root / "store", tables


@pytest.fixture
def store_copy(imported, tmp_path):
    """A private copy of the imported store and its vote index, for a test to damage."""
    store, _ = imported
    target = tmp_path / "store"
    shutil.copytree(store, target)
    shutil.copytree(index.folder_for(store), index.folder_for(target))
    return target


# ------------------------------------------------------------------ sessions

def test_emergency_special_sessions_are_read_and_selected(runner, imported):
    store, _ = imported
    assert _pair(runner, store) == (4, 0.5)
    assert _pair(runner, store, "--session", "ES-11") == (2, 0.0)  # yes/no, abstain/no
    assert _pair(runner, store, "--session", "es-11") == (2, 0.0)
    assert _pair(runner, store, "--session", "61-62") == (2, 1.0)
    ix = index.read_index(store)
    assert list(ix.symbols) == ["A/RES/61/1", "A/RES/62/5", "A/RES/ES-11/1", "A/RES/ES-11/2"]


@pytest.mark.parametrize("session, message", [
    ("ES-x", "--session: 'ES-x': give a session number, a range like 61-74, or an emergency special session like ES-11"),
    ("ES-11-12", "--session: 'ES-11-12': give a session number"),
    ("61-x", "--session: '61-x': give a session number"),
    ("\n", "--session: '\\n': give a session number"),
])
def test_a_bad_session_is_one_line(runner, imported, session, message):
    store, _ = imported
    assert_one_error(runner.invoke(main, ["votes", "Serbia", "Russia", "--session", session, "--store", str(store)]),
                     (2,), (message,))


def _tabulated(folder, countries):
    """The tables in ``folder`` read as an import reads them, without a store: (vote index, bad rows)."""
    from kg.unga import read, table
    from kg.unga.sources import BadRows

    bad = BadRows()
    (source,) = read.read([folder], bad)
    return index.from_table(table.tabulate(source, countries, bad)), [str(b) for b in bad.rows]


@pytest.mark.parametrize("session, number", [("ES-11", -1), ("S-29", -1), ("99999", -1), ("abc", -1), ("", -1),
                                             ("-1", -1), ("74.0", -1), ("007", 7), ("32767", -1), ("9999", 9999)])
def test_an_odd_session_cell_is_read_as_no_regular_session(tmp_path, countries, session, number):
    tables = write_tables(tmp_path / "t", roll_calls=ROLL_CALLS.replace("1,61,0,", f"1,{session},0,"))
    ix, bad = _tabulated(tables, countries)
    assert (list(ix.sessions), bad, int((ix.votes != 0).sum())) == ([number, 62, 76, 76], [], 12)


def test_an_odd_session_cell_imports(runner, tmp_path):
    tables = write_tables(tmp_path / "t", roll_calls=ROLL_CALLS.replace("1,61,0,", "1,99999,0,"))
    assert_clean(_import(runner, tables, tmp_path / "store"), (0,))
    assert _pair(runner, tmp_path / "store") == (4, 0.5)
    assert _pair(runner, tmp_path / "store", "--session", "62-76") == (3, 0.3333)


def _resolution(seeds, symbol: str, session: str) -> None:
    path = seeds / "reference" / "resolutions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("resolutions:\n", f"""resolutions:
  - symbol: {symbol}
    title: "Aggression against Ukraine"
    organ: unga
    session: {session}
    date: 2022-03-02
    issue: ukraine-territorial-integrity
    yes_stance: supports
    source: "United Nations General Assembly, resolution {symbol} of 2 March 2022 (official record)"
""", 1), encoding="utf-8")


def test_a_vote_claim_on_an_emergency_special_session_builds(runner, seeds_copy, tmp_path):
    _resolution(seeds_copy, "A/RES/ES-11/1", "ES-11")
    claims = sorted(seeds_copy.glob("*.yaml"))[1]
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("resolution: A/RES/74/17", "resolution: A/RES/ES-11/1", 1), encoding="utf-8")
    out = tmp_path / "g.trig"
    assert_clean(runner.invoke(main, ["build", "--seeds", str(seeds_copy), "-o", str(out)]), (0,))
    from rdflib import Dataset, Literal

    from kg.terms.vocab import SA

    ds = Dataset(default_union=True)
    ds.parse(out, format="trig")
    (resolution,) = {s for s, _, _ in ds.triples((None, None, Literal("A/RES/ES-11/1")))}
    assert ds.value(resolution, SA.session) is None  # no regular session to name
    assert {int(o) for _, _, o in ds.triples((None, SA.session, None))} >= {74}


@pytest.mark.parametrize("symbol, session, message", [
    ("A/RES/ES-11/1", "74", "resolution 'A/RES/ES-11/1': session 74 is not the session its symbol names (ES-11); fix one of them"),
    ("A/RES/ES-11/1", "ES-eleven", "resolution 'A/RES/ES-11/1': 'ES-eleven' is not a session; write a number (74), ES-11 or S-29"),
    ("A/RES/ES-11/1", "true", "resolution 'A/RES/ES-11/1': 'true' is not a session"),
    ("A/RES/ES-11/1", "[11]", "'session' must be text, not a list"),
    ("A/RES/76/1", "ES-11", "resolution 'A/RES/76/1': session ES-11 is not the session its symbol names (76)"),
])
def test_a_wrong_session_in_the_reference_data_is_one_line_with_its_line(runner, seeds_copy, symbol, session, message):
    _resolution(seeds_copy, symbol, session)
    result = runner.invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert_one_error(result, (2,), (f"resolutions.yaml:8: {message}",))


# ------------------------------------------------------------------ the vote index

DAMAGED = "the vote index {path} is damaged; run 'kg import unga PATH-TO-VOTES' again to rebuild it"


def _npz(store):
    return index.folder_for(store) / "unga-voeten.npz"


def _rewrite(path, **changes):
    with np.load(path) as data:
        arrays = dict(data)
    arrays.update(changes)
    for name in [n for n, v in changes.items() if v is None]:
        del arrays[name]
    np.savez(path, **arrays)


DAMAGE = {
    "truncated-to-half": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "truncated-to-ten-bytes": lambda p: p.write_bytes(p.read_bytes()[:10]),
    "empty": lambda p: p.write_bytes(b""),
    "garbage": lambda p: p.write_bytes(os.urandom(4096)),
    "text": lambda p: p.write_text("not an index\n", encoding="utf-8"),
    "pickled-objects": lambda p: np.savez(p, votes=np.array([{"a": 1}], dtype=object)),  # a message about pickles before
    "an-array-missing": lambda p: _rewrite(p, votes=None),
    "votes-flat": lambda p: _rewrite(p, votes=np.zeros(4, dtype=np.int8)),
    "votes-as-floats": lambda p: _rewrite(p, votes=np.zeros((4, 3))),
    "a-choice-out-of-range": lambda p: _rewrite(p, votes=np.full((4, 3), 9, dtype=np.int8)),
    "a-negative-choice": lambda p: _rewrite(p, votes=np.full((4, 3), -1, dtype=np.int8)),
    "labels-too-short": lambda p: _rewrite(p, labels=np.array(["x"])),
    "dates-as-text": lambda p: _rewrite(p, dates=np.array(["2020-01-01"] * 4)),
    "a-directory": lambda p: (p.unlink(), p.mkdir()),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_vote_index_is_one_line_and_exit_3(runner, store_copy, case):
    path = _npz(store_copy)
    DAMAGE[case](path)
    result = runner.invoke(main, ["votes", "Serbia", "Russia", "--store", str(store_copy)])
    assert_one_error(result, (3,), (DAMAGED.format(path=path),))


def test_a_missing_or_stale_vote_index_says_so(runner, store_copy):
    path = _npz(store_copy)
    _rewrite(path, stamp=np.array("0" * 64))
    assert_one_error(runner.invoke(main, ["votes", "Serbia", "Russia", "--store", str(store_copy)]), (3,),
                     (f"the vote index {path} does not match the votes in the store; run 'kg import unga PATH-TO-VOTES' again",))
    path.unlink()
    assert_one_error(runner.invoke(main, ["votes", "Serbia", "Russia", "--store", str(store_copy)]), (3,),
                     (f"the vote index {path} is missing; run 'kg import unga PATH-TO-VOTES' again",))


def test_importing_again_repairs_a_damaged_index(runner, imported, store_copy):
    _, tables = imported
    _npz(store_copy).write_bytes(b"PK\x03\x04 truncated")
    assert_clean(_import(runner, tables, store_copy), (0,))
    assert _pair(runner, store_copy) == (4, 0.5)


# ------------------------------------------------------------------ the vote files

def _not_utf8_at(text: str, line: int) -> bytes:
    lines = text.encode("utf-8").split(b"\n")
    lines[line - 1] = lines[line - 1].replace(b",", b",\xff", 1)
    return b"\n".join(lines)


# (votes, roll calls, gzip the votes) → the one error line of an import, exit 2
UNREADABLE = {
    "votes-not-utf8": (_not_utf8_at(VOTES, 9), ROLL_CALLS, False, "un_votes.csv:9: byte 0xFF is not UTF-8; save the file as UTF-8"),
    "gzipped-votes-not-utf8": (_not_utf8_at(VOTES, 12), ROLL_CALLS, True, "un_votes.csv.gz:12: byte 0xFF is not UTF-8"),
    "header-not-utf8": (_not_utf8_at(VOTES, 1), ROLL_CALLS, False, "un_votes.csv:1: byte 0xFF is not UTF-8"),
    "roll-calls-not-utf8": (VOTES, _not_utf8_at(ROLL_CALLS, 4), False, "un_roll_calls.csv:4: byte 0xFF is not UTF-8"),
    "latin-1-deep-in-a-long-file": (VOTES + "4,Russia,RU,no\n" * 3000 + "4,C\xf4te d'Ivoire,CI,yes\n".encode("latin-1").decode("latin-1"),
                                    ROLL_CALLS, False, None),
    "field-over-the-csv-limit": (VOTES + "4,Russia," + "x" * 200_000 + ",yes\n", ROLL_CALLS, False,
                                 "un_votes.csv:14: cannot read this CSV any further (field larger than field limit"),
    "empty-votes": ("", ROLL_CALLS, False, "un_votes.csv: not a UN vote table"),
    "no-known-columns": ("a,b\n1,2\n", ROLL_CALLS, False, "un_votes.csv: not a UN vote table"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_an_unreadable_vote_file_is_one_line_naming_file_and_line(runner, tmp_path, case):
    votes, roll_calls, gz, message = UNREADABLE[case]
    if message is None:  # the Latin-1 byte of Côte d'Ivoire, 3,000 lines down: its own line, not the line read before
        votes, message = votes.encode("latin-1"), "un_votes.csv:3014: byte 0xF4 is not UTF-8"
    tables = write_tables(tmp_path / "t", votes, roll_calls, gz)
    assert_one_error(_import(runner, tables, tmp_path / "store"), (2,), (message,))


@pytest.mark.parametrize("make, message", [
    (lambda d: (d / "un_votes.csv.gz").write_bytes(gzip.compress(VOTES.encode())[:60]), "un_votes.csv.gz"),
    (lambda d: (d / "un_votes.csv.gz").write_bytes(b"\x1f\x8b" + os.urandom(200)), "un_votes.csv.gz"),
    (lambda d: os.mkfifo(d / "un_votes.csv"), "un_votes.csv: not a regular file; give the vote tables as files"),
    (lambda d: (d / "un_votes.csv").mkdir(), "un_votes.csv: not a regular file"),
])
def test_a_broken_or_special_vote_file_is_one_line(runner, tmp_path, make, message):
    tables = tmp_path / "t"
    tables.mkdir()
    (tables / "un_roll_calls.csv").write_text(ROLL_CALLS, encoding="utf-8")
    make(tables)
    assert_one_error(_import(runner, tables, tmp_path / "store"), (2,), (message,))


def test_a_device_or_missing_path_is_one_line(runner, tmp_path):
    assert_one_error(_import(runner, "/dev/zero", tmp_path / "store"), (2,),
                     ("/dev/zero: not a regular file",))
    assert_one_error(_import(runner, tmp_path / "nothing", tmp_path / "store"), (2,), ("nothing: no such file or folder",))
    (tmp_path / "empty").mkdir()
    assert_one_error(_import(runner, tmp_path / "empty", tmp_path / "store"), (2,),
                     ("empty: no .csv or .csv.gz files in this folder",))


# a row put in place of line 6 of the votes (Russia on roll call 2) → the bad row reported on line 6
BAD_ROWS = {
    "unknown-vote-code": ("2,Russia,RU,maybe", "un_votes.csv:6: unknown vote code 'maybe'; expected yes, no or abstain"),
    "vote-code-with-markup": ("2,Russia,RU,<script>", "un_votes.csv:6: unknown vote code '<script>'"),
    "unknown-roll-call": ("99,Russia,RU,no", "un_votes.csv:6: roll call 99 is not in the roll-call table"),
    "too-few-columns": ("2,Russia", "un_votes.csv:6: 2 columns, expected 4"),
    "empty-line": ("", "un_votes.csv:6: 0 columns, expected 4"),
    "unknown-country": ("2,Atlantis,QQ,no", "un_votes.csv:6: "),
    "a-second-vote": ("2,Ukraine,UA,no", "un_votes.csv:7: a second vote of Ukraine on roll call 2; each state votes once"),
    "quote-left-open": ('2,"Russia,RU,no', "un_votes.csv:6: a quoted value runs from here to line 13; close its quote"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_bad_row_is_skipped_and_reported_on_its_line(runner, tmp_path, countries, case):
    row, message = BAD_ROWS[case]
    lines = VOTES.split("\n")
    lines[5] = row
    tables = write_tables(tmp_path / "t", "\n".join(lines))
    ix, bad = _tabulated(tables, countries)
    kept = 11 if case != "quote-left-open" else 4  # the rows it swallowed are in its message
    assert len(bad) == 1 and message in bad[0] and int((ix.votes != 0).sum()) == kept
    strict = _import(runner, tables, tmp_path / "strict", "--strict")
    assert_one_error(strict, (2,), (message, "--strict stops at the first bad row"))


def test_bad_rows_are_listed_by_the_import(runner, tmp_path):
    lines = VOTES.split("\n")
    lines[5], lines[8] = "2,Russia,RU,maybe", "3,Atlantis,QQ,yes"
    stderr = assert_clean(_import(runner, write_tables(tmp_path / "t", "\n".join(lines)), tmp_path / "store"), (0,))
    assert "un_votes.csv:6: unknown vote code 'maybe'" in stderr and "un_votes.csv:9: " in stderr
    assert "2 bad rows skipped" in stderr


@pytest.mark.parametrize("rcid", ["²", "٣", "１", "1.0", " ", "-1"])
def test_a_roll_call_id_that_is_not_an_ascii_number_is_a_bad_row(tmp_path, countries, rcid):
    tables = write_tables(tmp_path / "t", roll_calls=ROLL_CALLS + f"{rcid},61,0,2006-12-01,R/61/9,0,0,X,Y\n")
    ix, bad = _tabulated(tables, countries)
    assert bad == [f"{tables / 'un_roll_calls.csv'}:6: rcid '{rcid.strip()}' is not a number"] and len(ix.dates) == 4


def test_crlf_line_ends_and_a_byte_order_mark_change_nothing(runner, tmp_path):
    tables = write_tables(tmp_path / "t", "\ufeff" + VOTES.replace("\n", "\r\n"), ROLL_CALLS.replace("\n", "\r\n"))
    assert_clean(_import(runner, tables, tmp_path / "store"), (0,))
    assert _pair(runner, tmp_path / "store") == (4, 0.5)


def test_a_fifo_among_the_reference_files_is_refused_not_waited_on(seeds_copy, tmp_path):
    from click.testing import CliRunner

    os.mkfifo(seeds_copy / "reference" / "extra.yaml")
    votes = Path(__file__).resolve().parent / "data" / "unga-sample"
    result = CliRunner().invoke(main, ["import", "unga", str(votes), "--seeds", str(seeds_copy),
                                       "--store", str(tmp_path / "store")])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {seeds_copy / 'reference' / 'extra.yaml'}: reference file 'extra.yaml' is not a regular file "
        "(a FIFO, socket or device)")
    assert not (tmp_path / "store").exists()
