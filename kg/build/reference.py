"""Reference data: actors, the alias table, bloc memberships and resolutions.

Names resolve to actor ids through ids, names, ISO codes and the alias table,
ignoring case and diacritics ("Vucic", "Vučić" and "Alexander Vucic" are one person),
by the roster of ``kg.terms.names``. Claims must name an actor itself: the name of a
predecessor state, which commands accept, is no name for a claim's actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.build import aliases, workspace, yamlfile
from kg.build.problems import Problems
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

_CATEGORIES = {"states": "state", "blocs": "bloc", "entities": "entity", "officials": "official", "others": "other"}


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
                part_of=str(actor_iri(a.part_of)) if a.part_of else None,
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


def _entries(data: Mapping, key: str, path: Path, what: str) -> list[Mapping]:
    """The mappings listed under ``key``, each checked to be one (``what`` says what an item holds)."""
    items = yamlfile.sequence(data.get(key), path, data.line_of(key), f"'{key}' must be a list")
    return [yamlfile.mapping(item, path, items.line_of(i), f"each entry under '{key}' must be a mapping with {what}")
            for i, item in enumerate(items)]


def _text(entry: Mapping, key: str, path: Path) -> str | None:
    return yamlfile.text(entry.get(key), path, entry.line_of(key), f"'{key}' must be text")


def _required(entry: Mapping, key: str, path: Path) -> str:
    value = _text(entry, key, path)
    if value is None or value.strip() == "":
        raise InputError(f"missing '{key}'; every entry needs one", path, entry.line)
    return value


def _day(entry: Mapping, key: str, path: Path):
    value = entry.get(key)
    if value is None:
        return None
    try:
        return parse_day(_text(entry, key, path))
    except ValueError as exc:
        raise InputError(f"'{key}': {exc}", path, entry.line_of(key)) from None


def _read_actors(path: Path, seeds_dir: Path, actors: dict[str, Actor], problems: Problems) -> str:
    """Add the actors of ``path`` to ``actors`` (those of earlier folders already in it); the file's source title.

    An entry with a problem is left out and the problem recorded; the others are read.
    """
    data = yamlfile.load(path, seeds_dir)
    if not isinstance(data, Mapping):
        raise InputError("expected sections states, blocs, entities, officials and others", path)
    added: list[Actor] = []
    for section, category in _CATEGORIES.items():
        for entry in _entries(data, section, path, "id and name"):
            try:
                actor = _read_actor(entry, category, path)
            except InputError as exc:
                problems.unread(exc)
                continue
            if actor.id in actors:
                first = actors[actor.id].where
                again = "is used twice" if first.path == path else f"is already an actor of {first}"
                problems.unread(InputError(f"actor id '{actor.id}' {again}; ids must be unique", path, entry.line))
                continue
            actors[actor.id] = actor
            added.append(actor)
    for actor in added:
        for ref in [actor.acts_for, actor.part_of] + [p.organisation for p in actor.posts]:
            if ref is not None and ref not in actors:
                problems.unread(InputError(f"'{actor.id}' refers to unknown actor id '{ref}'", path, actor.where.line))
        if actor.part_of in actors and actors[actor.part_of].category != "state":
            problems.unread(InputError(f"'{actor.id}' is part of '{actor.part_of}', which is no state; part_of names a "
                                       "state id", path, actor.where.line))
    source = yamlfile.mapping(data.get("source"), path, data.line_of("source"), "'source' must be a mapping with a title")
    return _text(source, "title", path) or "Reference data on actors"


def _read_actor(entry: Mapping, category: str, path: Path) -> Actor:
    actor_id = _required(entry, "id", path)
    actor = Actor(
        id=actor_id,
        name=_required(entry, "name", path),
        category=category,
        where=Where(path, entry.line),
        iso=_text(entry, "iso", path),
        iso3=_text(entry, "iso3", path),
        wikidata=_text(entry, "wikidata", path),
        kind=_text(entry, "kind", path),
        acts_for=_text(entry, "acts_for", path),
        part_of=_text(entry, "part_of", path),
        predecessors=_predecessors(entry, category, path),
    )
    if category == "state" and not (actor.iso and actor.wikidata):
        raise InputError(f"state '{actor_id}' needs its ISO code (iso) and Wikidata id (wikidata)", path, entry.line)
    if (category == "entity") != bool(actor.part_of):
        raise InputError(f"'{actor_id}': a sub-state entity (under 'entities') needs part_of, the id of its state, "
                         "and only an entity has one", path, entry.line)
    for post in _entries(entry, "posts", path, "role, in and from"):
        actor.posts.append(
            Post(
                role=_required(post, "role", path),
                organisation=_required(post, "in", path),
                start=_day(post, "from", path) or _missing_from(post, path),
                end=_day(post, "until", path),
            )
        )
    return actor


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


def _read_memberships(path: Path, seeds_dir: Path, actors: dict[str, Actor]) -> list[Membership]:
    data = yamlfile.mapping(yamlfile.load(path, seeds_dir), path, 1, "expected a mapping with 'memberships'")
    sources = yamlfile.mapping(data.get("sources"), path, data.line_of("sources"), "'sources' must map organisations to sources")
    orgs = yamlfile.mapping(data.get("memberships"), path, data.line_of("memberships"),
                            "'memberships' must map each organisation to its members")
    result: list[Membership] = []
    for org, value in orgs.items():
        if org not in actors:
            raise InputError(f"unknown organisation id '{org}'", path, orgs.line_of(org))
        roles = yamlfile.mapping(value, path, orgs.line_of(org), f"'{org}' must map member, candidate and ended")
        ended_on = yamlfile.mapping(roles.get("ended"), path, roles.line_of("ended"), "'ended' must map members to dates")
        ended = {member: _day(ended_on, member, path) for member in ended_on}
        source = yamlfile.text(sources.get(org), path, sources.line_of(org), f"the source of '{org}' must be text") or ""
        for role in ("member", "candidate"):
            starts = yamlfile.mapping(roles.get(role), path, roles.line_of(role), f"'{role}' must map dates to members")
            for start, listed in starts.items():
                try:
                    start_day = parse_day(start)
                except ValueError as exc:
                    raise InputError(str(exc), path, starts.line_of(start)) from None
                members = yamlfile.sequence(listed, path, starts.line_of(start), f"the {role}s since {start} must be a list")
                for i, member in enumerate(members):
                    member = yamlfile.text(member, path, members.line_of(i), "a member must be an actor id")
                    if member not in actors:
                        raise InputError(f"unknown member id '{member}'", path, starts.line_of(start))
                    end = ended.get(member) if role == "member" else None
                    result.append(Membership(member, org, role, start_day, end, source))
    return result


def _read_resolutions(path: Path, seeds_dir: Path) -> dict[str, Resolution]:
    data = yamlfile.mapping(yamlfile.load(path, seeds_dir), path, 1, "expected a mapping with 'resolutions'")
    result: dict[str, Resolution] = {}
    for entry in _entries(data, "resolutions", path, "symbol, title, organ and date"):
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
        session = sessions.parse(_text(entry, "session", path))
    except ValueError as exc:
        raise InputError(f"resolution '{symbol}': {exc}", path, entry.line_of("session")) from None
    named = sessions.of_symbol(symbol)
    if named is not None and named != session:
        raise InputError(f"resolution '{symbol}': session {session} is not the session its symbol names ({named}); "
                         "fix one of them", path, entry.line_of("session"))
    return session


def load(seeds_dir=None, problems: Problems | None = None) -> Reference:
    """Read the reference files of the seeds: of each folder of a workspace in turn, the shipped ones first.

    Only files inside their folder are read (``kg.build.folder``). A workspace's own
    reference files are all optional; a seeds folder needs ``reference/actors.yaml``.
    With ``problems`` given, every problem found is appended to it for the caller to
    raise; else ValidationFailed (or the one InputError) is raised here.
    """
    space = workspace.resolve(seeds_dir)
    found = Problems() if problems is None else problems
    actors: dict[str, Actor] = {}
    titles: list[str] = []
    for index, layer in enumerate(space.layers):
        if index > 0 and not (layer / ACTORS_FILE).exists():
            continue  # a workspace may name only the shipped actors
        try:
            titles.append(_read_actors(layer / ACTORS_FILE, layer, actors, found))
        except InputError as exc:
            found.unread(exc)
    if found.unreadable:
        found.check()  # the other files name these actors: checked against a part of them, they would only echo it
    table = aliases.names_table(actors, found)
    memberships: list[Membership] = []
    resolutions: dict[str, Resolution] = {}
    for layer in space.layers:
        try:
            if (layer / ALIASES_FILE).exists():
                aliases.read_aliases(layer / ALIASES_FILE, layer, actors, table, found)
        except InputError as exc:
            found.unread(exc)
        try:
            if (layer / MEMBERSHIPS_FILE).exists():
                memberships += _read_memberships(layer / MEMBERSHIPS_FILE, layer, actors)
        except InputError as exc:
            found.unread(exc)
        try:
            if (layer / RESOLUTIONS_FILE).exists():
                for symbol, res in _read_resolutions(layer / RESOLUTIONS_FILE, layer).items():
                    if symbol in resolutions:
                        found.append(f"{res.where}: resolution {symbol} is already in {resolutions[symbol].where}; "
                                     "keep one of them")
                    resolutions.setdefault(symbol, res)
        except InputError as exc:
            found.unread(exc)
    names = {key: actor_id for key, (actor_id, _) in table.items()}
    for actor in actors.values():
        for former in actor.predecessors:
            other = names.get(normalise(former))
            if other is not None and other != actor.id:
                found.unread(InputError(f"predecessor '{former}' of '{actor.id}' is already a name of '{other}'; "
                                        "a name must denote one actor", actor.where.path, actor.where.line))
    for res in resolutions.values():
        if res.organ not in actors:
            found.unread(InputError(f"resolution {res.symbol}: unknown organ '{res.organ}'", res.where.path, res.where.line))
    if problems is None:
        found.check()
    return Reference(actors, names, memberships, resolutions, {"actors": titles[0] if titles else "Reference data on actors"})
