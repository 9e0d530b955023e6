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

Parameter types: actor, issue, date, string, integer, iri, claim, stance, tie-type,
agreement-status, contradiction-type. A parameter named ``as-of`` binds the
variable ``?as_of``.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg import paths
from kg.errors import InputError, UsageError

PARAM_TYPES = ("actor", "issue", "date", "string", "integer", "iri", "claim", "stance", "tie-type", "agreement-status",
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


def read_header(path: Path, text: str) -> dict:
    lines = [line[2:] for line in text.splitlines() if line.startswith("#+")]
    if not lines:
        return {}
    try:
        header = yaml.safe_load("\n".join(line[1:] if line.startswith(" ") else line for line in lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1} of the header" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise InputError(
            f"the '#+' header is not valid YAML ({problem}{at}); quote values that contain ': '", path
        ) from None
    if not isinstance(header, dict):
        raise InputError("the '#+' header must be YAML mapping keys such as summary and params", path)
    return header


def read_query(path: Path, name: str | None = None) -> QueryFile:
    """The query in the file at ``path``, named ``name`` (its stem when not given)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("query file not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the query file ({exc})", path) from None
    return parse_query(text, name or path.stem, path)


def parse_query(text: str, name: str, path: Path | None = None) -> QueryFile:
    """A query from its text; ``path`` (if any) names it in error messages."""
    where = path if path is not None else name
    header = read_header(where, text)
    params = []
    for raw in header.get("params") or []:
        if not isinstance(raw, dict) or "name" not in raw:
            raise InputError("each parameter in the header needs a name", where)
        ptype = str(raw.get("type", "string"))
        if ptype not in PARAM_TYPES:
            raise InputError(f"parameter '{raw['name']}' has unknown type '{ptype}'; use one of {', '.join(PARAM_TYPES)}", where)
        params.append(
            Param(
                name=str(raw["name"]),
                type=ptype,
                required=bool(raw.get("required", False)),
                default=None if raw.get("default") is None else str(raw["default"]),
                description=str(raw.get("description", "")),
            )
        )
    return QueryFile(
        name=name,
        path=path,
        text=text,
        summary=str(header.get("summary", "")).strip(),
        description=" ".join(str(header.get("description", "")).split()),
        params=tuple(params),
        tags=tuple(header.get("tags") or ()),
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
    return [read_query(p) for p in sorted((paths.queries_dir() / RULES_DIR).glob("*.rq"))]


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
