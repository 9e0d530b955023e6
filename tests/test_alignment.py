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
    assert data["pairs"] == [{"a": "Serbia", "b": "Iran", "agreement": None, "shared_issues": 0, "agree": 0, "disagree": 0}]
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
