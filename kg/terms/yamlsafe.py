"""Parsing human-edited YAML within bounds, every problem one line naming its line.

YAML can make a small file expensive: an alias repeated in an alias repeated … (the
"billion laughs") expands 13 KB into gigabytes, deep nesting exhausts Python's
recursion, and explicit tags (``!!timestamp``, ``!!binary``, ``!!set``) build values
that no kg file needs and that fail in their own ways. The files kg reads (the seeds,
the reference data, the ``#+`` header of a query) need none of that, so
``BoundedLoader`` refuses anchors, aliases and tags outright, and bounds the nesting
and the size of the text. Without aliases every node stands in the text, so the work
is linear in its size.

Both readers of YAML use it: ``kg.catalogue.files`` for query headers and
``kg.build.yamlfile`` (which subclasses ``BoundedLoader`` to keep line numbers).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

import yaml

from kg.errors import InputError

MAX_DEPTH = 50  # far beyond any kg file; far below Python's recursion limit
MAX_CHARS = 4_000_000


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors, aliases or explicit tags, and with a bounded nesting depth."""

    max_depth = MAX_DEPTH

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "YAML anchors and aliases (&name, *name) are not allowed; write each value out in full",
                event.start_mark)
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.composer.ComposerError(
                None, None, f"YAML tags such as '{shown}' are not allowed; write the value as plain text",
                event.start_mark)
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                raise yaml.composer.ComposerError(
                    None, None, f"YAML nested more than {self.max_depth} levels deep; flatten the structure",
                    event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:  # 2020-13-45 read as a date, a number of 5,000 digits
            kind = {"timestamp": "date", "int": "number", "float": "number"}.get(str(node.tag).rsplit(":", 1)[-1], "value")
            reason = " ".join(str(exc).split()).split(";")[0]
            value = str(node.value)[:40] + ("…" if len(str(node.value)) > 40 else "")
            raise yaml.constructor.ConstructorError(
                None, None, f"YAML value '{value}' cannot be read as a {kind} ({reason}); quote it to keep it as text",
                node.start_mark) from None


@functools.cache
def _with_libyaml(loader: type[BoundedLoader]) -> type[BoundedLoader] | None:
    """``loader`` reading its events from libyaml (C, several times faster), composing and constructing as before.

    None when PyYAML was built without libyaml.
    """
    try:
        from yaml.cyaml import CParser as parser
    except ImportError:
        return None

    class Fast(parser, loader):
        # libyaml's own composer would skip the checks of compose_node: compose in Python
        get_single_node = yaml.composer.Composer.get_single_node
        get_node = yaml.composer.Composer.get_node
        check_node = yaml.composer.Composer.check_node

        def __init__(self, stream):
            parser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._depth = 0

    return Fast


def parse(text: str, where: Path | str | None = None, *, loader: type[BoundedLoader] = BoundedLoader,
          max_chars: int = MAX_CHARS, line_of: Callable[[int], int] | None = None, context: str = ""):
    """The data of a YAML text; any problem is an InputError naming ``where`` and the line.

    ``line_of`` maps a 1-based line of ``text`` to the line reported (for YAML cut out
    of a larger file); ``context`` starts every message (``"the '#+' header: "``).
    An ``InputError`` raised by the loader's own constructors passes through.
    """
    def line(number: int | None) -> int | None:
        return line_of(number) if number is not None and line_of is not None else number

    if len(text) > max_chars:
        raise InputError(f"{context}the YAML text is {len(text):,} characters, over the limit of {max_chars:,}; "
                         "split it into smaller files", where)
    fast = _with_libyaml(loader)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError:
            pass  # read again in Python below, whose messages say what is wrong
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.reader.ReaderError as exc:
        at = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise InputError(f"{context}the character U+{code:04X} is not allowed in YAML; remove it", where,
                         line(at)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(exc.problem or exc.context or "malformed YAML").split())
        if not what.startswith("YAML "):
            what = f"malformed YAML: {what}; fix the syntax on this line"
        raise InputError(f"{context}{what}", where, line(mark.line + 1) if mark else None) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{context}malformed YAML: {' '.join(str(exc).split())}", where) from None
    except RecursionError:  # a loader subclass that nests deeper than Python allows
        raise InputError(f"{context}YAML nested too deeply; flatten the structure", where) from None
