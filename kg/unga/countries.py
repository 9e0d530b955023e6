"""Which state cast a UN vote: country codes and names at a date → the project's actors.

A code is looked up in this order:

1. Codes whose meaning depends on the date (the dissolved states and their seats):

   ====== ================================== =====================================
   code   until                              actor
   ====== ================================== =====================================
   YU/YUG before 1992-04-27                  ``sfr-yugoslavia`` (SFR Yugoslavia)
   YU/YUG 1992-04-27 to 2006-06-02           ``serbia-and-montenegro`` (FR Yugoslavia,
                                             from 2003 Serbia and Montenegro)
   YU/YUG from 2006-06-03                    ``serbia`` (the seat Serbia continues)
   CS     before 1993-01-01                  ``czechoslovakia`` (the Voeten/unvotes
                                             tables use CS for Czechoslovakia)
   CS/SCG 2003-02-04 to 2006-06-02           ``serbia-and-montenegro`` (ISO's CS)
   CSK    any                                ``czechoslovakia``
   DD/DDR any                                ``german-democratic-republic``
   YD/YMD any                                ``yemen-peoples-republic`` (South Yemen)
   ====== ================================== =====================================

   In the Voeten/unvotes tables Serbia's votes are all filed under ``YU``; the
   dates above split them between the three states that held the seat.

2. Rows without a code (the tables leave it empty for three states) by name:
   "Federal Republic of Germany" is ``germany`` (the same state, whose code is DE
   from 1990), "Yemen Arab Republic" is ``yemen-arab-republic`` and "Zanzibar" is
   ``zanzibar``; from 1990-05-22 "Yemen Arab Republic" is ``yemen`` (the tables file
   united Yemen's first 84 votes, of November and December 1990, under that name). Any
   other name is tried against the reference aliases.

3. A state of ``seeds/reference/actors.yaml`` with that ISO alpha-2 or alpha-3 code.

4. Any other ISO 3166-1 code (``iso3166.tsv``): an actor is minted for it. Its id is
   the ISO English short name in lowercase with hyphens (``AF`` → ``afghanistan``), so
   that both datasets and a later entry in actors.yaml with the same slug give the same
   IRI; its label is the name the dataset gives. Minted actors are typed ``sa:Actor``,
   not ``sa:State``: a state of the graph carries a checked Wikidata entity, which the
   vote record does not give. Add the state to actors.yaml to promote it.

``NA`` is Namibia's code, never a missing value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from kg.build.reference import Reference
from kg.terms.names import normalise

_ISO_TABLE = Path(__file__).with_name("iso3166.tsv")

FRY_FROM = dt.date(1992, 4, 27)  # the FR Yugoslavia is proclaimed
YEMEN_FROM = dt.date(1990, 5, 22)  # North and South Yemen unite as the Republic of Yemen
SERBIA_FROM = dt.date(2006, 6, 3)  # Montenegro's independence: Serbia continues the seat
CZECHOSLOVAKIA_UNTIL = dt.date(1993, 1, 1)
SCG_FROM = dt.date(2003, 2, 4)


@dataclass(frozen=True)
class Country:
    """The actor a vote row belongs to."""

    actor_id: str
    label: str
    iso: str | None = None  # ISO 3166-1 alpha-2, for states that have one
    iso3: str | None = None
    minted: bool = False


# Dissolved states: id → (label, ISO 3166-3 code of the former state)
HISTORICAL = {
    "sfr-yugoslavia": "Socialist Federal Republic of Yugoslavia",
    "serbia-and-montenegro": "Federal Republic of Yugoslavia / Serbia and Montenegro",
    "czechoslovakia": "Czechoslovakia",
    "german-democratic-republic": "German Democratic Republic",
    "yemen-peoples-republic": "People's Democratic Republic of Yemen",
    "yemen-arab-republic": "Yemen Arab Republic",
    "zanzibar": "Zanzibar",
}

# Other names and codes of the dissolved states (the data's own names among them), by which
# a vote command may name their record
FORMER_NAMES = {
    "sfr-yugoslavia": ("Yugoslavia", "SFR Yugoslavia", "SFRY", "YU", "YUG"),
    "serbia-and-montenegro": ("Serbia and Montenegro", "FR Yugoslavia", "Federal Republic of Yugoslavia", "FRY", "SCG"),
    "czechoslovakia": ("CSK", "Czechoslovak Socialist Republic"),
    "german-democratic-republic": ("East Germany", "GDR", "DDR", "DD"),
    "yemen-peoples-republic": ("South Yemen", "Yemen People's Republic", "Democratic Yemen", "YD", "YMD"),
    "yemen-arab-republic": ("North Yemen", "YAR"),
}
# Names of the states whose seat and record a state of today continues, where the vote
# data files both under one code (Voeten files the Soviet Union's votes under RU, the
# Federal Republic's before 1990 under its name): the record is one, the names lead to it
PREDECESSORS = {
    "russia": ("Soviet Union", "USSR", "Union of Soviet Socialist Republics", "SU", "SUN"),
    "germany": ("West Germany", "Federal Republic of Germany", "FRG", "BRD"),
}

_DATED = {"YU", "YUG", "CS", "SCG", "CSK", "DD", "DDR", "YD", "YMD"}

_BY_NAME = {
    "federal republic of germany": "germany",
    "yemen arab republic": "yemen-arab-republic",
    "zanzibar": "zanzibar",
}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(name).replace("'", "")).strip("-")


def _iso_table() -> list[tuple[str, str, str]]:
    rows = []
    for line in _ISO_TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("alpha2\t") or not line.strip():
            continue
        alpha2, alpha3, name = line.split("\t")
        rows.append((alpha2, alpha3, name))
    return rows


def alpha3_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 → alpha-3, for every code of the ISO table."""
    return {alpha2: alpha3 for alpha2, alpha3, _ in _iso_table()}


class UnknownCountry(ValueError):
    """A code or name that no rule maps to a state."""


class CountryMap:
    """Maps (code, name, date) of a vote row to a Country; remembers the minted ones."""

    def __init__(self, reference: Reference):
        self._reference = reference
        self._by_code: dict[str, Country] = {}
        for actor in reference.actors.values():
            if actor.category == "state" and actor.iso:
                country = Country(actor.id, actor.name, actor.iso, actor.iso3)
                self._by_code[str(actor.iso).upper()] = country
                if actor.iso3:
                    self._by_code[str(actor.iso3).upper()] = country
        self._iso: dict[str, tuple[str, str, str]] = {}
        for alpha2, alpha3, name in _iso_table():
            self._iso[alpha2] = self._iso[alpha3] = (alpha2, alpha3, name)
        self._known_ids = set(reference.actors)
        self.minted: dict[str, Country] = {}
        self._cache: dict[tuple[str, str], Country] = {}

    def lookup(self, code: str, name: str, day: dt.date) -> Country:
        """The Country of a vote row; raise UnknownCountry naming what is wrong."""
        found = self._cache.get((code, name))
        if found is not None:
            return found
        code_key = code.strip().upper()
        found = self._lookup(code_key, name.strip(), day)
        if code_key not in _DATED and _BY_NAME.get(normalise(name)) != "yemen-arab-republic":
            self._cache[(code, name)] = found  # the same answer at any date
        return found

    def _lookup(self, code: str, name: str, day: dt.date) -> Country:
        historical = self._historical(code, day)
        if historical:
            return self._state(historical, name)
        if not code:
            by_name = _BY_NAME.get(normalise(name))
            if by_name == "yemen-arab-republic" and day >= YEMEN_FROM:
                # Voeten files united Yemen's first votes (Nov.–Dec. 1990) under the Yemen Arab Republic
                return self._by_code.get("YE") or self._mint_iso("YE", "Yemen")
            if by_name:
                return self._state(by_name, name)
            alias = self._reference.aliases.get(normalise(name))
            if alias and self._reference.actors[alias].category == "state":
                actor = self._reference.actors[alias]
                return Country(actor.id, actor.name, actor.iso, actor.iso3)
            raise UnknownCountry(f"country '{name}' has no code and is not a known name")
        if code in self._by_code:
            return self._by_code[code]
        if code in self._iso:
            return self._mint_iso(code, name)
        raise UnknownCountry(f"unknown country code '{code}' ({name})")

    @staticmethod
    def _historical(code: str, day: dt.date) -> str | None:
        if code in ("YU", "YUG"):
            if day < FRY_FROM:
                return "sfr-yugoslavia"
            return "serbia-and-montenegro" if day < SERBIA_FROM else "serbia"
        if code == "CS":
            if day < CZECHOSLOVAKIA_UNTIL:
                return "czechoslovakia"
            if SCG_FROM <= day < SERBIA_FROM:
                return "serbia-and-montenegro"
            raise UnknownCountry(f"code CS on {day} is neither Czechoslovakia (until 1992) nor Serbia and Montenegro (2003–2006)")
        if code == "SCG":
            return "serbia-and-montenegro"
        if code == "CSK":
            return "czechoslovakia"
        if code in ("DD", "DDR"):
            return "german-democratic-republic"
        if code in ("YD", "YMD"):
            return "yemen-peoples-republic"
        return None

    def _mint_iso(self, code: str, name: str) -> Country:
        alpha2, alpha3, iso_name = self._iso[code]
        return self._mint(slug(iso_name), name or iso_name, alpha2, alpha3)

    def _state(self, actor_id: str, name: str) -> Country:
        if actor_id in self._reference.actors:
            actor = self._reference.actors[actor_id]
            return Country(actor.id, actor.name, actor.iso, actor.iso3)
        return self._mint(actor_id, HISTORICAL[actor_id], None, None)

    def _mint(self, actor_id: str, label: str, iso: str | None, iso3: str | None) -> Country:
        if actor_id in self.minted:
            return self.minted[actor_id]
        if actor_id in self._known_ids:
            # a reference actor with this id but another code: keep the minted one apart
            actor_id = f"{actor_id}-{(iso or 'state').lower()}"
        country = Country(actor_id, label, iso, iso3, minted=True)
        self.minted[actor_id] = country
        return country
