"""kg draft on reactions to events abroad: a coup condemned, an election congratulated, a visit criticised."""

from __future__ import annotations

from pathlib import Path

from conftest import drafted

ROOT = Path(__file__).resolve().parent.parent
# a workspace whose issues include "The military takeover in Niger" and "Putin's re-election in 2024"
WITH_EVENT_ISSUES = ROOT / "bench" / "draft-heldout4"


def _claims(tmp_path: Path, body: str, date: str = "2023-07-28") -> list[tuple]:
    return [(c.actor.id, c.stance, c.issue, c.quote.text) for c in drafted(tmp_path, body, date, WITH_EVENT_ISSUES)]


def test_condemning_an_attempt_to_seize_power_is_against_the_coup(tmp_path):
    # "seize power" is the coup itself, not a seizure of land that would turn the stance round
    assert _claims(tmp_path, "Germany condemned the attempt to seize power by force in Niger.") == [
        ("germany", "opposes", "niger-military-takeover", "Germany condemned the attempt to seize power by force in Niger.")]


def test_congratulations_as_a_noun_are_for_what_they_are_offered_on(tmp_path):
    assert _claims(tmp_path, "Brazilian President Lula sent his warm congratulations to Putin on his re-election.",
                   date="2024-03-19") == [
        ("brazil", "supports", "putin-re-election-2024",
         "Lula sent his warm congratulations to Putin on his re-election.")]


def test_the_agent_of_a_passive_may_follow_a_quantity(tmp_path):
    # "was blasted by a string of EU officials": the EU blasted it, the subject is what was blasted
    assert _claims(tmp_path, "The annexation of Crimea was blasted by a string of EU officials.") == [
        ("eu", "supports", "crimea-part-of-ukraine", "The annexation of Crimea was blasted by a string of EU officials.")]


def test_a_short_form_in_brackets_keeps_the_list_of_subjects_whole(tmp_path):
    assert _claims(tmp_path, "The European Union (EU) and the African Union jointly condemned the annexation of Crimea.") == [
        ("eu", "supports", "crimea-part-of-ukraine", "European Union (EU) and the African Union jointly condemned the annexation of Crimea."),
        ("african-union", "supports", "crimea-part-of-ukraine", "African Union jointly condemned the annexation of Crimea.")]


def test_a_people_named_by_its_demonym_is_not_its_state(tmp_path):
    # "Russian voters showed their support": what Erdogan said, not a stance of Russia
    assert _claims(tmp_path, "Erdogan said Russian voters showed their support for Putin in the election.", date="2024-03-19") == [
        ("turkey", "supports", "putin-re-election-2024", "Erdogan said Russian voters showed their support for Putin in the election.")]


def test_hosting_talks_is_a_diplomatic_move_of_the_host(tmp_path):
    assert _claims(tmp_path, "India hosted a summit on the negotiated settlement in Ukraine.") == [
        ("india", "supports", "negotiated-settlement-ukraine", "India hosted a summit on the negotiated settlement in Ukraine.")]


def test_a_heading_that_names_an_actor_gives_its_section_a_subject(tmp_path):
    # "France" over the paragraph: its spokesperson speaks for France, not for the official of the section before
    body = ("United States\n\nBlinken condemned the annexation of Crimea.\n\n"
            "France\n\nThe spokesperson condemned the annexation of Crimea.")
    assert _claims(tmp_path, body) == [
        ("united-states", "supports", "crimea-part-of-ukraine", "Blinken condemned the annexation of Crimea."),
        ("france", "supports", "crimea-part-of-ukraine", "The spokesperson condemned the annexation of Crimea.")]


def test_a_names_allies_or_neighbours_act_not_the_name(tmp_path):
    # "Putin's allies hail": neither Russia nor its president is the subject or the speaker
    assert _claims(tmp_path, "Putin's allies hail a decisive victory in the election.", date="2024-03-19") == []
    assert _claims(tmp_path, "Serbia's neighbours condemned the annexation of Crimea.") == []


def test_the_name_after_unlike_is_no_subject(tmp_path):
    # "Unlike Hungary, Poland supported": Hungary did not, and "Hungary, Poland" is no list of subjects
    assert _claims(tmp_path, "Unlike Hungary, Poland supported the sanctions against Russia.") == [
        ("poland", "supports", "sanctions-against-russia", "Poland supported the sanctions against Russia.")]


def test_the_guest_of_a_host_makes_the_move_too(tmp_path):
    quote = "India hosted Brazil for talks on the negotiated settlement in Ukraine."
    assert _claims(tmp_path, quote) == [("india", "supports", "negotiated-settlement-ukraine", quote),
                                        ("brazil", "supports", "negotiated-settlement-ukraine", quote)]


def test_a_stand_that_came_from_a_state_named_with_an_adjective_is_its(tmp_path):
    quote = "Praise also came from neighbouring Poland for the sanctions against Russia."
    assert _claims(tmp_path, quote) == [("poland", "supports", "sanctions-against-russia", quote)]


def test_friends_or_allies_in_a_list_of_states_are_those_states(tmp_path):
    # "friends in China, Iran and …": "in" makes no object of China there; Belarus is not in the reference
    assert _claims(tmp_path, "His friends in China, Iran and Belarus congratulated Putin on his re-election.", date="2024-03-19") == [
        ("china", "supports", "putin-re-election-2024", "China, Iran and Belarus congratulated Putin on his re-election."),
        ("iran", "supports", "putin-re-election-2024", "Iran and Belarus congratulated Putin on his re-election.")]
