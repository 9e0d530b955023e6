"""The real UN General Assembly record (../shared/data/unga): imported whole, checked against SOURCE.md.

The slowest test of the suite (about a minute on two cores): it loads 870,109 votes
(5.3 million triples) into an in-memory store and writes the vote index. Without the
record (not in the repository: see the ``unga_data`` fixture) it is skipped, saying
what to provide; tests/test_unga_sample.py checks a few of its roll calls instead.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.store.embedded import OxigraphStore
from kg.unga import importer, index
from kg.unga.table import ABSTAIN, NO, YES

SA = "https://w3id.org/state-alignments/ontology#"
ID = "https://w3id.org/state-alignments/id/"

CHOICE = """
PREFIX sa: <https://w3id.org/state-alignments/ontology#>
SELECT ?choice WHERE { ?vote sa:actor ?actor ; sa:onResolution ?res ; sa:voteChoice ?choice . }"""


@pytest.fixture(scope="module")
def imported(unga_data, tmp_path_factory):
    store = OxigraphStore.in_memory()
    store_dir = tmp_path_factory.mktemp("unga") / "store"
    report = importer.import_unga([unga_data], store, store_dir)
    return store, store_dir, report


def test_the_whole_record_imports_without_a_bad_row(imported):
    _, _, report = imported
    (dataset,) = report.datasets
    assert (dataset.rollcalls, dataset.votes, report.bad) == (6203, 870109, [])


def test_serbia_and_russia_voted_against_the_crimea_resolution_and_the_recount_is_63_19_66(imported):
    store, store_dir, _ = imported
    res = URIRef(ID + "resolution/A/RES/74/17")
    for actor in ("serbia", "russia"):
        rows = store.query(CHOICE, {"actor": URIRef(ID + "actor/" + actor), "res": res}).rows
        assert [str(r[0]) for r in rows] == [SA + "No"], actor
    ix = index.open_index(store, store_dir)
    row = ix.row("A/RES/74/17")
    assert [int((ix.votes[row] == c).sum()) for c in (YES, NO, ABSTAIN)] == [63, 19, 66]
    assert ix.votes[row, ix.column("bosnia-and-herzegovina")] == ABSTAIN
    for neighbour in ("albania", "montenegro", "north-macedonia", "croatia", "slovenia", "greece", "bulgaria", "romania"):
        assert ix.votes[row, ix.column(neighbour)] == YES, neighbour


def test_the_territorial_integrity_resolution_stored_as_r_68_262(imported):
    store, store_dir, _ = imported
    ix = index.open_index(store, store_dir)
    row = ix.row("A/RES/68/262")
    assert str(ix.dates[row]) == "2014-03-27"
    assert [int((ix.votes[row] == c).sum()) for c in (YES, NO, ABSTAIN)] == [100, 11, 58]
    assert ix.votes[row, ix.column("serbia")] == 0  # no row: did not vote
    assert ix.votes[row, ix.column("russia")] == NO


def test_the_seed_claims_on_the_crimea_vote_are_corroborated_by_the_record(imported, store):
    from kg.unga.corroborate import corroborate

    votes_store, store_dir, _ = imported
    verdicts = {v.claim.split("/")[1]: v for v in corroborate(store, index.open_index(votes_store, store_dir))}
    on_crimea = {k: v for k, v in verdicts.items() if v.resolution == "A/RES/74/17"}
    # the nine claims of the seeds on A/RES/74/17
    assert set(on_crimea) == {"serbia-votes-no-a-res-74-17", "bosnia-abstains-a-res-74-17", "albania-votes-yes-a-res-74-17",
                              "montenegro-votes-yes-a-res-74-17", "north-macedonia-votes-yes-a-res-74-17",
                              "croatia-votes-yes-a-res-74-17", "bulgaria-votes-yes-a-res-74-17",
                              "greece-votes-yes-a-res-74-17", "unga-adopts-crimea-resolution"}
    assert {v.verdict for v in on_crimea.values()} == {"corroborated"}
    assert on_crimea["unga-adopts-crimea-resolution"].record == "63 yes, 19 no, 66 abstain"


def test_united_yemen_holds_its_1990_votes_and_the_seats_join_their_holders(imported):
    import datetime as dt
    import warnings

    import numpy as np

    from kg import paths
    from kg.build import reference
    from kg.errors import Note
    from kg.unga import analysis

    store, store_dir, _ = imported
    ix = index.open_index(store, store_dir)
    union = np.datetime64("1990-05-22")
    yar, yemen = ix.column("yemen-arab-republic"), ix.column("yemen")
    cast = lambda col, keep: int(((ix.votes[keep, col] >= 1) & (ix.votes[keep, col] <= 3)).sum())  # noqa: E731
    assert cast(yar, ix.dates >= union) == 0
    assert cast(yemen, (ix.dates >= union) & (ix.dates < np.datetime64("1991-01-01"))) == 84
    assert analysis.coverage(ix) == {"first": "1946-01-01", "last": "2020-01-14", "sessions": [1, 74],
                                     "roll_calls": 6203, "datasets": ["unga-voeten"]}
    assert int(((ix.tags & index.IMPORTANT) != 0).sum()) == 411  # Voeten's importantvote = 1
    ref = reference.load(paths.default_seeds_dir())
    before = analysis.Selection(until=dt.date(1990, 1, 1))
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always", Note)
        assert analysis.pair(ix, ref, "Serbia", "Russia", before)["votes"] == 0
    assert [str(n.message) for n in notes] == [
        "Serbia cast no vote until 1990-01-01; its UN seat was held then by SFR Yugoslavia (1946-01-01 – 1989-12-06): "
        "name them, or follow the seat with seat"]
    seat = analysis.pair(ix, ref, "Serbia", "Russia", before, seat=True)
    sfry = analysis.pair(ix, ref, "Yugoslavia", "USSR", before)
    early = ix.dates < np.datetime64("1990-01-02")
    both = early & (ix.votes[:, ix.column("sfr-yugoslavia")] % 4 > 0) & (ix.votes[:, ix.column("russia")] % 4 > 0)
    assert seat["votes"] == sfry["votes"] == int(both.sum()) and seat["same"] == sfry["same"]
    assert cast(ix.column("sfr-yugoslavia"), early) == 3535
