"""Dates as precise as the text, and the rule by which an imprecise date counts as of a day."""

from __future__ import annotations

import datetime as dt

from kg.terms.dates import counts_by, known_from, parse_partial, period_end


def test_a_period_ends_on_its_last_day():
    assert period_end(dt.date(2015, 1, 1), "year") == dt.date(2015, 12, 31)
    assert period_end(dt.date(2024, 2, 1), "month") == dt.date(2024, 2, 29)  # a leap year
    assert period_end(dt.date(2023, 2, 1), "month") == dt.date(2023, 2, 28)
    assert period_end(dt.date(2024, 8, 1), "month") == dt.date(2024, 8, 31)
    assert period_end(dt.date(2024, 8, 28), "day") == dt.date(2024, 8, 28)
    assert parse_partial("2024-08").end == dt.date(2024, 8, 31) and str(parse_partial("2015")) == "2015"


def test_an_imprecise_date_counts_from_the_end_of_its_period_or_its_document():
    # a veto of July 2015 dated by month is not known in June, nor on 20 July
    assert not counts_by("2015-07-01", "month", "2015-06-01") and not counts_by("2015-07-01", "month", "2015-07-20")
    assert counts_by("2015-07-01", "month", "2015-07-31")
    # a claim dated 2015 counts from the end of 2015
    assert not counts_by("2015-01-01", "year", "2015-12-30") and counts_by("2015-01-01", "year", "2015-12-31")
    # the late-August deal dated 2024-08 is not known on 15 August
    assert not counts_by("2024-08-01", "month", "2024-08-15", reported="2024-09-04")
    # reported by a document before its period ends: known from the document's day
    assert known_from("2024-01-01", "year", "2024-09-04") == "2024-09-04"
    assert known_from("2022-08-01", "month", "2022-08-23") == "2022-08-23"
    assert known_from("2019-12-09", "day", "2019-12-10") == "2019-12-09"
    assert counts_by("2024-01-01", "year", None)  # no day: everything counts
