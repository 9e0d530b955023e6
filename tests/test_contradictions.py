"""`kg contradictions`: each contradiction with its type, actors, origin and both claims' evidence."""

from __future__ import annotations

import json

import pytest
from conftest import wrapped_cell

from kg.analysis import contradictions
from kg.cli import main
from kg.errors import UsageError


def claim_ids(item: dict) -> set[str]:
    return {e["claim"].rsplit("/", 1)[1] for e in item["evidence"]}


def find(items: list[dict], type_: str, *claims: str) -> dict:
    for item in items:
        if item["type"] == type_ and claim_ids(item) == set(claims):
            return item
    raise AssertionError(f"no {type_} contradiction between {claims}")


# The contradictions the seeds must surface, each by its type and the ids of its two claims.
REQUIRED = [
    ("rhetoric_vs_action", "serbia-crimea-is-ukraine", "serbia-votes-no-a-res-74-17"),
    ("rhetoric_vs_action", "serbia-cannot-support-invasion", "serbia-votes-no-a-res-74-17"),
    ("rhetoric_vs_action", "serbia-condemns-russian-aggression", "serbia-refuses-western-sanctions"),
    ("rival_ties", "serbia-candidate-for-eu", "serbia-ally-of-russia"),
    # paired with the latest claim of its side (Iran supplying drones, as reported later)
    ("rhetoric_vs_action", "iran-does-not-recognise-crimea-annexation", "iran-supplies-drones-to-russia"),
    ("rhetoric_vs_action", "iran-opposes-war-in-ukraine", "iran-supplies-drones-to-russia"),
    ("source_dispute", "iran-says-drones-before-invasion", "west-says-drones-after-invasion"),
    ("source_dispute", "dpr-says-iran-trade-deal-signed", "iran-denies-dpr-trade-deal"),
    ("rhetoric_vs_action", "russia-supports-serbia-territorial-integrity", "russia-annexes-donbas-and-south"),
]


def test_the_required_contradictions_come_out_as_json_with_both_quotes(runner):
    result = runner.invoke(main, ["contradictions", "--format", "json", "--pairs"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    for type_, a, b in REQUIRED:
        item = find(items, type_, a, b)
        assert {"type", "actors", "origin", "evidence"} <= set(item)
        assert len(item["evidence"]) == 2
        for ev in item["evidence"]:
            assert ev["quote"] and ev["source"].endswith(".txt") and len(ev["date"]) == 10
        assert item["origin"] == ("curated" if type_ == "source_dispute" else type_)
        assert item["curated"] is (type_ == "source_dispute")


def test_a_contradiction_names_its_actors_and_reads_the_claims(store):
    items = [c.to_json() for c in contradictions.find(store, "Serbia")]
    crimea = find(items, "rhetoric_vs_action", "serbia-crimea-is-ukraine", "serbia-votes-no-a-res-74-17")
    assert crimea["actors"] == ["Serbia"]
    vote, said = crimea["evidence"]  # the earlier claim first
    assert (vote["kind"], vote["stance"], vote["date"]) == ("action", "opposes", "2019-12-09")
    assert vote["subject"] == "Crimea as part of Ukraine" and vote["source"] == "002_6c2ca3a879d015f2.txt"
    assert (said["kind"], said["stance"]) == ("statement", "supports")
    assert "Crimea is Ukraine" in said["quote"]
    assert "but acts" in crimea["note"]
    rival = find(items, "rival_ties", "serbia-candidate-for-eu", "serbia-ally-of-russia")
    assert rival["actors"] == ["Serbia"]  # the actor holding both ties; the note names the other two
    assert {e["stance"] for e in rival["evidence"]} == {"candidate for", "ally"}
    assert {e["subject"] for e in rival["evidence"]} == {"European Union", "Russia"}


def test_filter_by_actor_alias_and_by_type(store, built):
    from rdflib import RDF

    from kg.terms.vocab import SA, actor_iri

    ds = built.dataset  # what the build holds, read with rdflib: 3 curated and 115 derived, 44 of them involving Serbia
    every = contradictions.find(store)
    assert {c.iri for c in every} == {str(c) for c in ds.subjects(RDF.type, SA.Contradiction)} and len(every) == 118
    serbia = contradictions.find(store, "RS")
    assert {c.iri for c in serbia} == {str(c) for c in ds.subjects(SA.involves, actor_iri("serbia"))}
    assert len(serbia) == 44 and all("Serbia" in c.labels for c in serbia)
    disputes = contradictions.find(store, type="source_dispute")
    assert {c.type for c in disputes} == {"source_dispute"} and all(c.curated for c in disputes)
    assert [c.iri for c in contradictions.find(store, "Iran", "source_dispute")] == [c.iri for c in disputes]
    assert contradictions.find(store, "Serbia", "source_dispute") == []


def test_several_actors_give_the_contradictions_involving_any_of_them_each_once(store, built):
    from kg.terms.vocab import SA, actor_iri

    ds = built.dataset
    wanted = [str(actor_iri("serbia")), str(actor_iri("iran"))]
    found = contradictions.find(store, actors=wanted)
    involved = {str(c) for a in wanted for c in ds.subjects(SA.involves, actor_iri(a.rsplit("/", 1)[1]))}
    assert len(found) == len({c.iri for c in found}) and {c.iri for c in found} == involved
    assert found == [c for c in contradictions.find(store) if c.iri in involved]  # same records, same order
    assert contradictions.find(store, type="source_dispute", actors=wanted) == contradictions.find(store, "Iran", "source_dispute")
    assert contradictions.find(store, actors=[]) == []


def test_the_records_hold_exactly_the_rows_of_the_catalogue_query(store):
    # find() reads the contradictions and their claims' evidence apart; a user reads them in one
    # query (kg query contradictions): both must say the same of every claim of every contradiction
    from kg.catalogue import files as catalogue
    from kg.catalogue import results
    from kg.catalogue import run as query

    def row(r):
        return (r["contradiction"], r["contradiction_type"], r["origin"], r["note"], r["actors"], r["claim"],
                r["claim_actor"], r["kind"], r["stance"], r["subject"], r["issue"], r["question"] or r["issue"],
                r["date"], r["precision"] or "day", r["date_basis"] or "stated", r["quote"], r["speaker"], r["source"])

    rows = {row(r) for r in results.rows(query.run(store, catalogue.load("contradictions")))}
    records = {(c.iri, c.type, c.origin, c.note, "; ".join(c.labels), e.claim, e.actor, e.kind, e.stance, e.subject,
                e.issue, e.question, e.date, e.precision, e.basis, e.quote, e.speaker, e.source)
               for c in contradictions.find(store) for e in c.evidence}
    assert len(rows) > 200 and records == rows


def test_every_type_is_known_and_every_contradiction_has_two_claims_or_a_tie_and_two_positions(store):
    for c in contradictions.find(store):
        assert c.type in contradictions.TYPES
        assert len(c.evidence) == (3 if c.type == "tie_vs_position" else 2) and c.actors
        assert c.origin == "curated" or c.origin == c.type


def test_full_shows_both_quotes_whole(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(main, ["contradictions", "Serbia", "--type", "rhetoric_vs_action", "--full", "--pairs"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0].split()[:4] == ["#", "type", "origin", "actors"]
    assert ("Serbia voted against a resolution calling on the Russian Federation “as an occupying power” "
            "to withdraw its military forces from Crimea") in out
    assert "For us, Crimea is Ukraine" in out
    assert "rival_ties" not in out
    assert max(len(line) for line in out.splitlines()) > 200


def test_the_table_fits_the_width_wrapping_the_quotes(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    result = runner.invoke(main, ["contradictions", "Serbia", "--type", "rival_ties", "--pairs"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) == 200
    heading = lines[0].split()
    assert heading == ["#", "type", "origin", "actors", "date", "claim", "by", "kind", "stance", "on", "quote", "source"]
    # the dates, kinds and sources are whole; a long quote wraps within its column, no word lost
    assert "2024-09-04  Serbia    tie" in result.stdout and "004_2c0c4e712b805dba.txt" in result.stdout
    assert "Aleksandar Vulin: Serbia is also Russia’s ally  " in result.stdout  # short enough to stand on one line
    # each quote names its speaker
    assert wrapped_cell(lines, "quote", "Aleksandar Vulin: Vulin told Putin", 4).startswith(
        "Aleksandar Vulin: Vulin told Putin that Serbia's close ties with Russia will continue in the future")
    assert "…" not in result.stdout


def test_json_keeps_its_keys_and_adds_the_actors_ids_issues_and_rule(runner):
    result = runner.invoke(main, ["contradictions", "Serbia", "--type", "rhetoric_vs_action", "--format", "json", "--pairs"])
    assert result.exit_code == 0, result.output
    item = find(json.loads(result.stdout), "rhetoric_vs_action", "serbia-crimea-is-ukraine", "serbia-votes-no-a-res-74-17")
    assert list(item) == ["id", "type", "type_label", "actors", "actor_ids", "issues", "origin", "curated", "rule",
                          "note", "evidence"]
    assert item["type_label"] == "rhetoric vs action"
    assert item["actor_ids"] == ["https://w3id.org/state-alignments/id/actor/serbia"]
    assert item["issues"] == ["crimea-part-of-ukraine"]
    assert item["rule"] == "https://w3id.org/state-alignments/id/rule/rhetoric_vs_action"
    assert list(item["evidence"][0]) == ["claim", "actor", "kind", "stance", "subject", "issue", "date", "quote", "source",
                                         "speaker", "date_basis"]
    # the vote's day is read from "On Monday night (December 9th)"; the interview is undated: the document's day
    assert [e["date_basis"] for e in item["evidence"]] == ["inferred", "document"]
    assert [e["issue"] for e in item["evidence"]] == ["crimea-part-of-ukraine", "crimea-part-of-ukraine"]


def test_as_of_keeps_the_contradictions_whose_claims_all_date_up_to_it(store):
    every = contradictions.find(store)
    before = contradictions.find(store, as_of="2019-12-31")
    assert before == [c for c in every if all(e.date <= "2019-12-31" for e in c.evidence)]
    assert 0 < len(before) < len(every)


def test_as_of_counts_a_claim_dated_to_the_month_from_the_end_of_its_month(store):
    # Serbia's Rafale deal with France, "in late August" 2024: dated 2024-08, reported on 2024-09-04
    every = contradictions.find(store)
    august = [c for c in every if any(e.date.startswith("2024-08") and e.precision == "month" for e in c.evidence)]
    assert august and {c.type for c in august} == {"rival_ties"} and {tuple(c.labels) for c in august} == {("Serbia",)}
    deal = next(e for c in august for e in c.evidence if e.precision == "month")
    assert (deal.date[:10], deal.reported, deal.basis) == ("2024-08-01", "2024-09-04", "inferred")
    mid_month = contradictions.find(store, as_of="2024-08-15")
    assert not set(august) & set(mid_month)  # the text does not say the deal was made by the 15th
    # the deal counts from the month's end (its report came later): none is there a day before it, all by the report
    assert not set(august) & set(contradictions.find(store, as_of="2024-08-30"))
    assert set(august) <= set(contradictions.find(store, as_of="2024-09-04"))
    # the day-dated ones of that fortnight are there
    assert mid_month == [c for c in every if c not in august and all(e.date[:10] <= "2024-08-15" for e in c.evidence)]


def test_csv_repeats_the_contradiction_on_each_claim_row(runner):
    result = runner.invoke(main, ["contradictions", "Iran", "--type", "source_dispute", "--format", "csv", "--pairs"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "#,type,origin,actors,date,claim by,kind,stance,on,quote,source"
    assert len(lines) == 1 + 4 and all(",source_dispute,curated," in line for line in lines[1:])


@pytest.mark.parametrize(
    "args, message",
    [
        (["contradictions", "Atlantis"], "Error: unknown actor 'Atlantis'"),
        (["contradictions", "Serbia", "--type", "hypocrisy"], "Error: parameter 'type': unknown contradiction-type 'hypocrisy'"),
    ],
)
def test_bad_input_is_one_line_with_exit_code_2(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_an_unknown_actor_suggests_the_closest_name(store):
    with pytest.raises(UsageError, match="did you mean 'Serbia'"):
        contradictions.find(store, "Sebria")


def test_serbias_tensions_are_few_and_led_by_crimea(store):
    from kg.analysis import tensions

    pairs = contradictions.find(store, actor="Serbia")
    found = tensions.gather(pairs)
    assert len(pairs) == 44 and len(found) == 8  # every pair in exactly one tension
    assert sorted(c.iri for t in found for c in t.pairs) == sorted(c.iri for c in pairs)
    crimea = found[0]
    assert (crimea.type, crimea.labels, crimea.closeness, crimea.documents) == ("rhetoric_vs_action", ["Serbia"], 1.0, 2)
    said, done = ({e.claim.rsplit("/", 1)[1] for g in s.groups for e in g} for s in
                  sorted(crimea.sides, key=lambda s: s.side.kind != "statement"))
    assert "serbia-crimea-is-ukraine" in said and "serbia-votes-no-a-res-74-17" in done
    assert [t.strength for t in found] == sorted((t.strength for t in found), reverse=True)


def test_the_table_lists_tensions_with_both_quotes_and_pairs_on_request(runner):
    result = runner.invoke(main, ["contradictions", "Serbia", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert len(found) == 8 and found[0]["sides"][0]["groups"][0]["claims"][0]["quote"]
    assert {"type", "actors", "strength", "documents", "sides", "pairs", "origin", "latest"} <= set(found[0])
    pairs = json.loads(runner.invoke(main, ["contradictions", "Serbia", "--pairs", "--format", "json"]).output)
    assert len(pairs) == sum(len(t["pairs"]) for t in found) == 44
