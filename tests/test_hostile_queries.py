"""Hostile query files, headers, parameter values and query texts: each one line and exit 2, or data; never a traceback.

The query files are written by the tests; the parameters are bound into a small query
whose every result row echoes the values bound, so that a value that changed the
query around it would show as a different row.
"""

from __future__ import annotations

import json
import os
import time

import pytest
from conftest import assert_clean, assert_one_error

from kg.cli import main

# The 13.5 KB "billion laughs": nine aliases of nine aliases … nine levels deep.
BOMB = ['#+ summary: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"#+ {chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]" for i in range(1, 10)]

# header lines → what the one error line says (after the file's name and the line, when the YAML gives one)
HEADERS = {
    "params-a-number": (["#+ params: 5"], ":", "the '#+' header's 'params' must be a list of parameters, not a number"),
    "params-a-word": (["#+ params: actor"], ":", "'params' must be a list of parameters, not a text"),
    "params-a-mapping": (["#+ params: {name: x}"], ":", "'params' must be a list of parameters, not a mapping"),
    "params-true": (["#+ params: true"], ":", "'params' must be a list of parameters, not a true/false value"),
    "param-a-number": (["#+ params: [5]"], ":", "each parameter in the header needs a name"),
    "param-without-name": (["#+ params:", "#+   - {type: actor}"], ":", "each parameter in the header needs a name"),
    "param-name-a-list": (["#+ params:", "#+   - {name: [a]}"], ":", "parameter name ['a'] must be a word"),
    "param-name-with-space": (["#+ params:", "#+   - {name: 'a b'}"], ":", "parameter name 'a b' must be a word"),
    "param-name-with-brace": (["#+ params:", "#+   - {name: 'x}'}"], ":", "parameter name 'x}' must be a word"),
    "param-name-a-number": (["#+ params:", "#+   - {name: 5}"], ":", "parameter name 5 must be a word"),
    "param-twice": (["#+ params:", "#+   - {name: as-of, type: date}", "#+   - {name: as_of, type: date}"], ":",
                    "parameter 'as_of' is declared twice"),
    "param-type-unknown": (["#+ params:", "#+   - {name: x, type: colour}"], ":", "parameter 'x' has unknown type 'colour'"),
    "param-type-a-list": (["#+ params:", "#+   - {name: x, type: [actor]}"], ":", "parameter 'x' has unknown type"),
    "param-required-a-word": (["#+ params:", "#+   - {name: x, required: maybe}"], ":",
                              "parameter 'x': 'required' must be true or false, not 'maybe'"),
    "param-default-a-list": (["#+ params:", "#+   - {name: x, default: [1, 2]}"], ":",
                             "parameter 'x': 'default' must be a single value, not a list"),
    "param-description-a-mapping": (["#+ params:", "#+   - {name: x, description: {a: 1}}"], ":",
                                    "parameter 'x': 'description' must be a single value, not a mapping"),
    "param-unknown-key": (["#+ params:", "#+   - {name: x, kind: actor}"], ":", "parameter 'x' has unknown key 'kind'"),
    "summary-a-list": (["#+ summary: [a, b]"], ":", "the '#+' header's 'summary' must be text, not a list"),
    "description-a-mapping": (["#+ description: {a: 1}"], ":", "'description' must be text, not a mapping"),
    "tags-a-number": (["#+ tags: 5"], ":", "'tags' must be a list of words"),
    "tags-of-mappings": (["#+ tags: [{a: 1}]"], ":", "'tags' must be a list of words"),
    "header-a-list": (["#+ - a", "#+ - b"], ":", "the '#+' header must be YAML mapping keys"),
    "header-a-word": (["#+ just words"], ":", "the '#+' header must be YAML mapping keys"),
    "alias-bomb": (BOMB, ":1:", "YAML anchors and aliases (&name, *name) are not allowed"),
    "one-alias": (["#+ summary: &s text", "#+ description: *s"], ":1:", "YAML anchors and aliases"),
    "merge-key": (["#+ summary: x", "#+ params:", "#+   - &p {name: x}", "#+   - {<<: *p, name: y}"], ":3:",
                  "YAML anchors and aliases"),
    "python-tag": (["#+ summary: !!python/object/apply:os.system [echo owned]"], ":1:",
                   "YAML tags such as '!!python/object/apply:os.system' are not allowed"),
    "binary-tag": (["#+ summary: !!binary aGk="], ":1:", "YAML tags such as '!!binary' are not allowed"),
    "set-tag": (["#+ tags: !!set {a, b}"], ":1:", "YAML tags such as '!!set' are not allowed"),
    "local-tag": (["#+ summary: !mine x"], ":1:", "YAML tags such as '!mine' are not allowed"),
    "impossible-date": (["#+ summary: x", "#+ params:", "#+   - {name: d, type: date, default: 2020-13-45}"], ":3:",
                        "YAML value '2020-13-45' cannot be read as a date (month must be in 1..12); quote it"),
    "huge-number": (["#+ summary: " + "9" * 5000], ":1:", "cannot be read as a number"),
    "nested-200": (["#+ summary: " + "[" * 200 + "]" * 200], ":1:", "YAML nested more than 50 levels deep"),
    "nested-20000": (["#+ summary: " + "[" * 20000 + "]" * 20000], ":1:", "YAML nested more than 50 levels deep"),
    "nested-blocks": (["#+ params:"] + [f"#+ {'  ' * i}- " for i in range(1, 80)], ":", "YAML nested more than 50"),
    "nul-byte": (["#+ summary: a\x00b"], ":1:", "the character U+0000 is not allowed in YAML; remove it"),
    "escape-char": (["#+ summary: x", "#+ description: \x1b[31mred"], ":2:", "the character U+001B is not allowed"),
    "oversized": (["#+ summary: " + "x" * 100_001], ":", "over the limit of 100,000"),
    "colon-in-value": (["#+ summary: a: b: c"], ":1:", "malformed YAML: mapping values are not allowed here"),
    "unclosed-flow": (["#+ summary: x", "#+ params: [ {name: x"], ":", "malformed YAML"),
    "tab-indent": (["#+ params:", "#+ \t- {name: x}"], ":2:", "malformed YAML"),
    "unclosed-quote": (["#+ summary: \"never closed"], ":", "malformed YAML"),
}


def _write(tmp_path, lines: list[str], body: str = "SELECT * WHERE { ?s ?p ?o } LIMIT 1\n"):
    path = tmp_path / "hostile.rq"
    path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(HEADERS))
def test_a_hostile_header_is_one_line_naming_the_file(runner, tmp_path, case):
    lines, where, message = HEADERS[case]
    path = _write(tmp_path, lines)
    started = time.perf_counter()
    result = runner.invoke(main, ["query", str(path)])
    line = assert_one_error(result, (2,), (message,))
    assert line.startswith(f"Error: {path}{where}"), line
    assert time.perf_counter() - started < 2  # the alias bomb took 52 s


def test_a_header_error_names_the_line_of_the_file(runner, tmp_path):
    # the header is lines 1, 2 and 5; a comment and a blank line stand between
    path = tmp_path / "late.rq"
    path.write_text("#+ summary: ok\n#+ params:\n# a plain comment\n\n#+   - {name: x, type: date, default: &d 1}\n"
                    "SELECT * WHERE {}\n", encoding="utf-8")
    assert_one_error(runner.invoke(main, ["query", str(path)]), (2,), (f"{path}:5: ", "YAML anchors and aliases"))


def test_a_hostile_header_in_query_text_is_named_as_the_query_text(runner):
    result = runner.invoke(main, ["query", "-e", "#+ params: 5\nSELECT * WHERE {}"])
    assert_one_error(result, (2,), ("Error: query text: the '#+' header's 'params' must be a list",))


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"#+ summary: caf\xe9\nSELECT * WHERE {}\n"), ":1: the query file is not UTF-8 text (byte 0xE9)"),
    (lambda p: p.write_bytes(b"SELECT * WHERE {\n?s ?p \"\xff\" }\n"), ":2: the query file is not UTF-8 text (byte 0xFF)"),
    (lambda p: p.mkdir(), ": not a regular file; give a query file (.rq)"),
    (lambda p: os.mkfifo(p), ": not a regular file; give a query file (.rq)"),  # reading a FIFO would wait forever
    (lambda p: None, ": query file not found"),
])
def test_a_query_file_that_cannot_be_read_is_one_line(runner, tmp_path, make, message):
    path = tmp_path / "q.rq"
    make(path)
    assert_one_error(runner.invoke(main, ["query", str(path)]), (2,), (f"Error: {path}{message}",))


# ------------------------------------------------------------------ parameter values

ECHO = """#+ summary: echoes the values bound
#+ params:
#+   - {name: s, type: string}
#+   - {name: i, type: iri}
#+   - {name: d, type: date}
#+   - {name: n, type: integer}
#+   - {name: a, type: actor}
#+   - {name: c, type: claim}
#+   - {name: t, type: issue}
SELECT ?s ?i ?d ?n ?a ?c ?t WHERE { }
"""


@pytest.fixture
def echo(tmp_path):
    path = tmp_path / "echo.rq"
    path.write_text(ECHO, encoding="utf-8")
    return path


def _echoed(runner, echo, name: str, value: str):
    """The one row the echo query gives for one parameter value, as SPARQL JSON bindings."""
    result = runner.invoke(main, ["query", str(echo), "-p", f"{name}={value}", "--format", "json"])
    assert_clean(result, (0,))
    (row,) = json.loads(result.stdout)["results"]["bindings"]
    return row


STRINGS = {
    "line-break-then-backslash-quote": 'a\n\\"',  # a syntax error blamed on evidence.rq line 18 before
    "line-break-then-quote": 'a\n"',
    "triple-quotes": 'x"""y\'\'\'z',
    "closing-the-query": 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #',
    "a-values-block": '") } VALUES (?s) { ("other") } #',
    "backslashes": "\\\\\\",
    "trailing-backslash": "x\\",
    "carriage-returns": "a\r\nb\rc",
    "escapes-as-text": "\\u0022 \\n \\t",
    "tab-and-controls": "a\tb\x01c\x7f",
    "nul": "a\x00b",
    "right-to-left": "\u202ePOT\u202c",
    "line-separators": "a\u2028b\u2029c\x85d",
    "emoji": "\U0001f600 \u0301",
    "long": "x" * 100_000,
    "angle-iri": "<http://evil.example/>",
    "comment": "# not a comment",
    "an-equals-sign": "a=b=c",
}


@pytest.mark.parametrize("case", sorted(STRINGS))
def test_a_string_parameter_is_bound_as_the_very_text_given(runner, echo, case):
    value = STRINGS[case]
    row = _echoed(runner, echo, "s", value)
    assert row == {"s": {"type": "literal", "value": value}}


@pytest.mark.parametrize("value, iri", [
    ("sa:Ally", "https://w3id.org/state-alignments/ontology#Ally"),
    ("<http://x.org/a>", "http://x.org/a"),
    ("  http://x.org/a\n", "http://x.org/a"),
    ("javascript:alert(1)", "javascript:alert(1)"),  # an IRI like any other: data, shown as text
])
def test_an_iri_parameter_is_bound_as_the_iri_named(runner, echo, value, iri):
    assert _echoed(runner, echo, "i", value) == {"i": {"type": "uri", "value": iri}}


@pytest.mark.parametrize("name, value, message", [
    ("i", "<http://x.org/a\n>", "parameter 'i': '<http://x.org/a\\n>' is not an IRI"),  # passed the check before
    ("i", "<http://x.org/a\r>", "is not an IRI"),
    ("i", "http://x.org/a\x00b", "is not an IRI"),
    ("i", "http://x.org/a b", "is not an IRI"),
    ("i", "http://x.org/a>", "is not an IRI"),
    ("i", "<>", "is not an IRI"),
    ("i", "no colon", "is not an IRI"),
    ("i", "sa:a\\", "is not an IRI"),
    ("d", "2020", "parameter 'd': '2020' must be a full date YYYY-MM-DD"),
    ("d", "2020-01", "must be a full date YYYY-MM-DD"),
    ("d", "last year", "parameter 'd': 'last year' is not a date; write YYYY-MM-DD"),
    ("d", "2020-02-30", "is not a real date"),
    ("d", "2020-01-01T00:00", "is not a date; write YYYY-MM-DD"),
    ("d", "99999-01-01", "is not a date; write YYYY-MM-DD"),
    ("n", "1e5", "parameter 'n': '1e5' is not a whole number"),
    ("n", "9" * 5000, "is not a whole number"),
    ("n", "1\n} DROP ALL", "'1\\n} DROP ALL' is not a whole number"),
    ("a", "Serbia\nDROP ALL", "unknown actor 'Serbia\\nDROP ALL'"),
    ("a", "\x1b[2J\x1b[31mRed", "unknown actor '\\x1b[2J\\x1b[31mRed'"),  # no escape sequence reaches the terminal
    ("a", "x" * 10_000, "unknown actor"),
    ("c", 'x\n\\"', "parameter 'c': unknown claim 'x\\n\\\"'"),
    ("c", "<http://x.org/a>", "unknown claim"),
    ("t", "crimea\r\n} ", "unknown issue"),
    ("s", "a\udcffb", "parameter 's': the value is not UTF-8 text"),  # a command-line byte that is not UTF-8
    ("zz", "1", "query 'echo' has no parameter 'zz'; its parameters: s, i, d, n, a, c, t"),
    ("z\nz", "1", "has no parameter 'z\\nz'"),
])
def test_a_hostile_parameter_value_is_one_line_and_exit_2(runner, echo, name, value, message):
    result = runner.invoke(main, ["query", str(echo), "-p", f"{name}={value}"])
    assert_one_error(result, (2,), (message,))


@pytest.mark.parametrize("pair, message", [
    ("no-equals-sign", "--param expects NAME=VALUE, got 'no-equals-sign'"),
    ("=value", "--param expects NAME=VALUE, got '=value'"),
    (" =value", "--param expects NAME=VALUE"),
    ("\n=x", "--param expects NAME=VALUE, got '\\n=x'"),
])
def test_a_malformed_parameter_pair_is_one_line(runner, echo, pair, message):
    assert_one_error(runner.invoke(main, ["query", str(echo), "-p", pair]), (2,), (message,))


@pytest.mark.parametrize("claim", ['x\n\\"', "x\n", '\\"', "\"'; DROP ALL"])
def test_the_evidence_query_names_an_unknown_claim_and_never_blames_its_own_file(runner, claim):
    line = assert_one_error(runner.invoke(main, ["query", "evidence", "-p", f"claim={claim}"]), (2,),
                            ("parameter 'claim': unknown claim",))
    assert "evidence.rq" not in line and "syntax error" not in line


def test_a_hostile_actor_in_a_catalogue_query_is_an_unknown_actor(runner):
    line = assert_one_error(runner.invoke(main, ["query", "positions", "-p", 'actor=Serbia" } #']), (2,),
                            ("unknown actor 'Serbia\" } #'",))
    assert "did you mean 'Serbia'" in line


def test_a_quote_in_a_value_finds_nothing_rather_than_everything(runner, tmp_path):
    """A value that would close the string and match every claim, if pasted, matches no claim id."""
    path = tmp_path / "ids.rq"
    path.write_text("#+ summary: claims by id\n#+ params:\n#+   - {name: id, type: string, required: true}\n"
                    "PREFIX dct: <http://purl.org/dc/terms/>\n"
                    "SELECT ?claim WHERE { ?claim dct:identifier ?id }\n", encoding="utf-8")
    result = runner.invoke(main, ["query", str(path), "-p", 'id=x" || true || "', "--format", "json"])
    assert_clean(result, (0,))
    assert json.loads(result.stdout)["results"]["bindings"] == []


# ------------------------------------------------------------------ query texts

@pytest.mark.parametrize("text, message", [
    ("", "no SELECT, CONSTRUCT, ASK or DESCRIBE found in the query"),
    ("# only a comment", "no SELECT, CONSTRUCT, ASK or DESCRIBE found in the query"),
    ("DROP ALL", "this is a SPARQL update (DROP); kg runs read-only queries only"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "this is a SPARQL update (INSERT)"),
    ("SELECT * WHERE { ?s ?p ?o ", "query text: line 1, column"),
    ("SELECT * WHERE { ?s ?p \"a\nb\" }", "SPARQL syntax error"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1\x00", "SPARQL syntax error"),
    ("SELECT * WHERE { ?s ?p \"\udcff\" }", "query text: the text is not UTF-8"),
])
def test_a_hostile_query_text_is_one_line(runner, text, message):
    assert_one_error(runner.invoke(main, ["query", "-e", text]), (2,), (message,))


@pytest.mark.parametrize("name, message", [
    ("positionz", "unknown query 'positionz'; did you mean 'positions'?"),
    ("../../no/such/query", "unknown query '../../no/such/query'"),
    ("x\ny", "unknown query 'x\\ny'"),
])
def test_an_unknown_query_name_is_one_line(runner, name, message):
    assert_one_error(runner.invoke(main, ["query", name]), (2,), (message,))


def test_describing_a_hostile_query_is_the_same_one_line(runner, tmp_path):
    path = _write(tmp_path, HEADERS["alias-bomb"][0])
    assert_one_error(runner.invoke(main, ["queries", str(path)]), (2,), (f"{path}:1: ", "YAML anchors and aliases"))
    assert_one_error(runner.invoke(main, ["queries", "x\ny"]), (2,), ("unknown query 'x\\ny'",))
