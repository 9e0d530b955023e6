"""Reading a seeds folder: each annotation file's document and claims, its curated contradictions.

Problems a curator can fix (a quote that is not verbatim, an unknown actor or issue,
a value outside the ontology, a bad date, a date after the document's or today's) are
collected, one line each with the file and line, and raised together as
ValidationFailed. A file that cannot be read at all, or whose YAML has another shape
than the seeds format (``claims: 5``), is one problem too, and the other files are
still read (``problems.py``). The claims themselves are read and checked in
claims.py; files are read only inside their seeds folder (folder.py), and a
workspace's folders are read in turn, the shipped seeds first (workspace.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from kg.build import folder, workspace, yamlfile
from kg.build.claims import ID, Checker, pending, qualify, read_claim
from kg.build.problems import Problems
from kg.build.records import CuratedContradiction, Document, Pending, Seeds, Where
from kg.build.reference import Reference
from kg.build.yamlfile import Mapping
from kg.errors import InputError
from kg.terms.dates import parse_day
from kg.terms.ontology import Vocabulary


_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


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
    url = yamlfile.text(header.get("url"), path, header.line_of("url"), "'url' must be text")
    if url and not _URL.fullmatch(url):
        problems.append(f"{path}:{header.line_of('url')}: url must be an http(s) address without spaces, not '{url}'")
        url = None
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
        url=url or None,
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
    """The annotation files of a seeds folder: its ``*.yaml``, then those in its ``articles/`` folder."""
    top = sorted(p for p in seeds_dir.glob("*.yaml") if p.is_file())
    return top + sorted(p for p in (seeds_dir / workspace.ARTICLES).glob("*.yaml") if p.is_file())


def check_folder(seeds_dir) -> None:
    """Raise InputError, naming the ``seeds`` parameter, when the seeds folder does not exist or cannot be read."""
    workspace.check(workspace.resolve(seeds_dir))


def load(seeds_dir, reference: Reference, vocab: Vocabulary, problems: Problems | None = None, cache=None) -> Seeds:
    """Read every annotation file of the seeds (each folder of a workspace's layers); the problems of all of them.

    With ``problems`` given, the problems are appended to it for the caller to raise;
    else ValidationFailed (or the InputError, when it is the only one) is raised here.
    ``cache`` (a ``kg.build.cache.Documents``) gives the records of a file read before
    and unchanged since, and keeps those of a file read now without a problem.
    """
    space = workspace.resolve(seeds_dir)
    workspace.check(space)
    found = Problems() if problems is None else problems
    documents, claims, contradictions = [], [], []
    files = [(layer, path) for layer in space.layers for path in annotation_files(layer)]
    if not files:
        where = " or its articles/ folder" if space.kind == "workspace" else ""
        raise InputError(f"no annotation files (*.yaml) in the seeds folder{where}", space.root)
    stems: dict[str, Path] = {}
    for layer, path in files:
        kept = cache.get(layer, path) if cache is not None else None
        if kept is not None:
            documents.append(kept.document)
            claims.extend(kept.claims)
            contradictions.extend(kept.contradictions)
        else:
            before = (len(found), len(documents), len(claims), len(contradictions))
            try:
                _load_file(layer, path, reference, vocab, found, documents, claims, contradictions)
            except InputError as exc:
                found.unread(exc)
                continue
            if cache is not None and len(found) == before[0] and len(documents) == before[1] + 1:
                cache.keep(layer, path, documents[-1], claims[before[2]:], contradictions[before[3]:])
        if documents and documents[-1].where.path == path:
            stem = documents[-1].stem
            if stem in stems:
                found.append(f"{path}:{documents[-1].where.line}: document '{stem}' is also the article of "
                             f"{stems[stem]}; give one of the articles another file name")
            stems.setdefault(stem, path)
    known = {f"{c.document}/{c.id}": c for c in claims}
    for claim in claims:
        if claim.about and claim.about not in known:
            found.append(f"{claim.where}: claim '{claim.id}': 'about' names '{claim.about}', which is no claim; use an id from the seeds")
    for item in contradictions:
        for ref in item.claims:
            if ref not in known:
                found.append(f"{item.where}: contradiction '{item.id}' names '{ref}', which is no claim")
    if problems is None:
        found.check()
    return Seeds(space.root, documents, claims, contradictions)


def _load_file(layer: Path, path: Path, reference: Reference, vocab: Vocabulary, problems: Problems,
               documents: list, claims: list, contradictions: list) -> None:
    """Read one annotation file into the lists; its problems appended, InputError when it cannot be read."""
    data = yamlfile.load(path, layer)
    if not isinstance(data, Mapping):
        raise InputError("expected a mapping with 'document' and 'claims'", path)
    doc = _read_document(path, data.get("document"), layer, problems)
    if doc is None:
        return
    documents.append(doc)
    check = Checker(path, reference, vocab, problems)
    seen: set[str] = set()
    entries = yamlfile.sequence(data.get("claims"), path, data.line_of("claims"), "'claims' must be a list of claims")
    for index, entry in enumerate(entries):
        try:
            entry = yamlfile.mapping(entry, path, entries.line_of(index),
                                     "each item under 'claims' must be a claim: a mapping with id, type, quote …")
            if pending(entry, check):  # checked on its own: its problems are the review's, not the build's
                own = Checker(path, check.reference, vocab, [])
                claim = read_claim(entry, doc, own)
                documents[-1].pending.append(Pending(str(entry.get("id")), Where(path, entry.line), own.problems))
                continue
            claim = read_claim(entry, doc, check)
        except InputError as exc:  # the other claims of the file are still checked
            problems.unread(exc)
            continue
        if claim is None:
            continue
        if claim.id in seen:
            check.problem(claim.where.line, f"claim id '{claim.id}' is used twice in this file")
        seen.add(claim.id)
        claims.append(claim)
    entries = yamlfile.sequence(data.get("contradictions"), path, data.line_of("contradictions"),
                                "'contradictions' must be a list of contradictions")
    for index, entry in enumerate(entries):
        try:
            entry = yamlfile.mapping(entry, path, entries.line_of(index),
                                     "each item under 'contradictions' must be a mapping with id, type and claims")
            contradictions.append(_read_contradiction(entry, doc, check, vocab))
        except InputError as exc:
            problems.unread(exc)
