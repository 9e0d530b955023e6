"""Bad seeds get a one-line error naming file, line and fix, a non-zero exit, and no output file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import pipeline as build
from kg.build import shacl
from kg.cli import main
from kg.terms import ontology
from kg.terms.vocab import SA

ARTICLE = "002_6c2ca3a879d015f2"


def _edit(seeds: Path, old: str, new: str, stem: str = ARTICLE) -> Path:
    path = seeds / f"{stem}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def _build(seeds: Path, out: Path):
    return CliRunner().invoke(main, ["build", "--seeds", str(seeds), "-o", str(out)])


def _assert_failed(result, out: Path, code: int, *fragments: str):
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: ")
    for fragment in fragments:
        assert fragment in result.output, result.output
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_quote_not_verbatim_shows_the_closest_passage(seeds_copy, tmp_path):
    path = _edit(seeds_copy, "Serbia voted against a resolution", "Serbia voted against the resolution")
    line = _line_of(path, "Serbia voted against the resolution")
    result = _build(seeds_copy, tmp_path / "g.trig")
    # the error names the line of the 'quote:' key, which may stand just above a folded quote
    assert re.search(rf"{re.escape(str(path))}:({line}|{line - 1}): ", result.output), result.output
    _assert_failed(result, tmp_path / "g.trig", 1, "quote not found verbatim",
                   'closest passage: "Serbia voted against a resolution', "copy the text exactly")


def test_unknown_actor_suggests_the_closest_name(seeds_copy, tmp_path):
    path = _edit(seeds_copy, "actor: Serbia", "actor: Serbja")
    result = _build(seeds_copy, tmp_path / "g.trig")
    _assert_failed(result, tmp_path / "g.trig", 1, f"{path}:", "unknown actor 'Serbja'", "did you mean 'Serbia'")


def test_unknown_issue(seeds_copy, tmp_path):
    path = _edit(seeds_copy, "issue: crimea-part-of-ukraine", "issue: crimea-part-of-ukrain")
    result = _build(seeds_copy, tmp_path / "g.trig")
    _assert_failed(result, tmp_path / "g.trig", 1, f"{path}:", "'crimea-part-of-ukrain' is not allowed",
                   "did you mean 'crimea-part-of-ukraine'")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("stance: opposes", "stance: against", "stance: 'against' is not allowed"),
        ("kind: action", "kind: deed", "kind: 'deed' is not allowed"),
        ("action: vote", "action: ballot", "action: 'ballot' is not allowed"),
    ],
)
def test_value_outside_the_allowed_ones(seeds_copy, tmp_path, old, new, message):
    path = _edit(seeds_copy, old, new)
    result = _build(seeds_copy, tmp_path / "g.trig")
    _assert_failed(result, tmp_path / "g.trig", 1, f"{path}:{_line_of(path, new)}:", message, "use one of")


@pytest.mark.parametrize(
    "bad, message",
    [("2019-02-30", "is not a real date"), ("December 2019", "is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")],
)
def test_impossible_or_malformed_date(seeds_copy, tmp_path, bad, message):
    path = _edit(seeds_copy, "date: 2019-12-09", f"date: {bad}")
    result = _build(seeds_copy, tmp_path / "g.trig")
    _assert_failed(result, tmp_path / "g.trig", 1, f"{path}:{_line_of(path, f'date: {bad}')}:", message)


def test_malformed_yaml_names_the_line(seeds_copy, tmp_path):
    path = seeds_copy / f"{ARTICLE}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if line.strip().startswith("- id:"))
    lines[target] = lines[target] + ": [unclosed"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _build(seeds_copy, tmp_path / "g.trig")
    _assert_failed(result, tmp_path / "g.trig", 2, f"{path}:", "malformed YAML")
    assert re.search(rf"{re.escape(str(path))}:\d+: malformed YAML", result.output)


def test_missing_article_file(seeds_copy, tmp_path):
    (seeds_copy / f"{ARTICLE}.txt").unlink()
    result = _build(seeds_copy, tmp_path / "g.trig")
    _assert_failed(result, tmp_path / "g.trig", 2, f"{ARTICLE}.yaml", f"article file '{ARTICLE}.txt' not found")


def test_shacl_violation_is_said_in_words(seeds_copy, tmp_path):
    actors = seeds_copy / "reference" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("iso: RS,", "iso: Serbia,", 1), encoding="utf-8")
    result = _build(seeds_copy, tmp_path / "g.trig")
    _assert_failed(result, tmp_path / "g.trig", 1, "SHACL: State shape, node id:actor/serbia (Serbia): ISO 3166-1 alpha-2 code:")


def test_shacl_checks_quotes_against_their_offsets(built):
    """A quote whose offsets point elsewhere in the text is a violation, named by its evidence node."""
    from rdflib import Dataset, Literal

    dataset = Dataset(default_union=True)
    for quad in built.dataset.quads((None, None, None, None)):
        dataset.add(quad)
    evidence = next(iter(sorted(dataset.subjects(SA.quote, None))))
    s, p, start, graph = next(iter(dataset.quads((evidence, SA.startOffset, None, None))))
    dataset.remove((s, p, start, graph))
    dataset.add((s, p, Literal(int(start) + 1), graph))
    report = shacl.validate(dataset, ontology.load_shapes())
    assert not report.conforms
    assert any("quotes a passage that is not the document's text between its start and end offsets" in p
               and str(evidence).rsplit("/", 2)[-2] in p for p in report.problems), report.problems


def test_output_folder_that_does_not_exist(tmp_path):
    out = tmp_path / "no-such-folder" / "g.trig"
    result = CliRunner().invoke(main, ["build", "-o", str(out)])
    assert result.exit_code == 2
    assert "the output folder does not exist" in result.output
    assert not out.parent.exists()


def test_a_failed_build_leaves_the_previous_output_untouched(seeds_copy, tmp_path):
    out = tmp_path / "g.trig"
    assert _build(seeds_copy, out).exit_code == 0
    before = out.read_bytes()
    _edit(seeds_copy, "stance: opposes", "stance: against")
    assert _build(seeds_copy, out).exit_code == 1
    assert out.read_bytes() == before


def test_validate_exit_codes(seeds_copy):
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert ok.exit_code == 0 and ok.output.startswith("OK: 16 documents")
    path = _edit(seeds_copy, "actor: Serbia", "actor: Serbja")
    bad = runner.invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert bad.exit_code == 1
    assert bad.output.startswith(f"Error: {path}:{_line_of(path, 'actor: Serbja')}: ")
    assert "unknown actor 'Serbja'" in bad.output and bad.output.count("\n") == 1
    _edit(seeds_copy, "stance: opposes", "stance: against")
    two = runner.invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert two.exit_code == 1 and two.output.startswith(f"Error: 2 problems found:\n  {path}:")
    assert two.output.count("\n") == 3
    path.write_text("document: [\n", encoding="utf-8")
    unreadable = runner.invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert unreadable.exit_code == 2 and unreadable.output.startswith(f"Error: {path}:2: malformed YAML")


def test_all_problems_are_listed_not_just_the_first(seeds_copy):
    _edit(seeds_copy, "actor: Serbia", "actor: Serbja")
    _edit(seeds_copy, "stance: opposes", "stance: against")
    with pytest.raises(build.ValidationFailed) as failure:
        build.build(seeds_copy)
    path = seeds_copy / f"{ARTICLE}.yaml"
    first, second = failure.value.problems
    assert first.startswith(f"{path}:{_line_of(path, 'actor: Serbja')}: ") and "unknown actor 'Serbja'" in first
    assert second.startswith(f"{path}:{_line_of(path, 'stance: against')}: ") and "stance: 'against' is not allowed" in second


def test_speaker_without_a_post_at_the_claims_date(seeds_copy, tmp_path):
    # Vučić spoke in Sochi on 2019-12-04 as President; move the claim to 2010, before any of his posts
    path = _edit(seeds_copy, "date: 2019-12-04", "date: 2010-12-04")
    result = _build(seeds_copy, tmp_path / "g.trig")
    _assert_failed(result, tmp_path / "g.trig", 1, f"{path}:", "speaker 'Aleksandar Vučić' held no post on 2010-12-04",
                   "President of Serbia 2017-05-31–today")
