"""Names resolve through ids, names, ISO codes and the user-extensible alias table."""

from __future__ import annotations

import pytest

from kg import paths
from kg.build import reference
from kg.terms.names import UnknownActor


@pytest.fixture(scope="module")
def ref():
    return reference.load(paths.default_seeds_dir())


@pytest.mark.parametrize(
    "name, actor",
    [
        ("Vucic", "vucic"),
        ("Vučić", "vucic"),
        ("Alexander Vucic", "vucic"),
        ("Aleksandar Vučić", "vucic"),
        ("Moscow", "russia"),
        ("the Kremlin", "russia"),
        ("Belgrade", "serbia"),
        ("Tehran", "iran"),
        ("Brussels", "eu"),
        ("RS", "serbia"),
        ("SRB", "serbia"),
        ("bosnia-and-herzegovina", "bosnia-and-herzegovina"),
        ("Türkiye", "turkey"),
    ],
)
def test_aliases_resolve(ref, name, actor):
    assert ref.resolve(name) == actor


def test_unknown_name_suggests_the_closest(ref):
    with pytest.raises(UnknownActor) as failure:
        ref.resolve("Serbja")
    assert failure.value.suggestions == ["Serbia"]
    assert str(failure.value) == (
        "unknown actor 'Serbja'; did you mean 'Serbia'? (add an alias in seeds/reference/aliases.yaml if it is another name)")


def test_a_claim_names_the_actor_itself_not_a_predecessor(ref):
    # commands take "Serbia and Montenegro" as Serbia, with a note; a claim's actor must be named as itself
    with pytest.raises(UnknownActor) as failure:
        ref.resolve("Serbia and Montenegro")
    assert failure.value.suggestions == ["Serbia"]
    assert ref.actors["serbia"].predecessors == ["FR Yugoslavia", "Federal Republic of Yugoslavia", "Serbia and Montenegro"]


def test_a_predecessor_name_that_names_another_actor_is_an_error(seeds_copy):
    from kg.errors import InputError

    actors = seeds_copy / "reference" / "actors.yaml"
    text = actors.read_text(encoding="utf-8").replace("predecessors: [FR Yugoslavia,", "predecessors: [Montenegro, FR Yugoslavia,")
    actors.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"actors.yaml:\d+: predecessor 'Montenegro' of 'serbia' is already a name of 'montenegro'"):
        reference.load(seeds_copy)


def test_users_extend_the_alias_table(seeds_copy):
    aliases = seeds_copy / "reference" / "aliases.yaml"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "  Srbija: serbia\n", encoding="utf-8")
    assert reference.load(seeds_copy).resolve("srbija") == "serbia"


def test_alias_to_an_unknown_actor_is_an_error(seeds_copy):
    from kg.errors import InputError

    aliases = seeds_copy / "reference" / "aliases.yaml"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "  Srbija: serbiaa\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"aliases.yaml:\d+: alias 'Srbija' points to unknown actor id 'serbiaa'; did you mean 'serbia'"):
        reference.load(seeds_copy)


def test_memberships_have_periods(ref):
    eu = {(m.member, m.role): m for m in ref.memberships if m.organisation == "eu"}
    assert eu[("croatia", "member")].start.isoformat() == "2013-07-01"
    assert eu[("united-kingdom", "member")].end.isoformat() == "2020-01-31"
    assert eu[("serbia", "candidate")].start.isoformat() == "2012-03-01"
    nato = {m.member for m in ref.memberships if m.organisation == "nato"}
    assert {"montenegro", "north-macedonia", "albania"} <= nato and "serbia" not in nato


def test_a_resolution_symbol_with_a_space_builds_under_an_encoded_iri(seeds_copy):
    # the UN writes Security Council symbols with a space: "S/RES/2669 (2022)"; its IRI encodes the space
    from kg.build import pipeline
    from kg.terms.vocab import ID, resolution_iri

    resolutions = seeds_copy / "reference" / "resolutions.yaml"
    resolutions.write_text(resolutions.read_text(encoding="utf-8") + (
        "  - symbol: S/RES/2669 (2022)\n    title: The situation in Myanmar\n    organ: unsc\n    date: 2022-12-21\n"
        "    issue: territorial-integrity\n    yes_stance: supports\n"
        '    source: "United Nations Security Council, resolution S/RES/2669 (2022)"\n'), encoding="utf-8")
    assert str(resolution_iri("S/RES/2669 (2022)")) == str(ID) + "resolution/S/RES/2669%20(2022)"
    assert str(resolution_iri("A/RES/74/17")) == str(ID) + "resolution/A/RES/74/17"
    import pyoxigraph as ox

    made = pipeline.build(seeds_copy)  # raised before: "Invalid IRI code point ' '"
    node = ox.NamedNode(str(resolution_iri("S/RES/2669 (2022)")))
    assert list(made.store.quads_for_pattern(node, None, None, None))
