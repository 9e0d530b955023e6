"""kg draft on the ways news names who takes a stand away from the verb: a group named back, a stand "from" its
taker, a name in apposition, "with A and B pushing for", a participle after a comma."""

from __future__ import annotations

from pathlib import Path

from conftest import drafted

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _claims(tmp_path: Path, body: str, seeds: Path = SEEDS) -> list[tuple]:
    return [(c.actor.id, c.stance, c.issue, c.quote.text) for c in drafted(tmp_path, body, "2023-05-10", seeds)]


def _titled(tmp_path: Path, body: str, title: str, date: str = "2023-05-10", seeds: Path = SEEDS) -> list:
    """The claims kg draft makes of ``body`` under ``title`` (the article's title and lead weigh in its issues)."""
    from kg.draft import article

    path = tmp_path / "news.txt"
    path.write_text(body, encoding="utf-8")
    return article.draft(path, title=title, date=date, seeds=seeds, force=True).claims


def test_a_count_of_countries_is_the_last_list_of_as_many_named_before_it(tmp_path):
    said = "The {} countries called for a ceasefire in Ukraine."
    three = _claims(tmp_path, "Leaders of Brazil, India and China met in Delhi on Tuesday. " + said.format("three"))
    assert three == [(state, "supports", "negotiated-settlement-ukraine", said.format("three"))
                     for state in ("brazil", "india", "china")]
    # two: the list of two, not the state the sentence named after it
    two = _claims(tmp_path, "Brazil and India met in Delhi, and China sent an envoy. " + said.format("two"))
    assert [c[0] for c in two] == ["brazil", "india"]


def test_a_stand_from_or_of_those_named_after_it_is_theirs(tmp_path):
    assert _claims(tmp_path, "The vote drew a sharp reaction from Poland, which called it a threat to Ukraine.")[:1] == [
        ("poland", "opposes", "russian-invasion-of-ukraine", "The vote drew a sharp reaction from Poland")]
    backing = _claims(tmp_path, "The plan to end the war in Ukraine won the backing of 12 countries, "
                                "including Brazil, Indonesia and South Africa.")
    assert [(c[0], c[1]) for c in backing] == [("brazil", "supports"), ("indonesia", "supports"), ("south-africa", "supports")]


def test_a_name_in_apposition_after_the_subject_is_not_the_subject(tmp_path):
    sentence = "Hungary, a member of the European Union, on Monday opposed new sanctions against Russia."
    assert _claims(tmp_path, sentence) == [("hungary", "opposes", "sanctions-against-russia", sentence)]


def test_with_a_and_b_doing_is_said_of_a_and_b(tmp_path):
    assert [c[:3] for c in _claims(tmp_path, "The talks ended in Geneva, with Brazil and India pushing for a ceasefire in Ukraine.")] \
        == [("brazil", "supports", "negotiated-settlement-ukraine"), ("india", "supports", "negotiated-settlement-ukraine")]


def test_objecting_is_against(tmp_path):
    sentence = "India objected to the sanctions against Russia."
    assert _claims(tmp_path, sentence) == [("india", "opposes", "sanctions-against-russia", sentence)]


def test_a_participle_after_a_comma_is_said_by_the_clauses_subject(tmp_path):
    # a real sentence of a held-out article; its scheme has the issue of North Korea's launches
    sentence = ("China's Foreign Ministry said it opposed North Korea going against United Nations resolutions to launch "
                "missiles, but added that sanctions and pressure could not solve the issue, calling for the US and North "
                "Korea to open talks.")
    claims = _claims(tmp_path, sentence, ROOT / "bench" / "draft-heldout6")
    assert [(c[0], c[1]) for c in claims] == [("china", "opposes"), ("china", "supports")]
    assert claims[1][3].endswith("calling for the US and North Korea to open talks.")


def test_a_stand_named_with_what_it_is_of_is_theirs_and_none_of_them_its_target(tmp_path):
    sentence = "Condemnation of the annexation of Crimea came from Poland, Latvia and Estonia."
    assert [(c.actor.id, c.stance, c.issue, c.target and c.target.id)
            for c in drafted(tmp_path, sentence, "2023-05-10", SEEDS)] == [
        (state, "supports", "crimea-part-of-ukraine", None) for state in ("poland", "latvia", "estonia")]


def test_arms_sales_frozen_or_not_frozen_are_a_measure_taken_or_refused(tmp_path):
    assert [c[:3] for c in _claims(tmp_path, "Germany halted new arms exports to Russia.")] == [
        ("germany", "opposes", "military-aid-to-russia")]
    assert [c[:3] for c in _claims(tmp_path, "Spain has decided not to freeze its weapons sales to Russia.")] == [
        ("spain", "opposes", "sanctions-against-russia")]


def test_disappointment_over_a_decision_is_against_what_was_decided(tmp_path):
    sentence = "Hungary expressed disappointment on Monday over the decision to impose sanctions against Russia."
    assert [c[:3] for c in _claims(tmp_path, sentence)][:1] == [("hungary", "opposes", "sanctions-against-russia")]


def test_the_title_decides_between_issues_a_sentence_matches_alike(tmp_path):
    def issue(title: str) -> list[str]:
        return [c.issue for c in _titled(tmp_path, "Serbia said it would not recognise the annexation.", title)]

    assert issue("Moscow annexes four regions of Ukraine after referendums") == ["donbas-part-of-ukraine"]
    assert issue("Russia annexes Crimea after a referendum") == ["crimea-part-of-ukraine"]


def test_two_verbs_of_one_subject_take_two_stands_each_on_its_own_words(tmp_path):
    sentence = "Poland condemned the annexation of Crimea and reiterated its support for Serbia's accession to the EU."
    assert [c[:3] for c in _claims(tmp_path, sentence)] == [("poland", "supports", "crimea-part-of-ukraine"),
                                                           ("poland", "supports", "serbia-eu-accession")]


def test_a_deed_of_someone_the_reference_does_not_know_is_nobodys(tmp_path):
    # "Johnson's visit": not Hungary's; Hungary only judges it
    claims = drafted(tmp_path, "Hungary considers Johnson's visit to Kyiv a provocation.", "2023-05-10", SEEDS)
    assert [(c.actor.id, c.stance, c.kind) for c in claims] == [("hungary", "opposes", "statement")]


def test_pressure_and_ultimatums_are_stands_against_and_a_full_organ_name_is_the_organ(tmp_path):
    sentence = "Poland and the United Nations Security Council have mounted pressure on Russia over the annexation of Crimea."
    assert [c[:3] for c in _claims(tmp_path, sentence)] == [("poland", "supports", "crimea-part-of-ukraine"),
                                                           ("unsc", "supports", "crimea-part-of-ukraine")]
    sentence = "The EU issued a 15-day ultimatum to Serbia over its refusal to join the sanctions against Russia."
    assert ("eu", "supports", "sanctions-against-russia") in [c[:3] for c in _claims(tmp_path, sentence)]


def test_a_list_of_those_taking_a_stand_goes_on_past_groups_named_by_a_noun(tmp_path):
    sentence = ("Condemnation of the annexation of Crimea poured in from Poland and other countries, as well as Kyiv's "
                "Western allies, Latvia, and Estonia.")
    assert [c[:3] for c in _claims(tmp_path, sentence)] == [
        (state, "supports", "crimea-part-of-ukraine") for state in ("poland", "latvia", "estonia")]


def test_a_recognition_revoked_or_withdrawn_by_states_is_their_stand_for_the_territory(tmp_path):
    # the eighth held-out set's reference holds the states named; the issue is the shipped kosovo-part-of-serbia
    seeds = ROOT / "bench" / "draft-heldout8"
    revoked = _claims(tmp_path, "With Togo becoming the fifteenth country to revoke its recognition of Kosovo, Belgrade "
                                "has moved closer to its goal.", seeds)
    assert revoked[0][:3] == ("togo", "supports", "kosovo-part-of-serbia")
    withdrawn = _claims(tmp_path, "Kosovo’s recognition has already been withdrawn by 15 states, including Madagascar, "
                                  "Suriname and Burundi.", seeds)
    assert [c[:2] for c in withdrawn] == [("madagascar", "supports"), ("suriname", "supports"), ("burundi", "supports")]


def test_a_name_alone_after_the_in_a_list_is_the_next_of_the_list_not_an_apposition(tmp_path):
    sentence = "Poland, Latvia, the United Kingdom, Estonia and Lithuania joined the United States in opposing the measure."
    assert [c[0] for c in _claims(tmp_path, sentence)][:5] == ["poland", "latvia", "united-kingdom", "estonia", "lithuania"]


def test_a_judgement_is_of_the_name_before_an_apposition_or_of_the_state_that_says_it(tmp_path):
    # "Doha, a key mediator between Hamas and Israel, called the attack “cowardly”": Doha's words, not Israel's
    sentence = "Kyiv, a key partner of the European Union, called the sanctions against Russia “cowardly”."
    assert [c[:3] for c in _claims(tmp_path, sentence)] == [("ukraine", "opposes", "sanctions-against-russia")]
    # the state that says it, not the official who spoke the sentence before
    body = ("Latvia’s foreign minister said the sanctions against Russia were justified. "
            "Hungary said the sanctions against Russia were “shameful”.")
    assert [c[:3] for c in _claims(tmp_path, body)] == [("latvia", "supports", "sanctions-against-russia"),
                                                       ("hungary", "opposes", "sanctions-against-russia")]


def test_they_after_a_list_of_the_sentence_are_the_list_and_the_draft_says_so(tmp_path):
    claims = drafted(tmp_path, "Russia, China and India were not swayed and they all abstained.", "2023-05-10", SEEDS)
    assert [(c.actor.id, c.stance, c.kind) for c in claims] == [
        (state, "neutral", "action") for state in ("russia", "china", "india")]
    assert all("read from the list named before: Russia, China, India" in " ".join(c.notes) for c in claims)
    # with no list before it in the sentence, "they" is read as before, with no such note
    alone = drafted(tmp_path, "Russia was not swayed and they all abstained.", "2023-05-10", SEEDS)
    assert [c.actor.id for c in alone] == ["russia"] and not any("list named before" in n for n in alone[0].notes)


def test_congratulations_sent_from_a_capital_and_leaders_from_states_are_theirs(tmp_path):
    # the twelfth held-out set's reference (Uzbekistan, Tajikistan, Lukashenko's re-election); the title names the issue
    seeds = ROOT / "bench" / "draft-heldout12"
    claims = _titled(tmp_path, "Congratulations were also sent from Beijing. Leaders from Uzbekistan and Tajikistan "
                               "congratulated Lukashenko.", "Lukashenko's re-election victory gains selective recognition",
                     "2025-01-27", seeds)
    assert [(c.actor.id, c.stance, c.issue) for c in claims] == [
        (state, "supports", "lukashenko-re-election-2025") for state in ("china", "uzbekistan", "tajikistan")]
    # the first sentence names no issue: the draft says it took the article's
    assert any("the issue is the article's" in note for note in claims[0].notes)
    # a name after "his" is in the object: Putin congratulates, not Belarus
    claims = _titled(tmp_path, "Vladimir Putin phoned his Belarusian counterpart and congratulated him.",
                     "Lukashenko's re-election victory", "2025-01-27", seeds)
    assert [(c.actor.id, c.stance) for c in claims] == [("russia", "supports")]


def test_sanctions_imposed_by_name_or_by_a_list_extended_are_sanctions(tmp_path):
    assert [c[:3] for c in _claims(tmp_path, "Poland expanded its sanctions list to include 17 Russian officials.")] == [
        ("poland", "supports", "sanctions-against-russia")]
    assert [c[:3] for c in _claims(tmp_path, "Latvia announced the imposition of further sanctions against Russia.")] == [
        ("latvia", "supports", "sanctions-against-russia")]


def test_a_bloc_s_members_after_a_dash_and_sanctions_added_and_concern_voiced(tmp_path):
    sentence = ("Foreign ministers of NATO - Poland, Latvia and Estonia - plus the European Union condemned the annexation "
                "of Crimea.")
    assert [c[:2] for c in _claims(tmp_path, sentence)] == [
        (actor, "supports") for actor in ("nato", "poland", "latvia", "estonia", "eu")]
    assert [c[:3] for c in _claims(tmp_path, "The US and UK added additional sanctions onto Russian officials on Monday.")] \
        == [("united-states", "supports", "sanctions-against-russia"), ("united-kingdom", "supports", "sanctions-against-russia")]
    # concern is its holders' stand, not a judgement of the speaker of the sentence before
    sentence = "The embassies of Poland and Latvia voiced their “grave concern” over the sanctions against Russia."
    assert [c[:3] for c in _claims(tmp_path, sentence)] == [("poland", "opposes", "sanctions-against-russia"),
                                                           ("latvia", "opposes", "sanctions-against-russia")]


def test_enlargement_steps_drills_and_an_invasion_launched_are_deeds(tmp_path):
    claims = drafted(tmp_path, "EU leaders also decided to grant candidate status to Serbia. Russia's military conducted "
                               "the drills near Ukraine over two days. It came 22 months after Russia launched an all-out "
                               "invasion of Ukraine.", "2023-05-10", SEEDS)
    assert [(c.actor.id, c.stance, c.kind, c.action, c.issue) for c in claims] == [
        ("eu", "supports", "action", "diplomatic-move", "serbia-eu-accession"),
        ("russia", "supports", "action", "military-operation", "russian-invasion-of-ukraine"),
        ("russia", "supports", "action", "military-operation", "russian-invasion-of-ukraine")]


def test_ties_severed_are_against_the_relations_and_regret_at_a_severing_is_for_them(tmp_path):
    # the fifth held-out set's reference holds the issue of the relations between Algeria and Morocco
    seeds = ROOT / "bench" / "draft-heldout5"
    assert [c[:3] for c in _claims(tmp_path, "Algeria severed ties with Morocco.", seeds)] == [
        ("algeria", "opposes", "algeria-morocco-relations")]
    sentence = "Kuwait said it regretted the decision to sever diplomatic ties between Algeria and Morocco."
    assert [c[:3] for c in _claims(tmp_path, sentence, seeds)][:1] == [("kuwait", "supports", "algeria-morocco-relations")]


def test_the_leaders_of_a_count_of_countries_and_what_a_condemnation_calls_it(tmp_path):
    body = "Leaders of Poland, Latvia and Estonia met in Riga. The leaders of the three countries condemned the annexation."
    assert [c[:2] for c in _claims(tmp_path, body)][-3:] == [("poland", "supports"), ("latvia", "supports"),
                                                            ("estonia", "supports")]
    # "as …" says what the condemned is called, not what is condemned: no counter word read there
    sentence = "Serbia condemned the sanctions against Russia as a violation of international law."
    assert [c[:3] for c in _claims(tmp_path, sentence)] == [("serbia", "opposes", "sanctions-against-russia")]


def test_leaving_a_deal_is_against_it_and_a_counterpart_after_and_his_is_in_the_list(tmp_path):
    # the thirteenth held-out set's reference holds the Black Sea Grain Initiative; the reason after "after what" is not
    # the object, and suspending is no measure against a state
    seeds = ROOT / "bench" / "draft-heldout13"
    sentence = ("Russia on Saturday suspended participation in the UN-brokered Black Sea grain deal after what it said was "
                "a major Ukrainian drone attack on its fleet.")
    assert [c[:3] for c in _claims(tmp_path, sentence, seeds)][:1] == [("russia", "opposes", "black-sea-grain-initiative")]
    sentence = "Serbian President Aleksandar Vucic and his Hungarian counterpart slammed the sanctions against Russia."
    assert [c[:3] for c in _claims(tmp_path, sentence)] == [("serbia", "opposes", "sanctions-against-russia"),
                                                           ("hungary", "opposes", "sanctions-against-russia")]


def test_tariffs_imposed_and_countermeasures_taken_are_measures(tmp_path):
    # the thirteenth held-out set's reference holds the issues of the US tariffs of 2025 and of countermeasures to them
    claims = _titled(tmp_path, "Trump has imposed a 20% reciprocal tariff on the bloc. The ministry stated that Beijing "
                               "“will take countermeasures to safeguard its own rights and interests.”",
                     "Trump's tariffs are here — countries strike back with countermeasures", "2025-04-03",
                     ROOT / "bench" / "draft-heldout13")
    assert [(c.actor.id, c.stance, c.action, c.issue) for c in claims] == [
        ("united-states", "supports", "sanction-decision", "us-tariffs-2025"),
        ("china", "supports", None, "countermeasures-against-us-tariffs")]  # "will take": said, not yet done


def test_a_place_named_annexed_or_occupied_turns_no_stance_round(tmp_path):
    # "the Israeli-occupied West Bank", "Russia-annexed Crimea": a name of a place, not the annexation condemned
    assert [c[:3] for c in _claims(tmp_path, "Serbia condemned the sanctions imposed on Russia-annexed Crimea.")] == [
        ("serbia", "opposes", "sanctions-against-russia")]


def test_the_signatories_of_a_statement_take_its_stand_and_the_draft_says_whose(tmp_path):
    body = ("NATO and more than 20 countries issued a joint statement condemning the annexation of Crimea. "
            "The statement was signed by the foreign ministers of Lithuania, Finland and Sweden.")
    claims = drafted(tmp_path, body, "2023-05-10", SEEDS)
    assert [(c.actor.id, c.stance, c.issue, c.kind) for c in claims] == [
        (actor, "supports", "crimea-part-of-ukraine", "statement") for actor in ("nato", "lithuania", "finland", "sweden")]
    assert all(c.quote.text.startswith("The statement was signed by") and "signatory" in c.notes[0] for c in claims[1:])
    # with no statement told before it, a list of signatories takes no stand
    assert drafted(tmp_path, "The statement was signed by the foreign ministers of Lithuania, Finland and Sweden.",
                   "2023-05-10", SEEDS) == []


def test_the_governments_a_sentence_names_as_those_told_before_take_their_stand(tmp_path):
    body = ("Ten countries and NATO condemned the annexation of Crimea in a joint statement on Friday. "
            "These governments are Lithuania, Finland, Sweden and Poland.")
    claims = drafted(tmp_path, body, "2023-05-10", SEEDS)
    assert [(c.actor.id, c.stance, c.issue) for c in claims] == [
        (actor, "supports", "crimea-part-of-ukraine") for actor in ("nato", "lithuania", "finland", "sweden", "poland")]
    assert all(c.quote.text.startswith("These governments are") for c in claims[1:])
    # a list that names no group told before takes no stand
    assert drafted(tmp_path, "NATO condemned the annexation of Crimea. Lithuania, Finland and Sweden are neighbours.",
                   "2023-05-10", SEEDS)[1:] == []


def test_what_a_speaker_is_reported_to_say_in_words_of_harm_is_against(tmp_path):
    # the thirteenth held-out set's reference holds the Nord Stream 2 issue; no cue word: reported speech
    sentence = ("Poland’s foreign minister said on Wednesday that the Nord Stream 2 gas pipeline led to new “political, "
                "military and energy threats” for Ukraine and Central Europe.")
    assert [c[:3] for c in _claims(tmp_path, sentence, ROOT / "bench" / "draft-heldout13")] == [
        ("poland", "opposes", "nord-stream-2")]


def test_a_list_that_is_reported_to_say_something_says_it_each(tmp_path):
    sentence = ("The foreign ministers of Ukraine and Poland said on Wednesday that the Nord Stream 2 gas pipeline led to "
                "new “political, military and energy threats” for Ukraine and Central Europe.")
    assert [c[:3] for c in _claims(tmp_path, sentence, ROOT / "bench" / "draft-heldout13")] == [
        ("ukraine", "opposes", "nord-stream-2"), ("poland", "opposes", "nord-stream-2")]


def test_a_sentence_with_few_words_of_any_issue_takes_the_article_s_issue(tmp_path):
    # "peace and security" alone met a resolution of the Security Council; the article is about a recognition
    sentence = ("Egypt rejected what it described as an unprecedented measure with serious repercussions for peace and "
                "security in the region.")
    seeds = ROOT / "bench" / "draft-heldout14"  # its reference holds the issue of Somaliland's recognition
    claims = _titled(tmp_path, sentence, "Israel recognises Somaliland as an independent state", seeds=seeds)
    assert [(c.actor.id, c.stance, c.issue) for c in claims] == [("egypt", "opposes", "somaliland-recognition")]
    assert "the issue is the article's" in claims[0].notes[0]
    assert [c.issue for c in _titled(tmp_path, sentence, "A statement of Egypt", seeds=seeds)] != ["somaliland-recognition"]
