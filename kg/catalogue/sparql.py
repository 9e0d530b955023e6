"""Reading SPARQL text just enough to bind parameters safely and refuse updates.

Parameters are bound as RDF terms in a ``VALUES`` block placed first in the query's
WHERE group, so that every pattern and filter of the group sees them. The terms are
serialised by rdflib (``Node.n3()``), which escapes quotes and rejects bad IRIs, and
the block is placed by a scanner that skips comments, strings and IRIs: a value
cannot change the query around it. The same text runs on every store, local or remote.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import UsageError

_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_QUERY_KEYWORDS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}


def _tokens(text: str):
    """Yield (position, token) for braces and bare words outside comments, strings and IRIs."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
        elif ch == "<":
            # an IRI has no spaces; otherwise it is the less-than operator
            j = i + 1
            while j < n and text[j] not in "<>\"{}|^`\\ \t\r\n":
                j += 1
            i = j + 1 if j < n and text[j] == ">" else i + 1
        elif ch in "{}":
            yield i, ch
            i += 1
        elif ch.isalpha():
            j = i
            while j < n and (text[j].isalnum() or text[j] in "_-"):
                j += 1
            yield i, text[i:j]
            i = j
        elif ch in "?$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            i = j
        else:
            i += 1


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE; raise UsageError for an update or no query."""
    for _, token in _tokens(text):
        word = token.upper()
        if word in _QUERY_KEYWORDS:
            return word
        if word in _UPDATE_KEYWORDS:
            raise UsageError(f"this is a SPARQL update ({word}); kg runs read-only queries only")
    raise UsageError("no SELECT, CONSTRUCT, ASK or DESCRIBE found in the query")


def _where_brace(text: str) -> int:
    """The position of the opening brace of the query's WHERE group."""
    form = query_form(text)
    depth, seen_where = 0, False
    for pos, token in _tokens(text):
        if token == "{":
            if depth == 0 and (seen_where or form in ("SELECT", "ASK")):
                return pos
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token.upper() == "WHERE":
            seen_where = True
    raise UsageError("the query has no WHERE group to bind parameters in")


_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def _n3(term: URIRef | Literal) -> str:
    """A term as SPARQL text; a literal always as one escaped short string.

    rdflib writes a text with a line break as a long string (\"\"\"…\"\"\") and leaves a quote
    before its end unescaped, so that a value ending in a backslash and a quote broke
    the query; escaping every quote, backslash and line break cannot.
    """
    if isinstance(term, URIRef):
        return term.n3()
    text = '"' + "".join(_STRING_ESCAPES.get(ch, ch) for ch in str(term)) + '"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^{term.datatype.n3()}" if term.datatype else text


def bind(text: str, bindings: dict[str, Node]) -> str:
    """The query with ``bindings`` (variable name → RDF term) as a VALUES block in its WHERE group."""
    if not bindings:
        return text
    names = sorted(bindings)
    terms = []
    for name in names:
        term = bindings[name]
        if not isinstance(term, (URIRef, Literal)):
            raise TypeError(f"parameter {name} must be an IRI or a literal")
        if isinstance(term, URIRef) and any(c in '<>"{}|^`\\' or c <= " " for c in str(term)):
            raise UsageError(f"'{term}' is not a valid IRI")
        terms.append(_n3(term))
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} "
    at = _where_brace(text) + 1
    return text[:at] + block + text[at:]
