"""UN seats across successions, the selections of roll calls and the record's coverage, on the sample record.

The sample (tests/data/unga-sample) holds seven roll calls from 1963 to 2019: the SFR
Yugoslavia, the Federal Republic of Germany, the GDR and both Yemens vote in 1963 and
1989; Serbia, Germany and Yemen from 2014 on. Roll call 3488 (1989) is marked as one of
the State Department's important votes.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pytest
from click.testing import CliRunner

import kg
from kg.errors import Note
from kg.cli import main

COVERAGE = "Note: the imported UN votes cover 1963-12-03 – 2019-12-18, sessions 18–74 (7 roll calls).\n"
YUGOSLAV = ("Note: Serbia as the Yugoslav seat: SFR Yugoslavia until 1992-04-26; FR Yugoslavia / Serbia and "
            "Montenegro 1992-04-27 – 2006-06-02; Serbia from 2006-06-03\n")
SOVIET = "Note: Russia as the Soviet / Russian seat: Soviet Union until 1991-12-23; Russia from 1991-12-24\n"


@pytest.fixture(scope="module")
def sample_store(unga_sample, tmp_path_factory):
    store = tmp_path_factory.mktemp("seats") / "store"
    kg.import_unga(unga_sample, store=store)
    return store


def _votes(store, *args):
    return CliRunner().invoke(main, ["votes", *args, "--store", str(store)])


@pytest.mark.parametrize("name, label", [
    ("Yugoslavia", "Socialist Federal Republic of Yugoslavia"), ("YU", "Socialist Federal Republic of Yugoslavia"),
    ("SFR Yugoslavia", "Socialist Federal Republic of Yugoslavia"), ("SFRY", "Socialist Federal Republic of Yugoslavia"),
    ("East Germany", "German Democratic Republic"), ("GDR", "German Democratic Republic"),
    ("German Democratic Republic", "German Democratic Republic"),
    ("North Yemen", "Yemen Arab Republic"), ("Yemen Arab Republic", "Yemen Arab Republic"),
    ("South Yemen", "People's Democratic Republic of Yemen"), ("Yemen People's Republic", "People's Democratic Republic of Yemen"),
    ("Yemen", "Yemen"),
])
def test_the_names_and_codes_of_former_states_answer_with_their_own_record(sample_store, name, label):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # their own record: no note that another state stands in
        assert kg.open(store=sample_store).votes().pair(name, "Russia")["a"] == label


@pytest.mark.parametrize("name, state", [
    ("USSR", "Russia"), ("Soviet Union", "Russia"), ("West Germany", "Germany"), ("FRG", "Germany"),
    ("Federal Republic of Germany", "Germany"), ("Serbia and Montenegro", "Serbia"), ("FR Yugoslavia", "Serbia"),
])
def test_a_predecessor_filed_under_its_successor_answers_with_the_successor_and_says_so(sample_store, name, state):
    # the sample holds no vote of 1992-2006, so the FR Yugoslavia has no record of its own here
    with pytest.warns(Note, match=f"'{name}' is a predecessor of {state}, whose seat it continues; using {state}"):
        assert kg.open(store=sample_store).votes().pair(name, "China")["a"] == state


def test_a_period_without_a_vote_names_who_held_the_seat_and_suggests_following_it(sample_store):
    result = _votes(sample_store, "Serbia", "Russia", "--until", "1990-01-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("Note: Serbia cast no vote until 1990-01-01; its UN seat was held then by SFR Yugoslavia "
                             "(1963-12-03 – 1989-12-06): name them, or follow the seat with --seat\n" + COVERAGE)
    assert json.loads(result.stdout)[0]["votes"] == 0


def test_following_the_seat_joins_its_holders_and_prints_the_switch_dates(sample_store):
    result = _votes(sample_store, "Serbia", "Russia", "--seat", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == YUGOSLAV + SOVIET + COVERAGE
    (row,) = json.loads(result.stdout)
    # 1963 yes/no, 1989 yes/yes (the SFRY's), 2017 no/no, 2019 abstain/no, no/yes, no/no (Serbia's)
    assert (row["votes"], row["same"], row["opposite"], row["one_abstains"]) == (6, 3, 2, 1)
    assert row["seats"][0] == {"actor": "Serbia", "seat": "Yugoslav", "merged": [], "holders": [
        {"actor": "sfr-yugoslavia", "label": "SFR Yugoslavia", "from": None, "until": "1992-04-26"},
        {"actor": "serbia-and-montenegro", "label": "FR Yugoslavia / Serbia and Montenegro", "from": "1992-04-27",
         "until": "2006-06-02"},
        {"actor": "serbia", "label": "Serbia", "from": "2006-06-03", "until": None}]}
    assert row["coverage"] == {"first": "1963-12-03", "last": "2019-12-18", "sessions": [18, 74], "roll_calls": 7,
                               "datasets": ["unga-voeten"]}
    before = kg.open(store=sample_store).votes().pair("Serbia", "Russia", until="1990-01-01", seat=True)
    assert (before["votes"], before["same"], before["opposite"]) == (2, 1, 1)


def test_a_state_merged_into_a_seat_follows_it_from_the_merger():
    from kg.unga import seats

    gdr = seats.following("german-democratic-republic", "German Democratic Republic")
    assert gdr.describe() == "German Democratic Republic until 1990-10-02; Germany from 1990-10-03"
    assert seats.seat_of("yemen").describe() == ("Yemen Arab Republic until 1990-05-21; Yemen from 1990-05-22 (the "
                                                 "People's Democratic Republic of Yemen merged into it on 1990-05-22)")


def test_united_yemens_votes_of_1990_are_yemens(countries):
    # Voeten files them under "Yemen Arab Republic", without a code
    assert countries.lookup("", "Yemen Arab Republic", dt.date(1990, 5, 21)).actor_id == "yemen-arab-republic"
    assert countries.lookup("", "Yemen Arab Republic", dt.date(1990, 11, 3)).actor_id == "yemen"
    assert countries.lookup("", "Yemen Arab Republic", dt.date(1989, 12, 6)).actor_id == "yemen-arab-republic"
    assert countries.lookup("YE", "Yemen", dt.date(1991, 10, 3)).actor_id == "yemen"


def test_an_unknown_session_is_one_line_naming_the_sessions_held(sample_store):
    result = _votes(sample_store, "Serbia", "Russia", "--session", "80")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: --session: session 80 is not in the imported votes, which hold sessions 18–74 "
                             "(1963-12-03 – 2019-12-18)\n")
    result = _votes(sample_store, "matrix", "Serbia", "Russia", "--session", "ES-11")
    assert (result.exit_code, result.stderr) == (2, "Error: --session: session ES-11 is not in the imported votes, "
                                                    "which hold the special sessions none\n")
    with pytest.raises(kg.UsageError, match=r"^session: session 75-80 is not in the imported votes"):
        kg.open(store=sample_store).votes().pair("Serbia", "Russia", session="75-80")


def test_important_votes_only(sample_store):
    result = _votes(sample_store, "Yugoslavia", "Russia", "--important", "--format", "json")
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]
    assert (row["votes"], row["same"]) == (1, 1)  # 1989's roll call 3488, the one marked important
    assert kg.open(store=sample_store).votes().pair("Germany", "Russia", important=True)["votes"] == 1


def test_issue_means_the_issue_scheme_and_topic_the_un_tags(sample_store):
    result = _votes(sample_store, "Serbia", "Russia", "--issue", "crimea-part-of-ukraine", "--format", "json")
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]  # A/RES/72/190 and A/RES/74/17, linked to the issue in resolutions.yaml
    assert (row["votes"], row["same"]) == (2, 2)
    result = _votes(sample_store, "Serbia", "Iran", "--issue", "sanctions")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: --issue: unknown issue 'sanctions'; did you mean ")
    assert result.stderr.endswith("; UN votes are tagged by UN topics: use --topic (palestine, nuclear, disarmament, "
                                  "human-rights, colonialism, economic-development)\n")
    result = _votes(sample_store, "Serbia", "Iran", "--issue", "sanctions-against-iran")
    assert result.stderr == ("Error: --issue: no resolution of the reference data (seeds/reference/resolutions.yaml) "
                             "is linked to issue 'sanctions-against-iran'; UN votes are tagged by UN topics: use "
                             "--topic (palestine, nuclear, disarmament, human-rights, colonialism, economic-development)\n")
    result = _votes(sample_store, "Serbia", "Russia", "--topic", "human-rights", "--format", "json")
    assert json.loads(result.stdout)[0]["votes"] == 2  # A/RES/72/190 and A/RES/74/154


def test_the_import_prints_the_coverage(unga_sample, tmp_path):
    result = CliRunner().invoke(main, ["import", "unga", str(unga_sample), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == ("Coverage: the imported UN votes cover 1963-12-03 – 2019-12-18, "
                                              "sessions 18–74 (7 roll calls).")
