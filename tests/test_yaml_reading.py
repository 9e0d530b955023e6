"""Seed files are read by libyaml where it is installed, with the same values, lines and messages as in Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import yamlfile
from kg.errors import InputError
from kg.paths import shipped_seeds_dir
from kg.terms import yamlsafe


def _shape(value):
    """The value with the line of every mapping, key and item, as the checks of the seeds read them."""
    if isinstance(value, dict):
        return ("map", value.line, sorted(value.key_lines.items()), [(k, _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", value.line, value.item_lines, [_shape(v) for v in value])
    return (type(value).__name__, value)


@pytest.fixture
def python_only(monkeypatch):
    monkeypatch.setattr(yamlsafe, "_with_libyaml", lambda loader: None)


def _read_all() -> list:
    seeds = shipped_seeds_dir()
    return [_shape(yamlfile.load(p, seeds)) for p in sorted(seeds.rglob("*.yaml"))]


def test_libyaml_is_used_for_the_seed_files():
    assert yamlsafe._with_libyaml(yamlfile._Loader) is not None  # PyYAML from the registry ships it


def test_every_shipped_seed_file_reads_the_same_with_libyaml_as_in_python(monkeypatch):
    fast = _read_all()
    monkeypatch.setattr(yamlsafe, "_with_libyaml", lambda loader: None)
    assert fast == _read_all()
    assert len(fast) >= 20  # the 16 articles and the reference files


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: *x\n", ":1: YAML anchors and aliases (&name, *name) are not allowed"),
    ("a: 1\na: 2\n", ":2: duplicate key 'a'; keep one of them"),
    ("a: !!binary aGVsbG8=\n", ":1: YAML tags such as '!!binary' are not allowed"),
    ("a: [1, 2\nb: 3\n", ":2: malformed YAML: expected ',' or ']'"),
    ("a: yes\n\tb: 2\n", ":2: malformed YAML"),
])
def test_a_bad_file_gets_the_message_python_gives(tmp_path, text, message, monkeypatch):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as fast:
        yamlfile.load(path, tmp_path)
    monkeypatch.setattr(yamlsafe, "_with_libyaml", lambda loader: None)
    with pytest.raises(InputError) as slow:
        yamlfile.load(path, tmp_path)
    assert str(fast.value) == str(slow.value)
    assert message in str(fast.value)
