"""kg draft on votes told in words: a tally by country, a state's vote told twice, a statement on the text voted on."""

from __future__ import annotations

from pathlib import Path

from conftest import drafted

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _claims(tmp_path: Path, body: str) -> list[tuple]:
    # the day the seeds' A/RES/ES-11/4 was voted (Donbas and the other annexed regions as part of Ukraine; yes: for)
    return [(c.actor.id, c.stance, c.kind, c.resolution, c.vote, c.quote.text) for c in drafted(tmp_path, body, "2022-10-12", SEEDS)]


def test_joining_others_in_opposing_the_measure_is_a_vote_against_it_told_once_a_state(tmp_path):
    # "joined North Korea in opposing the measure": the states listed voted no; North Korea's vote was told already
    assert _claims(tmp_path, "North Korea voted against the resolution in the General Assembly. "
                             "Serbia and Hungary joined North Korea in opposing the measure.") == [
        ("north-korea", "opposes", "action", "A/RES/ES-11/4", "no",
         "North Korea voted against the resolution in the General Assembly."),
        ("serbia", "opposes", "action", "A/RES/ES-11/4", "no", "Serbia and Hungary joined North Korea in opposing the measure."),
        ("hungary", "opposes", "action", "A/RES/ES-11/4", "no", "Hungary joined North Korea in opposing the measure.")]


def test_a_state_s_un_envoy_speaks_for_the_state_on_the_resolution_voted(tmp_path):
    # "Tehran’s UN envoy": Iran's, not the UN's; criticising the resolution is against what it is for
    assert _claims(tmp_path, "Tehran’s UN envoy criticised the resolution.") == [
        ("iran", "opposes", "statement", None, None, "Tehran’s UN envoy criticised the resolution.")]
    assert _claims(tmp_path, "Brazil’s UN ambassador welcomed the resolution.") == [
        ("brazil", "supports", "statement", None, None, "Brazil’s UN ambassador welcomed the resolution.")]


def test_he_after_a_named_speaker_is_the_speaker_and_a_text_with_an_adjective_is_the_text_voted(tmp_path):
    # "… administration …. And Israeli Prime Minister Benjamin Netanyahu said afterward that he completely rejects the
    # “preposterous” resolution": not the subject of the sentence before; rejecting the text is against what it is for
    body = ("The Russian government said the vote changed nothing. "
            "Serbian President Aleksandar Vucic said afterward that he completely rejects the “preposterous” resolution.")
    assert _claims(tmp_path, body)[-1] == (
        "serbia", "opposes", "statement", None, None,
        "Serbian President Aleksandar Vucic said afterward that he completely rejects the “preposterous” resolution.")


def test_a_list_one_name_a_line_under_a_vote_names_who_voted_so(tmp_path):
    # each quote runs from the line saying what was done to the line naming the state, so that it proves the claim
    body = ("The General Assembly adopted the resolution on the annexation.\n"
            "The countries that voted against the resolution were:\n- Serbia\n- North Korea\n- Russia\n"
            "Ukraine welcomed the vote.")
    voted = [c for c in _claims(tmp_path, body) if c[4] == "no"]
    heading = "The countries that voted against the resolution were:\n"
    assert voted == [
        ("serbia", "opposes", "action", "A/RES/ES-11/4", "no", heading + "- Serbia"),
        ("north-korea", "opposes", "action", "A/RES/ES-11/4", "no", heading + "- Serbia\n- North Korea"),
        ("russia", "opposes", "action", "A/RES/ES-11/4", "no", heading + "- Serbia\n- North Korea\n- Russia")]


def test_a_veto_is_of_a_security_council_text_and_a_veto_of_sanctions_is_against_them(tmp_path):
    # on the day the General Assembly voted A/RES/ES-11/4 no veto is cast on it; a veto of sanctions is no UN vote
    assert [c[3] for c in _claims(tmp_path, "China and Russia vetoed the resolution.")] == [None, None]
    assert [c[:4] for c in _claims(tmp_path, "Hungary said it would veto any sanctions on Russian energy.")] == [
        ("hungary", "opposes", "statement", None)]
