"""kg draft on the words news uses for what the scheme names otherwise: a war ended by talks, troops sent in."""

from __future__ import annotations

from pathlib import Path

from conftest import drafted

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _claims(tmp_path: Path, body: str) -> list[tuple]:
    return [(c.actor.id, c.stance, c.kind, c.issue, c.quote.text) for c in drafted(tmp_path, body, "2023-05-10", SEEDS)]


def test_a_diplomatic_solution_to_the_conflict_is_the_negotiated_settlement(tmp_path):
    # "conflict" alone is the war; "a diplomatic solution" to it is the scheme's ceasefire and negotiated settlement
    assert _claims(tmp_path, "Lula said Brazil wanted a diplomatic solution to the conflict in Ukraine.") == [
        ("brazil", "supports", "statement", "negotiated-settlement-ukraine",
         "Brazil wanted a diplomatic solution to the conflict in Ukraine")]


def test_helping_negotiate_an_end_to_the_fighting_is_for_the_settlement(tmp_path):
    assert _claims(tmp_path, "Indonesia is ready to help negotiate an end to the fighting in Ukraine, Widodo said.") == [
        ("indonesia", "supports", "statement", "negotiated-settlement-ukraine",
         "Indonesia is ready to help negotiate an end to the fighting in Ukraine")]


def test_sending_troops_into_a_country_is_a_military_operation(tmp_path):
    assert _claims(tmp_path, "The war began when Moscow sent troops into Ukraine.") == [
        ("russia", "supports", "action", "russian-invasion-of-ukraine", "Moscow sent troops into Ukraine.")]


def test_by_after_the_object_of_a_verb_names_who_took_what_it_is_about_not_its_subject(tmp_path):
    # "the decision by the EU": the EU decided; Serbia, the subject, welcomed it
    assert _claims(tmp_path, "Serbia welcomed the decision by the EU to open accession talks with Montenegro.")[0][:2] == (
        "serbia", "supports")
    # a passive's agent still follows "by": against the annexation, for Ukraine's Crimea
    assert _claims(tmp_path, "The annexation of Crimea was condemned by Serbia.")[0][:2] == ("serbia", "supports")


def test_what_a_state_calls_blackmail_or_illegal_it_is_against_and_what_it_calls_historic_it_is_for(tmp_path):
    # against the annexation it judges, so for the territory's integrity
    assert [c[:2] for c in _claims(tmp_path, "Ukraine called the annexation of Crimea illegal.")] == [("ukraine", "supports")]
    against = _claims(tmp_path, "Ukraine described the annexation of Crimea as blackmail.")
    assert [c[:2] for c in against] == [("ukraine", "supports")]  # against the annexation: for Ukraine's Crimea
    assert against[0][3] == "crimea-part-of-ukraine"
    assert [c[:2] for c in _claims(tmp_path, "Ukraine called the EU's decision to grant candidate status historic.")] == [
        ("ukraine", "supports")]


def test_backing_a_warning_or_a_response_to_an_attack_is_against_the_attack(tmp_path):
    # in a workspace whose issues are the Houthis' attacks and Israel's strike on Qatar: to sign a warning against the
    # attacks, or back a response to the strike, is against them, though the verb is one of support
    workspace = ROOT / "bench" / "draft-heldout15"
    signed = drafted(tmp_path, "Japan and Germany signed the warning to the Houthis over their attacks on shipping in the Red Sea.",
                     "2024-01-04", workspace)
    assert [(c.actor.id, c.stance, c.issue) for c in signed] == [
        ("japan", "opposes", "houthi-red-sea-attacks"), ("germany", "opposes", "houthi-red-sea-attacks")]
    backed = drafted(tmp_path, "Oman backed the measures taken in response to the Israeli strike on Doha.",
                     "2025-09-09", workspace)
    assert [(c.actor.id, c.stance, c.issue) for c in backed] == [("oman", "opposes", "israeli-strike-on-qatar-2025")]


def test_not_hesitating_to_act_is_acting_and_calling_out_is_against(tmp_path):
    assert _claims(tmp_path, "Poland said it would not hesitate to impose new sanctions against Russia.") == [
        ("poland", "supports", "statement", "sanctions-against-russia",
         "Poland said it would not hesitate to impose new sanctions against Russia.")]
    assert [(actor, stance, issue) for actor, stance, _, issue, _ in
            _claims(tmp_path, "Germany called out Russia over its annexation of Crimea.")][:1] == [
        ("germany", "supports", "crimea-part-of-ukraine")]


def test_the_signatories_a_statement_included_take_its_stand(tmp_path):
    claims = _claims(tmp_path, "Hungary condemned the annexation of Crimea in a statement. "
                               "The statement’s signatories also included Austria and Slovakia.")
    assert [(actor, stance, issue) for actor, stance, _, issue, _ in claims] == [
        ("hungary", "supports", "crimea-part-of-ukraine"), ("austria", "supports", "crimea-part-of-ukraine"),
        ("slovakia", "supports", "crimea-part-of-ukraine")]


def test_regretting_the_recall_of_ambassadors_is_for_the_ties(tmp_path):
    claims = drafted(tmp_path, "The White House regretted the recalling of the ambassadors and said it would engage with France.",
                     "2021-09-18", ROOT / "bench" / "draft-heldout17")
    assert [(c.actor.id, c.stance, c.issue) for c in claims] == [("united-states", "supports", "france-aukus-partners-relations")]


def test_words_of_judgement_and_rejection_news_uses(tmp_path):
    # "a gross breach of", "labeled … unacceptable", "repudiates": against what they are said of
    assert [c[:4] for c in _claims(tmp_path, "Greece called the annexation of Crimea a gross breach of international law.")] == [
        ("greece", "supports", "statement", "crimea-part-of-ukraine")]
    assert [c[:4] for c in _claims(tmp_path, "Turkey labeled the annexation of Crimea “unacceptable”.")] == [
        ("turkey", "supports", "statement", "crimea-part-of-ukraine")]
    assert [c[:4] for c in _claims(tmp_path, "Hungary firmly repudiates the sanctions against Russia.")] == [
        ("hungary", "opposes", "statement", "sanctions-against-russia")]


def test_both_diplomats_are_the_two_states_named_before(tmp_path):
    claims = _claims(tmp_path, "Germany and France met. Both diplomats condemned the annexation of Crimea.")
    assert [(actor, stance) for actor, stance, *_ in claims] == [("germany", "supports"), ("france", "supports")]


def test_what_states_pushed_for_they_support(tmp_path):
    claims = _claims(tmp_path, "There has been momentum for sanctions against Russia for months, pushed largely by Poland and Lithuania.")
    assert [c[:4] for c in claims] == [("poland", "supports", "statement", "sanctions-against-russia"),
                                       ("lithuania", "supports", "statement", "sanctions-against-russia")]


def test_standing_by_whom_an_act_harms_is_against_the_act(tmp_path):
    # the issue is Israel's strike on Doha, the capital of Qatar (its definition says so): to support Qatar is against it
    claims = drafted(tmp_path, "The GCC said member states fully support Qatar after the Israeli strike on Doha.",
                     "2025-09-09", ROOT / "bench" / "draft-heldout15")
    assert [(c.actor.id, c.stance, c.issue) for c in claims] == [("gcc", "opposes", "israeli-strike-on-qatar-2025")]


def test_a_backer_of_an_actor_takes_no_stand_and_who_judges_is_not_what_is_judged(tmp_path):
    # "Iran, a key backer of Hamas": a tie, not a stand on the strike; Iran's own name does not make the judgement
    # of "the attack" one on the sanctions against Iran
    claims = drafted(tmp_path, "Iran, a key backer of Hamas, said the Israeli strike on Doha was a dangerous and criminal action.",
                     "2025-09-09", ROOT / "bench" / "draft-heldout15")
    assert [(c.actor.id, c.stance, c.issue) for c in claims] == [("iran", "opposes", "israeli-strike-on-qatar-2025")]


def test_more_verbs_of_stance_news_uses(tmp_path):
    for sentence, stance in (("Hungary rebuffed the sanctions against Russia.", "opposes"),
                             ("Hungary ruled out new sanctions against Russia.", "opposes"),
                             ("Poland threw its weight behind the sanctions against Russia.", "supports"),
                             ("Poland lobbied for the sanctions against Russia.", "supports")):
        assert [c[1:4:2] for c in _claims(tmp_path, sentence)] == [(stance, "sanctions-against-russia")], sentence


def test_leaving_a_court_or_a_treaty_is_against_it_and_a_donation_of_arms_is_a_supply(tmp_path):
    # the fourteenth held-out set's scheme has the ICC's support as an issue
    workspace = ROOT / "bench" / "draft-heldout14"
    for sentence in ("Mali quit the International Criminal Court in 2025.", "Hungary left the International Criminal Court."):
        assert [(c.stance, c.action, c.issue) for c in drafted(tmp_path, sentence, "2025-06-01", workspace)] == [
            ("opposes", "diplomatic-move", "support-for-icc")], sentence
    assert [(c.actor.id, c.stance, c.action, c.issue) for c in _draft(tmp_path, "Germany donated 40 tanks and ammunition to Ukraine.")] \
        == [("germany", "supports", "supply", "military-aid-to-ukraine")]


def _draft(tmp_path: Path, body: str) -> list:
    return drafted(tmp_path, body, "2023-05-10", SEEDS)


def test_cancelling_a_deal_is_against_it(tmp_path):
    claims = drafted(tmp_path, "Australia cancelled a 2016 deal worth $37bn to build 12 conventional submarines with France.",
                     "2021-09-18", ROOT / "bench" / "draft-heldout17")
    assert [(c.actor.id, c.stance, c.kind, c.issue) for c in claims] == [
        ("australia", "opposes", "action", "australia-french-submarine-contract")]


def test_who_joins_others_in_a_measure_takes_it_too_and_a_settlement_of_the_war_is_for_the_settlement(tmp_path):
    assert [c[:2] for c in _claims(tmp_path, "Montenegro joined the US and the EU in imposing sanctions on Russia.")] == [
        ("montenegro", "supports"), ("united-states", "supports"), ("eu", "supports")]
    assert [c[:4:3] for c in _claims(tmp_path, "India supports a peaceful settlement of the war in Ukraine.")] == [
        ("india", "negotiated-settlement-ukraine")]
    assert [c[1] for c in _claims(tmp_path, "India supports a peaceful settlement of the war in Ukraine.")] == ["supports"]


def test_no_intention_neither_nor_and_a_speakers_title(tmp_path):
    assert [c[:2] for c in _claims(tmp_path, "Serbia's foreign minister said Belgrade had no intention of joining the sanctions.")] \
        == [("serbia", "opposes")]
    assert [c[:2] for c in _claims(tmp_path, "Neither Serbia nor Hungary has imposed sanctions on Russia.")] == [
        ("serbia", "opposes"), ("hungary", "opposes")]
    # "foreign ministry" says who speaks: the words are not those of the issue of EU foreign policy alignment
    assert [c[3] for c in _claims(tmp_path, "China's foreign ministry spokesperson said Beijing respects the sovereignty of "
                                            "all countries.")] == ["territorial-integrity"]
