"""The six vote-based metrics on small hand-computed cases, blocs, and selections of roll calls."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from kg.errors import UsageError
from kg.unga import analysis, blocs
from kg.unga.index import VoteIndex, tag_bit
from kg.unga.metrics import scores

Y, A, N, X, O = 1, 2, 3, 4, 0  # yes, abstain, no, absent, no record


def _pair(a, b):
    result = scores(np.array([a, b], dtype=np.int8).T)
    return {m: result.get(m, 0, 1) for m in result.values}, (int(result.n[0, 1]), int(result.same[0, 1]),
                                                              int(result.opposite[0, 1]), int(result.one_abstain[0, 1]))


def test_five_metrics_on_a_hand_computed_case():
    # pairs: (Y,Y) same, (Y,N) opposite, (N,N) same, (A,Y) one abstains, (Y,A) one abstains;
    # the last two roll calls have an absence and do not count: n = 5
    values, counts = _pair([Y, Y, N, A, Y, O, X], [Y, N, N, Y, A, Y, N])
    assert counts == (5, 2, 1, 2)
    assert values["agreement"] == pytest.approx(2 / 5)
    assert values["coincidence"] == pytest.approx(2 / 3)  # identical 2, opposite 1; abstentions left out
    assert values["state-department"] == pytest.approx((2 + 0.5 * 2) / 5)
    assert values["s-score"] == pytest.approx(1 - (2 + 2 * 1) / 5)
    # kappa: A voted Y3 A1 N1, B voted Y2 A1 N2 on the 5: p_e = (3*2 + 1*1 + 1*2) / 25
    assert values["kappa"] == pytest.approx((0.4 - 9 / 25) / (1 - 9 / 25))
    # Scott's pi pools the two: yes 5, abstain 2, no 3 of 10 choices: p_e = 0.25 + 0.04 + 0.09 = 0.38
    assert values["pi"] == pytest.approx((0.4 - 0.38) / (1 - 0.38))


def test_pi_differs_from_kappa_when_the_two_have_different_habits():
    # one always yes, the other yes twice and abstaining twice: kappa sees no chance agreement
    # beyond the habits (p_e = 1·0.5 = 0.5), pi pools them (yes 6/8, abstain 2/8): p_e = 0.625
    values, counts = _pair([Y, Y, Y, Y], [Y, Y, A, A])
    assert counts == (4, 2, 0, 2)
    assert values["kappa"] == pytest.approx(0.0)
    assert values["pi"] == pytest.approx((0.5 - 0.625) / (1 - 0.625))


def test_both_abstaining_agree_but_do_not_count_in_the_votes_only_coincidence():
    values, counts = _pair([A, A, Y, Y], [A, A, Y, N])
    assert counts == (4, 3, 1, 0)
    assert values["agreement"] == pytest.approx(3 / 4)
    assert values["coincidence"] == pytest.approx(1 / 2)
    assert values["state-department"] == pytest.approx(3 / 4)
    assert values["s-score"] == pytest.approx(1 - 2 / 4)


def test_always_opposite_is_minus_one_and_always_the_same_one():
    values, _ = _pair([Y, N, Y, N], [N, Y, N, Y])
    assert (values["agreement"], values["coincidence"], values["state-department"], values["s-score"]) == (0, 0, 0, -1)
    assert values["kappa"] == pytest.approx(-1)
    values, _ = _pair([Y, N, A], [Y, N, A])
    assert values == {"agreement": 1, "coincidence": 1, "state-department": 1, "s-score": 1, "kappa": 1, "pi": 1}


def test_undefined_metrics_are_none():
    values, counts = _pair([Y, Y, X], [Y, Y, Y])  # both always yes: kappa's chance agreement is 1
    assert counts[0] == 2 and values["agreement"] == 1 and values["kappa"] is None and values["pi"] is None
    values, counts = _pair([A, O], [Y, N])  # one roll call, one abstains: no yes/no pair
    assert values["coincidence"] is None and values["state-department"] == 0.5
    values, counts = _pair([X, O], [Y, N])
    assert counts[0] == 0 and all(v is None for v in values.values())


def _index() -> VoteIndex:
    votes = np.array([
        # alpha beta gamma delta
        [Y, Y, N, Y],  # 2001, session 56, human rights
        [Y, A, N, N],  # 2005, session 60
        [N, N, Y, A],  # 2010, session 65, human rights
        [Y, N, A, O],  # 2012, session 67: one each, a tie
    ], dtype=np.int8)
    return VoteIndex(
        votes=votes,
        dates=np.array(["2001-05-01", "2005-05-01", "2010-05-01", "2012-05-01"], dtype="datetime64[D]"),
        sessions=np.array([56, 60, 65, 67], dtype=np.int16),
        tags=np.array([tag_bit("human-rights"), 0, tag_bit("human-rights"), 0], dtype=np.uint8),
        symbols=np.array(["A/RES/56/1", "A/RES/60/1", "A/RES/65/1", "A/RES/67/1"]),
        iris=np.array(["r1", "r2", "r3", "r4"]), titles=np.array(["", "", "", ""]),
        actors=np.array(["alpha", "beta", "gamma", "delta"]), labels=np.array(["Alpha", "Beta", "Gamma", "Delta"]),
        isos=np.array(["", "", "", ""]),
    )


def test_a_bloc_votes_as_the_majority_of_its_members_at_each_date():
    periods = [("alpha", dt.date(2000, 1, 1), None), ("beta", dt.date(2000, 1, 1), None),
               ("gamma", dt.date(2004, 1, 1), dt.date(2011, 1, 1)), ("delta", dt.date(2000, 1, 1), None)]
    # 2001: alpha Y beta Y delta Y (gamma not yet a member) → Y; 2005: Y A N N → N;
    # 2010: N N Y A → N; 2012: Y N (gamma has left, delta absent) → a tie, no bloc vote
    assert blocs.bloc_votes(_index(), periods).tolist() == [Y, N, N, O]


def test_selections_by_session_date_and_issue_tag():
    ix = _index()
    assert analysis.Selection(first_session=60, last_session=65).rows(ix).tolist() == [False, True, True, False]
    assert analysis.Selection(since=dt.date(2005, 5, 1), until=dt.date(2010, 12, 31)).rows(ix).tolist() == [False, True, True, False]
    assert analysis.Selection(tag="human-rights").rows(ix).tolist() == [True, False, True, False]
    with pytest.raises(UsageError, match="unknown issue tag 'sports'"):
        analysis.Selection(tag="sports").rows(ix)


def test_pair_against_all_and_matrix_agree(seeds_copy):
    from kg.build import reference

    ref = reference.load(seeds_copy)
    ix = _index()
    row = analysis.pair(ix, ref, "alpha", "beta")
    assert (row["votes"], row["same"], row["opposite"], row["one_abstains"]) == (4, 2, 1, 1)
    ranked = analysis.against_all(ix, ref, "Alpha")
    assert [r["b"] for r in ranked] == ["Beta", "Delta", "Gamma"]
    assert ranked[0] == {**row, "a": "Alpha", "b": "Beta"}
    m = analysis.matrix(ix, ref, metric="s-score")
    assert m.values[0, 1] == pytest.approx(row["s-score"])
    only_hr = analysis.pair(ix, ref, "alpha", "gamma", analysis.Selection(tag="human-rights"))
    assert (only_hr["votes"], only_hr["agreement"]) == (2, 0.0)
    with pytest.raises(UsageError, match="cast no vote"):
        analysis.pair(ix, ref, "alpha", "Serbia")
    # a bloc none of whose members voted here has no vote: nothing to compare
    assert analysis.pair(ix, ref, "alpha", "EU")["votes"] == 0
