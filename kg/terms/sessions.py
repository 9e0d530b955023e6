"""Sessions of the UN General Assembly as the UN writes them: 74, ES-11, S-29.

The Assembly meets in regular sessions (numbered from 1 in 1946), in emergency
special sessions (ES-1 in 1956 … ES-11 on Ukraine since 2022) and in special sessions
(S-1 … S-32). A resolution's symbol names its session: A/RES/74/17 was adopted in the
74th regular session, A/RES/ES-11/1 in the 11th emergency special session,
A/RES/S-29/1 in the 29th special session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = {"": "regular session", "ES": "emergency special session", "S": "special session"}
_SESSION = re.compile(r"^(?:(ES|S)-)?0*([1-9][0-9]{0,3})$", re.I)
_SYMBOL = re.compile(r"^A/RES/((?:ES-|S-)?[1-9][0-9]{0,3})/", re.I)


@dataclass(frozen=True, order=True)
class Session:
    """A session of the Assembly: ``kind`` "" (regular), "ES" or "S", and its number."""

    kind: str
    number: int

    @property
    def regular(self) -> bool:
        return self.kind == ""

    def __str__(self) -> str:
        return f"{self.kind}-{self.number}" if self.kind else str(self.number)


def parse(value) -> Session:
    """A session from ``74``, ``"74"``, ``"ES-11"`` or ``"S-29"``; ValueError saying how to write one."""
    if isinstance(value, bool):  # YAML's true is an int to Python, never a session
        raise ValueError(f"'{value}' is not a session; write a number (74), ES-11 or S-29")
    match = _SESSION.match(str(value).strip())
    if not match:
        raise ValueError(f"'{value}' is not a session; write a number (74), ES-11 or S-29")
    kind, number = match.groups()
    return Session((kind or "").upper(), int(number))


def of_symbol(symbol: str | None) -> Session | None:
    """The session an Assembly resolution's symbol names (A/RES/ES-11/1 → ES-11); None for other symbols."""
    match = _SYMBOL.match((symbol or "").strip())
    return parse(match.group(1)) if match else None


def regular_number(value) -> int | None:
    """The number of a regular session; None for none, for a malformed one, or for another kind (ES-11: its symbols name it)."""
    try:
        session = parse(value if value is not None else "")
    except ValueError:
        return None
    return session.number if session.regular else None
