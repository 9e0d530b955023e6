"""kg compare: issue-by-issue stances, agreement marks and pair scores on the seed graph."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg import paths
from kg.analysis import alignment, stances
from kg.cli import main
from kg.errors import UsageError
from kg.terms.ontology import Issue


@pytest.fixture(scope="module")
def serbia(store):
    return alignment.compare(store, ["Serbia"], against=["Russia", "EU"])


def _row(comparison, issue):
    [row] = [r for r in comparison.issues if r.issue == issue]
    return row


def _marks(row, actor, other):
    return [m.word for e in row.entries if e.actor == actor for m in e.marks if m.other == other]


def test_serbia_sides_with_russia_on_kosovo_and_srebrenica(serbia):
    for issue in ("kosovo-part-of-serbia", "srebrenica-genocide-resolution"):
        row = _row(serbia, issue)
        assert _marks(row, "Serbia", "Russia") == ["agrees", "agrees"]  # its latest statement and action
        assert row.pairs[("Serbia", "Russia")] == 1.0


def test_serbia_sides_with_the_eu_against_the_war_but_not_on_sanctions(serbia):
    war = _row(serbia, "russian-invasion-of-ukraine")
    assert _marks(war, "Serbia", "European Union") == ["agrees"]
    assert _marks(war, "Serbia", "Russia") == ["disagrees"]
    [eu] = [e for e in war.entries if e.actor == "European Union"]
    # the EU's stance on the war is read from its sanctions, which counter the war
    assert eu.position.via == "sanctions-against-russia" and eu.position.stance == "opposes"
    assert _marks(_row(serbia, "sanctions-against-russia"), "Serbia", "European Union") == ["disagrees", "disagrees"]


def test_words_and_deeds_on_crimea_are_shown_apart(serbia):
    crimea = _row(serbia, "crimea-part-of-ukraine")
    said, did = [e for e in crimea.entries if e.actor == "Serbia"]
    assert (said.position.kind, said.position.stance, said.position.quote) == ("statement", "supports", "For us, Crimea is Ukraine")
    assert (did.position.kind, did.position.stance, did.position.shown_date) == ("action", "opposes", "2019-12-09")
    assert [m.word for m in said.marks] == ["disagrees"] and [m.word for m in did.marks] == ["agrees"]
    assert crimea.pairs[("Serbia", "Russia")] == 0.0


def test_every_shown_quote_is_verbatim_in_its_source(serbia):
    seeds = paths.default_seeds_dir()
    for row in serbia.issues:
        for entry in row.entries:
            text = (seeds / entry.position.source).read_text(encoding="utf-8")
            assert entry.position.quote in text


def test_pair_scores_are_the_mean_over_shared_issues(serbia):
    for pair in serbia.pairs:
        values = [row.pairs[(pair.a, pair.b)] for row in serbia.issues if (pair.a, pair.b) in row.pairs]
        assert pair.shared_issues == len(values) > 0
        assert pair.agreement == pytest.approx(sum(values) / len(values))
        assert -1 <= pair.agreement <= 1
    russia, eu = serbia.pairs
    assert (russia.a, russia.b, eu.b) == ("Serbia", "Russia", "European Union")
    assert russia.agreement > 0 > eu.agreement


def test_no_score_without_a_shared_issue(store):
    before = alignment.compare(store, ["Serbia", "Iran"], as_of="2020-01-01")
    [pair] = before.pairs
    assert pair.agreement is None and pair.shared_issues == 0
    assert all(e.actor == "Serbia" for row in before.issues for e in row.entries)
    after = alignment.compare(store, ["Serbia", "Iran"])
    assert after.pairs[0].shared_issues > 0


def test_kind_action_compares_deeds_only(store):
    deeds = alignment.compare(store, ["Serbia", "Russia"], kind="action")
    assert {e.position.kind for row in deeds.issues for e in row.entries} == {"action"}
    assert _row(deeds, "crimea-part-of-ukraine").pairs[("Serbia", "Russia")] == 1.0


def test_issue_filter_keeps_narrower_issues(store):
    result = alignment.compare(store, ["Serbia", "Russia"], issues=["serbia-territorial-integrity"])
    assert [row.issue for row in result.issues] == ["kosovo-part-of-serbia", "serbia-territorial-integrity"]


def _pos(stance, kind="statement", date="2020-01-01"):
    return stances.Position("c", "a", kind, "i", stance, date, "q", "s")


def test_agreement_of_two_positions():
    assert stances.agreement(_pos("supports"), _pos("supports")) == 1
    assert stances.agreement(_pos("neutral"), _pos("neutral")) == 1
    assert stances.agreement(_pos("supports"), _pos("opposes")) == -1
    assert stances.agreement(_pos("supports"), _pos("neutral")) == 0
    assert stances.agreement(_pos("ambivalent"), _pos("opposes")) == 0


def test_issue_agreement_averages_latest_statement_and_action():
    scheme = stances.Scheme({"i": Issue(URIRef("https://example.org/i"), "i", "I", ())})
    own = {
        ("a", "i"): [_pos("opposes", "statement", "2019-01-01"), _pos("supports", "statement", "2021-01-01"),
                     _pos("supports", "action", "2020-01-01")],
        ("b", "i"): [_pos("supports", "statement"), _pos("opposes", "action")],
    }
    st = stances.Stances(scheme, own, {})
    assert [p.date for p in st.current("a", "i")] == ["2021-01-01", "2020-01-01"]
    # (+1 -1 +1 -1) / 4: a says and does "supports", b says "supports" and does "opposes"
    assert st.agreement("a", "b", "i") == 0.0
    assert st.agreement("a", "c", "i") is None


@pytest.mark.parametrize(
    "names, against, options, message",
    [
        (["Serbia"], None, {}, "compare needs at least two actors"),
        (["Serbia"], [], {}, "compare needs at least two actors"),
        (["Serbai", "Russia"], None, {}, "unknown actor 'Serbai'; did you mean 'Serbia'?"),
        (["Serbia", "RS"], None, {}, "'RS' and 'Serbia' are the same actor (Serbia)"),
        (["Serbia", "Russia"], None, {"as_of": "2020-02-30"}, "as_of: '2020-02-30' is not a real date"),
        (["Serbia", "Russia"], None, {"issues": ["nato"]}, "unknown issue 'nato'; did you mean 'nato-enlargement' or 'serbia-nato-membership'?"),
    ],
)
def test_bad_input_is_a_one_line_error(store, names, against, options, message):
    with pytest.raises(UsageError) as caught:
        alignment.compare(store, names, against=against, **options)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_cli_compare_against_table(graph_file):
    result = CliRunner().invoke(main, ["compare", "Serbia", "--against", "Russia", "EU", "--graph", str(graph_file), "--full"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["issue", "actor", "kind", "stance", "date", "quote", "agreement"]
    assert any(line.startswith("Kosovo as part of Serbia") and "agrees with Russia" in line for line in lines)
    assert any("agrees with European Union" in line and line.startswith("Russia's war against Ukraine") for line in lines)
    assert any(line.split()[:2] == ["Serbia", "Russia"] and line.split()[3] == "8" for line in lines)


def test_cli_compare_json(graph_file):
    result = CliRunner().invoke(main, ["compare", "Serbia", "Iran", "--as-of", "2020-01-01", "--format", "json",
                                       "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["actors"] == ["Serbia", "Iran"]
    assert data["pairs"] == [{"a": "Serbia", "b": "Iran", "agreement": None, "shared_issues": 0, "documents": 0,
                              "thin": False, "agree": 0, "disagree": 0}]
    assert data["ties"] == [] and data["min_support"] == 3
    crimea = next(i for i in data["issues"] if i["issue"] == "crimea-part-of-ukraine")
    [vote] = crimea["positions"]["Serbia"]
    assert {k: vote[k] for k in ("stance", "date", "source")} == {"stance": "opposes", "date": "2019-12-09", "source": "002_6c2ca3a879d015f2.txt"}
    assert vote["quote"].startswith("Serbia voted against a resolution")


def test_cli_compare_csv(graph_file):
    result = CliRunner().invoke(main, ["compare", "Serbia", "Russia", "--kind", "action", "--format", "csv",
                                       "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and {r["kind"].split()[0] for r in rows} == {"action"}
    assert list(rows[0]) == ["issue", "actor", "kind", "stance", "date", "quote", "source", "agreement"]
    crimea = [r for r in rows if r["issue"] == "Crimea as part of Ukraine" and r["actor"] == "Serbia"]
    assert [(r["stance"], r["date"], r["source"], r["agreement"]) for r in crimea] == [
        ("opposes", "2019-12-09", "002_6c2ca3a879d015f2.txt", "agrees with Russia")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["Serbia"], "Error: compare needs at least two actors"),
        (["Serbia", "Atlantis"], "Error: unknown actor 'Atlantis' (names, aliases"),
        (["Serbia", "Russia", "--as-of", "last year"], "Error: --as-of: 'last year' is not a date"),
        (["Serbia", "Russia", "--issue", "gas"], "Error: unknown issue 'gas' (notations and labels are accepted"),
    ],
)
def test_cli_compare_bad_input(graph_file, args, message):
    result = CliRunner().invoke(main, ["compare", *args, "--graph", str(graph_file)])
    assert result.exit_code == 2
    assert result.output.strip().startswith(message) and len(result.output.strip().splitlines()) == 1


# ---------------------------------------------------------------- support, ties, speakers


def test_a_score_carries_its_shared_issues_and_documents_and_a_thin_one_is_marked(store, graph_file):
    [pair] = alignment.compare(store, ["Serbia", "Russia"], kind="statement").pairs
    # +1.00 on two issues (Kosovo and Serbia's territorial integrity), from two documents (002 and 003)
    assert (pair.agreement, pair.shared_issues, pair.documents, pair.thin) == (1.0, 2, 2, True)
    result = CliRunner().invoke(main, ["compare", "Serbia", "Russia", "--kind", "statement", "--graph", str(graph_file)])
    lines = result.output.splitlines()
    assert lines[-1] == "* rests on fewer than 3 shared issues: a hint, not a measure"
    assert lines[-2].split() == ["Serbia", "Russia", "+1.00", "*", "2", "2", "2", "0"]
    assert lines[-4].split() == ["a", "b", "agreement", "shared_issues", "documents", "agree", "disagree"]
    [eu] = alignment.compare(store, ["Serbia"], against=["EU"]).pairs
    assert (eu.shared_issues, eu.thin) == (5, False) and eu.documents >= 3


def test_compare_shows_the_ties_between_the_actors_each_with_its_quote(store):
    found = alignment.compare(store, ["Serbia"], against=["Russia", "EU"])
    ties = {(t.actor, t.tie, t.target) for t in found.ties}
    assert {("Serbia", "ally", "Russia"), ("Serbia", "strategic partner", "Russia"),
            ("Serbia", "dependent on for energy", "Russia"), ("Serbia", "candidate for", "European Union")} <= ties
    # an official at one end stands for his state, named beside it
    assert ("Russia", "friendly relations", "Serbia (Aleksandar Vulin)") in ties
    ally = [e for t in found.ties if (t.actor, t.tie) == ("Serbia", "ally") for e in t.evidence]
    assert {"quote": "Serbia is also Russia’s ally", "speaker": "Aleksandar Vulin"}.items() <= next(
        e for e in ally if e["speaker"]).items()
    candidacy = [e for t in found.ties if t.tie == "candidate for" for e in t.evidence]
    assert any(e["quote"] is None for e in candidacy)  # the register, without a quote
    assert "Serbia's proclaimed bid to join the European Union" in {e["quote"] for e in candidacy}
    assert found.to_json()["ties"][0].keys() == {"actor", "tie", "target", "sign", "evidence"}
    # a tie reported twice in one article on one day (friendly relations, 22 August 2022) is one tie, two quotes
    [strong] = [t for t in found.ties if (t.actor, t.tie) == ("Serbia", "friendly relations")
                and any(e["date"] == "2022-08-22" for e in t.evidence)]
    assert len(strong.evidence) == 2 and {e["speaker"] for e in strong.evidence} == {"Aleksandar Vulin"}


def test_every_quote_shown_names_its_speaker_and_a_document_date_is_marked(store):
    found = alignment.compare(store, ["Serbia"], against=["Russia"], kind="statement")
    crimea = next(r for r in found.rows() if r["issue"] == "Crimea as part of Ukraine")
    assert crimea["quote"] == "Aleksandar Vučić: For us, Crimea is Ukraine" and crimea["date"] == "2023-01-20 (doc)"
    entry = next(e for row in found.issues for e in row.entries if e.position.quote == "For us, Crimea is Ukraine")
    assert {k: entry.as_dict()[k] for k in ("speaker", "date", "date_basis")} == {
        "speaker": "Aleksandar Vučić", "date": "2023-01-20", "date_basis": "document"}
    plates = next(r for r in found.rows() if r["issue"] == "Kosovo's ID card and licence plate rule")
    assert plates["date"] == "2022-08"  # a month, as the text gives it
    ties = [r for r in found.tie_rows() if r["tie"] == "ally"]
    assert {r["quote"] for r in ties} >= {"Aleksandar Vulin: Serbia is also Russia’s ally"}


def test_an_official_compared_stands_for_his_state_with_a_note(store):
    from kg.errors import Note

    with pytest.warns(Note, match="^Aleksandar Vučić speaks for Serbia; using Serbia$"):
        found = alignment.compare(store, ["Vucic"], against=["Russia"])
    assert found.actors == ["Serbia", "Russia"]
    assert [p.agreement for p in found.pairs] == [p.agreement for p in alignment.compare(store, ["Serbia"], against=["Russia"]).pairs]


def test_as_of_counts_a_month_or_year_from_its_last_day(store):
    from kg.analysis import stances as positions

    held = {p.claim.rsplit("/", 1)[-1] for p in positions.positions(store, as_of="2015-12-30")}
    assert "serbia-asks-russia-to-block-srebrenica-resolution" not in held  # dated 2015: known from 2015-12-31
    held = {p.claim.rsplit("/", 1)[-1] for p in positions.positions(store, as_of="2015-12-31")}
    assert "serbia-asks-russia-to-block-srebrenica-resolution" in held
