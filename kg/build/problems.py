"""The problems one validation run finds, every one of them, grouped by the file they are in.

Each stage of a build appends what it finds and goes on where it still can, so that
one ``kg validate`` lists every problem of every file. A file that cannot be read at
all (an InputError) is one problem too, remembered as such: with it the run ends with
exit code 2 (an input cannot be read), else 1 (violations).
"""

from __future__ import annotations

import re

from kg.errors import InputError, ValidationFailed

_FILE = re.compile(r"^(.+?\.(?:yaml|yml|toml|txt|ttl))(?=:)")


class Problems(list):
    """The problems found so far, one line each (``path:line: what is wrong``)."""

    def __init__(self):
        super().__init__()
        self.unreadable: list[InputError] = []

    def unread(self, error: InputError) -> None:
        """Record an input that cannot be read (or has another shape than kg reads) as one problem."""
        self.append(str(error))
        self.unreadable.append(error)

    def check(self) -> None:
        """Raise what was found: the InputError itself when it is the only problem, else ValidationFailed, by file."""
        if not self:
            return
        if len(self) == 1 and self.unreadable:
            raise self.unreadable[0]
        failed = ValidationFailed(grouped(self))
        if self.unreadable:
            failed.exit_code = 2
        raise failed


def grouped(lines: list[str]) -> list[str]:
    """``lines`` with those of one file together, files in the order first named; within a file, as found."""
    order: dict[str, list[str]] = {}
    for line in lines:
        found = _FILE.match(line)
        order.setdefault(found.group(1) if found else "", []).append(line)
    return [line for group in order.values() for line in group]
