"""A workspace's own issues (``reference/issues.yaml``), layered over the shipped issue scheme.

Each entry gives an issue as ``ontology/issues.ttl`` does, worded so that "supports"
means being for it as worded::

    issues:
      - notation: kosovo-eu-membership      # lowercase letters, digits, hyphens; new to the scheme
        label: Kosovo's membership of the EU
        definition: Kosovo joins the European Union as a member state.
        broader: [serbia-territorial-integrity]   # optional: notations of broader issues (same polarity)
        counters: [kosovo-part-of-serbia]         # optional: issues of the opposite polarity
        principle: false                          # optional: true for a general principle

Every problem is one line naming the file and line; all of them are collected.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

from kg.build import yamlfile
from kg.build.workspace import Workspace
from kg.errors import InputError
from kg.terms import ontology
from kg.terms.vocab import SA

ISSUES_FILE = "reference/issues.yaml"
_NOTATION = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KEYS = ("notation", "label", "definition", "broader", "counters", "principle")


def layer(graph: Graph, workspace: Workspace, problems: list[str]) -> list[str]:
    """Add the issues of each of the workspace's ``reference/issues.yaml`` files to ``graph``; their notations.

    Problems (a notation taken, a broader issue unknown, a missing label …) are appended
    to ``problems``; an issue with one is left out.
    """
    known = {str(graph.value(issue, SKOS.notation)) for issue in graph.subjects(SKOS.inScheme, SA.IssueScheme)}
    added: list[str] = []
    pending: list[tuple[Path, yamlfile.Mapping, str, tuple[str, ...], tuple[str, ...]]] = []
    for folder in workspace.layers:
        path = folder / ISSUES_FILE
        if not path.exists():
            continue
        try:
            entries = _entries(path, folder)
        except InputError as exc:
            problems.append(str(exc))
            continue
        for entry in entries:
            try:
                read = _read(entry, path, known, problems)
            except InputError as exc:
                problems.append(str(exc))
                continue
            if read is not None:
                known.add(read[0])
                pending.append((path, entry, *read))
    for path, entry, notation, broader, counters in pending:
        missing = [n for n in (*broader, *counters) if n not in known]
        if missing:
            problems.append(f"{path}:{entry.line}: issue '{notation}' names '{missing[0]}', which is no issue; use a "
                            "notation of the shipped scheme ('kg query issues' lists them) or of this file")
            continue
        ontology.add_issue(graph, notation, entry["label"].strip(), entry["definition"].strip(), broader, counters,
                           entry.get("principle") is True)
        added.append(notation)
    return added


def _entries(path: Path, folder: Path) -> list[yamlfile.Mapping]:
    data = yamlfile.mapping(yamlfile.load(path, folder), path, 1, "expected a mapping with 'issues'")
    items = yamlfile.sequence(data.get("issues"), path, data.line_of("issues"), "'issues' must be a list of issues")
    return [yamlfile.mapping(item, path, items.line_of(i), "each entry under 'issues' must be a mapping with "
                             "notation, label and definition") for i, item in enumerate(items)]


def _read(entry: yamlfile.Mapping, path: Path, known: set[str], problems: list[str]):
    """(notation, broader, counters) of one entry, or None after appending its problem."""
    unknown = sorted(set(entry) - set(_KEYS))
    if unknown:
        problems.append(f"{path}:{entry.line_of(unknown[0])}: unknown key '{unknown[0]}'; an issue has "
                        f"{', '.join(_KEYS)}")
        return None
    notation = yamlfile.text(entry.get("notation"), path, entry.line_of("notation"), "'notation' must be text")
    if not notation or not _NOTATION.match(notation):
        problems.append(f"{path}:{entry.line_of('notation')}: an issue needs 'notation': lowercase letters, digits "
                        "and hyphens (e.g. kosovo-eu-membership)")
        return None
    for key in ("label", "definition"):
        value = yamlfile.text(entry.get(key), path, entry.line_of(key), f"'{key}' must be text")
        if not value or not value.strip():
            problems.append(f"{path}:{entry.line}: issue '{notation}' needs a '{key}'")
            return None
    if notation in known:
        problems.append(f"{path}:{entry.line_of('notation')}: issue '{notation}' is already in the issue scheme; "
                        "use that issue, or give this one another notation")
        return None
    if not isinstance(entry.get("principle", False), bool):
        problems.append(f"{path}:{entry.line_of('principle')}: issue '{notation}': 'principle' must be true or false")
        return None
    return notation, _notations(entry, "broader", path), _notations(entry, "counters", path)


def _notations(entry: yamlfile.Mapping, key: str, path: Path) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else yamlfile.sequence(value, path, entry.line_of(key),
                                                                      f"'{key}' must be an issue notation or a list of them")
    return tuple(yamlfile.text(v, path, entry.line_of(key), f"each of '{key}' must be an issue notation") or ""
                 for v in items)
