"""The exceptions the library raises for problems a user can fix.

Each carries a one-line message naming the file, line or record, what is wrong and
how to fix it; the CLI prints it as ``Error: …`` and exits with ``exit_code``.
"""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """A problem the user can fix; never shown with a traceback."""

    exit_code = 2


class InputError(KgError):
    """An input could not be read: a missing file, malformed YAML or a bad value."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)


class ValidationFailed(KgError):
    """The inputs were read but do not hold together: each problem is one line."""

    exit_code = 1

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


class UsageError(KgError):
    """A command was given a value it cannot use (unknown actor, bad date, …)."""

    exit_code = 2


class StoreError(KgError):
    """A graph store could not be opened, read or written."""

    exit_code = 3
