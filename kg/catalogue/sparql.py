"""Reading SPARQL text just enough to bind parameters safely and to refuse updates and SERVICE calls.

Parameters are bound as RDF terms in a ``VALUES`` block placed first in the query's
WHERE group, so that every pattern and filter of the group sees them, or where the
query marks it: a comment line ``# values: ?actor ?target`` gets the blocks of those
variables instead. A query whose WHERE group is a UNION marks each branch that binds
the variable (a join with the values distributes over the union, so the answer is the
same): Oxigraph then starts each branch from the bound values rather than joining
them with the whole union (the ties of two compared actors and their officials:
1.09 s against 0.37 s at 1,000 articles). The terms are
serialised by rdflib (``Node.n3()``), which escapes quotes and rejects bad IRIs, and
the block is placed by a scanner that skips comments, strings and IRIs: a value
cannot change the query around it. The same text runs on every store, local or remote.
A query that may call SERVICE is refused before it runs (``refuse_service``): no
request leaves kg because of a query.
"""

from __future__ import annotations

import functools
import re

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


SERVICE_REFUSED = ("SERVICE is refused: kg never sends a request, nor reads a file, because of a query "
                   "(SPARQL federation); ask that endpoint yourself")
_IRI_STOP = '<>"{}|^`'
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_OPERAND = set("(,=!<&|+-/{^.;@?")


def refuse_service(text: str) -> None:
    """Raise UsageError when ``text`` may call SERVICE: no request leaves kg because of a query."""
    if uses_service(text):
        raise UsageError(SERVICE_REFUSED)


@functools.lru_cache(maxsize=512)
def uses_service(text: str) -> bool:
    """Whether Oxigraph may read a SERVICE call in ``text``, however it reads the text's ambiguous places.

    Oxigraph's parser reads a keyword wherever the grammar allows one, without a word
    boundary (``1E1SERVICE<…>``, ``SERVICEex:x`` and ``SERVICESILENT<…>`` all call
    out), and reads ``<`` as less-than or as an IRI by context. A linear scan can be
    led astray there (``FILTER(?o<'x>') SERVICE …`` hides the call from one), so this
    one follows both readings of every ``<`` that may be a less-than (inside
    parentheses, after an operand) and flags any bare word that contains SERVICE, or
    a prefix that does, where a service name may follow. It errs towards refusing.
    """
    n = len(text)
    todo, seen = [(0, 0, False)], set()
    budget = 4 * n + 1000
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        if len(seen) > budget:
            return True  # too tangled to read both ways: refuse rather than guess
        pos, depth, operand = state
        i = _skip_blank(text, pos)
        if i >= n:
            continue
        ch = text[i]
        if ch == "<":
            end = _iri_end(text, i)
            if end < 0:
                todo.append((i + 1, depth, False))
            else:
                todo.append((end, depth, True))
                if depth and operand:
                    todo.append((i + 1, depth, False))
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            todo.append((j + len(quote), depth, True))
        elif ch in "?$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            todo.append((j, depth, j > i + 1 or operand))
        elif ch.isdigit() or (ch == "." and text[i + 1 : i + 2].isdigit()):
            todo.append((_NUMBER.match(text, i).end(), depth, True))
        elif ch.isalpha() or ch in "_:":
            j = _name_end(text, i)
            prefix, colon, _ = text[i:j].partition(":")
            if "SERVICE" in prefix.upper() and (colon or _service_name_follows(text, j)):
                return True
            todo.append((j, depth, True))
        else:
            depth = depth + 1 if ch == "(" else max(depth - 1, 0) if ch == ")" else depth
            todo.append((i + 1, depth, ch not in _NOT_OPERAND))
    return False


def _skip_blank(text: str, i: int) -> int:
    """The position of the next character that is neither white space nor in a comment."""
    n = len(text)
    while i < n:
        if text[i] == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text[i].isspace():
            i += 1
        else:
            break
    return i


def _iri_end(text: str, i: int) -> int:
    """The end of an IRI opened by the ``<`` at ``i`` (``\\`` escapes allowed, as Oxigraph allows them), or -1."""
    j, n = i + 1, len(text)
    while j < n:
        ch = text[j]
        if ch == ">":
            return j + 1
        if ch in _IRI_STOP or ch <= " ":
            return -1
        j += 2 if ch == "\\" else 1
    return -1


def _name_end(text: str, i: int) -> int:
    """The end of a bare word or prefixed name starting at ``i`` (local-name escapes and %XX included)."""
    j, n = i, len(text)
    while j < n:
        ch = text[j]
        if ch.isalnum() or ch in "_-.:%":
            j += 1
        elif ch == "\\" and j + 1 < n:
            j += 2
        else:
            break
    while j > i + 1 and text[j - 1] == ".":
        j -= 1  # a name never ends with a dot: that one ends a triple
    return j


def _service_name_follows(text: str, i: int) -> bool:
    """Whether a service name (or SILENT) may follow at ``i``: an IRI, a variable or a prefixed name."""
    i = _skip_blank(text, i)
    return i < len(text) and (text[i].isalpha() or text[i] in ":<?$")


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


def bind(text: str, bindings: dict[str, Node | list[Node]]) -> str:
    """The query with ``bindings`` (variable name → RDF term) as a VALUES block in its WHERE group.

    A variable bound to a list of terms gets a block of its own, one row a term: the
    query then answers for each of them (the actors a comparison reads, not all).
    """
    if not bindings:
        return text
    markers = list(_PLACE.finditer(text))
    marked = {name[1:] for m in markers for name in m.group(2).split()} & set(bindings)
    single = sorted(n for n, v in bindings.items() if not isinstance(v, (list, tuple)) and n not in marked)
    blocks = []
    if single:
        row = " ".join(_term(n, bindings[n]) for n in single)
        blocks.append(f" VALUES ({' '.join('?' + n for n in single)}) {{ ({row}) }} ")
    for name in sorted(n for n, v in bindings.items() if isinstance(v, (list, tuple)) and n not in marked):
        blocks.append(_block(name, bindings[name]))
    for m in reversed(markers):  # from the end, so that the positions before stay where they are
        here = "".join(_block(name[1:], bindings[name[1:]]) for name in m.group(2).split() if name[1:] in marked)
        text = text[:m.end()] + ("\n" + m.group(1) + here.strip() if here else "") + text[m.end():]
    at = _where_brace(text) + 1
    return text[:at] + "".join(blocks) + text[at:]


_PLACE = re.compile(r"^([ \t]*)# values:((?:[ \t]+\?\w+)+)[ \t]*$", re.MULTILINE)


def _block(name: str, value: Node | list[Node]) -> str:
    """A VALUES block binding ``?name`` to one term or to each of a list of terms."""
    values = value if isinstance(value, (list, tuple)) else [value]
    return f" VALUES ?{name} {{ {' '.join(_term(name, t) for t in values)} }} "


def _term(name: str, term: Node) -> str:
    """One bound term as SPARQL text; TypeError for one that is not an IRI or a literal, UsageError for a bad IRI."""
    if not isinstance(term, (URIRef, Literal)):
        raise TypeError(f"parameter {name} must be an IRI or a literal")
    if isinstance(term, URIRef) and not valid_iri(str(term)):
        raise UsageError(f"'{term}' is not a valid IRI")
    return _n3(term)


def valid_iri(text: str) -> bool:
    """True when ``text`` can stand between < and > in SPARQL: no space, control or delimiter character."""
    return not any(c in '<>"{}|^`\\' or c <= " " for c in text)
