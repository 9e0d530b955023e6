"""The exceptions the library raises for problems a user can fix.

Each carries a one-line message naming the file, line or record, what is wrong and
how to fix it; the CLI prints it as ``Error: …`` and exits with ``exit_code``.

An error about a parameter names it in the library's terms (``as_of``), never as a
command-line flag: ``param`` holds the name, and the message shows it as a prefix
(``as_of: '2020-13-01' is not a real date``) or where it says ``named("as_of")``.
The CLI shows the same message with the flags of its command instead (``--as-of: …``),
through ``naming()``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable


_NAMED = re.compile(r"\{=([a-z_]+)\}")
# characters that would break a message's one line or drive the terminal (ESC …), as a value may hold them,
# and the lone surrogates that stand for bytes of a command line that were not UTF-8
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters written as escapes (``\\n``, ``\\x1b``)."""
    return _CONTROL.sub(lambda found: _ESCAPES.get(found.group(), repr(found.group())[1:-1]), text)


def named(param: str) -> str:
    """A parameter's place in a message: shown as ``param`` by the library, as its flag by the CLI."""
    return "{=" + param + "}"


class KgError(Exception):
    """A problem the user can fix; never shown with a traceback.

    ``param`` is the library parameter the problem is about, or None.
    """

    exit_code = 2
    multiline = False  # True for a list of problems, one per line

    def __init__(self, message: str = "", param: str | None = None):
        self.param = param
        if param is not None and named(param) not in message:
            message = f"{named(param)}: {message}"
        # a message is one line, whatever the value it quotes holds; a list of problems keeps its lines
        self.template = "\n".join(one_line(line) for line in message.split("\n")) if self.multiline else one_line(message)
        super().__init__(self.naming(lambda name: name))

    def naming(self, spell: Callable[[str], str]) -> str:
        """The message with each parameter it names spelled by ``spell`` (a flag at the command line)."""
        return _NAMED.sub(lambda found: spell(found.group(1)), self.template)


class InputError(KgError):
    """An input could not be read: a missing file, malformed YAML or a bad value."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None,
                 param: str | None = None):
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line else f"{path}: "
        if param is not None and named(param) not in message:
            message = f"{named(param)}: {message}"
        super().__init__(where + message, param)


class ValidationFailed(KgError):
    """The inputs were read but do not hold together: each problem is one line.

    One problem is the message itself; more are listed under a count, one per line.
    """

    exit_code = 1
    multiline = True

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        if count == 1:
            super().__init__(one_line(problems[0]))
            return
        super().__init__(f"{count} problems found:\n" + "\n".join(f"  {one_line(p)}" for p in problems))


class UsageError(KgError):
    """A command was given a value it cannot use (unknown actor, bad date, …)."""

    exit_code = 2


class StoreError(KgError):
    """A graph store could not be opened, read or written."""

    exit_code = 3


class Note(UserWarning):
    """Something a user should know about how a value was read (an official taken as his state …).

    Issued with ``warnings.warn``; the CLI prints it as one line ``Note: …`` on stderr.
    A parameter it names with ``named("seat")`` reads ``seat`` here and as its flag
    at the command line, as in an error.
    """

    def __init__(self, message: str = ""):
        self.template = one_line(str(message))
        super().__init__(self.naming(lambda name: name))

    def naming(self, spell: Callable[[str], str]) -> str:
        """The note with each parameter it names spelled by ``spell``."""
        return _NAMED.sub(lambda found: spell(found.group(1)), self.template)
