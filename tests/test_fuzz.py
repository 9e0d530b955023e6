"""Property-based fuzzing of hostile input with Hypothesis: whatever the text, kg answers or refuses in one line.

Four kinds of input a user or a file hands kg: query parameter values, query ``#+``
headers, rows of a UN vote table and the environment variables kg reads. Every run
is bounded in examples and derandomized, so that CI tries the same inputs each time;
``KG_FUZZ_EXAMPLES`` raises the number of examples for a deeper search by hand.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import time

import pytest
from conftest import assert_clean
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile_env import COMMANDS
from test_hostile_queries import ECHO
from test_hostile_unga import ROLL_CALLS, VOTES

from kg.catalogue import files as catalogue
from kg.cli import main
from kg.errors import InputError

# KG_FUZZ_EXAMPLES=2000 runs a deeper search by hand; CI keeps the 60 examples, the same each run
FUZZ = settings(max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", 60)), deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# pieces of SPARQL, YAML, CSV and shell that a hostile value is made of
SNIPPETS = ['"', "'", '"""', "\\", '\\"', "\n", "\r", "\t", "\x00", "\x1b[31m", "{", "}", "<", ">", "#", "?s", "$x",
            " . ", ";", ",", "DROP ALL", "} ; DELETE WHERE { ?s ?p ?o } #", "\" } SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } #",
            "<http://127.0.0.1:{port}/>", "sa:",
            "http://", "<http://x.org/a>", "&a", "*a", "!!python/object", "- ", ": ", "%", "\u202e", "\u2028", "\ufeff",
            "Serbia", "crimea-part-of-ukraine", "2020-01-01", "9" * 30, "-1"]
hostile_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=5)), max_size=8).map("".join),
)


# ------------------------------------------------------------------ query parameters

@pytest.fixture
def echo(tmp_path):
    path = tmp_path / "echo.rq"
    path.write_text(ECHO, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def listener():
    """A socket on 127.0.0.1 that the values name as a SERVICE endpoint: it must never be called."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield server
        with pytest.raises(BlockingIOError):
            server.accept()


@FUZZ
@given(name=st.sampled_from(["s", "i", "d", "n", "a", "c", "t"]), value=hostile_text)
def test_any_parameter_value_is_bound_as_data_or_refused_in_one_line(runner, echo, listener, name, value):
    value = value.replace("{port}", str(listener.getsockname()[1]))
    result = runner.invoke(main, ["query", str(echo), "-p", f"{name}={value}", "--format", "json"])
    assert_clean(result, (0, 2))
    with pytest.raises(BlockingIOError):  # no request reached the endpoint a value named
        listener.accept()
    if result.exit_code == 0:
        rows = json.loads(result.stdout)["results"]["bindings"]
        assert len(rows) == 1 and set(rows[0]) <= {name}  # the query around the value is the query written
        if name == "s" and value:
            assert rows[0]["s"] == {"type": "literal", "value": value}


@FUZZ
@given(value=st.text(alphabet=st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF), min_size=1, max_size=3),
       before=st.text(max_size=5))
def test_a_value_with_bytes_that_are_not_utf8_is_refused(runner, echo, value, before):
    result = runner.invoke(main, ["query", str(echo), "-p", f"s={before}{value}"])
    assert_clean(result, (2,), ("parameter 's': the value is not UTF-8 text",))


# ------------------------------------------------------------------ query headers

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
yaml_data = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                         max_leaves=12)


@st.composite
def headers(draw) -> list[str]:
    """``#+`` lines: a header of the right keys with values of any shape, YAML of any shape, or any text."""
    import yaml

    kind = draw(st.sampled_from(["keys", "yaml", "text"]))
    if kind == "keys":
        data = {key: draw(yaml_data) for key in draw(st.lists(
            st.sampled_from(["summary", "description", "params", "tags"]), unique=True, max_size=4))}
        if draw(st.booleans()):
            data["params"] = [{k: draw(yaml_data) for k in draw(st.lists(st.sampled_from(
                ["name", "type", "required", "default", "description", "other"]), unique=True))}
                for _ in range(draw(st.integers(0, 3)))]
        text = yaml.safe_dump(data, allow_unicode=True)
    elif kind == "yaml":
        text = yaml.safe_dump(draw(yaml_data), allow_unicode=True)
    else:
        text = draw(hostile_text)
    lines = text.split("\n")
    if draw(st.booleans()) and lines:  # an anchor or an alias somewhere
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] += draw(st.sampled_from([" &a", " *a", " !!str", " &a [*a, *a]", " <<: *a"]))
    return ["#+ " + line for line in lines]


@FUZZ
@given(lines=headers())
def test_any_header_reads_or_is_refused_in_one_line(runner, tmp_path, lines):
    path = tmp_path / "fuzz.rq"
    path.write_text("\n".join(lines) + "\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8", errors="replace")
    started = time.perf_counter()
    try:
        catalogue.read_query(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
    assert time.perf_counter() - started < 1
    assert_clean(runner.invoke(main, ["query", str(path)]), (0, 2))


# ------------------------------------------------------------------ UN vote table rows

cell = st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=12),
                 st.sampled_from(["", " ", '"', "1", "2", "4", "99", "-1", "1.0", "yes", "no", "abstain", "YES", "3",
                                  "Russia", "RU", "Ukraine", "UA", "Atlantis", "QQ", "Namibia", "NA", "YU", "\x00", "²"]))
vote_row = st.one_of(st.lists(cell, min_size=4, max_size=4), st.lists(cell, max_size=7))


def _read(folder, countries, strict=False):
    """The votes of the tables in ``folder`` as read by an import, and the bad rows (file:line: message)."""
    from kg.unga import read, table
    from kg.unga.sources import BadRows

    bad = BadRows(strict)
    (source,) = read.read([folder], bad)
    return table.tabulate(source, countries, bad), bad.rows


@FUZZ
@given(rows=st.lists(vote_row, min_size=1, max_size=6))
def test_random_vote_rows_are_each_imported_or_reported_on_their_line(tmp_path_factory, countries, rows):
    folder = tmp_path_factory.mktemp("csv")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / "un_votes.csv").write_text(VOTES + out.getvalue(), encoding="utf-8")
    (folder / "un_roll_calls.csv").write_text(ROLL_CALLS, encoding="utf-8")
    good = VOTES.count("\n") - 1
    random_lines = set(range(good + 2, good + 2 + len(rows)))
    votes, bad = _read(folder, countries)
    reported = [b.line for b in bad]
    assert set(reported) <= random_lines and len(set(reported)) == len(reported)  # never a good row, each once
    assert len(votes) + len(bad) == good + len(rows)  # every row imported or reported: none lost unsaid
    assert all(str(b).startswith(f"{folder / 'un_votes.csv'}:{b.line}: ") and "\n" not in str(b) for b in bad)


@FUZZ
@given(line=st.integers(2, VOTES.count("\n")), byte=st.sampled_from([b"\xff", b"\xc3(", b"\xe9", b"\xed\xa0\x80", b"\x80"]),
       gz=st.booleans())
def test_a_byte_that_is_not_utf8_is_reported_on_its_line(tmp_path_factory, countries, line, byte, gz):
    import gzip

    folder = tmp_path_factory.mktemp("csv")
    lines = VOTES.encode("utf-8").split(b"\n")
    lines[line - 1] = lines[line - 1].replace(b",", b"," + byte, 1)
    data = b"\n".join(lines) + b"4,Russia,RU,no\n" * 500  # decoded far ahead of the line the CSV reader is on
    name = "un_votes.csv.gz" if gz else "un_votes.csv"
    (folder / name).write_bytes(gzip.compress(data) if gz else data)
    (folder / "un_roll_calls.csv").write_text(ROLL_CALLS, encoding="utf-8")
    with pytest.raises(InputError) as info:
        _read(folder, countries)
    assert str(info.value).startswith(f"{folder / name}:{line}: byte 0x{byte[0]:02X} is not UTF-8")


UNDL = """undl_id,ms_code,ms_name,ms_vote,date,session,resolution,title
3838430,SRB,SERBIA,N,2019-12-09,74,A/RES/74/17,Problem of the militarization of Crimea
3838430,RUS,RUSSIAN FEDERATION,N,2019-12-09,74,A/RES/74/17,Problem of the militarization of Crimea
3959039,UKR,UKRAINE,Y,2022-03-02,ES-11,A/RES/ES-11/1,Aggression against Ukraine
"""
undl_cell = st.one_of(cell, st.sampled_from(["Y", "N", "A", "X", "NV", "SRB", "SERBIA", "3838430", "2019-12-09",
                                             "20191209", "ES-11", "A/RES/ES-11/1", "A/RES/74/17"]))


@FUZZ
@given(rows=st.lists(st.lists(undl_cell, min_size=0, max_size=9), min_size=1, max_size=6))
def test_random_un_library_rows_are_each_imported_or_reported_on_their_line(tmp_path_factory, countries, rows):
    folder = tmp_path_factory.mktemp("csv")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / "undl.csv").write_text(UNDL + out.getvalue(), encoding="utf-8")
    good = UNDL.count("\n") - 1
    votes, bad = _read(folder, countries)
    reported = [b.line for b in bad]
    assert set(reported) <= set(range(good + 2, good + 2 + len(rows))) and len(set(reported)) == len(reported)
    assert len(votes) + len(bad) == good + len([r for r in rows if r])  # a blank line is no row


roll_call_cell = st.one_of(cell, st.sampled_from(["2020-02-30", "2020-01-01", "1946-01-01T00:00", "ES-11", "ESS/11/1",
                                                  "R/", "SS/", "0", "32767", "99999", "²", "٣", "１"]))


@FUZZ
@given(rows=st.lists(st.lists(roll_call_cell, min_size=9, max_size=9), min_size=1, max_size=4))
def test_random_roll_calls_are_read_or_reported_on_their_line(tmp_path_factory, countries, rows):
    folder = tmp_path_factory.mktemp("csv")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / "un_votes.csv").write_text(VOTES, encoding="utf-8")
    (folder / "un_roll_calls.csv").write_text(ROLL_CALLS + out.getvalue(), encoding="utf-8")
    first = ROLL_CALLS.count("\n") + 1
    _, bad = _read(folder, countries)
    calls = [b for b in bad if b.path.name == "un_roll_calls.csv"]
    assert {b.line for b in calls} <= set(range(first, first + len(rows)))


# ------------------------------------------------------------------ environment variables

env_value = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20)


@FUZZ
@given(variable=st.sampled_from(sorted(COMMANDS)), value=env_value)
def test_any_text_in_an_environment_variable_is_one_line_or_ignored(runner, tmp_path, monkeypatch, variable, value):
    value = value.replace("://", ":")  # no request may leave this machine
    monkeypatch.chdir(tmp_path)  # whatever a relative value names is made here
    assert_clean(runner.invoke(main, COMMANDS[variable], env={variable: value}), (0, 2, 3))
