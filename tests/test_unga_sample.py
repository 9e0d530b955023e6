"""Seven real roll calls of the UN vote record (tests/data/unga-sample): imported, recounted, corroborated.

Every expectation is counted from the sample's own CSV rows with the csv module, or
taken from ../shared/data/unga/SOURCE.md, never from kg's reading of them. The whole
record is tested in test_unga_real.py when it is there.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.unga import importer, index
from kg.unga.table import ABSTAIN, NO, YES

# the symbol of each roll call as the UN writes it: Voeten's R/68/262 is A/RES/68/262
SYMBOLS = {"874": "A/RES/18/1983A", "3488": "A/RES/44/167", "5309": "A/RES/68/262", "5558": "A/RES/72/190",
           "9073": "A/RES/74/154", "9075": "A/RES/74/17", "9110": "A/RES/74/45"}
CODES = {"yes": YES, "no": NO, "abstain": ABSTAIN}
SERBIA_FROM = "2006-06-03"  # Voeten files Serbia under Yugoslavia/YU; Serbia's own seat from this day


def _table(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def sample(unga_sample, tmp_path_factory):
    """The sample imported into a directory store: (store folder, report, vote index, vote rows, roll-call rows)."""
    store_dir = tmp_path_factory.mktemp("unga-sample") / "store"
    report = importer.import_into([unga_sample], store_dir)
    return (store_dir, report, index.read_index(store_dir),
            _table(unga_sample, "un_votes"), _table(unga_sample, "un_roll_calls"))


def test_every_row_of_the_sample_imports(sample):
    _, report, ix, votes, rollcalls = sample
    assert (len(rollcalls), len(votes)) == (7, 1122)
    (dataset,) = report.datasets
    assert (dataset.dataset, dataset.rollcalls, dataset.votes, report.bad) == ("unga-voeten", 7, 1122, [])
    assert {str(s): str(d) for s, d in zip(ix.symbols, ix.dates)} == {SYMBOLS[r["rcid"]]: r["date"] for r in rollcalls}


def test_each_roll_call_recounts_as_its_rows(sample):
    _, _, ix, votes, _ = sample
    expected = Counter((SYMBOLS[r["rcid"]], CODES[r["vote"]]) for r in votes)
    found = Counter()
    for symbol in SYMBOLS.values():
        for code in CODES.values():
            if n := int((ix.votes[ix.row(symbol)] == code).sum()):
                found[(symbol, code)] = n
    assert found == expected
    # the recounts SOURCE.md gives for the two resolutions on Ukraine's territory
    assert [expected[("A/RES/74/17", c)] for c in (YES, NO, ABSTAIN)] == [63, 19, 66]
    assert [expected[("A/RES/68/262", c)] for c in (YES, NO, ABSTAIN)] == [100, 11, 58]


def test_the_yugoslav_seat_and_the_federal_republic_land_on_their_states(sample):
    _, _, ix, votes, rollcalls = sample
    dates = {r["rcid"]: r["date"] for r in rollcalls}
    vote = {(r["rcid"], r["country"]): CODES[r["vote"]] for r in votes}
    yugoslav = [rcid for rcid, country in vote if country == "Yugoslavia"]
    assert sorted(yugoslav) == ["3488", "5558", "874", "9073", "9075", "9110"]  # not 5309: Serbia did not vote
    for rcid in yugoslav:
        state = "serbia" if dates[rcid] >= SERBIA_FROM else "sfr-yugoslavia"
        assert ix.votes[ix.row(SYMBOLS[rcid]), ix.column(state)] == vote[(rcid, "Yugoslavia")], rcid
    assert ix.votes[ix.row("A/RES/68/262"), ix.column("serbia")] == 0  # no row: not a vote
    assert ix.votes[ix.row("A/RES/44/167"), ix.column("germany")] == vote[("3488", "Federal Republic of Germany")]


def _pair_counts(votes, rollcalls, a: str, b: str, since: str) -> tuple[int, int, int, int]:
    """(votes, same, opposite, one abstains) of two countries on the roll calls from ``since`` both voted in."""
    dates = {r["rcid"]: r["date"] for r in rollcalls}
    choice = {(r["rcid"], r["country"]): r["vote"] for r in votes}
    both = [(choice[(k, a)], choice[(k, b)]) for k in dates if dates[k] >= since and (k, a) in choice and (k, b) in choice]
    same = sum(x == y for x, y in both)
    opposite = sum({x, y} == {"yes", "no"} for x, y in both)
    return len(both), same, opposite, len(both) - same - opposite


def test_kg_votes_compares_serbia_and_russia_on_the_sample(sample):
    store_dir, _, _, votes, rollcalls = sample
    counts = _pair_counts(votes, rollcalls, "Yugoslavia", "Russia", SERBIA_FROM)
    assert counts == (4, 2, 1, 1)  # no/no on 72/190 and 74/17, no/yes on 74/154, abstain/no on 74/45
    result = CliRunner().invoke(main, ["votes", "Serbia", "Russia", "--format", "json", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["a"], row["b"], row["votes"], row["same"], row["opposite"], row["one_abstains"]) == ("Serbia", "Russia", *counts)
    assert row["agreement"] == 2 / 4


def test_every_seed_claim_on_a_vote_is_corroborated_by_the_sample(sample, store):
    from kg.unga.corroborate import corroborate

    _, _, ix, _, _ = sample
    verdicts = {v.claim.split("/")[1]: v for v in corroborate(store, ix)}
    assert {k: v.verdict for k, v in verdicts.items()} == {
        "albania-votes-yes-a-res-74-17": "corroborated", "bosnia-abstains-a-res-74-17": "corroborated",
        "bulgaria-votes-yes-a-res-74-17": "corroborated", "croatia-votes-yes-a-res-74-17": "corroborated",
        "greece-votes-yes-a-res-74-17": "corroborated", "montenegro-votes-yes-a-res-74-17": "corroborated",
        "north-macedonia-votes-yes-a-res-74-17": "corroborated", "serbia-votes-no-a-res-72-190": "corroborated",
        "serbia-votes-no-a-res-74-17": "corroborated", "unga-adopts-crimea-resolution": "corroborated",
        # the votes of 2022 (the record ends in 2020) and of the Security Council (not in it)
        "brazil-votes-yes-a-res-es-11-4": "not in the record", "china-abstains-a-res-es-11-4": "not in the record",
        "india-abstains-a-res-es-11-4": "not in the record", "south-africa-abstains-a-res-es-11-4": "not in the record",
        "brazil-votes-yes-s-2022-155": "not in the record", "china-abstains-s-2022-155": "not in the record",
        "india-abstains-s-2022-155": "not in the record", "mexico-votes-yes-s-2022-155": "not in the record",
        "uae-abstains-s-2022-155": "not in the record",
    }
    assert verdicts["unga-adopts-crimea-resolution"].record == "63 yes, 19 no, 66 abstain"
    assert (verdicts["serbia-votes-no-a-res-72-190"].claimed, verdicts["serbia-votes-no-a-res-72-190"].record) == ("no", "no")
