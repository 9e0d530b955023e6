"""kg draft on the bodies of a state that act or speak for it: "the Ministry of Foreign Affairs of Greece", "Egypt’s … committee"."""

from __future__ import annotations

from pathlib import Path

from conftest import drafted

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# a workspace whose issues include "Defence cooperation with Russia" (buying arms from Russia)
WITH_ARMS_ISSUE = ROOT / "bench" / "draft-heldout3"


def _claims(tmp_path: Path, body: str, seeds: Path = SEEDS) -> list[tuple]:
    return [(c.actor.id, c.stance, c.kind, c.action, c.issue, c.quote.text) for c in drafted(tmp_path, body, "2023-05-10", seeds)]


def test_the_ministry_or_government_of_a_state_speaks_for_it(tmp_path):
    # the state named after "of" is no object there: it is whose ministry speaks
    assert _claims(tmp_path, "The Ministry of Foreign Affairs of Greece condemned the annexation of Crimea.") == [
        ("greece", "supports", "statement", None, "crimea-part-of-ukraine", "Greece condemned the annexation of Crimea.")]
    assert _claims(tmp_path, "The government of Mexico rejected the sanctions against Russia.") == [
        ("mexico", "opposes", "statement", None, "sanctions-against-russia", "Mexico rejected the sanctions against Russia.")]


def test_a_committee_clearing_a_purchase_buys_for_its_state_on_the_issue_naming_the_seller(tmp_path):
    # "Egypt’s arms procurement committee has cleared the purchase": three words name the body, the purchase is
    # what it decided (not a noun without a subject), and of the issues the one that names Russia, the seller
    assert _claims(tmp_path, "Egypt’s arms procurement committee has cleared the purchase of twelve helicopters from Russia.",
                   WITH_ARMS_ISSUE) == [
        ("egypt", "supports", "action", "purchase", "defence-cooperation-with-russia",
         "Egypt’s arms procurement committee has cleared the purchase of twelve helicopters from Russia.")]


def test_who_judges_in_the_passive_follows_by(tmp_path):
    # "have been called “a grave mistake” by Hungary": Hungary judges; the sanctions are what it is against
    assert _claims(tmp_path, 'The sanctions against Russia have been called "a grave mistake" by Hungary.') == [
        ("hungary", "opposes", "statement", None, "sanctions-against-russia",
         'The sanctions against Russia have been called "a grave mistake" by Hungary.')]
    assert _claims(tmp_path, "The annexation of Crimea was described as illegal by Greece.") == [
        ("greece", "supports", "statement", None, "crimea-part-of-ukraine", "The annexation of Crimea was described as illegal by Greece.")]


def test_one_stretch_of_text_gives_an_actor_one_issue(tmp_path):
    # "rejected any act … which violated the UN Charter" would match another issue only weakly: the sentence is on Ukraine
    assert _claims(tmp_path, "Mexico considered the territorial integrity of Ukraine to be sacrosanct and rejected any act "
                             "of a state which violated the UN Charter.") == [
        ("mexico", "supports", "statement", None, "ukraine-territorial-integrity",
         "Mexico considered the territorial integrity of Ukraine to be sacrosanct and rejected any act of a state which "
         "violated the UN Charter.")]


def test_resistance_or_opposition_from_a_state_is_its_stand_against(tmp_path):
    assert _claims(tmp_path, "The sanctions against Russia were delayed by opposition from Hungary.") == [
        ("hungary", "opposes", "statement", None, "sanctions-against-russia",
         "The sanctions against Russia were delayed by opposition from Hungary.")]


def test_the_one_a_demand_is_made_of_does_not_act_in_it(tmp_path):
    # "insisted that Serbia align": the EU asks; Serbia has not aligned
    assert _claims(tmp_path, "Brussels insisted that Serbia align with the sanctions against Russia.") == [
        ("eu", "supports", "statement", None, "sanctions-against-russia",
         "Brussels insisted that Serbia align with the sanctions against Russia.")]


def test_a_short_name_the_reference_gives_is_found_as_written(tmp_path):
    # the workspace's alias "Rau" (Poland's foreign minister) is three letters: found as written, not only in capitals
    claims = _claims(tmp_path, "Rau condemned the sanctions against Russia.", ROOT / "bench" / "draft-heldout13")
    assert [(actor, stance) for actor, stance, *_ in claims] == [("poland", "opposes")]
