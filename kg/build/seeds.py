"""Reading a seeds folder: each annotation file's document and claims, its curated contradictions.

Problems a curator can fix (a quote that is not verbatim, an unknown actor or issue,
a value outside the ontology, a bad date) are collected, one line each with the file
and line, and raised together as ValidationFailed. A file that cannot be read at all
raises InputError. The claims themselves are read and checked in claims.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.build import yamlfile
from kg.build.claims import ID, Checker, qualify, read_claim
from kg.build.records import CuratedContradiction, Document, Seeds, Where
from kg.build.reference import Reference
from kg.build.yamlfile import Mapping
from kg.errors import InputError, ValidationFailed, named
from kg.terms.dates import parse_day
from kg.terms.ontology import Vocabulary


def _read_document(path: Path, header, problems: list[str]) -> Document | None:
    if not isinstance(header, Mapping):
        raise InputError("missing 'document:' section with file, title and date", path)
    name = header.get("file")
    if not name:
        raise InputError("'document' needs 'file': the source text's file name", path, header.line)
    text_path = path.parent / str(name)
    try:
        raw = text_path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"article file '{name}' not found beside the annotation file; check 'file'", path, header.line_of("file")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"article file '{name}' is not UTF-8 text", path, header.line_of("file")) from None
    try:
        date = parse_day(header.get("date"))
    except ValueError as exc:
        problems.append(f"{path}:{header.line_of('date')}: document date: {exc}")
        return None
    basis = str(header.get("date_basis", "stated"))
    if basis not in ("stated", "inferred"):
        problems.append(f"{path}:{header.line_of('date_basis')}: date_basis must be 'stated' or 'inferred', not '{basis}'")
    if basis == "inferred" and not header.get("date_note"):
        problems.append(f"{path}:{header.line}: an inferred document date needs 'date_note' saying how it was inferred")
    if not header.get("title"):
        problems.append(f"{path}:{header.line}: 'document' needs a 'title'")
    return Document(
        stem=text_path.stem,
        path=text_path,
        title=str(header.get("title", "")),
        date=date,
        date_basis=basis,
        date_note=header.get("date_note"),
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        where=Where(path, header.line),
    )


def annotation_files(seeds_dir: Path) -> list[Path]:
    return sorted(p for p in seeds_dir.glob("*.yaml") if p.is_file())


def check_folder(seeds_dir: Path) -> None:
    """Raise InputError, naming the ``seeds`` parameter, when the seeds folder does not exist."""
    if not Path(seeds_dir).is_dir():
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
        data = yamlfile.load(path)
        if not isinstance(data, Mapping):
            raise InputError("expected a mapping with 'document' and 'claims'", path)
        doc = _read_document(path, data.get("document"), problems)
        if doc is None:
            continue
        documents.append(doc)
        check = Checker(path, reference, vocab, problems)
        seen: set[str] = set()
        for entry in data.get("claims") or []:
            claim = read_claim(entry, doc, check)
            if claim is None:
                continue
            if claim.id in seen:
                check.problem(claim.where.line, f"claim id '{claim.id}' is used twice in this file")
            seen.add(claim.id)
            claims.append(claim)
        for entry in data.get("contradictions") or []:
            item = CuratedContradiction(
                id=str(entry.get("id", "")),
                type=str(entry.get("type", "")),
                document=doc.stem,
                claims=[qualify(str(c), doc.stem) for c in entry.get("claims") or []],
                note=entry.get("note"),
                where=Where(path, entry.line),
            )
            if not ID.match(item.id):
                check.problem(entry.line, f"contradiction id '{item.id}' must be lowercase letters, digits and hyphens")
            if item.type not in vocab.contradiction_types:
                check.problem(entry.line_of("type"), f"contradiction '{item.id}': type '{item.type}' is not one of {', '.join(vocab.contradiction_types)}")
            if len(item.claims) != 2:
                check.problem(entry.line_of("claims"), f"contradiction '{item.id}' must link exactly two claims")
            contradictions.append(item)
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
