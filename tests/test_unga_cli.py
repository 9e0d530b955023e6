"""`kg import unga` and `kg votes` through the command line, on small tables the tests write."""

from __future__ import annotations

import json

from click.testing import CliRunner
from test_unga_import import write_voeten

from kg.cli import main


def _imported(tmp_path):
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["import", "unga", str(write_voeten(tmp_path / "unga")), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store, result


def test_import_prints_what_it_imported_and_the_bad_rows(tmp_path):
    _, result = _imported(tmp_path)
    assert "unga-voeten  4           12     " in result.stdout and "imported" in result.stdout
    assert "un_votes.csv.gz:12: unknown vote code 'maybe'" in result.stderr
    assert "5 bad rows skipped" in result.stderr


def test_strict_import_fails_with_one_line(tmp_path):
    result = CliRunner().invoke(main, ["import", "unga", str(write_voeten(tmp_path / "unga")), "--strict",
                                       "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "un_roll_calls.csv:5: roll call 4: malformed date" in result.stderr
    assert "Traceback" not in result.output


def test_votes_of_a_pair_as_json(tmp_path):
    store, _ = _imported(tmp_path)
    result = CliRunner().invoke(main, ["votes", "Serbia", "Russia", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    # Serbia votes from June 2006 on: roll calls 2 (no, no) and 3 (no, no)
    assert (row["a"], row["b"], row["votes"], row["agreement"], row["kappa"]) == ("Serbia", "Russia", 2, 1.0, None)


def test_votes_against_all_matrix_and_heatmap(tmp_path):
    store, _ = _imported(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["votes", "Russia", "--against-all", "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("a,b,votes,agreement,coincidence,state-department,s-score,kappa")
    assert lines[1].startswith("Russia,Serbia,2,1.0,")
    svg = tmp_path / "m.svg"
    result = runner.invoke(main, ["votes", "matrix", "Serbia", "Russia", "Ukraine", "--metric", "s-score",
                                  "--heatmap", str(svg), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the heatmap replaces the printed matrix …
    result = runner.invoke(main, ["votes", "matrix", "Serbia", "Russia", "Ukraine", "--metric", "s-score",
                                  "--heatmap", str(svg), "--print", "--store", str(store)])
    assert result.exit_code == 0, result.output  # … unless asked for
    assert result.stdout.splitlines()[2].split() == ["Serbia", "1.0", "1.0", "-1.0"]
    assert svg.read_text(encoding="utf-8").startswith("<svg") and "Serbia – Ukraine: -1.000" in svg.read_text(encoding="utf-8")


def test_votes_before_any_import_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["votes", "Serbia", "Russia", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: no UN votes imported into ") and "kg import unga" in result.stderr
    assert "Traceback" not in result.output


def test_votes_with_an_unknown_name_or_bad_session(tmp_path):
    store, _ = _imported(tmp_path)
    result = CliRunner().invoke(main, ["votes", "Serbia", "Atlantis", "--store", str(store)])
    assert result.exit_code == 2
    assert result.stderr == ("Error: unknown actor 'Atlantis' (names, aliases, ISO codes and ids are accepted; "
                             "'kg query actors' lists them)\n")
    result = CliRunner().invoke(main, ["votes", "Serbia", "Russia", "--session", "6x", "--store", str(store)])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --session: '6x': give a session number, a range like 61-74, or an emergency "
                             "special session like ES-11\n")


def test_corroborate_marks_each_vote_claim_against_the_small_record(tmp_path, runner):
    store, _ = _imported(tmp_path)
    result = runner.invoke(main, ["corroborate", "--format", "json", "--store", str(store)])  # claims: the session's graph
    assert result.exit_code == 0, result.output
    verdicts = {v["claim"].split("/")[1]: v for v in json.loads(result.stdout)}
    serbia = verdicts["serbia-votes-no-a-res-74-17"]
    assert (serbia["verdict"], serbia["claimed"], serbia["record"]) == ("corroborated", "no", "no")
    assert serbia["quote"].startswith("Serbia voted against a resolution")
    assert serbia["record_source"].startswith("United Nations General Assembly Voting Data (Erik Voeten")
    assert "resolution/A/RES/74/17 of 2019-12-09" in serbia["record_source"]
    assert verdicts["bosnia-abstains-a-res-74-17"]["verdict"] == "corroborated"
    # the small record has no vote of Albania, and only 1 yes and 2 no on the resolution
    assert verdicts["albania-votes-yes-a-res-74-17"]["verdict"] == "not in the record"
    tally = verdicts["unga-adopts-crimea-resolution"]
    assert (tally["verdict"], tally["claimed"], tally["record"]) == ("contradicted", "63 yes, 19 no", "1 yes, 2 no, 1 abstain")
    assert "1 contradicted" in result.stderr


def test_compare_with_votes_adds_the_vote_metrics_of_each_pair(tmp_path):
    # the default places: votes in $KG_HOME/store, claims from the graph built from the seeds
    runner = CliRunner()
    result = runner.invoke(main, ["import", "unga", str(write_voeten(tmp_path / "unga"))])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["compare", "Serbia", "--against", "Russia", "Ukraine", "--votes", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pairs"] and [(r["a"], r["b"], r["votes"], r["agreement"]) for r in data["votes"]] == [
        ("Serbia", "Russia", 2, 1.0), ("Serbia", "Ukraine", 1, 0.0)]
    result = runner.invoke(main, ["compare", "Serbia", "--against", "Russia", "--votes", "--as-of", "2019-01-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].split()[:4] == ["Serbia", "Russia", "1", "1.0"]
    result = runner.invoke(main, ["compare", "Serbia", "Russia", "--votes", "--format", "csv"])
    assert result.exit_code == 2 and "--votes shows a second table" in result.stderr


def test_clusters_by_votes(tmp_path):
    import numpy as np

    from kg.unga.analysis import Matrix
    from kg.unga.communities import vote_clusters

    # two camps: a, b, c agree beyond chance; d, e too; across the camps kappa is negative
    labels = ["a", "b", "c", "d", "e"]
    k = np.array([[1, .8, .7, -.2, -.3], [.8, 1, .6, -.1, -.2], [.7, .6, 1, -.4, -.1],
                  [-.2, -.1, -.4, 1, .9], [-.3, -.2, -.1, .9, 1]])
    votes = np.full((5, 5), 150)
    votes[0, 2] = votes[2, 0] = 50  # too few common votes: no edge, but c still joins through b
    assert vote_clusters(Matrix("kappa", labels, labels, k, votes)).clusters == [["a", "b", "c"], ["d", "e"]]
    store, _ = _imported(tmp_path)
    result = CliRunner().invoke(main, ["clusters", "--votes", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["clusters"] == []  # the small record has no pair with 100 common votes


def test_votes_help_names_each_metric_with_its_formula_and_lists_the_subcommands():
    result = CliRunner().invoke(main, ["votes", "--help"])
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "kappa             (p_o − p_e) / (1 − p_e), p_o = same / n, p_e = Σ_k a_k·b_k / n²   (Cohen)" in lines
    assert "pi                (p_o − p_e) / (1 − p_e), p_e = Σ_k ((a_k + b_k) / 2n)²   (Scott)" in lines
    for metric in ("agreement", "coincidence", "state-department", "s-score"):
        assert any(line.startswith(metric + " ") for line in lines), metric
    commands = [line.split()[0] for line in lines[lines.index("Commands:") + 1:] if line]
    assert commands == ["ideal-points", "matrix"]
    assert CliRunner().invoke(main, ["votes", "matrix", "--help"], prog_name="kg").stdout.startswith(
        "Usage: kg votes matrix [OPTIONS] [NAME]...")
