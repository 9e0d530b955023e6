"""Dates as precise as the text allows: a year, a month or a day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year; ``start`` is its first day."""

    start: dt.date
    precision: str  # "day" | "month" | "year"

    @property
    def end(self) -> dt.date:
        """The last day of the period the date names (the day itself for a day)."""
        return period_end(self.start, self.precision)

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()


def period_end(start: dt.date, precision: str) -> dt.date:
    """The last day of the day, month or year that begins on ``start``."""
    if precision == "year":
        return start.replace(month=12, day=31)
    if precision == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return start


def counts_by(start: str, precision: str | None, day: str | None, reported: str | None = None) -> bool:
    """Whether a claim dated ``start`` (YYYY-MM-DD) at ``precision`` counts as of ``day`` (YYYY-MM-DD, None: always).

    The rule for every ``as_of``: a claim known only to the year or the month counts
    from the last day of its period on, since the text does not say when in it the
    claim came to hold; or from ``reported``, the day of the document that reports
    it, when that comes first (it had happened by then). A veto dated ``2015-07`` is
    not yet known ``as_of`` 2015-07-20; a deal dated ``2024-08`` counts from 2024-08-31,
    a deal dated ``2024`` in an article of 2024-09-04 from 2024-09-04.
    """
    if day is None:
        return True
    return known_from(start, precision, reported) <= day


def known_from(start: str, precision: str | None, reported: str | None = None) -> str:
    """The first day (YYYY-MM-DD) as of which a claim counts: see ``counts_by``."""
    end = period_end(dt.date.fromisoformat(start[:10]), precision or "day").isoformat()
    return min(end, reported[:10]) if reported else end


def parse_partial(value) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError with the reason."""
    text = str(value).strip()
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        start = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date ({exc})") from None
    precision = "day" if day else "month" if month else "year"
    return PartialDate(start, precision)


def parse_day(value) -> dt.date:
    """Parse a full ``YYYY-MM-DD`` date; raise ValueError with the reason."""
    if not _PATTERN.match(str(value).strip()):
        raise ValueError(f"'{str(value).strip()}' is not a date; write YYYY-MM-DD")  # not YYYY: a day is needed
    partial = parse_partial(value)
    if partial.precision != "day":
        raise ValueError(f"'{value}' must be a full date YYYY-MM-DD")
    return partial.start
