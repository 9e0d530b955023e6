"""Reference data: actors, the alias table, bloc memberships and resolutions.

Names resolve to actor ids through ids, names, ISO codes and the alias table,
ignoring case and diacritics ("Vucic", "Vučić" and "Alexander Vucic" are one person),
by the roster of ``kg.terms.names``. Claims must name an actor itself: the name of a
predecessor state, which commands accept, is no name for a claim's actor.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.build import yamlfile
from kg.terms.dates import parse_day
from kg.errors import InputError
from kg.build.records import Actor, Membership, Post, Resolution, Where
from kg.build.yamlfile import Mapping
from kg.terms import names, sessions
from kg.terms.names import UnknownActor, normalise
from kg.terms.vocab import actor_iri

ACTORS_FILE = "reference/actors.yaml"
ALIASES_FILE = "reference/aliases.yaml"
MEMBERSHIPS_FILE = "reference/memberships.yaml"
RESOLUTIONS_FILE = "reference/resolutions.yaml"

_CATEGORIES = {"states": "state", "blocs": "bloc", "officials": "official", "others": "other"}


@dataclass
class Reference:
    actors: dict[str, Actor]
    aliases: dict[str, str]  # normalised name -> actor id
    memberships: list[Membership]
    resolutions: dict[str, Resolution]
    citations: dict[str, str] = field(default_factory=dict)  # reference file -> how to cite it

    @cached_property
    def roster(self) -> names.Roster:
        """The actors of the reference data with every name they go by, for resolving names."""
        aliases: dict[str, list[str]] = {}
        for alias, actor_id in self.aliases.items():
            aliases.setdefault(actor_id, []).append(alias)
        return names.Roster(
            names.Actor(
                iri=str(actor_iri(a.id)), id=a.id, label=a.name, type=a.category, iso=a.iso, iso3=a.iso3,
                acts_for=str(actor_iri(a.acts_for)) if a.acts_for else None,
                aliases=tuple(aliases.get(a.id, ())), predecessors=tuple(a.predecessors),
            )
            for a in self.actors.values()
        )

    def resolve(self, name: str) -> str:
        """The id of the actor a name, alias, id or ISO code denotes; UnknownActor if none.

        A claim names the actor itself, so a predecessor's name is not accepted here.
        """
        try:
            return self.roster.resolve(name, predecessors=False).id
        except UnknownActor as exc:
            raise UnknownActor(exc.name, exc.suggestions, f"add an alias in seeds/{ALIASES_FILE} if it is another name") from None


def _required(entry: Mapping, key: str, path: Path) -> str:
    value = entry.get(key)
    if value is None or str(value).strip() == "":
        raise InputError(f"missing '{key}'; every entry needs one", path, entry.line)
    return str(value)


def _day(entry: Mapping, key: str, path: Path):
    value = entry.get(key)
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise InputError(f"'{key}': {exc}", path, entry.line_of(key)) from None


def _read_actors(path: Path) -> tuple[dict[str, Actor], str]:
    data = yamlfile.load(path)
    if not isinstance(data, Mapping):
        raise InputError("expected sections states, blocs, officials and others", path)
    actors: dict[str, Actor] = {}
    for section, category in _CATEGORIES.items():
        for entry in data.get(section) or []:
            if not isinstance(entry, Mapping):
                raise InputError(f"each entry under '{section}' must be a mapping with id and name", path)
            actor_id = _required(entry, "id", path)
            if actor_id in actors:
                raise InputError(f"actor id '{actor_id}' is used twice; ids must be unique", path, entry.line)
            actor = Actor(
                id=actor_id,
                name=_required(entry, "name", path),
                category=category,
                where=Where(path, entry.line),
                iso=entry.get("iso"),
                iso3=entry.get("iso3"),
                wikidata=entry.get("wikidata"),
                kind=entry.get("kind"),
                acts_for=entry.get("acts_for"),
                predecessors=_predecessors(entry, category, path),
            )
            if category == "state" and not (actor.iso and actor.wikidata):
                raise InputError(f"state '{actor_id}' needs its ISO code (iso) and Wikidata id (wikidata)", path, entry.line)
            for post in entry.get("posts") or []:
                actor.posts.append(
                    Post(
                        role=_required(post, "role", path),
                        organisation=_required(post, "in", path),
                        start=_day(post, "from", path) or _missing_from(post, path),
                        end=_day(post, "until", path),
                    )
                )
            actors[actor_id] = actor
    for actor in actors.values():
        for ref in [actor.acts_for] + [p.organisation for p in actor.posts]:
            if ref is not None and ref not in actors:
                raise InputError(f"'{actor.id}' refers to unknown actor id '{ref}'", path, actor.where.line)
    source = data.get("source") or {}
    return actors, str(source.get("title", "Reference data on actors"))


def _predecessors(entry: Mapping, category: str, path: Path) -> list[str]:
    value = entry.get("predecessors")
    if value is None:
        return []
    if category != "state":
        raise InputError("only a state has predecessors (the former states whose seat it continues)", path, entry.line)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError("'predecessors' must list the names of former states", path, entry.line_of("predecessors"))
    return [v.strip() for v in value]


def _missing_from(entry: Mapping, path: Path):
    raise InputError("a post needs 'from' (the date it began)", path, entry.line)


def _read_aliases(path: Path, actors: dict[str, Actor]) -> dict[str, str]:
    table: dict[str, str] = {}
    for actor in actors.values():
        for name in (actor.id, actor.name, actor.iso, actor.iso3):
            if name:
                table[normalise(str(name))] = actor.id
    data = yamlfile.load(path) if path.exists() else Mapping()
    aliases = (data or {}).get("aliases") or {}
    if not isinstance(aliases, Mapping):
        raise InputError("'aliases' must map each alias to an actor id", path)
    for alias, actor_id in aliases.items():
        if actor_id not in actors:
            close = difflib.get_close_matches(str(actor_id), list(actors), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise InputError(f"alias '{alias}' points to unknown actor id '{actor_id}'{hint}", path, aliases.line_of(alias))
        table[normalise(str(alias))] = actor_id
    return table


def _read_memberships(path: Path, actors: dict[str, Actor]) -> list[Membership]:
    data = yamlfile.load(path)
    sources = data.get("sources") or {}
    result: list[Membership] = []
    for org, roles in (data.get("memberships") or {}).items():
        if org not in actors:
            raise InputError(f"unknown organisation id '{org}'", path, data["memberships"].line_of(org))
        ended = roles.get("ended") or {}
        for role in ("member", "candidate"):
            for start, members in (roles.get(role) or {}).items():
                try:
                    start_day = parse_day(start)
                except ValueError as exc:
                    raise InputError(str(exc), path, roles[role].line_of(start)) from None
                for member in members:
                    if member not in actors:
                        raise InputError(f"unknown member id '{member}'", path, roles[role].line_of(start))
                    end = ended.get(member) if role == "member" else None
                    result.append(
                        Membership(member, org, role, start_day, parse_day(end) if end else None, str(sources.get(org, "")))
                    )
    return result


def _read_resolutions(path: Path) -> dict[str, Resolution]:
    data = yamlfile.load(path)
    result: dict[str, Resolution] = {}
    for entry in data.get("resolutions") or []:
        symbol = _required(entry, "symbol", path)
        result[symbol] = Resolution(
            symbol=symbol,
            title=_required(entry, "title", path),
            organ=_required(entry, "organ", path),
            date=_day(entry, "date", path),
            issue=_required(entry, "issue", path),
            yes_stance=_required(entry, "yes_stance", path),
            source=_required(entry, "source", path),
            where=Where(path, entry.line),
            session=_session(entry, symbol, path),
        )
    return result


def _session(entry: Mapping, symbol: str, path: Path) -> sessions.Session | None:
    """The resolution's session (74, ES-11, S-29), which must be the one its symbol names."""
    if entry.get("session") is None:
        return None
    try:
        session = sessions.parse(entry["session"])
    except ValueError as exc:
        raise InputError(f"resolution '{symbol}': {exc}", path, entry.line_of("session")) from None
    named = sessions.of_symbol(symbol)
    if named is not None and named != session:
        raise InputError(f"resolution '{symbol}': session {session} is not the session its symbol names ({named}); "
                         "fix one of them", path, entry.line_of("session"))
    return session


def load(seeds_dir: Path) -> Reference:
    """Read the reference folder of a seeds directory."""
    actors, actors_title = _read_actors(seeds_dir / ACTORS_FILE)
    aliases = _read_aliases(seeds_dir / ALIASES_FILE, actors)
    for actor in actors.values():
        for former in actor.predecessors:
            other = aliases.get(normalise(former))
            if other is not None and other != actor.id:
                raise InputError(f"predecessor '{former}' of '{actor.id}' is already a name of '{other}'; "
                                 "a name must denote one actor", actor.where.path, actor.where.line)
    memberships = _read_memberships(seeds_dir / MEMBERSHIPS_FILE, actors) if (seeds_dir / MEMBERSHIPS_FILE).exists() else []
    resolutions = _read_resolutions(seeds_dir / RESOLUTIONS_FILE) if (seeds_dir / RESOLUTIONS_FILE).exists() else {}
    for res in resolutions.values():
        if res.organ not in actors:
            raise InputError(f"resolution {res.symbol}: unknown organ '{res.organ}'", res.where.path, res.where.line)
    return Reference(actors, aliases, memberships, resolutions, {"actors": actors_title})
