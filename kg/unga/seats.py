"""UN seats across successions: which state held a seat when, and how to follow one seat through time.

The vote data files a seat's votes under the state that cast them (see countries.py):
Serbia's record starts on 2006-06-03, the earlier votes of its seat are the SFR
Yugoslavia's (until 1992-04-26) and the FR Yugoslavia's, from 2003 Serbia and
Montenegro's (until 2006-06-02). Following the seat joins them: each holder's votes in
its own period. Where the data files a predecessor's votes under its successor (the
Soviet Union's under Russia, the Federal Republic's under Germany) the seat has one
record, and the table below still names who held it when.

=================  =============================================  ==========================
seat               holders (until the day before the next)        merged into the seat
=================  =============================================  ==========================
Yugoslav           SFR Yugoslavia; FR Yugoslavia / Serbia and     
                   Montenegro from 1992-04-27; Serbia from
                   2006-06-03
Soviet / Russian   Soviet Union; Russia from 1991-12-24           
German (FRG)       Federal Republic of Germany; Germany from      German Democratic Republic
                   1990-10-03                                     (1990-10-03)
Yemeni             Yemen Arab Republic; Yemen from 1990-05-22     People's Democratic Republic
                                                                  of Yemen (1990-05-22)
=================  =============================================  ==========================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.unga import countries


@dataclass(frozen=True)
class Holder:
    """A state that held a seat from ``since`` (None: from the start of the record) until the next holder."""

    actor: str  # the id of the actor whose column holds the votes
    label: str  # the name the state had while it held the seat
    since: dt.date | None = None


@dataclass(frozen=True)
class Seat:
    """One UN seat: its holders in order, and the states that merged into it (with the date)."""

    name: str
    holders: tuple[Holder, ...]
    merged: tuple[tuple[str, str, dt.date], ...] = ()  # (actor id, label, date)

    def periods(self) -> list[tuple[Holder, dt.date | None, dt.date | None]]:
        """(holder, first day or None, last day or None) for each holder in order."""
        out = []
        for i, holder in enumerate(self.holders):
            nxt = self.holders[i + 1].since if i + 1 < len(self.holders) else None
            out.append((holder, holder.since, nxt - dt.timedelta(days=1) if nxt else None))
        return out

    def actors(self) -> set[str]:
        return {h.actor for h in self.holders}

    def describe(self) -> str:
        """The holders with their dates, as a note shows them."""
        parts = []
        for holder, first, last in self.periods():
            if first is None:
                parts.append(f"{holder.label} until {last}")
            elif last is None:
                parts.append(f"{holder.label} from {first}")
            else:
                parts.append(f"{holder.label} {first} – {last}")
        text = "; ".join(parts)
        for _, label, day in self.merged:
            text += f" ({label} merged into it on {day})"
        return text

    def json(self) -> dict:
        return {"seat": self.name,
                "holders": [{"actor": h.actor, "label": h.label, "from": first and first.isoformat(),
                             "until": last and last.isoformat()} for h, first, last in self.periods()],
                "merged": [{"actor": a, "label": label, "on": day.isoformat()} for a, label, day in self.merged]}


SEATS = (
    Seat("Yugoslav", (
        Holder("sfr-yugoslavia", "SFR Yugoslavia"),
        Holder("serbia-and-montenegro", "FR Yugoslavia / Serbia and Montenegro", countries.FRY_FROM),
        Holder("serbia", "Serbia", countries.SERBIA_FROM),
    )),
    Seat("Soviet / Russian", (
        Holder("russia", "Soviet Union"),
        Holder("russia", "Russia", dt.date(1991, 12, 24)),
    )),
    Seat("German (FRG)", (
        Holder("germany", "Federal Republic of Germany"),
        Holder("germany", "Germany", dt.date(1990, 10, 3)),
    ), (("german-democratic-republic", "the German Democratic Republic", dt.date(1990, 10, 3)),)),
    Seat("Yemeni", (
        Holder("yemen-arab-republic", "Yemen Arab Republic"),
        Holder("yemen", "Yemen", countries.YEMEN_FROM),
    ), (("yemen-peoples-republic", "the People's Democratic Republic of Yemen", countries.YEMEN_FROM),)),
)


def seat_of(actor_id: str) -> Seat | None:
    """The seat a state held (or merged into), or None for a state whose seat never changed hands."""
    for seat in SEATS:
        if actor_id in seat.actors() or any(actor_id == a for a, _, _ in seat.merged):
            return seat
    return None


def following(actor_id: str, label: str) -> Seat | None:
    """The seat to follow from a state: its own seat's holders, or for a state merged into another seat,
    its own record until the merger and the seat's holders from then on."""
    seat = seat_of(actor_id)
    if seat is None or actor_id in seat.actors():
        return seat
    day = next(d for a, _, d in seat.merged if a == actor_id)
    later = tuple(h for h in seat.holders if h.since and h.since >= day)
    return Seat(f"{label}, then the {seat.name}", (Holder(actor_id, label), *later))


def votes(index, seat: Seat):
    """The votes of a seat on every roll call of the index: each holder's own in its period (numpy int8)."""
    import numpy as np

    out = np.zeros(len(index.dates), dtype=np.int8)
    for holder, first, last in seat.periods():
        col = index.column(holder.actor)
        if col is None:
            continue
        keep = np.ones(len(index.dates), dtype=bool)
        if first is not None:
            keep &= index.dates >= np.datetime64(first, "D")
        if last is not None:
            keep &= index.dates <= np.datetime64(last, "D")
        out[keep] = index.votes[keep, col]
    return out


def others_in(index, rows, actor_id: str) -> list[str]:
    """The other holders of ``actor_id``'s seat who cast votes in the selected ``rows``, with their dates."""
    import numpy as np

    seat = seat_of(actor_id)
    if seat is None:
        return []
    found = []
    holders = [(h, f, t) for h, f, t in seat.periods()] + [(Holder(a, label), None, day - dt.timedelta(days=1))
                                                            for a, label, day in seat.merged]
    for holder, first, last in holders:
        col = index.column(holder.actor)
        if col is None:
            continue
        keep = rows.copy()
        if first is not None:
            keep &= index.dates >= np.datetime64(first, "D")
        if last is not None:
            keep &= index.dates <= np.datetime64(last, "D")
        cast = keep & (index.votes[:, col] >= 1) & (index.votes[:, col] <= 3)
        if cast.any() and holder.actor != actor_id:
            dates = index.dates[cast]
            found.append(f"{holder.label} ({dates.min()} – {dates.max()})")
    return found
