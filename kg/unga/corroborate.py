"""Checking what articles say about UN votes against the official record.

Two kinds of claims are checked, both read from the built graph with the queries in
``queries/internal/unga/``:

- a vote claim (an actor voted yes, no, abstained or was absent on a resolution of
  the reference data) against that actor's recorded vote on the roll call on the
  whole resolution;
- a tally claim (a statement of the voting organ, dated the day of the vote and on the
  resolution's issue) whose quote gives counts — "63 countries in favor and 19
  against", "66 abstentions" — against the recount of the record. Only the counts
  the quote states are checked; they are read from the quote by the patterns below.

A claim that agrees with the record is **corroborated**, one that disagrees
**contradicted**; when the record has no vote of that actor on that resolution (not
imported, not voting, not a member) or the quote states no count, it is
**not in the record**. Each verdict names both sources: the claim's document and
quote, and the dataset and roll call of the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.catalogue import files as catalogue
from kg.unga.index import VoteIndex
from kg.unga.table import ABSTAIN, NAMES, NO, YES
from kg.unga.triples import DATASETS

CORROBORATED, CONTRADICTED, NOT_IN_RECORD = "corroborated", "contradicted", "not in the record"
COLUMNS = ["verdict", "claim", "actor", "resolution", "claimed", "record", "quote", "document", "record_source"]

_NUMBER = r"(\d{1,3})"
_COUNTS = {
    "yes": re.compile(_NUMBER + r"\s+(?:countries\s+|states\s+|members\s+|votes\s+)?(?:voting\s+)?in\s+favou?r", re.I),
    "no": re.compile(_NUMBER + r"\s+(?:countries\s+|states\s+|members\s+|votes\s+)?(?:voting\s+)?against", re.I),
    "abstain": re.compile(_NUMBER + r"\s+(?:countries\s+|states\s+|members\s+)?abst(?:ain|ention|entions|aining|ained)", re.I),
}


@dataclass
class Verdict:
    verdict: str
    claim: str  # FILE-STEM/claim-id
    actor: str
    resolution: str
    claimed: str
    record: str
    quote: str
    document: str  # the article's title and file
    record_source: str  # the dataset and roll call

    def row(self) -> dict:
        return {c: getattr(self, c) for c in COLUMNS}


def _query(name: str) -> str:
    return catalogue.internal(f"unga/{name}").text


def _source(index: VoteIndex, row: int) -> str:
    datasets = "; ".join(DATASETS[d][0] for d in sorted(index.stamps))
    return f"{datasets}: roll call {index.iris[row]} of {index.dates[row]}"


def _stem(file: str) -> str:
    return file.rsplit(".", 1)[0]


def corroborate(claims_store, index: VoteIndex) -> list[Verdict]:
    """A verdict for every vote claim and tally claim of the graph in ``claims_store``."""
    verdicts = []
    for r in claims_store.query(_query("vote-claims")).dicts():
        symbol, actor_id = str(r["symbol"]), str(r["actor"]).rsplit("/", 1)[-1]
        claimed = str(r["choice"])
        row, col = index.row(symbol), index.column(actor_id)
        recorded = int(index.votes[row, col]) if row is not None and col is not None else 0
        if recorded == 0:
            verdict, record = NOT_IN_RECORD, "no recorded vote"
        else:
            record = NAMES[recorded]
            verdict = CORROBORATED if record == claimed else CONTRADICTED
        verdicts.append(Verdict(
            verdict, f"{_stem(str(r['file']))}/{r['id']}", str(r["actor_label"]), symbol, claimed, record,
            str(r["quote"]), f"{r['title']} ({r['file']})", _source(index, row) if row is not None else "—",
        ))
    for r in claims_store.query(_query("tally-claims")).dicts():
        symbol, quote = str(r["symbol"]), str(r["quote"])
        claimed = {k: int(m.group(1)) for k, p in _COUNTS.items() if (m := p.search(quote))}
        row = index.row(symbol)
        if row is None or not claimed:
            verdict, record = NOT_IN_RECORD, "no recorded vote" if row is None else "no count in the quote"
        else:
            counts = {"yes": int((index.votes[row] == YES).sum()), "no": int((index.votes[row] == NO).sum()),
                      "abstain": int((index.votes[row] == ABSTAIN).sum())}
            record = ", ".join(f"{counts[k]} {k}" for k in counts)
            verdict = CORROBORATED if all(counts[k] == v for k, v in claimed.items()) else CONTRADICTED
        verdicts.append(Verdict(
            verdict, f"{_stem(str(r['file']))}/{r['id']}", "UN General Assembly", symbol,
            ", ".join(f"{v} {k}" for k, v in claimed.items()) or "—", record, quote,
            f"{r['title']} ({r['file']})", _source(index, row) if row is not None else "—",
        ))
    return verdicts
