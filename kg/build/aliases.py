"""The names of the actors: ids, names, ISO codes and the alias table, each denoting one actor.

A name (compared as ``kg.terms.names.normalise`` compares them: ignoring case,
diacritics and spacing) that two actors would share is a problem naming both, where
it is written: an alias ``RS: republika-srpska`` beside Serbia's ISO code ``RS`` would
otherwise take Serbia's code for the entity.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from kg.build import yamlfile
from kg.build.problems import Problems
from kg.build.records import Actor
from kg.errors import InputError
from kg.terms.names import normalise

Table = dict[str, tuple[str, str]]  # normalised name -> (actor id, what the name is: "the ISO code 'RS'")


def names_table(actors: dict[str, Actor], problems: list[str]) -> Table:
    """Every actor's id, name and ISO codes; a name two actors share is a problem at the later one."""
    table: Table = {}
    for actor in actors.values():
        for kind, name in (("id", actor.id), ("name", actor.name), ("ISO code", actor.iso), ("ISO code", actor.iso3)):
            if name:
                _add(table, str(name), actor.id, f"the {kind} '{name}'", f"{actor.where}", problems)
    return table


def read_aliases(path: Path, seeds_dir: Path, actors: dict[str, Actor], table: Table, problems: Problems) -> None:
    """Add the aliases of the alias file ``path`` to ``table``; an unknown id or a name taken is a problem."""
    data = yamlfile.mapping(yamlfile.load(path, seeds_dir), path, 1, "expected a mapping with 'aliases'")
    aliases = yamlfile.mapping(data.get("aliases"), path, data.line_of("aliases"),
                               "'aliases' must map each alias to an actor id")
    for alias, value in aliases.items():
        line = aliases.line_of(alias)
        actor_id = yamlfile.text(value, path, line, f"alias '{alias}' must name an actor id")
        if actor_id not in actors:
            close = difflib.get_close_matches(str(actor_id), list(actors), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.unread(InputError(f"alias '{alias}' points to unknown actor id '{actor_id}'{hint}", path, line))
            continue
        _add(table, str(alias), actor_id, f"the alias '{alias}' ({path}:{line})", f"{path}:{line}", problems)


def _add(table: Table, name: str, actor_id: str, what: str, where: str, problems: list[str]) -> None:
    key = normalise(name)
    taken = table.get(key)
    if taken is None:
        table[key] = (actor_id, what)
    elif taken[0] != actor_id:
        problems.append(f"{where}: {what.split(' (')[0]} of '{actor_id}' is already {taken[1]} of '{taken[0]}'; "
                        "a name must denote one actor: remove it or write another")
