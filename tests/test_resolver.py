"""One resolver for every command: the same names accepted, the same message for the same typo."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_unga_import import write_voeten

from kg.catalogue import run as query
from kg.cli import main
from kg.errors import Note
from kg.terms import names

UNKNOWN_ACTOR = ("Error: unknown actor 'Serbx'; did you mean 'Serbia'? "
                 "(names, aliases, ISO codes and ids are accepted; 'kg query actors' lists them)\n")
UNKNOWN_ISSUE = ("Error: unknown issue 'crimea'; did you mean 'crimea-part-of-ukraine'? "
                 "(notations and labels are accepted; 'kg query issues' lists them)\n")
VUCIC_NOTE = "Note: Aleksandar Vučić speaks for Serbia; using Serbia\n"


@pytest.fixture(scope="module")
def votes_store(tmp_path_factory):
    """The small Voeten tables of test_unga_import, imported into a directory store."""
    folder = tmp_path_factory.mktemp("resolver")
    store = folder / "store"
    result = CliRunner().invoke(main, ["import", "unga", str(write_voeten(folder / "unga")), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_an_unknown_actor_is_one_message_in_every_command(runner, votes_store, tmp_path):
    page = tmp_path / "serbx.html"
    for args in (
        ["compare", "Serbx", "Russia"],
        ["compare", "Serbia", "--against", "Serbx", "--votes"],
        ["query", "positions", "-p", "actor=Serbx"],
        ["contradictions", "Serbx"],
        ["export", "html", "--focus", "Serbx", "-o", str(page)],
        ["votes", "Serbx", "Russia", "--store", str(votes_store)],
        ["votes", "matrix", "Russia", "Serbx", "--store", str(votes_store)],
    ):
        result = runner.invoke(main, args)
        assert (result.exit_code, result.stderr, result.stdout) == (2, UNKNOWN_ACTOR, ""), args
    assert not page.exists()


def test_an_unknown_issue_is_one_message_in_every_command(runner, tmp_path):
    page = tmp_path / "crimea.html"
    for args in (
        ["compare", "Serbia", "Russia", "--issue", "crimea"],
        ["query", "stances", "-p", "issue=crimea"],
        ["query", "positions", "-p", "actor=Serbia", "-p", "issue=crimea"],
        ["export", "html", "--issue", "crimea", "-o", str(page)],
    ):
        result = runner.invoke(main, args)
        assert (result.exit_code, result.stderr, result.stdout) == (2, UNKNOWN_ISSUE, ""), args
    assert not page.exists()


@pytest.mark.parametrize("name", ["Serbia", "serbia", " SERBIA ", "RS", "SRB", "srb", "Belgrade", "Republic of Serbia",
                                  "https://w3id.org/state-alignments/id/actor/serbia"])
def test_a_state_is_named_by_label_id_code_alias_or_iri(store, name):
    assert query.roster(store).resolve(name).label == "Serbia"


@pytest.mark.parametrize("name", ["Vučić", "Vucic", "VUČIĆ", "aleksandar vucic", "vucic"])
def test_an_official_is_named_with_or_without_diacritics(store, name):
    assert query.roster(store).resolve(name).label == "Aleksandar Vučić"


def test_an_issue_is_named_by_notation_or_label(runner):
    by_label = runner.invoke(main, ["query", "stances", "-p", "issue=crimea as part of ukraine", "--format", "json"])
    by_notation = runner.invoke(main, ["query", "stances", "-p", "issue=crimea-part-of-ukraine", "--format", "json"])
    assert by_label.exit_code == 0, by_label.output
    assert json.loads(by_label.stdout) == json.loads(by_notation.stdout)
    assert json.loads(by_notation.stdout)["results"]["bindings"]


def test_codes_and_aliases_name_the_same_actors_in_compare(runner):
    result = runner.invoke(main, ["compare", "SRB", "--against", "Moscow", "Brussels", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actors"] == ["Serbia", "Russia", "European Union"]
    assert result.stderr == ""


def test_an_official_compared_stands_for_the_state_he_speaks_for(runner):
    # an official holds no positions of his own: he voices his state's
    result = runner.invoke(main, ["compare", "Vucic", "Russia", "--format", "json"])
    assert result.exit_code == 0, result.output
    serbia = runner.invoke(main, ["compare", "Serbia", "Russia", "--format", "json"])
    assert json.loads(result.stdout)["actors"] == ["Serbia", "Russia"] and result.stdout == serbia.stdout
    assert result.stderr == VUCIC_NOTE


def test_an_official_votes_as_the_state_he_speaks_for(votes_store):
    runner = CliRunner()
    serbia = runner.invoke(main, ["votes", "Serbia", "Russia", "--format", "json", "--store", str(votes_store)])
    vucic = runner.invoke(main, ["votes", "Vucic", "RUS", "--format", "json", "--store", str(votes_store)])
    assert vucic.exit_code == 0, vucic.output
    assert json.loads(vucic.stdout) == json.loads(serbia.stdout)
    assert (json.loads(vucic.stdout)[0]["a"], json.loads(vucic.stdout)[0]["votes"]) == ("Serbia", 2)
    coverage = "Note: the imported UN votes cover 1989-11-01 – 2019-12-09, sessions 44–74 (4 roll calls).\n"
    assert vucic.stderr == VUCIC_NOTE + coverage and serbia.stderr == coverage


def test_compare_with_votes_resolves_each_name_once(tmp_path):
    runner = CliRunner()  # votes in $KG_HOME/store, claims from the graph built from the seeds
    assert runner.invoke(main, ["import", "unga", str(write_voeten(tmp_path / "unga"))]).exit_code == 0
    result = runner.invoke(main, ["compare", "Vucic", "--against", "Russia", "Ukraine", "--votes", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # the claims and the votes are those of the state he speaks for, noted once
    assert data["actors"] == ["Serbia", "Russia", "Ukraine"]
    assert [(r["a"], r["b"], r["votes"]) for r in data["votes"]] == [("Serbia", "Russia", 2), ("Serbia", "Ukraine", 1)]
    assert result.stderr.count("Note:") == 1 and VUCIC_NOTE in result.stderr


@pytest.mark.parametrize("name", ["Serbia and Montenegro", "FR Yugoslavia"])
def test_a_predecessor_stands_for_the_state_that_continues_its_seat(runner, name):
    serbia = runner.invoke(main, ["compare", "Serbia", "--against", "Russia", "--format", "json"])
    former = runner.invoke(main, ["compare", name, "--against", "Russia", "--format", "json"])
    assert former.exit_code == 0, former.output
    assert former.stdout == serbia.stdout
    assert former.stderr == f"Note: '{name}' is a predecessor of Serbia, whose seat it continues; using Serbia\n"


def test_the_vote_record_of_a_former_state_answers_for_its_names(tmp_path):
    # Voeten files Serbia's seat under YU throughout: before 1992-04-27 it is the SFR
    # Yugoslavia's, until 2006-06-02 the FR Yugoslavia's (Serbia and Montenegro), then Serbia's
    votes = tmp_path / "votes"
    votes.mkdir()
    calls = [(1, 1, "1990-12-01"), (2, 2, "1995-12-01"), (3, 3, "2010-12-01")]
    (votes / "un_roll_calls.csv").write_text(
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
        + "".join(f"{r},{s},0,{d},R/{s}/1,0,0,t{r},d{r}\n" for r, s, d in calls), encoding="utf-8")
    (votes / "un_votes.csv").write_text(
        "rcid,country,country_code,vote\n"
        + "".join(f"{r},Yugoslavia,YU,{v}\n{r},Russia,RU,yes\n" for (r, _, _), v in zip(calls, ("yes", "no", "yes"))),
        encoding="utf-8")
    (votes / "un_roll_call_issues.csv").write_text("rcid,short_name,issue\n", encoding="utf-8")
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["import", "unga", str(votes), "--store", str(store)]).exit_code == 0
    seen = {}
    for name in ("Yugoslavia", "SFR Yugoslavia", "Serbia and Montenegro", "FR Yugoslavia", "Serbia"):
        result = runner.invoke(main, ["votes", name, "Russia", "--format", "json", "--store", str(store)])
        assert result.exit_code == 0, result.output
        assert result.stderr == "Note: the imported UN votes cover 1990-12-01 – 2010-12-01, sessions 1–3 (3 roll calls).\n"
        row = json.loads(result.stdout)[0]
        seen[name] = (row["a"], row["votes"], row["same"])
    assert seen == {
        "Yugoslavia": ("Socialist Federal Republic of Yugoslavia", 1, 1),
        "SFR Yugoslavia": ("Socialist Federal Republic of Yugoslavia", 1, 1),
        "Serbia and Montenegro": ("Federal Republic of Yugoslavia / Serbia and Montenegro", 1, 0),
        "FR Yugoslavia": ("Federal Republic of Yugoslavia / Serbia and Montenegro", 1, 0),
        "Serbia": ("Serbia", 1, 1),
    }


def test_the_graph_knows_the_predecessors_too(store):
    with pytest.warns(Note, match="'Serbia and Montenegro' is a predecessor of Serbia"):
        assert query.roster(store).resolve("Serbia and Montenegro").label == "Serbia"


def test_states_only_the_vote_record_knows_resolve_by_code_and_suggest_their_label(votes_store):
    runner = CliRunner()
    by_code = runner.invoke(main, ["votes", "NAM", "Russia", "--format", "json", "--store", str(votes_store)])
    assert by_code.exit_code == 0, by_code.output
    assert json.loads(by_code.stdout)[0]["a"] == "Namibia"
    typo = runner.invoke(main, ["votes", "Namibja", "Russia", "--store", str(votes_store)])
    assert typo.exit_code == 2 and typo.stderr.startswith("Error: unknown actor 'Namibja'; did you mean 'Namibia'? (")


def test_the_reference_data_wins_over_the_vote_record_and_former_names_come_after_names():
    serbia = names.Actor("id:serbia", "serbia", "Serbia", "state", "RS", "SRB", predecessors=("Yugoslavia",))
    recorded = names.Actor("id:sfr-yugoslavia", "sfr-yugoslavia", "Yugoslavia", "state")
    serbia_recorded = names.Actor("id:serbia-vote", "serbia-vote", "Serbia", "state")
    roster = names.Roster([serbia], fallback=names.Roster([recorded, serbia_recorded]))
    assert roster.resolve("serbia").iri == "id:serbia"
    assert roster.resolve("sfr-yugoslavia").iri == "id:sfr-yugoslavia"
    assert roster.resolve("yugoslavia").iri == "id:sfr-yugoslavia"  # a record of its own beats a former name
    with pytest.warns(Note):
        assert names.Roster([serbia], fallback=names.Roster([serbia_recorded])).resolve("yugoslavia").iri == "id:serbia"
    # where only the actor itself will do (a claim in the seeds), a former name is refused
    assert roster.resolve("Yugoslavia", predecessors=False).iri == "id:sfr-yugoslavia"
    with pytest.raises(names.UnknownActor) as caught:
        names.Roster([serbia]).resolve("Yugoslavia", predecessors=False)
    assert caught.value.suggestions == ["Serbia"]  # the state to name instead, as the data spells it
