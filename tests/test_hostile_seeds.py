"""Hostile seeds: each one line naming file and line, the documented exit code, never a traceback, nothing replaced.

Every case builds a copy of the shipped seeds with one thing planted, most in a small
annotation file of its own (``zz.yaml`` on ``zz.txt``), into a graph file that already
holds a previous graph: a refused build leaves it as it was, byte for byte, with no
temporary file or manifest beside it. Outside the seeds folder sits a secret that no
case may read into the graph or print.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_clean, assert_one_error

from kg import paths
from kg.build import folder
from kg.cli import main

ANNOTATION = """\
document:
  file: zz.txt
  title: A test document
  date: 2019-12-10
  date_basis: stated
claims:
  - id: serbia-ally-of-russia-test
    type: tie
    actor: Serbia
    tie: ally
    target: Russia
    quote: Serbia is an ally of Russia
    note: A plain claim.
  - id: serbia-supports-crimea-in-ukraine-test
    type: position
    kind: statement
    actor: Serbia
    issue: crimea-part-of-ukraine
    stance: supports
    quote: Crimea is Ukraine
"""
ARTICLE = "Belgrade, 10 December 2019. Serbia is an ally of Russia, its president said; Crimea is Ukraine.\n"
CONTRADICTION = """\
contradictions:
  - id: a-contradiction
    type: rhetoric_vs_action
    claims: [serbia-ally-of-russia-test, serbia-supports-crimea-in-ukraine-test]
"""
SECRET = "API_TOKEN=do-not-leak-me"
PREVIOUS = b"# the previous graph, which a refused build must leave as it is\n"


def _line(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def _last_line(text: str, planted: str) -> int | None:
    """The line of ``text`` that holds the last line of what was planted (None for nothing planted)."""
    lines = [line for line in planted.splitlines() if line.strip()]
    return _line(text, lines[-1]) if lines else None


def _plant(seeds: Path, old: str | None = None, new: str = "", extra: str = "", name: str = "zz.yaml"):
    """Write the small annotation with ``old`` replaced by ``new`` (and ``extra`` appended); its path and new's line."""
    text = ANNOTATION
    if old is not None:
        assert old in text, old
        text = text.replace(old, new, 1)
    text += extra
    (seeds / "zz.txt").write_text(ARTICLE, encoding="utf-8")
    path = seeds / name
    path.write_text(text, encoding="utf-8")
    return path, _last_line(text, new + extra)


def _edit(path: Path, old: str, new: str, at: str | None = None):
    """Replace ``old`` by ``new`` once in a seed file; the file and the line of ``at`` (else of new's last line)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path, _line(text, at) if at else _last_line(text, new)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A private file outside the seeds folder."""
    path = tmp_path / "secret" / "private.txt"
    path.parent.mkdir()
    path.write_text(f"Serbia is an ally of Russia. {SECRET}\n", encoding="utf-8")
    return path


CASES = []


def case(code: int, *fragments: str):
    """Register a planting function as a case: it returns the file and line the error must name (line None: none)."""
    def register(plant):
        CASES.append(pytest.param(plant, code, fragments, id=plant.__name__.replace("_", "-")))
        return plant
    return register


# --- seeds confined to their folder -------------------------------------------------------------

@case(2, "'file: /etc/passwd' is an absolute path")
def file_absolute(seeds, secret):
    return _plant(seeds, "file: zz.txt", "file: /etc/passwd")


@case(2, "is an absolute path")
def file_absolute_to_the_secret(seeds, secret):
    return _plant(seeds, "file: zz.txt", f"file: {secret}")


@case(2, "is an absolute path")
def file_in_home(seeds, secret):
    return _plant(seeds, "file: zz.txt", "file: ~/private.txt")


@case(2, "leads out of its folder with '..'")
def file_dot_dot(seeds, secret):
    return _plant(seeds, "file: zz.txt", "file: ../secret/private.txt")


@case(2, "leads out of its folder with '..'")
def file_dot_dot_back_inside(seeds, secret):
    return _plant(seeds, "file: zz.txt", "file: reference/../zz.txt")


@case(2, "article file 'leak.txt' is a symbolic link that leads out of the seeds folder")
def file_symlink_out(seeds, secret):
    (seeds / "leak.txt").symlink_to(secret)
    return _plant(seeds, "file: zz.txt", "file: leak.txt")


@case(2, "is a symbolic link that leads out of the seeds folder")
def file_in_a_linked_folder(seeds, secret):
    (seeds / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    return _plant(seeds, "file: zz.txt", "file: elsewhere/private.txt")


@case(2, "is a symbolic link that leads out of the seeds folder")
def file_symlink_to_a_device(seeds, secret):
    (seeds / "zero.txt").symlink_to("/dev/zero")
    return _plant(seeds, "file: zz.txt", "file: zero.txt")


@case(2, "article file 'reference' is a folder; check 'file'")
def file_names_a_folder(seeds, secret):
    return _plant(seeds, "file: zz.txt", "file: reference")


@case(2, "article file 'pipe.txt' is not a regular file")
def file_names_a_fifo(seeds, secret):
    os.mkfifo(seeds / "pipe.txt")
    return _plant(seeds, "file: zz.txt", "file: pipe.txt")


@case(2, "article file 'nowhere.txt' not found beside the annotation file")
def file_missing(seeds, secret):
    return _plant(seeds, "file: zz.txt", "file: nowhere.txt")


@case(2, "'file' must be the name of a file")
def file_a_list(seeds, secret):
    return _plant(seeds, "file: zz.txt", "file: [zz.txt, other.txt]")


@case(2, "'file' holds a NUL character")
def file_with_an_escaped_nul(seeds, secret):
    return _plant(seeds, "file: zz.txt", 'file: "zz.txt\\0.yaml"')


@case(2, "file is a symbolic link that leads out of the seeds folder")
def annotation_symlink_out(seeds, secret):
    outside = secret.parent / "outside.yaml"
    outside.write_text(ANNOTATION, encoding="utf-8")
    (seeds / "zz.yaml").symlink_to(outside)
    return seeds / "zz.yaml", None


@case(2, "file is a symbolic link that leads out of the seeds folder")
def reference_file_symlink_out(seeds, secret):
    actors = seeds / "reference" / "actors.yaml"
    outside = secret.parent / "actors.yaml"
    shutil.move(actors, outside)
    actors.symlink_to(outside)
    return actors, None


@case(2, "file is a symbolic link that leads out of the seeds folder")
def reference_folder_symlink_out(seeds, secret):
    outside = secret.parent / "reference"
    shutil.move(seeds / "reference", outside)
    (seeds / "reference").symlink_to(outside, target_is_directory=True)
    return seeds / "reference" / "actors.yaml", None


@case(2, "file is not a regular file")
def reference_file_a_fifo(seeds, secret):
    actors = seeds / "reference" / "actors.yaml"
    actors.unlink()
    os.mkfifo(actors)
    return actors, None


@case(2, "file is a folder; give a file")
def reference_file_a_folder(seeds, secret):
    aliases = seeds / "reference" / "aliases.yaml"
    aliases.unlink()
    aliases.mkdir()
    return aliases, None


@case(2, "file not found; check the path")
def reference_file_missing(seeds, secret):
    actors = seeds / "reference" / "actors.yaml"
    actors.unlink()
    return actors, None


@case(2, "'document' needs 'file': the source text's file name")
def file_empty(seeds, secret):
    return _plant(seeds, "file: zz.txt", 'file: ""')


@case(2, "article file 'zz.txt' is not UTF-8 text")
def article_not_utf8(seeds, secret):
    path, _ = _plant(seeds)
    (seeds / "zz.txt").write_bytes(ARTICLE.encode("utf-8").replace(b"Serbia", b"Serb\xe9a", 1))
    return path, 2


# --- YAML within bounds ---------------------------------------------------------------------------

def _laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        previous = chr(ord("a") + n - 1)
        lines.append(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines)


@case(2, "YAML anchors and aliases (&name, *name) are not allowed")
def billion_laughs_in_a_quote(seeds, secret):
    bomb = "\n".join("      " + line for line in _laughs().splitlines())
    path, _ = _plant(seeds, "    quote: Serbia is an ally of Russia", "    quote:\n" + bomb)
    return path, _line(path.read_text(encoding="utf-8"), "a: &a")


@case(2, "YAML anchors and aliases (&name, *name) are not allowed")
def billion_laughs_in_the_reference(seeds, secret):
    actors = seeds / "reference" / "actors.yaml"
    actors.write_text(_laughs() + "\n" + actors.read_text(encoding="utf-8"), encoding="utf-8")
    return actors, 1


@case(2, "YAML anchors and aliases (&name, *name) are not allowed")
def merge_key(seeds, secret):
    path, _ = _plant(seeds, "  - id: serbia-ally-of-russia-test\n", "  - &base\n    id: serbia-ally-of-russia-test\n",
                     extra="  - <<: *base\n    id: another\n")
    return path, _line(path.read_text(encoding="utf-8"), "&base")  # the anchor, the first of the two


@case(2, "YAML nested more than 50 levels deep")
def nesting_deep_in_flow(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    note: " + "[" * 20_000 + "]" * 20_000)


@case(2, "YAML nested more than 50 levels deep")
def nesting_deep_in_blocks(seeds, secret):
    deep = "\n".join("  " * (3 + n) + f"k{n}:" for n in range(200)) + " end"
    path, _ = _plant(seeds, "    note: A plain claim.", "    note:\n" + deep)
    return path, _line(path.read_text(encoding="utf-8"), "k46:")  # the 51st level: document, claims, claim, note, k0 …


@case(2, f"over the limit of {folder.MAX_YAML_BYTES:,} bytes; split it into smaller files")
def annotation_too_large(seeds, secret):
    path, _ = _plant(seeds, extra="# padding\n" * (folder.MAX_YAML_BYTES // 10 + 1))
    return path, None


@case(2, "the character U+0000 is not allowed in YAML")
def nul_byte(seeds, secret):
    return _plant(seeds, "  title: A test document", "  title: A test\0document")


@case(2, "the character U+0007 is not allowed in YAML")
def bell_byte(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    note: A plain\a claim.")


@case(2, "a byte that is not UTF-8 (0xff); the file must be UTF-8 text")
def not_utf8(seeds, secret):
    path, _ = _plant(seeds)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[8] = lines[8].replace(b"Serbia", b"Serbia\xff")
    path.write_bytes(b"".join(lines))
    return path, 9


@case(2, "YAML tags such as '!!python/object/apply:os.system' are not allowed")
def python_tag(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    note: !!python/object/apply:os.system [echo hello]")


@case(2, "YAML tags such as '!!timestamp' are not allowed")
def timestamp_tag(seeds, secret):
    return _plant(seeds, "  date: 2019-12-10", "  date: !!timestamp 2019-12-10")


@case(2, "YAML tags such as '!!binary' are not allowed")
def binary_tag(seeds, secret):
    return _plant(seeds, "    quote: Serbia is an ally of Russia", "    quote: !!binary U2VyYmlh")


@case(2, "YAML tags such as '!!set' are not allowed")
def set_tag(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    note: !!set {a, b}")


@case(2, "duplicate key 'actor'; keep one of them")
def duplicate_key(seeds, secret):
    return _plant(seeds, "    actor: Serbia\n", "    actor: Serbia\n    actor: Russia\n")


@case(2, "malformed YAML")
def two_documents(seeds, secret):
    path, _ = _plant(seeds, extra="---\nsecond: document\n")
    return path, _line(path.read_text(encoding="utf-8"), "---")


@case(2, "expected a mapping with 'document' and 'claims'")
def empty_annotation(seeds, secret):
    path, _ = _plant(seeds)
    path.write_text("", encoding="utf-8")
    return path, None


@case(2, "expected a mapping with 'document' and 'claims'")
def annotation_a_list(seeds, secret):
    path, _ = _plant(seeds)
    path.write_text("- document\n- claims\n", encoding="utf-8")
    return path, None


# --- wrong shapes in annotation files ----------------------------------------------------------------

@case(2, "'claims' must be a list of claims, not the number 5")
def claims_a_number(seeds, secret):
    return _plant(seeds, ANNOTATION[ANNOTATION.index("claims:"):], "claims: 5\n")


@case(2, "'claims' must be a list of claims, not the text 'none yet'")
def claims_a_text(seeds, secret):
    return _plant(seeds, ANNOTATION[ANNOTATION.index("claims:"):], "claims: none yet\n")


@case(2, "'claims' must be a list of claims, not a mapping")
def claims_a_mapping(seeds, secret):
    return _plant(seeds, ANNOTATION[ANNOTATION.index("claims:"):], "claims: {id: x}\n")


@case(2, "each item under 'claims' must be a claim: a mapping with id, type, quote …, not the number 5")
def claim_a_number(seeds, secret):
    return _plant(seeds, ANNOTATION[ANNOTATION.index("claims:"):], "claims:\n  - 5\n")


@case(2, "each item under 'claims' must be a claim")
def claim_a_list(seeds, secret):
    return _plant(seeds, ANNOTATION[ANNOTATION.index("claims:"):], "claims:\n  - [id, type]\n")


@case(2, "'contradictions' must be a list of contradictions, not the number 5")
def contradictions_a_number(seeds, secret):
    return _plant(seeds, extra="contradictions: 5\n")


@case(2, "each item under 'contradictions' must be a mapping with id, type and claims, not the number 5")
def contradiction_a_number(seeds, secret):
    return _plant(seeds, extra="contradictions: [5]\n")


@case(2, "a contradiction's 'claims' must list the ids of its two claims, not the number 5")
def contradiction_claims_a_number(seeds, secret):
    return _plant(seeds, extra=CONTRADICTION.replace("    claims: [serbia-ally-of-russia-test, serbia-supports-crimea-in-ukraine-test]",
                                                     "    claims: 5"))


@case(2, "each item of a contradiction's 'claims' must be a claim id, not a list")
def contradiction_claim_a_list(seeds, secret):
    path, _ = _plant(seeds, extra=CONTRADICTION.replace("[serbia-ally-of-russia-test, serbia-supports", "[[x], serbia-supports"))
    return path, _line(path.read_text(encoding="utf-8"), "claims: [[x]")


@case(2, "a contradiction's 'note' must be text, not a mapping")
def contradiction_note_a_mapping(seeds, secret):
    return _plant(seeds, extra=CONTRADICTION + "    note: {a: b}\n")


@case(2, "missing 'document:' section")
def document_a_number(seeds, secret):
    path, _ = _plant(seeds, ANNOTATION[:ANNOTATION.index("claims:")], "document: 5\n")
    return path, None


@case(2, "'title' must be text, not a list")
def title_a_list(seeds, secret):
    return _plant(seeds, "  title: A test document", "  title: [A, test]")


@case(2, "'date_note' must be text, not a mapping")
def date_note_a_mapping(seeds, secret):
    return _plant(seeds, "  date_basis: stated", "  date_basis: inferred\n  date_note: {said: later}")


@case(2, "claim 'serbia-ally-of-russia-test': 'quote' must be text, not a mapping")
def quote_a_mapping(seeds, secret):
    return _plant(seeds, "    quote: Serbia is an ally of Russia", "    quote: {Serbia: ally}")


@case(2, "claim 'serbia-ally-of-russia-test': 'actor' must be an actor's name, not a list")
def actor_a_list(seeds, secret):
    return _plant(seeds, "    actor: Serbia", "    actor: [Serbia]")


@case(2, "'tie' must be one of")
def tie_a_list(seeds, secret):
    return _plant(seeds, "    tie: ally", "    tie: [ally]")


@case(2, "claim 'serbia-ally-of-russia-test': 'date' must be a date, not a list")
def claim_date_a_list(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    date: [2019]")


@case(2, "a claim's 'id' must be text, not a list")
def claim_id_a_list(seeds, secret):
    return _plant(seeds, "  - id: serbia-ally-of-russia-test", "  - id: [serbia]")


@case(2, "claim 'serbia-ally-of-russia-test': 'note' must be text, not a mapping")
def note_a_mapping(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    note: {a: b}")


@case(2, "claim 'a-deal': each party must be an actor's name, not a list")
def party_a_list(seeds, secret):
    deal = ("  - id: a-deal\n    type: agreement\n    title: A deal\n    status: signed\n"
            "    parties:\n      - [Serbia]\n      - Russia\n    quote: Serbia is an ally of Russia\n")
    path, _ = _plant(seeds, extra=deal)
    return path, _line(path.read_text(encoding="utf-8"), "- [Serbia]")


# --- wrong shapes in the reference files ------------------------------------------------------------

def _reference(seeds: Path, name: str, old: str, new: str, at: str | None = None):
    return _edit(seeds / "reference" / name, old, new, at)


@case(2, "'states' must be a list, not the number 5")
def states_a_number(seeds, secret):
    return _reference(seeds, "actors.yaml", "states:", "states: 5\nstates_before:", at="states: 5")


@case(2, "each entry under 'blocs' must be a mapping with id and name, not the number 5")
def bloc_a_number(seeds, secret):
    return _reference(seeds, "actors.yaml", "blocs:\n", "blocs:\n  - 5\n")


@case(2, "'acts_for' must be text, not a list")
def acts_for_a_list(seeds, secret):
    return _reference(seeds, "actors.yaml", "acts_for: serbia", "acts_for: [serbia]")


@case(2, "'posts' must be a list, not the number 5")
def posts_a_number(seeds, secret):
    path = seeds / "reference" / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("posts:")
    end = text.index("\n  - ", start)
    path.write_text(text[:start] + "posts: 5" + text[end:], encoding="utf-8")
    return path, _line(path.read_text(encoding="utf-8"), "posts: 5")


@case(2, "'source' must be a mapping with a title, not the number 5")
def actors_source_a_number(seeds, secret):
    path = seeds / "reference" / "actors.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("source:", "old_source:", 1) + "source: 5\n",
                    encoding="utf-8")
    return path, _line(path.read_text(encoding="utf-8"), "source: 5")


@case(2, "'aliases' must map each alias to an actor id, not a list")
def aliases_a_list(seeds, secret):
    return _reference(seeds, "aliases.yaml", "aliases:", "aliases: [Belgrade]\nformer_aliases:", at="aliases: [Belgrade]")


@case(2, "alias 'Belgrade' must name an actor id, not a list")
def alias_to_a_list(seeds, secret):
    return _reference(seeds, "aliases.yaml", "Belgrade: serbia", "Belgrade: [serbia]")


@case(2, "expected a mapping with 'aliases', not a list")
def aliases_file_a_list(seeds, secret):
    path = seeds / "reference" / "aliases.yaml"
    path.write_text("- Belgrade\n- Moscow\n", encoding="utf-8")
    return path, 1


@case(2, "'memberships' must map each organisation to its members, not the number 5")
def memberships_a_number(seeds, secret):
    return _reference(seeds, "memberships.yaml", "memberships:", "memberships: 5\nold_memberships:", at="memberships: 5")


@case(2, "'nato' must map member, candidate and ended, not the number 5")
def membership_roles_a_number(seeds, secret):
    path = seeds / "reference" / "memberships.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.rindex("  nato:")] + "  nato: 5\n", encoding="utf-8")
    return path, len(path.read_text(encoding="utf-8").splitlines())


@case(2, "'serbia': '2020-13-01' is not a real date")
def membership_ended_not_a_date(seeds, secret):
    return _reference(seeds, "memberships.yaml", "ended:\n", "ended:\n      serbia: 2020-13-01\n")


@case(2, "'resolutions' must be a list, not the number 5")
def resolutions_a_number(seeds, secret):
    return _reference(seeds, "resolutions.yaml", "resolutions:", "resolutions: 5\nold_resolutions:", at="resolutions: 5")


@case(2, "each entry under 'resolutions' must be a mapping with symbol, title, organ and date, not the text 'A/RES/1'")
def resolution_a_text(seeds, secret):
    return _reference(seeds, "resolutions.yaml", "resolutions:\n", "resolutions:\n  - A/RES/1\n")


@case(2, "'session' must be text, not a list")
def resolution_session_a_list(seeds, secret):
    return _reference(seeds, "resolutions.yaml", "session: 74", "session: [74]")


# --- dates: not in the future, not after the document -----------------------------------------------

@case(1, "document date 2099-12-10 is in the future (today is")
def document_in_the_future(seeds, secret):
    return _plant(seeds, "  date: 2019-12-10", "  date: 2099-12-10")


@case(1, "is in the future (today is")
def document_dated_tomorrow(seeds, secret):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    return _plant(seeds, "  date: 2019-12-10", f"  date: {tomorrow}")


@case(1, "claim 'serbia-ally-of-russia-test': dated 2099-12-09, after its document, which is dated 2019-12-10")
def claim_after_its_document(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    date: 2099-12-09")


@case(1, "dated 2020, after its document, which is dated 2019-12-10")
def claim_year_after_its_document(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    date: 2020")


@case(1, "dated 2019-12-11, after its document, which is dated 2019-12-10")
def claim_a_day_after_its_document(seeds, secret):
    return _plant(seeds, "    note: A plain claim.", "    date: 2019-12-11")


@case(1, "dated 2019-12-11, after its document, which is dated 2019-12-10")
def shipped_claim_after_its_document(seeds, secret):
    return _edit(seeds / "002_6c2ca3a879d015f2.yaml", "date: 2019-12-09", "date: 2019-12-11")


# --- documents too large for the store ---------------------------------------------------------------

@case(2, f"article file 'zz.txt' is {folder.MAX_ARTICLE_BYTES + 1:,} bytes, over the limit of "
         f"{folder.MAX_ARTICLE_BYTES:,} bytes")
def article_too_large(seeds, secret):
    path, _ = _plant(seeds)
    (seeds / "zz.txt").write_bytes(b"x" * (folder.MAX_ARTICLE_BYTES + 1))
    return path, _line(ANNOTATION, "file: zz.txt")


@pytest.mark.parametrize("plant, code, fragments", CASES)
def test_a_hostile_seed_is_one_line_and_leaves_the_graph(seeds_copy, secret, tmp_path, plant, code, fragments):
    path, line = plant(seeds_copy, secret)
    out = tmp_path / "out" / "graph.trig"
    out.parent.mkdir()
    out.write_bytes(PREVIOUS)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds_copy), "-o", str(out)])
    assert time.monotonic() - started < 20
    where = f"Error: {path}:{line}: " if line else f"Error: {path}: "
    error = assert_one_error(result, (code,), fragments)
    assert error.startswith(where), (error, where)
    assert SECRET not in result.output
    assert out.read_bytes() == PREVIOUS
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.trig"]


def test_the_small_annotation_itself_builds(seeds_copy, tmp_path):
    """Every case above plants one thing into this file, which builds as it is: the refusal is the planted thing's."""
    _plant(seeds_copy, extra=CONTRADICTION)
    result = CliRunner().invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert_clean(result, (0,))
    assert result.output.startswith("OK: 17 documents, 208 claims")


def test_a_non_verbatim_quote_in_a_large_article_is_reported_at_once(seeds_copy, tmp_path):
    """A quote off by one letter in a 5 MB article: the closest passage in seconds (it took 45 s at every word start)."""
    words = ARTICLE.replace(".", " ").replace(";", " ").replace(",", " ").split()
    filler = " ".join(words[(n * 7) % len(words)] for n in range(800_000))
    text = filler[:2_500_000] + " " + ARTICLE + " " + filler[2_500_000:5_000_000]
    path, line = _plant(seeds_copy, "    quote: Serbia is an ally of Russia", "    quote: Serbia is an ally of Rusia")
    (seeds_copy / "zz.txt").write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert time.monotonic() - started < 15
    assert_one_error(result, (1,), (f"{path}:{line}: claim 'serbia-ally-of-russia-test': quote not found verbatim in "
                                    "zz.txt; closest passage: \"Serbia is an ally of Russi\" (at character 25: 'i' in "
                                    "the quote, 's' in the text)",))


def test_the_closest_passage_is_where_a_mistyped_quote_came_from():
    """In a text longer than is searched at every word start, a quote with a typo leads back to its source."""
    from kg.build import quotes

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(paths.default_seeds_dir().glob("*.txt")))
    text = text + "\n\n" + text[::-1]  # the same letters again, in no useful order
    assert len(text) > quotes.SCAN_ALL
    for found in list(re.finditer(r"\s(?=\w)", text[: len(text) // 2 - 80]))[::97]:
        source = text[found.end() : found.end() + 60]
        middle = 30 if source[30] != "#" else 31
        typo = source[:middle] + "#" + source[middle + 1 :]
        assert quotes.closest_passage(typo, text) == source, found.end()


# --- a graph file given to a reading command is read, never rebuilt ------------------------------------

@pytest.fixture(scope="module")
def other_graph(tmp_path_factory):
    """A graph built from other seeds (the shipped ones without the last article), with its manifest."""
    from kg.build import pipeline

    root = tmp_path_factory.mktemp("other")
    seeds = root / "fewer-seeds"
    shutil.copytree(paths.default_seeds_dir(), seeds)
    for path in seeds.glob("004_*"):
        path.unlink()
    _, graph = pipeline.build_file(seeds, root / "other.trig")
    return seeds, graph


def _copy_graph(other_graph, tmp_path) -> Path:
    seeds, graph = other_graph
    target = tmp_path / "given" / "given.trig"
    target.parent.mkdir()
    shutil.copy2(graph, target)
    shutil.copy2(graph.with_name(graph.name + ".manifest.json"), target.with_name(target.name + ".manifest.json"))
    return target


def _untouched(graph: Path, before: dict):
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in graph.parent.iterdir()} == before


@pytest.mark.parametrize("command", [
    ["query", "actors"],
    ["query", "positions", "--param", "actor=Serbia"],
    ["contradictions"],
    ["compare", "Serbia", "Russia"],
])
@pytest.mark.parametrize("how", ["--graph", "KG_GRAPH"])
def test_a_given_graph_from_other_seeds_is_read_as_it_is(other_graph, tmp_path, command, how):
    seeds, _ = other_graph
    graph = _copy_graph(other_graph, tmp_path)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in graph.parent.iterdir()}
    args, env = (command + ["--graph", str(graph)], {}) if how == "--graph" else (command, {"KG_GRAPH": str(graph)})
    result = CliRunner().invoke(main, args, env=env)
    stderr = assert_clean(result, (0,))
    assert stderr.splitlines()[0] == (f"Note: the graph {graph} was built from the seeds in {seeds}, not from "
                                      f"{paths.default_seeds_dir()}; reading it as it is (kg build writes it anew)")
    assert "Building" not in stderr
    _untouched(graph, before)


def test_a_given_graph_answers_from_its_own_seeds(other_graph, tmp_path):
    """The graph read is the one given: the claims of the article its seeds lack are not in it."""
    graph = _copy_graph(other_graph, tmp_path)
    given = CliRunner().invoke(main, ["query", "evidence", "--param", "claim=004_2c0c4e712b805dba/serbia-ally-of-russia",
                                      "--graph", str(graph)])
    assert_one_error(given, (2,), ("unknown claim",))
    shipped = CliRunner().invoke(main, ["query", "evidence", "--param", "claim=004_2c0c4e712b805dba/serbia-ally-of-russia"])
    assert_clean(shipped, (0,))


def test_the_library_reads_a_given_graph_as_it_is(other_graph, tmp_path):
    import kg
    from kg.errors import Note

    graph = _copy_graph(other_graph, tmp_path)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in graph.parent.iterdir()}
    with pytest.warns(Note, match="was built from the seeds in .*fewer-seeds"):
        rows = kg.open(graph_path=graph).query("actors").rows
    assert rows
    _untouched(graph, before)


def test_kg_load_reads_a_given_graph_as_it_is(other_graph, tmp_path):
    graph = _copy_graph(other_graph, tmp_path)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in graph.parent.iterdir()}
    result = CliRunner().invoke(main, ["load", "--store", str(tmp_path / "store"), "--graph", str(graph)])
    assert_clean(result, (0,))
    assert "was built from the seeds in" in result.stderr
    _untouched(graph, before)


def test_a_given_graph_that_is_a_folder_or_a_fifo_is_one_line(tmp_path):
    folder_given = CliRunner().invoke(main, ["query", "actors", "--graph", str(tmp_path)])
    assert_one_error(folder_given, (2,), (f"Error: Invalid value for '--graph': File '{tmp_path}' is a directory.",))
    os.mkfifo(tmp_path / "pipe.trig")
    fifo = CliRunner().invoke(main, ["query", "actors", "--graph", str(tmp_path / "pipe.trig")])
    assert_one_error(fifo, (2,), (f"Error: --graph: {tmp_path / 'pipe.trig'} is not a graph file (it is a folder, a FIFO",))


# --- KG_HOME that cannot hold kg's data ----------------------------------------------------------------

HOMES = {
    "a-file": lambda tmp: _file(tmp / "home"),
    "below-a-file": lambda tmp: _file(tmp / "home") / "kg",
}


def _file(path: Path) -> Path:
    path.write_text("not a folder\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ["build"],
    ["query", "actors"],
    ["compare", "Serbia", "Russia"],
    ["contradictions"],
    ["export", "rdf", "-o", "OUT/graph.ttl"],
    ["load", "--store", "OUT/store"],
    ["serve", "--port", "9"],
], ids=lambda command: "-".join(command[:2]))
@pytest.mark.parametrize("home", sorted(HOMES))
def test_a_kg_home_that_cannot_be_a_folder_is_one_line(tmp_path, command, home):
    kg_home = HOMES[home](tmp_path)
    (tmp_path / "OUT").mkdir()
    args = [part.replace("OUT", str(tmp_path / "OUT")) for part in command]
    result = CliRunner().invoke(main, args, env={"KG_HOME": str(kg_home)})
    assert_one_error(result, (2,), (f"Error: {kg_home}: kg's data folder ", "set KG_HOME to a folder kg may write in"))
    assert "Building" not in result.stderr
    assert list((tmp_path / "OUT").iterdir()) == []


@pytest.mark.skipif(not Path("/sys").is_dir() or os.access("/sys", os.W_OK) and os.geteuid() != 0,
                    reason="needs a folder in which no one may create a folder")
def test_a_kg_home_that_cannot_be_created_is_one_line():
    result = CliRunner().invoke(main, ["build"], env={"KG_HOME": "/sys/kghome"})
    assert_one_error(result, (2,), ("Error: /sys/kghome: kg's data folder cannot be created (",))


@pytest.mark.parametrize("how", ["--seeds", "--graph", "file:"])
def test_a_name_too_long_for_the_system_is_one_line(seeds_copy, tmp_path, how):
    long = "a" * 5000
    if how == "--seeds":
        result = CliRunner().invoke(main, ["validate", "--seeds", long])
        assert_one_error(result, (2,), ("Error: seeds folder cannot be read (File name too long)",))
    elif how == "--graph":
        result = CliRunner().invoke(main, ["query", "actors", "--graph", long])
        assert_one_error(result, (2,), ("Error: --graph: the graph file cannot be read (File name too long)",))
    else:
        path, line = _plant(seeds_copy, "file: zz.txt", f"file: {long}.txt")
        result = CliRunner().invoke(main, ["validate", "--seeds", str(seeds_copy)])
        assert_one_error(result, (2,), (f"Error: {path}:{line}: article file '{long}.txt' cannot be read (File name too long)",))
