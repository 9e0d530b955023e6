"""The query catalogue and `kg query`: every query runs on the seeds, parameters are typed
and bound as data, and every bad input is one line with an exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, XSD, Graph, Literal, URIRef

import kg
from kg import paths
from kg.catalogue import files as catalogue
from kg.catalogue import results, sparql
from kg.catalogue import run as query
from kg.cli import main
from kg.errors import InputError, Note, UsageError
from kg.store.embedded import SelectResult
from kg.terms.vocab import ID, SA

# a value for each parameter type, for running every query of the catalogue
SAMPLE = {
    "actor": "Serbia",
    "official": "Vucic",
    "issue": "territorial-integrity",
    "date": "2024-12-31",
    "string": "serbia-votes-no-a-res-74-17",
    "integer": "1",
    "iri": str(ID["actor/serbia"]),
    "claim": "serbia-votes-no-a-res-74-17",
    "stance": "opposes",
    "tie-type": "ally",
    "agreement-status": "signed",
    "contradiction-type": "rhetoric_vs_action",
}
EVIL = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'


def select(store, name: str, **values) -> list[dict]:
    result = query.run(store, catalogue.load(name), {k.replace("_", "-"): v for k, v in values.items()})
    assert isinstance(result, SelectResult)
    return results.rows(result)


# ---------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("name", catalogue.names())
def test_every_catalogue_query_is_documented_and_runs_on_the_seeds(store, name):
    q = catalogue.load(name)
    assert q.summary, f"{name}.rq has no summary in its '#+' header"
    for param in q.params:
        assert param.description, f"{name}.rq: parameter {param.name} has no description"
    values = {p.name: SAMPLE[p.type] for p in q.params}
    result = query.run(store, q, values)
    assert isinstance(result, (SelectResult, bool, Graph))
    # the same query with only its required parameters runs too
    required = query.run(store, q, {p.name: SAMPLE[p.type] for p in q.params if p.required})
    assert isinstance(required, type(result))


# What each internal query gives on the seeds: the least number of rows, or the ASK answer.
# No UN votes are imported into the seed graph and no load is under way.
INTERNAL_ON_SEEDS = {
    "analysis/claim-evidence": 200, "analysis/contradictions": 200, "analysis/issues": 10, "analysis/positions": 50, "analysis/ties": 50,
    "export/documents": 5, "lookup/actor-names": 100, "lookup/claims": 100, "lookup/notations": 20,
    "store/kg-graphs": 5, "store/kg-graphs-scan": 5, "store/load-in-progress": False, "unga/dataset-size": 1, "unga/import-stamps": 0,
    "unga/tally-claims": 1, "unga/vote-claims": 5,
}


def test_every_internal_query_is_known_here():
    assert catalogue.internal_names() == sorted(INTERNAL_ON_SEEDS)


@pytest.mark.parametrize("name", sorted(INTERNAL_ON_SEEDS))
def test_every_internal_query_is_documented_and_runs_on_the_seeds(store, name):
    q = catalogue.internal(name)
    assert q.name == name and q.summary, f"internal/{name}.rq has no summary in its '#+' header"
    assert all(p.description for p in q.params), f"internal/{name}.rq: a parameter has no description"
    result = query.run(store, q)
    expected = INTERNAL_ON_SEEDS[name]
    if isinstance(expected, bool):
        assert result is expected
    elif expected == 0:
        assert result.rows == []
    else:
        assert len(result.rows) >= expected


def test_internal_queries_are_not_in_the_user_catalogue():
    listed = json.loads(CliRunner().invoke(main, ["queries", "--format", "json"]).output)
    assert {q["name"] for q in listed} == set(catalogue.names())
    assert not any(q["name"].startswith(("analysis", "export-documents", "lookup", "store", "unga")) for q in listed)
    assert all(Path(q["file"]).parent == paths.queries_dir() for q in listed)
    result = CliRunner().invoke(main, ["queries", "analysis/positions"])
    assert result.exit_code == 2 and "Error: unknown query 'analysis/positions'" in result.output


def test_only_the_catalogue_opens_query_files():
    """Every .rq file is read through kg.catalogue.files: no other module knows where they are."""
    package = Path(kg.__file__).parent
    knowing = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py") if "queries_dir" in p.read_text(encoding="utf-8"))
    assert knowing == ["catalogue/files.py", "paths.py"]


def test_positions_as_of_a_date_and_on_an_issue_with_its_narrower_issues(store):
    rows = select(store, "positions", actor="Serbia", as_of="2020-01-01")
    assert rows and all(r["date"] <= "2020-01-01" for r in rows)
    claims = {r["claim"].rsplit("/", 1)[1] for r in rows}
    assert {"serbia-votes-no-a-res-74-17", "serbia-votes-no-a-res-72-190"} <= claims
    assert "serbia-will-never-join-nato" not in claims
    # ukraine-territorial-integrity takes in the narrower Crimea issue
    on_ukraine = select(store, "positions", actor="RS", issue="ukraine-territorial-integrity")
    assert {r["issue_label"] for r in on_ukraine} == {"Crimea as part of Ukraine", "Donbas and the other annexed regions as part of Ukraine"}


def test_stances_on_an_issue_by_stance(store):
    rows = select(store, "stances", issue="crimea-part-of-ukraine", stance="opposes")
    assert {r["actor_name"] for r in rows} == {"Serbia", "Russia"}
    assert all(r["position"] == "opposes" and r["quote"] for r in rows)
    annexation = next(r for r in rows if r["claim"].endswith("000_30f026fe9a52209e/russia-annexes-crimea"))
    assert (annexation["date"], annexation["date_basis"]) == ("2014-03", "stated")  # "in March 2014"
    crimea = next(r for r in select(store, "stances", issue="crimea-part-of-ukraine", stance="supports")
                  if r["quote"] == "For us, Crimea is Ukraine")
    assert (crimea["speaker_label"], crimea["date_basis"]) == ("Aleksandar Vučić", "document")
    assert "2014-03" not in {r["date"] for r in select(store, "stances", issue="crimea-part-of-ukraine", as_of="2014-03-30")}
    yes = {r["actor_name"] for r in select(store, "stances", issue="crimea-part-of-ukraine", stance="supports")}
    # the holders of a 'supports' claim on the issue in the seeds: Serbia says yes and votes no
    assert yes == {"Albania", "Bulgaria", "Croatia", "Greece", "Iran", "Montenegro", "North Macedonia", "Serbia",
                   "UN General Assembly", "Ukraine"}


def test_ties_run_both_ways_with_their_sign(store):
    rows = select(store, "ties", actor="Serbia")
    assert {"from": "Serbia", "tie": "ally", "to": "Russia", "sign": "1"}.items() <= next(
        r for r in rows if r["tie"] == "ally"
    ).items()
    assert any(r["from"] == "Russia" and r["to"] == "Serbia" for r in rows)
    # and the ties of the officials who speak for it: a sanction on a minister is a tie to his state
    assert all(r["from"] == "Serbia" or r["to"] in ("Serbia", "Aleksandar Vulin") for r in rows)
    assert {"from": "United States", "tie": "imposes sanctions on", "to": "Aleksandar Vulin", "date": "2023-07"}.items() <= next(
        r for r in rows if r["to"] == "Aleksandar Vulin" and r["tie"] == "imposes sanctions on").items()
    ally = next(r for r in rows if r["quote"] == "Serbia is also Russia’s ally")
    assert (ally["speaker_label"], ally["date_basis"]) == ("Aleksandar Vulin", "inferred")


def test_agreements_of_a_party_and_by_status(store):
    titles = {r["title"] for r in select(store, "agreements", actor="Iran")}
    assert any("Donetsk" in t for t in titles) and any("cryptocurrency" in t for t in titles)
    disputed = select(store, "agreements", status="disputed")
    assert len(disputed) == 1 and disputed[0]["reports"] == "2"
    assert disputed[0]["parties"] == "Donetsk People's Republic, Iran"


def test_evidence_behind_a_claim_by_id_and_by_file_and_id(store):
    rows = select(store, "evidence", claim="serbia-votes-no-a-res-74-17")
    assert len(rows) == 1
    row = rows[0]
    assert row["quote"].startswith("Serbia voted against a resolution")
    assert (row["source"], row["date"], row["date_basis"]) == ("002_6c2ca3a879d015f2.txt", "2019-12-09", "inferred")
    text = (paths.default_seeds_dir() / row["source"]).read_text(encoding="utf-8")
    assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    assert len(select(store, "evidence", claim="russia-annexes-crimea")) == 2  # the same id in two files
    assert len(select(store, "evidence", claim="000_30f026fe9a52209e/russia-annexes-crimea")) == 1


def test_timeline_is_in_date_order_between_two_dates(store, built):
    rows = select(store, "timeline", actor="Serbia", **{"from": "2022-01-01", "until": "2022-12-31"})
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    # every claim of 2022 that Serbia makes, claims or is a party to, read from the build with rdflib
    ds, serbia = built.dataset, ID["actor/serbia"]
    kinds = {SA.Statement: "statement", SA.Action: "action", SA.Tie: "tie", SA.Agreement: "agreement", SA.Report: "report"}
    shown = {"year": 4, "month": 7, "day": 10}  # a date as precise as the text: YYYY, YYYY-MM or YYYY-MM-DD
    expected = sorted((str(ds.value(c, SA.date))[:shown[str(ds.value(c, SA.datePrecision))]], kinds[cls], str(c))
                      for cls in kinds for c in set(ds.subjects(RDF.type, cls))
                      if any((c, p, serbia) in ds for p in (SA.actor, SA.claimant, SA.party))
                      and "2022-01-01" <= str(ds.value(c, SA.date)) <= "2022-12-31")
    assert sorted((r["date"], r["kind"], r["claim"]) for r in rows) == expected
    assert {kind for _, kind, _ in expected} == {"statement", "action", "tie", "agreement"}


def test_mixed_ties_find_serbia_between_the_eu_and_russia(store):
    rows = select(store, "mixed-ties", actor="Serbia")
    pairs = {(r["first"], r["second"]) for r in rows}
    assert ("European Union", "Russia") in pairs
    assert all(r["actor_name"] == "Serbia" for r in rows)
    eu = next(r for r in rows if (r["first"], r["second"]) == ("European Union", "Russia"))
    assert (eu["ties_to_first"], eu["set_apart_by"]) == ("candidate for", "a negative tie between them")
    assert set(eu["ties_to_second"].split(", ")) == {"ally", "strategic partner", "friendly relations", "dependent on for energy"}


def test_contradictions_query_filters_by_actor_and_type(store):
    rows = select(store, "contradictions", actor="Iran", type="source_dispute")
    assert {r["origin"] for r in rows} == {"curated"}
    assert {r["contradiction_type"] for r in rows} == {"source_dispute"}
    assert len({r["contradiction"] for r in rows}) == 2 and len(rows) == 4


def test_issues_and_actors_list_what_parameters_may_name(store):
    issues = {r["notation"]: r for r in select(store, "issues")}
    assert issues["territorial-integrity"]["principle"] == "yes"
    assert issues["crimea-part-of-ukraine"]["broader"] == "ukraine-territorial-integrity"
    assert issues["measures-against-russia"]["counters"] == "russian-invasion-of-ukraine"
    actors = {r["name"]: r for r in select(store, "actors")}
    assert (actors["Serbia"]["iso"], actors["Serbia"]["kind"]) == ("RS", "state")
    assert actors["Aleksandar Vučić"]["acts_for"] == "Serbia"


# ---------------------------------------------------------------- parameters


@pytest.mark.parametrize("given", ["Serbia", "serbia", "RS", "SRB", "Belgrade", "Republic of Serbia", "serbia "])
def test_an_actor_is_named_by_name_alias_or_iso_code(store, given):
    assert query.resolve_actor(store, given) == ID["actor/serbia"]


def test_an_official_is_named_without_diacritics(store):
    assert query.resolve_official(store, "Vucic") == ID["actor/vucic"]


def test_an_official_given_as_an_actor_stands_for_his_state_with_a_note(store):
    with pytest.warns(Note, match=r"^Aleksandar Vučić speaks for Serbia; parameter 'actor' takes Serbia$"):
        assert query.resolve_actor(store, "Vucic") == ID["actor/serbia"]
    with pytest.warns(Note, match=r"^Aleksandar Vučić speaks for Serbia; parameter 'actor' takes Serbia "
                                  r"\(what Aleksandar Vučić voiced: speaker=Vucic\)$"):
        rows = select(store, "positions", actor="Vucic")
    assert rows == select(store, "positions", actor="Serbia") and len(rows) > 20  # his state's positions, not nothing
    voiced = select(store, "positions", speaker="Vucic")
    assert voiced and {r["speaker_label"] for r in voiced} == {"Aleksandar Vučić"} and {r["actor_label"] for r in voiced} == {"Serbia"}
    assert ("2023-01-20", "document", "For us, Crimea is Ukraine") in {(r["date"], r["date_basis"], r["quote"]) for r in voiced}
    timeline = select(store, "timeline", speaker="Vulin")
    assert ("tie", "ally Russia", "Serbia is also Russia’s ally") in {(r["kind"], r["what"], r["quote"]) for r in timeline}
    assert {r["speaker_label"] for r in timeline} == {"Aleksandar Vulin"}
    with pytest.raises(UsageError, match=r"^parameter 'speaker': Serbia is a state, not an official; "):
        query.resolve_official(store, "Serbia")


def test_typed_terms(store):
    params = {p.name: p for p in catalogue.load("positions").params}
    assert query.to_term(store, params["as-of"], "2020-01-01") == Literal("2020-01-01", datatype=XSD.date)
    assert query.to_term(store, params["issue"], "crimea-part-of-ukraine") == URIRef(
        "https://w3id.org/state-alignments/issue/crimea-part-of-ukraine"
    )
    ctype = catalogue.Param("type", "contradiction-type")
    assert query.to_term(store, ctype, "rival_ties") == SA.RivalTies
    assert query.to_term(store, catalogue.Param("n", "integer"), "7") == Literal(7)


def test_a_default_applies_when_the_parameter_is_not_given(store, built, tmp_path):
    path = tmp_path / "since.rq"
    path.write_text(
        "#+ summary: positions since a date\n"
        "#+ params:\n#+   - {name: since, type: date, default: '2024-01-01', description: from}\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?c sa:date ?d ; sa:stance ?s . FILTER (?d >= ?since) }\n",
        encoding="utf-8",
    )
    q = catalogue.load(str(path))
    later = int(results.rows(query.run(store, q))[0]["n"])
    earlier = int(results.rows(query.run(store, q, {"since": "2020-01-01"}))[0]["n"])
    dated = [str(built.dataset.value(c, SA.date)) for c in set(built.dataset.subjects(SA.stance, None))]
    assert (later, earlier) == (sum(d >= "2024-01-01" for d in dated), sum(d >= "2020-01-01" for d in dated))
    assert later < earlier


@pytest.mark.parametrize(
    "spec, values, message",
    [
        ("postions", {}, "unknown query 'postions'; did you mean 'positions'?"),
        ("ties", {}, "query 'ties' needs the parameter 'actor'"),
        ("positions", {"actor": "Serbia", "colour": "red"}, "query 'positions' has no parameter 'colour'; its parameters: actor, speaker, as-of, issue"),
        ("positions", {"actor": "Serbia", "as-of": "2020-13-01"}, "parameter 'as-of': '2020-13-01' is not a real date"),
        ("positions", {"actor": "Serbia", "as-of": "last year"}, "parameter 'as-of': 'last year' is not a date"),
        ("positions", {"actor": "Serbai"}, "unknown actor 'Serbai'; did you mean 'Serbia'?"),
        ("positions", {"actor": "Serbia", "issue": "crimea"}, "unknown issue 'crimea'; did you mean 'crimea-part-of-ukraine'?"),
        ("stances", {"issue": "crimea-part-of-ukraine", "stance": "against"}, "parameter 'stance': unknown stance 'against' (use one of ambivalent, neutral, opposes, supports)"),
        ("contradictions", {"type": "rival"}, "unknown contradiction-type 'rival'; did you mean 'rival_ties'?"),
    ],
)
def test_bad_queries_and_parameters_are_one_line_usage_errors(store, spec, values, message):
    with pytest.raises(UsageError) as info:
        query.run(store, catalogue.load(spec), values)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_an_update_is_refused_before_anything_runs(store, built):
    for text in ("DROP ALL", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }"):
        with pytest.raises(UsageError, match="SPARQL update .* read-only"):
            query.run(store, catalogue.from_text(text))
    assert len(store) == len(built.dataset)  # every quad still there, none added


def test_a_syntax_error_shows_the_line_and_column_of_the_file(store, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text(
        "#+ summary: broken\n#+ params:\n#+   - {name: actor, type: actor, description: who}\n"
        "SELECT ?c WHERE { ?c sa:actor ?actor . FILTR (?c) }\n",
        encoding="utf-8",
    )
    messages = []
    for values in ({}, {"actor": "Serbia"}):  # binding a value must not shift the position
        with pytest.raises(InputError) as info:
            query.run(store, catalogue.load(str(path)), values)
        messages.append(str(info.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith(f"{path}: line 4, column 48: SPARQL syntax error: expected")
    assert "\n" not in messages[0]


def test_a_bad_header_is_an_input_error_naming_the_file(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("#+ summary: a: b: c\nSELECT * WHERE {}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.rq:1: the '#\+' header: malformed YAML: mapping values are not allowed here"):
        catalogue.load(str(path))
    path.write_text("#+ params:\n#+   - {name: x, type: colour}\nSELECT * WHERE {}\n", encoding="utf-8")
    with pytest.raises(InputError, match="parameter 'x' has unknown type 'colour'"):
        catalogue.load(str(path))


# ---------------------------------------------------------------- injection


def test_a_value_is_bound_as_data_and_cannot_change_the_query():
    text = catalogue.load("evidence").text
    bound = sparql.bind(text, {"claim": Literal(EVIL)})
    # the text around the VALUES block is untouched, and the value sits in it as one escaped literal
    at = sparql._where_brace(text) + 1
    block = bound[at : len(bound) - len(text) + at]
    assert bound[:at] + bound[at + len(block) :] == text
    assert block == f" VALUES (?claim) {{ ({Literal(EVIL).n3()}) }} "
    assert sparql.query_form(bound) == "SELECT"


def test_a_list_of_values_binds_one_row_each_beside_the_single_values(store):
    text = "SELECT ?a ?b WHERE { } ORDER BY ?a"
    bound = sparql.bind(text, {"a": [Literal("x"), URIRef(str(ID) + "y"), Literal(EVIL)], "b": Literal(1)})
    assert bound == ('SELECT ?a ?b WHERE { VALUES (?b) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }  '
                     f'VALUES ?a {{ "x" <{ID}y> {sparql._n3(Literal(EVIL))} }}  }} ORDER BY ?a')
    assert [(str(a), int(b)) for a, b in store.query(bound).rows] == [(str(ID) + "y", 1), ("x", 1), (EVIL, 1)]
    with pytest.raises(UsageError, match="is not a valid IRI"):
        sparql.bind(text, {"a": [URIRef("http://x/ y")]})


def test_a_marked_variable_is_bound_where_each_branch_marks_it_with_the_same_answer(store):
    text = "SELECT ?a ?b WHERE {\n  {\n    # values: ?a\n    ?s ?p ?a\n  } UNION {\n    # values: ?a\n    ?a ?p ?o\n  }\n}"
    bound = sparql.bind(text, {"a": [URIRef(str(ID) + "x"), URIRef(str(ID) + "y")], "b": Literal(1)})
    block = f"VALUES ?a {{ <{ID}x> <{ID}y> }}"
    assert bound == ('SELECT ?a ?b WHERE { VALUES (?b) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) } \n  {\n'
                     f"    # values: ?a\n    {block}\n    ?s ?p ?a\n  }} UNION {{\n    # values: ?a\n    {block}\n"
                     "    ?a ?p ?o\n  }\n}")
    # the ties kg compare reads: the same rows with the values in each branch as with one block for the whole union
    ties = catalogue.internal("analysis/ties").text
    assert ties.count("# values: ?actor ?target") == 2
    ends = {"actor": [URIRef(str(ID) + "actor/" + a) for a in ("serbia", "russia", "aleksandar-vucic")],
            "target": [URIRef(str(ID) + "actor/" + a) for a in ("serbia", "russia", "european-union")]}
    def rows(text):  # in no order: kg.analysis.ties sorts them
        return sorted(([str(t) for t in row] for row in store.query(text).rows))

    marked = rows(sparql.bind(ties, ends))
    assert len(marked) > 10
    assert marked == rows(sparql.bind(ties.replace("# values: ?actor ?target", "#"), ends))


def test_an_injection_attempt_through_a_parameter_is_only_a_value(store, tmp_path):
    path = tmp_path / "echo.rq"
    path.write_text(
        "#+ summary: echo a value\n#+ params:\n#+   - {name: v, type: string, description: any text}\n"
        "SELECT ?v (COUNT(?s) AS ?n) WHERE { OPTIONAL { ?s sa:quote ?v } } GROUP BY ?v\n",
        encoding="utf-8",
    )
    before = len(store)
    rows = results.rows(query.run(store, catalogue.load(str(path)), {"v": EVIL}))
    assert rows == [{"v": EVIL, "n": "0"}]
    assert len(store) == before
    with pytest.raises(UsageError, match="unknown claim"):
        select(store, "evidence", claim=EVIL)


def test_an_injection_attempt_through_a_typed_parameter_is_rejected_as_a_value(store):
    for param, value in (("actor", EVIL), ("as-of", "2020-01-01\"^^xsd:string } ; DROP ALL #")):
        values = {"actor": "Serbia", param: value}
        with pytest.raises(UsageError):
            query.run(store, catalogue.load("positions"), values)
    with pytest.raises(UsageError, match="is not an IRI"):
        query.to_term(store, catalogue.Param("i", "iri"), "http://x/> } DROP ALL { <y")


# ---------------------------------------------------------------- results


def test_sparql_json_results_format(store):
    result = query.run(store, catalogue.from_text('SELECT ?x ?d ?l ?u WHERE { VALUES (?x ?d ?l) { (sa:State "2020-01-01"^^xsd:date "Srbija"@sr) } }'))
    doc = results.sparql_json(result)
    assert doc["head"] == {"vars": ["x", "d", "l", "u"]}
    assert doc["results"]["bindings"] == [
        {
            "x": {"type": "uri", "value": str(SA.State)},
            "d": {"type": "literal", "value": "2020-01-01", "datatype": str(XSD.date)},
            "l": {"type": "literal", "value": "Srbija", "xml:lang": "sr"},
        }
    ]
    assert results.sparql_json(query.run(store, catalogue.from_text("ASK { ?s a sa:State }"))) == {"head": {}, "boolean": True}


# ---------------------------------------------------------------- the command line


def test_kg_queries_lists_every_query_with_summary_and_parameters():
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 0, result.output
    for name in catalogue.names():
        assert name in result.output
    assert "actor (actor), speaker (official), as-of (date), issue (issue)" in result.output
    listed = json.loads(CliRunner().invoke(main, ["queries", "--format", "json"]).output)
    assert [q["name"] for q in listed] == catalogue.names()
    positions = next(q for q in listed if q["name"] == "positions")
    assert positions["params"][0] == {"name": "actor", "type": "actor", "required": False, "default": None,
                                      "description": "the actor (name, alias or ISO code); all actors when not given"}


def test_kg_queries_name_describes_one_query_and_its_parameters():
    result = CliRunner().invoke(main, ["queries", "stances"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("stances: Every statement and action on the issue")
    assert any(line.split()[:3] == ["issue", "issue", "yes"] for line in result.output.splitlines())
    result = CliRunner().invoke(main, ["queries", "stance"])
    assert result.exit_code == 2 and "Error: unknown query 'stance'; did you mean 'stances'?" in result.output


def test_kg_queries_name_sparql_prints_the_text_that_runs_as_a_file(runner, tmp_path):
    result = runner.invoke(main, ["queries", "ties", "--sparql"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (paths.queries_dir() / "ties.rq").read_text(encoding="utf-8")
    mine = tmp_path / "mine.rq"
    mine.write_text(result.stdout, encoding="utf-8")
    as_file = runner.invoke(main, ["query", str(mine), "-p", "actor=Serbia", "--format", "csv"])
    by_name = runner.invoke(main, ["query", "ties", "-p", "actor=Serbia", "--format", "csv"])
    assert as_file.exit_code == 0 and as_file.stdout == by_name.stdout and "Russia" in as_file.stdout
    result = runner.invoke(main, ["queries", "--sparql"])
    assert result.exit_code == 2 and "Error: --sparql prints one query: give its NAME" in result.output


def test_kg_query_positions_as_a_table_and_as_sparql_json(runner, built):
    result = runner.invoke(main, ["query", "positions", "--param", "actor=Serbia", "--param", "as-of=2020-01-01", "--full"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["date", "date_basis", "kind", "actor_label", "issue_label"]
    assert any("Crimea as part of Ukraine" in line and "opposes" in line for line in lines)
    doc = json.loads(runner.invoke(main, ["query", "positions", "-p", "actor=RS", "--format", "json"]).output)
    assert doc["head"]["vars"] == ["date", "date_basis", "kind", "actor_label", "issue_label", "stance", "speaker_label",
                                   "target", "quote", "source", "claim"]
    ds = built.dataset
    serbia = {str(c) for cls in (SA.Statement, SA.Action) for c in ds.subjects(RDF.type, cls) if ds.value(c, SA.actor) == ID["actor/serbia"]}
    assert sorted(b["claim"]["value"] for b in doc["results"]["bindings"]) == sorted(serbia) and len(serbia) == 25


def test_kg_query_csv_a_file_and_text(runner, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?name WHERE { ?a a sa:Bloc ; rdfs:label ?name } ORDER BY ?name\n", encoding="utf-8")
    result = runner.invoke(main, ["query", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == ["name", "European Union", "NATO"]
    result = runner.invoke(main, ["query", "-e", "CONSTRUCT { ?a a sa:Bloc } WHERE { ?a a sa:Bloc }"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.output, format="turtle")
    assert len(graph) == 5 and (ID["actor/nato"], RDF.type, SA.Bloc) in graph


def test_kg_query_text_may_declare_typed_parameters(runner):
    text = (
        "#+ params:\n#+   - {name: who, type: actor, required: true, description: an actor}\n"
        "SELECT ?iso WHERE { ?who sa:isoCode ?iso }"
    )
    result = runner.invoke(main, ["query", "-e", text, "-p", "who=Belgrade", "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["iso", "RS"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "postions"], "Error: unknown query 'postions'; did you mean 'positions'?"),
        (["query", "ties"], "Error: query 'ties' needs the parameter 'actor'"),
        (["query", "positions", "-p", "actor=Serbia", "-p", "as-of=2020-02-30"], "Error: parameter 'as-of': '2020-02-30' is not a real date"),
        (["query", "positions", "-p", "actor"], "Error: --param expects NAME=VALUE, got 'actor'"),
        (["query", "positions", "-p", "actor=Atlantis"], "Error: unknown actor 'Atlantis'"),
        (["query", "-e", "DROP ALL"], "Error: this is a SPARQL update (DROP); kg runs read-only queries only"),
        (["query", "-e", "SELECT * WHERE {\n  ?s ?p . FILTR (?s) }"], "Error: query text: line 2, column "),
        (["query"], "Error: give one query"),
        (["query", "-e", "CONSTRUCT WHERE { ?s a sa:Bloc }", "--format", "csv"], "Error: a CONSTRUCT or DESCRIBE query gives a graph"),
        (["query", "missing.rq"], "missing.rq: query file not found"),
    ],
)
def test_kg_query_bad_input_is_one_line_with_exit_code_2(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("Error:")]) == 1


def test_dates_are_as_precise_as_the_text_and_count_from_the_end_of_their_period(store):
    veto = "serbia-asks-russia-to-block-srebrenica-resolution"

    def claims(**values):
        return {r["claim"].rsplit("/", 1)[-1]: r for r in select(store, "positions", actor="Serbia", **values)}

    assert claims()[veto]["date"] == "2015" and claims()[veto]["date_basis"] == "inferred"  # "in 2015", not 2015-01-01
    assert veto not in claims(as_of="2015-12-30") and veto in claims(as_of="2015-12-31")
    # the Rafale purchase of late August 2024, dated 2024-08 in an article of 4 September
    rafale = "serbia-buys-rafale-jets"
    assert claims()[rafale]["date"] == "2024-08"
    assert rafale not in claims(as_of="2024-08-15") and rafale not in claims(as_of="2024-08-30")
    assert rafale in claims(as_of="2024-08-31")
    # a month ends early when its document is earlier: the plates of "earlier this month" in an article of 23 August
    plates = "serbia-proposes-neutral-plates"
    assert claims()[plates]["date"] == "2022-08"
    assert plates not in claims(as_of="2022-08-22") and plates in claims(as_of="2022-08-23")

    def timeline(**values):
        return {r["claim"].rsplit("/", 1)[-1] for r in select(store, "timeline", actor="Serbia", **values)}

    # a timeline places a claim on that same day for 'from' and 'until' alike
    assert "rafale-purchase-agreement" not in timeline(until="2024-08-30")
    assert "rafale-purchase-agreement" in timeline(**{"from": "2024-08-31", "until": "2024-08-31"})
    # the raw-materials deal the text dates only "earlier": 2024, known from its article of 2024-09-04
    assert "eu-serbia-raw-materials-deal" not in timeline(until="2024-09-03")
    assert "eu-serbia-raw-materials-deal" in timeline(**{"from": "2024-09-04", "until": "2024-09-04"})
