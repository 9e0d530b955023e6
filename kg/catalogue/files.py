"""The query catalogue: the only reader of ``.rq`` files, whose ``#+`` comment header describes them.

A header leaves the file valid SPARQL::

    #+ summary: An actor's positions, with evidence
    #+ description: >
    #+   Every statement and action of the actor ...
    #+ params:
    #+   - {name: actor, type: actor, required: true, description: the actor}
    #+   - {name: as-of, type: date, description: only positions up to this date}
    #+ tags: [positions]

The ``queries`` folder holds three kinds of query, each read by its own function:

- the user catalogue, ``queries/*.rq`` (``load``, ``describe``, ``names``): the
  questions ``kg queries`` lists and ``kg query`` runs; the file stem is the name;
- the internal queries the code runs itself, ``queries/internal/<group>/<name>.rq``
  (``internal("analysis/positions")``), which ``kg queries`` does not list;
- the rules that derive facts at build time, ``queries/rules/*.rq`` (``rules``);
- the worked examples of the ontology reference, ``queries/examples/*.rq`` (``examples``).

Parameter types: actor (an official given stands for the state he speaks for),
official (an official as himself: a speaker), issue, date, string, integer, iri, claim,
stance, tie-type, agreement-status, contradiction-type. A parameter named ``as-of`` binds the
variable ``?as_of``.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg import paths
from kg.errors import InputError, UsageError
from kg.terms import yamlsafe

PARAM_TYPES = ("actor", "official", "issue", "date", "string", "integer", "iri", "claim", "stance", "tie-type", "agreement-status",
               "contradiction-type")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool = False
    default: str | None = None
    description: str = ""

    @property
    def variable(self) -> str:
        return self.name.replace("-", "_")


@dataclass(frozen=True)
class QueryFile:
    name: str
    path: Path | None  # None for a query given as text
    text: str
    summary: str
    description: str = ""
    params: tuple[Param, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)


# A header is a few lines; a longer one is a mistake, not a description.
HEADER_MAX_CHARS = 100_000
PARAM_KEYS = ("name", "type", "required", "default", "description")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_SCALARS = (str, int, float, bool)
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_header(path: Path | str, text: str) -> dict:
    """The ``#+`` header of a query as a mapping ({} when it has none), read by the bounded YAML loader."""
    numbered = [(number, line[2:]) for number, line in enumerate(text.splitlines(), 1) if line.startswith("#+")]
    if not numbered:
        return {}
    header = yamlsafe.parse("\n".join(line[1:] if line.startswith(" ") else line for _, line in numbered), path,
                            max_chars=HEADER_MAX_CHARS, context="the '#+' header: ",
                            line_of=lambda n: numbered[min(n, len(numbered)) - 1][0])
    if header is None:
        return {}
    if not isinstance(header, dict):
        raise InputError("the '#+' header must be YAML mapping keys such as summary and params", path)
    return header


def _text(header: dict, key: str, where) -> str:
    value = header.get(key)
    if value is None:
        return ""
    if not isinstance(value, _SCALARS):
        raise InputError(f"the '#+' header's '{key}' must be text, not a {_shape(value)}", where)
    return str(value)


def _shape(value) -> str:
    """What a YAML value is, as a message says it ("not a number")."""
    if isinstance(value, bool):
        return "true/false value"
    kinds = {list: "list", dict: "mapping", int: "number", float: "number", str: "text"}
    return next((word for kind, word in kinds.items() if isinstance(value, kind)), type(value).__name__)


def _params(raw_params, where) -> tuple[Param, ...]:
    """The parameters a header declares, each checked: a list of mappings with a name, a known type …"""
    if raw_params is None:
        return ()
    if not isinstance(raw_params, list):
        raise InputError(f"the '#+' header's 'params' must be a list of parameters, not a {_shape(raw_params)}; "
                         "write '- {name: NAME, type: TYPE}' for each", where)
    params: dict[str, Param] = {}
    for raw in raw_params:
        if not isinstance(raw, dict) or "name" not in raw:
            raise InputError("each parameter in the header needs a name: '- {name: NAME, type: TYPE}'", where)
        name = raw["name"]
        if not isinstance(name, str) or not _VARIABLE.match(name):
            raise InputError(f"parameter name {name!r} must be a word of letters, digits, '-' and '_' "
                             "(it names the variable the value binds)", where)
        unknown = sorted(str(key) for key in raw if key not in PARAM_KEYS)
        if unknown:
            raise InputError(f"parameter '{name}' has unknown key '{unknown[0]}'; use {', '.join(PARAM_KEYS)}", where)
        ptype = raw.get("type", "string")
        if ptype not in PARAM_TYPES:
            raise InputError(f"parameter '{name}' has unknown type '{ptype}'; use one of {', '.join(PARAM_TYPES)}", where)
        required = raw.get("required", False)
        if not isinstance(required, bool):
            raise InputError(f"parameter '{name}': 'required' must be true or false, not {required!r}", where)
        for key in ("default", "description"):
            if raw.get(key) is not None and not isinstance(raw[key], _SCALARS):
                raise InputError(f"parameter '{name}': '{key}' must be a single value, not a {_shape(raw[key])}", where)
        variable = name.replace("-", "_")
        if any(p.variable == variable for p in params.values()):
            raise InputError(f"parameter '{name}' is declared twice (as '-' and '_' bind the same variable, "
                             f"?{variable}); keep one", where)
        params[name] = Param(name=name, type=ptype, required=required,
                             default=None if raw.get("default") is None else str(raw["default"]),
                             description=str(raw.get("description") or ""))
    return tuple(params.values())


def _tags(raw_tags, where) -> tuple[str, ...]:
    if raw_tags is None:
        return ()
    if isinstance(raw_tags, str):
        return (raw_tags,)
    if not isinstance(raw_tags, list) or not all(isinstance(t, _SCALARS) for t in raw_tags):
        raise InputError("the '#+' header's 'tags' must be a list of words, as 'tags: [positions, ties]'", where)
    return tuple(str(t) for t in raw_tags)


def read_query(path: Path, name: str | None = None) -> QueryFile:
    """The query in the file at ``path``, named ``name`` (its stem when not given)."""
    if path.exists() and not path.is_file():  # a FIFO or a device would be read forever
        raise InputError("not a regular file; give a query file (.rq)", path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("query file not found", path) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(f"the query file is not UTF-8 text (byte 0x{exc.object[exc.start]:02X}); save it as UTF-8",
                         path, line) from None
    except OSError as exc:
        raise InputError(f"cannot read the query file ({exc.strerror or exc})", path) from None
    return parse_query(text, name or path.stem, path)


def parse_query(text: str, name: str, path: Path | None = None) -> QueryFile:
    """A query from its text; ``path`` (if any) names it in error messages."""
    where = path if path is not None else name
    if _SURROGATE.search(text):  # bytes of a command line that were not UTF-8
        raise InputError("the text is not UTF-8; give it as UTF-8", where)
    header = read_header(where, text)
    return QueryFile(
        name=name,
        path=path,
        text=text,
        summary=_text(header, "summary", where).strip(),
        description=" ".join(_text(header, "description", where).split()),
        params=_params(header.get("params"), where),
        tags=_tags(header.get("tags"), where),
    )


INTERNAL_DIR = "internal"
RULES_DIR = "rules"
EXAMPLES_DIR = "examples"


def _catalogue_dir() -> Path:
    return paths.queries_dir()


def names() -> list[str]:
    """The names of the user catalogue's queries (the internal queries and rules are not among them)."""
    return sorted(p.stem for p in _catalogue_dir().glob("*.rq"))


def queries() -> list[QueryFile]:
    """Every query of the user catalogue, by name."""
    return [read_query(_catalogue_dir() / f"{n}.rq") for n in names()]


def load(spec: str) -> QueryFile:
    """A query by catalogue name, or from a ``.rq`` file; suggest the closest name when unknown."""
    known = names()
    if spec in known:
        return read_query(_catalogue_dir() / f"{spec}.rq")
    path = Path(spec)
    if spec.endswith(".rq") or path.is_file():
        return read_query(path)
    close = difflib.get_close_matches(spec, known, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise UsageError(f"unknown query '{spec}'; {hint}('kg queries' lists them; a file must end in .rq)")


def from_text(text: str) -> QueryFile:
    """A query given as text; a ``#+`` header in it may declare parameters."""
    return parse_query(text, "query text")


def describe(name: str | None = None) -> list[QueryFile]:
    """Every query of the user catalogue, or the one named (suggesting the closest name when unknown)."""
    return [load(name)] if name is not None else queries()


# The files do not change while kg runs, and the analysis reads the same few queries
# for every actor and issue: read each once.
@functools.lru_cache(maxsize=None)
def internal(name: str) -> QueryFile:
    """One of the queries the code runs itself, by its path under ``queries/internal`` without ``.rq``.

    ``internal("analysis/positions")`` reads ``queries/internal/analysis/positions.rq``.
    """
    return read_query(paths.queries_dir() / INTERNAL_DIR / f"{name}.rq", name)


def internal_names() -> list[str]:
    """The names of every internal query, as ``internal`` takes them (``group/name``)."""
    root = paths.queries_dir() / INTERNAL_DIR
    return sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.rq"))


def rules() -> list[QueryFile]:
    """Every rule (a CONSTRUCT query deriving facts at build time), by name."""
    return [read_query(p) for p in rule_files()]


def rule_files() -> list[Path]:
    """The files of the rules, by name (what a build depends on, without reading them)."""
    return sorted((paths.queries_dir() / RULES_DIR).glob("*.rq"))


def examples() -> list[QueryFile]:
    """The example queries of the ontology reference (``queries/examples/``), by name."""
    return [read_query(p) for p in sorted((paths.queries_dir() / EXAMPLES_DIR).glob("*.rq"))]


def _param_text(param: Param) -> str:
    text = f"{param.name}{'*' if param.required else ''} ({param.type})"
    return text + (f" = {param.default}" if param.default is not None else "")


def catalogue_rows(found: list[QueryFile]) -> list[dict]:
    """One row per query: name, summary and parameters (* marks a required one)."""
    return [{"name": q.name, "summary": q.summary, "parameters": ", ".join(_param_text(p) for p in q.params)} for q in found]


def param_rows(found: QueryFile) -> list[dict]:
    """One row per parameter of a query, for a table."""
    return [
        {"parameter": p.name, "type": p.type, "required": "yes" if p.required else "", "default": p.default, "description": p.description}
        for p in found.params
    ]


def catalogue_json(found: list[QueryFile]) -> list[dict]:
    return [
        {
            "name": q.name,
            "summary": q.summary,
            "description": q.description,
            "params": [
                {"name": p.name, "type": p.type, "required": p.required, "default": p.default, "description": p.description}
                for p in q.params
            ],
            "tags": list(q.tags),
            "file": str(q.path),
        }
        for q in found
    ]
