"""Drafting an annotation file from an article, and accepting a reviewed draft.

``draft(path)`` reads ``ARTICLE.txt``, finds candidate claims and writes
``ARTICLE.yaml`` beside it (never over an existing file unless ``force``), each
claim marked ``review: pending``; ``accept(path)`` removes the marks. Offline and
deterministic: the same article and reference data give the same file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import write_atomic
from kg.build import issues, workspace
from kg.build import folder
from kg.build import reference as references
from kg.build.problems import Problems
from kg.draft import actors, extract, people, text as reading, write
from kg.draft import ties as ties_
from kg.draft.issues import IssueIndex
from kg.errors import InputError
from kg.terms import ontology
from kg.terms.dates import parse_day


@dataclass
class Draft:
    """What a draft holds: the file written, its document block, its candidates and the names not resolved."""

    path: Path
    document: dict
    claims: list[extract.Candidate]
    unresolved: list[actors.Unresolved]
    ties: list[ties_.Tie] = field(default_factory=list)


def _read(path: Path, what: str, limit: int) -> str:
    """The UTF-8 text of the regular file ``path`` (the article, or the annotation file to accept).

    The checks are those of a seeds folder's files: a FIFO, socket or device is
    refused without being opened, a file over ``limit`` bytes is refused.
    """
    raw = folder.regular(path, limit, what, param="path")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not UTF-8 text (byte {exc.start}); save it as UTF-8", path, param="path") from None


def _document(text: str, name: str, title: str | None, date: str | None, url: str | None,
              sentences: list[reading.Span]) -> tuple[dict, dt.date, tuple[int, int]]:
    """The document block, the document's date and the span of the title line (no claims are drafted from it)."""
    first = text.lstrip()
    title_line = first.splitlines()[0].strip() if first else ""
    skip = (0, 0)
    headline = len([line for line in first.splitlines() if line.strip()]) > 1  # a text of one line is all body
    if headline and (not title or " ".join(title.split()) == " ".join(title_line.split())):  # restated below
        at = text.find(title_line)
        skip = (at, at + len(title_line))
    title = title or title_line[:300]
    today = dt.date.today()
    block = {"file": name, "title": title, "url": url}
    if date:
        try:
            day = parse_day(date)
        except ValueError as exc:
            raise InputError(f"date: {exc}", param="date") from None
        block.update(date=day.isoformat(), date_basis="stated")
        return block, day, skip
    full = [d for s in sentences for d in reading.dates(s.text, today) if d.value.precision == "day" and d.year_given]
    body = [s for s in sentences if not (skip[0] <= s.start and s.end <= skip[1])]
    head = [d for s in body[:1] for d in reading.dates(s.text, today) if d.value.precision == "day" and d.year_given]
    if head:
        block.update(date=str(head[0].value), date_basis="stated")
        return block, head[0].value.start, skip
    if full:
        latest = max(full, key=lambda d: d.value.start)
        block.update(date=str(latest.value), date_basis="inferred",
                     date_note=f'The latest date the text gives ("{latest.words}"); check the date of publication.')
        return block, latest.value.start, skip
    block.update(date=today.isoformat(), date_basis="inferred",
                 date_note="The text gives no full date: the day of drafting; give the date of publication.")
    return block, today, skip


def draft(path: str | Path, title: str | None = None, date: str | None = None, url: str | None = None,
          force: bool = False, seeds: str | Path | None = None) -> Draft:
    """Draft the annotation file of the article at ``path`` (``ARTICLE.yaml`` beside it) and write it.

    ``title`` defaults to the first line, ``date`` (YYYY-MM-DD) to a date the text
    states; actors, officials, resolutions and issues are those of the workspace or
    seeds folder ``seeds`` (default: the workspace the article lies in, else the one the
    commands use). An existing file is
    kept unless ``force``.
    """
    path = Path(path)
    text = _read(path, "article", folder.MAX_ARTICLE_BYTES)  # the limit kg validate holds an article to
    if not text.strip():
        raise InputError("article is empty; a draft needs its text", path, param="path")
    target = path.with_suffix(".yaml")
    if target.exists() and not force:
        raise InputError("exists already; review it, or draft again with force to replace it", target, param="force")
    space = workspace.resolve(seeds, start=path.absolute().parent)  # the article's workspace, wherever one stands
    problems = Problems()
    reference = references.load(space, problems)
    graph = ontology.load_graph(issues=space.shipped_issues)
    own = issues.layer(graph, space, problems)
    # problems of the reference data are kg validate's to report: a draft uses what reads
    index = IssueIndex(ontology.vocabulary(graph).issues, graph, set(own))
    return _write(path, target, text, title, date, url, reference, index)


def _write(path, target, text, title, date, url, reference, index) -> Draft:
    sentences = reading.sentences(text)
    block, day, skip = _document(text, path.name, title, date, url, sentences)
    body = [s for s in sentences if not (s.start >= skip[0] and s.end <= skip[1] and skip[1] > skip[0])]
    mentions = actors.find(text, reference.roster)
    candidates = extract.claims(text, body, people.stand_ins(text, mentions), reference, index, day, block.get("title") or "")
    for candidate in candidates:  # never text that is not in the article
        assert text[candidate.quote.start:candidate.quote.end] == candidate.quote.text, candidate.quote
    drafted_ties = ties_.find(text, body, mentions, reference.roster)
    for tie in drafted_ties:
        assert text[tie.quote.start:tie.quote.end] == tie.quote.text, tie.quote
    unresolved = actors.unresolved(text, mentions, reference.roster, skip)
    content = write.render(block, candidates, unresolved, drafted_ties)
    write_atomic(target, lambda out: out.write(content.encode("utf-8")))
    return Draft(target, block, candidates, unresolved, drafted_ties)


def accept(path: str | Path) -> int:
    """Accept every claim still pending in the annotation file at ``path``; how many were accepted."""
    path = Path(path)
    content = _read(path, "annotation file", folder.MAX_YAML_BYTES)
    accepted, count = write.accept(content)
    if count:
        write_atomic(path, lambda out: out.write(accepted.encode("utf-8")))
    return count
