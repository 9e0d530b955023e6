"""Reading the human-edited YAML files of a seeds folder, keeping the line of every mapping and list.

Scalars stay strings unless they are plain numbers or ``true``/``false``: dates are
parsed by ``kg.terms.dates`` (with a clear error) and ``yes``/``no`` stay the words they are.
The text is parsed within bounds (``kg.terms.yamlsafe``: no anchors, aliases or tags,
nesting and size bounded), from a regular file inside the seeds folder
(``kg.build.folder``). ``mapping``, ``sequence`` and ``text`` check that a value has
the shape the seeds format gives it, so that a wrong shape (``claims: 5``) is one line
naming its file and line rather than a TypeError further on.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kg.build import folder
from kg.errors import InputError
from kg.terms import yamlsafe


class Mapping(dict):
    """A YAML mapping that remembers the line it starts on (1-based) and each key's line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines: dict = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML list that remembers the line it starts on (1-based) and each item's line."""

    def __init__(self, *args):
        super().__init__(*args)
        self.line = 0
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(yamlsafe.BoundedLoader):
    pass


# Keep YAML 1.2 booleans only, and no implicit timestamps.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise InputError(f"duplicate key '{key}'; keep one of them", None, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [item.start_mark.line + 1 for item in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load(path: Path, seeds_dir: Path):
    """Parse one YAML file of the seeds folder ``seeds_dir``; any problem is an InputError naming its line."""
    raw = folder.read(path, seeds_dir, folder.MAX_YAML_BYTES, "file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(f"a byte that is not UTF-8 (0x{raw[exc.start]:02x}); the file must be UTF-8 text", path, line) from None
    try:
        return yamlsafe.parse(text, path, loader=_Loader)
    except InputError as exc:
        if exc.path is None:  # raised by a constructor above, which knows the line but not the file
            raise InputError(str(exc), path, exc.line) from None
        raise


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"the text '{shown}'"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def mapping(value, path: Path, line: int, what: str) -> Mapping:
    """``value`` if it is a mapping (an empty one for nothing); else InputError ``path:line: {what}, not …``."""
    return _node(Mapping, value, path, line, what)


def sequence(value, path: Path, line: int, what: str) -> Sequence:
    """``value`` if it is a list (an empty one for nothing); else InputError ``path:line: {what}, not …``."""
    return _node(Sequence, value, path, line, what)


def _node(kind: type, value, path: Path, line: int, what: str):
    if value is None:
        empty = kind()
        empty.line = line
        return empty
    if not isinstance(value, kind):
        raise InputError(f"{what}, not {_describe(value)}", path, line)
    return value


def text(value, path: Path, line: int, what: str) -> str | None:
    """``value`` as text (a number or true/false as written; None for nothing); a list or mapping is an InputError."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise InputError(f"{what}, not {_describe(value)}", path, line)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
