"""What a build keeps of each article for the next one: its records, its quads and its SHACL verdict.

An article is read, checked, turned into triples and validated once, and again only
when it changes: each annotation file is known by its fingerprint, a digest of the
build's context (kg's build code, the ontology and shapes, the reference files and
issues of every layer, the workspace settings) and of the file's own bytes; the
article text it names must still have the digest its document recorded. Only a file
read without a problem is kept. The kept entries live in one file in the seeds'
built folder (``workspace.built_dir``), written atomically; a file that cannot be
read or written only costs the time of building anew. A large text kept beside them
(what the rules derived: 124 MB at 1,000 synthetic articles) has a file of its own,
written only when it changed (``keep_text``).
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from kg import paths
from kg.atomic import write_atomic
from kg.build import folder, workspace
from kg.build.records import Claim, CuratedContradiction, Document
from kg.errors import InputError

FORMAT = 2  # raised when what is kept changes shape
_CODE = ("build/*.py", "terms/*.py", "terms/*.tsv")


@dataclass
class Entry:
    """One annotation file as read, with what later stages made of it (``None`` until they have)."""

    document: Document
    claims: list[Claim]
    contradictions: list[CuratedContradiction]
    nquads: bytes | None = None  # the document's own graph (claims and document), N-Quads
    problems: list[str] | None = None  # its SHACL verdict: the violations found (none when it conforms)
    scope: set[str] | None = None  # the actors its graph touches (kg.build.rules.scope), for re-deriving after an edit
    fresh: bool = field(default=True, compare=False)


def context(space: workspace.Workspace) -> str:
    """The digest of everything a document's reading and validation depend on beside its own files."""
    digest = hashlib.sha256(f"{FORMAT} {space.kind} shipped={space.shipped}".encode())
    package = Path(__file__).resolve().parent.parent
    sources = [p for pattern in _CODE for p in sorted(package.glob(pattern))]
    roots = [paths.ontology_dir(), *(layer / "reference" for layer in space.layers)]
    sources += [p for root in roots for p in sorted(root.rglob("*")) if p.is_file()]
    sources += [layer / workspace.MARKER for layer in space.layers if (layer / workspace.MARKER).is_file()]
    for path in sources:
        digest.update(f"\0{path}\0".encode("utf-8", "surrogateescape"))
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


class Documents:
    """The entries kept by the last build (read from ``path``) and those of this one (written by ``save``)."""

    def __init__(self, path: Path | None, context_digest: str):
        self.path = path
        self.context = context_digest
        self.old: dict[str, Entry] = self._read()
        self.now: dict[str, Entry] = {}
        self.by_stem: dict[str, Entry] = {}
        self.extra: dict[str, object] = {}  # what the build keeps beside the documents (the reference's verdict)
        self._texts: dict[str, tuple[str, bytes]] = {}  # name -> (digest, text) to keep in a file of its own
        self._read_texts: dict[str, str] = {}  # name -> the digest of the text its file held when read

    def _read(self) -> dict[str, Entry]:
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as stream:
                kept = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return {}
        if not isinstance(kept, dict) or kept.get("format") != FORMAT or kept.get("context") != self.context:
            return {}
        self.kept_extra = kept.get("extra", {})
        return kept.get("entries", {})

    def _key(self, layer: Path, path: Path) -> str | None:
        try:
            data = folder.read(path, layer, folder.MAX_YAML_BYTES, "annotation file")
        except InputError:
            return None  # read as usual, which says what is wrong
        digest = hashlib.sha256(self.context.encode())
        digest.update(str(Path(path).absolute()).encode("utf-8", "surrogateescape") + b"\0" + data)
        return digest.hexdigest()

    def get(self, layer: Path, path: Path) -> Entry | None:
        """The entry of an annotation file unchanged since it was kept, its article too; None otherwise."""
        key = self._key(layer, path)
        entry = self.old.get(key) if key else None
        if entry is None:
            return None
        try:
            text = folder.read(entry.document.path, layer, folder.MAX_ARTICLE_BYTES, "article file")
        except InputError:
            return None
        if hashlib.sha256(text).hexdigest() != entry.document.sha256:
            return None
        entry.fresh = False
        self._use(key, entry)
        return entry

    def keep(self, layer: Path, path: Path, document: Document, claims: list, contradictions: list) -> None:
        """Keep what was read of an annotation file without a problem."""
        key = self._key(layer, path)
        if key:
            self._use(key, Entry(document, list(claims), list(contradictions)))

    def _use(self, key: str, entry: Entry) -> None:
        self.now[key] = entry
        self.by_stem[entry.document.stem] = entry

    def changed(self) -> list[Entry] | None:
        """The last build's entries this one did not take again (their files changed or went); None if one lacks its scope."""
        used = {id(entry) for entry in self.now.values()}
        gone = [entry for entry in self.old.values() if id(entry) not in used]
        return None if any(entry.scope is None for entry in gone) else gone

    def previous(self, name: str):
        """What the last build kept beside the documents under ``name`` (None when nothing, or another context)."""
        return getattr(self, "kept_extra", {}).get(name)

    def text(self, name: str, digest: str) -> bytes | None:
        """The text the last build kept under ``name`` (``keep_text``), when its digest is ``digest``; None otherwise."""
        if self.path is None:
            return None
        try:
            with self._text_path(name).open("rb") as stream:
                head = stream.readline().rstrip(b"\n").decode("ascii")
                if head != digest:
                    return None
                data = stream.read()
        except (OSError, ValueError):
            return None
        self._read_texts[name] = digest
        return data

    def keep_text(self, name: str, data: bytes, digest: str) -> None:
        """Keep ``data``, whose digest is ``digest``, under ``name`` for the next build: its file is written by ``save``
        unless it holds that text already."""
        self._texts[name] = (digest, data)

    def _text_path(self, name: str) -> Path:
        return self.path.with_name(f"{self.path.name}.{name}")

    def save(self) -> None:
        """Write this build's entries in place of the last one's (those of removed or changed files go)."""
        if self.path is None:
            return
        kept = {"format": FORMAT, "context": self.context, "entries": self.now, "extra": self.extra}
        try:
            for name, (digest, data) in self._texts.items():  # before the entries, which name their digests
                if self._read_texts.get(name) != digest:
                    write_atomic(self._text_path(name), lambda out: (out.write(digest.encode("ascii") + b"\n"),
                                                                      out.write(data)))
            write_atomic(self.path, lambda out: pickle.dump(kept, out, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, InputError):
            pass  # only the next build's time is lost
