"""Reading a seeds folder: each annotation file's document and claims, its curated contradictions.

Problems a curator can fix (a quote that is not verbatim, an unknown actor or issue,
a value outside the ontology, a bad date, a date after the document's or today's) are
collected, one line each with the file and line, and raised together as
ValidationFailed. A file that cannot be read at all, or whose YAML has another shape
than the seeds format (``claims: 5``), raises InputError. The claims themselves are
read and checked in claims.py; files are read only inside the seeds folder (folder.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from kg.build import folder, yamlfile
from kg.build.claims import ID, Checker, qualify, read_claim
from kg.build.records import CuratedContradiction, Document, Seeds, Where
from kg.build.reference import Reference
from kg.build.yamlfile import Mapping
from kg.errors import InputError, ValidationFailed, named
from kg.terms.dates import parse_day
from kg.terms.ontology import Vocabulary


def _read_document(path: Path, header, seeds_dir: Path, problems: list[str]) -> Document | None:
    if not isinstance(header, Mapping):
        raise InputError("missing 'document:' section with file, title and date", path)
    name = header.get("file")
    if not name:
        raise InputError("'document' needs 'file': the source text's file name", path, header.line)
    line = header.line_of("file")
    text_path = folder.named_file(seeds_dir, name, path, line)
    raw = folder.read(text_path, seeds_dir, folder.MAX_ARTICLE_BYTES, f"article file '{name}'", path, line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"article file '{name}' is not UTF-8 text", path, line) from None
    title = yamlfile.text(header.get("title"), path, header.line_of("title"), "'title' must be text")
    basis = yamlfile.text(header.get("date_basis"), path, header.line_of("date_basis"), "'date_basis' must be text")
    note = yamlfile.text(header.get("date_note"), path, header.line_of("date_note"), "'date_note' must be text")
    try:
        date = parse_day(header.get("date"))
    except ValueError as exc:
        problems.append(f"{path}:{header.line_of('date')}: document date: {exc}")
        return None
    today = dt.date.today()
    if date > today:
        problems.append(f"{path}:{header.line_of('date')}: document date {date} is in the future (today is {today}); "
                        "give the date the document appeared")
    basis = basis or "stated"
    if basis not in ("stated", "inferred"):
        problems.append(f"{path}:{header.line_of('date_basis')}: date_basis must be 'stated' or 'inferred', not '{basis}'")
    if basis == "inferred" and not note:
        problems.append(f"{path}:{header.line}: an inferred document date needs 'date_note' saying how it was inferred")
    if not title:
        problems.append(f"{path}:{header.line}: 'document' needs a 'title'")
    return Document(
        stem=text_path.stem,
        path=text_path,
        title=title or "",
        date=date,
        date_basis=basis,
        date_note=note,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        where=Where(path, header.line),
    )


def _read_contradiction(entry: Mapping, doc: Document, check: Checker, vocab: Vocabulary) -> CuratedContradiction:
    path = check.path
    refs = yamlfile.sequence(entry.get("claims"), path, entry.line_of("claims"),
                             "a contradiction's 'claims' must list the ids of its two claims")
    item = CuratedContradiction(
        id=yamlfile.text(entry.get("id"), path, entry.line_of("id"), "a contradiction's 'id' must be text") or "",
        type=yamlfile.text(entry.get("type"), path, entry.line_of("type"), "a contradiction's 'type' must be text") or "",
        document=doc.stem,
        claims=[qualify(yamlfile.text(ref, path, refs.line_of(i), "each item of a contradiction's 'claims' must be "
                                      "a claim id") or "", doc.stem) for i, ref in enumerate(refs)],
        note=yamlfile.text(entry.get("note"), path, entry.line_of("note"), "a contradiction's 'note' must be text"),
        where=Where(path, entry.line),
    )
    if not ID.match(item.id):
        check.problem(entry.line, f"contradiction id '{item.id}' must be lowercase letters, digits and hyphens")
    if item.type not in vocab.contradiction_types:
        check.problem(entry.line_of("type"), f"contradiction '{item.id}': type '{item.type}' is not one of {', '.join(vocab.contradiction_types)}")
    if len(item.claims) != 2:
        check.problem(entry.line_of("claims"), f"contradiction '{item.id}' must link exactly two claims")
    return item


def annotation_files(seeds_dir: Path) -> list[Path]:
    return sorted(p for p in seeds_dir.glob("*.yaml") if p.is_file())


def check_folder(seeds_dir: Path) -> None:
    """Raise InputError, naming the ``seeds`` parameter, when the seeds folder does not exist or cannot be read."""
    try:
        found = Path(seeds_dir).is_dir()
    except OSError as exc:  # a name too long for the system, a loop of symbolic links …
        raise InputError(f"seeds folder cannot be read ({exc.strerror}); give an existing folder as {named('seeds')}",
                         param="seeds") from None
    if not found:
        raise InputError(f"seeds folder not found; give an existing folder as {named('seeds')}", seeds_dir, param="seeds")


def load(seeds_dir: Path, reference: Reference, vocab: Vocabulary) -> Seeds:
    """Read every annotation file of a seeds folder; raise ValidationFailed listing all problems."""
    check_folder(seeds_dir)
    problems: list[str] = []
    documents, claims, contradictions = [], [], []
    files = annotation_files(seeds_dir)
    if not files:
        raise InputError("no annotation files (*.yaml) in the seeds folder", seeds_dir)
    for path in files:
        data = yamlfile.load(path, seeds_dir)
        if not isinstance(data, Mapping):
            raise InputError("expected a mapping with 'document' and 'claims'", path)
        doc = _read_document(path, data.get("document"), seeds_dir, problems)
        if doc is None:
            continue
        documents.append(doc)
        check = Checker(path, reference, vocab, problems)
        seen: set[str] = set()
        entries = yamlfile.sequence(data.get("claims"), path, data.line_of("claims"), "'claims' must be a list of claims")
        for index, entry in enumerate(entries):
            entry = yamlfile.mapping(entry, path, entries.line_of(index),
                                     "each item under 'claims' must be a claim: a mapping with id, type, quote …")
            claim = read_claim(entry, doc, check)
            if claim is None:
                continue
            if claim.id in seen:
                check.problem(claim.where.line, f"claim id '{claim.id}' is used twice in this file")
            seen.add(claim.id)
            claims.append(claim)
        entries = yamlfile.sequence(data.get("contradictions"), path, data.line_of("contradictions"),
                                    "'contradictions' must be a list of contradictions")
        for index, entry in enumerate(entries):
            entry = yamlfile.mapping(entry, path, entries.line_of(index),
                                     "each item under 'contradictions' must be a mapping with id, type and claims")
            contradictions.append(_read_contradiction(entry, doc, check, vocab))
    known = {f"{c.document}/{c.id}": c for c in claims}
    for claim in claims:
        if claim.about and claim.about not in known:
            problems.append(f"{claim.where}: claim '{claim.id}': 'about' names '{claim.about}', which is no claim; use an id from the seeds")
    for item in contradictions:
        for ref in item.claims:
            if ref not in known:
                problems.append(f"{item.where}: contradiction '{item.id}' names '{ref}', which is no claim")
    if problems:
        raise ValidationFailed(problems)
    return Seeds(seeds_dir, documents, claims, contradictions)
