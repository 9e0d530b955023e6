"""kg draft: an article in, a draft annotation file of candidate claims pending review out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.build import pipeline
from kg.build import reference as references
from kg.cli import main
from kg.draft import article, extract, speech
from kg.draft import text as reading
from kg.draft.issues import IssueIndex
from kg.errors import InputError, ValidationFailed
from kg.terms import names, ontology
from conftest import assert_clean

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def reading_kit():
    graph = ontology.load_graph()
    return references.load(SEEDS), IssueIndex(ontology.vocabulary(graph).issues, graph)


def _draft(tmp_path: Path, text: str, **options) -> article.Draft:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return article.draft(path, seeds=options.pop("seeds", SEEDS), force=True, **options)


def _one(draft: article.Draft, actor: str):
    found = [c for c in draft.claims if c.actor.id == actor]
    assert len(found) == 1, [(c.actor.id, c.cue, c.quote.text) for c in draft.claims]
    return found[0]


@pytest.mark.parametrize("source", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_drafted_quote_is_the_articles_text_at_its_offsets(tmp_path, source):
    copy = tmp_path / source.name
    shutil.copyfile(source, copy)
    made = article.draft(copy, date="2024-09-04", seeds=SEEDS)
    text = source.read_text(encoding="utf-8")
    assert made.claims
    for claim in made.claims:
        assert text[claim.quote.start:claim.quote.end] == claim.quote.text
    written = yaml.safe_load(made.path.read_text(encoding="utf-8"))
    assert [c["quote"] for c in written["claims"]] == [c.quote.text for c in [*made.claims, *made.ties]]
    for tie in made.ties:
        assert text[tie.quote.start:tie.quote.end] == tie.quote.text
    assert {c["review"] for c in written["claims"]} == {"pending"}


_WORDS = st.sampled_from(["Serbia", "Belgrade", "the Kremlin", "refused to", "join", "sanctions", "against", "Russia",
                          "did", "not", "condemn", "voted", "in", "favour", "abstained", "U.S.", "Mr.", "said", "“",
                          "”", ",", ";", " — ", "Crimea", "annexation", "of", "Kosovo", "independence", "\n", "é",
                          "December", "9th", "2019", "EU", "Brussels", "urged", "recognise", "NATO", "never"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_WORDS, st.text(min_size=1, max_size=6)), min_size=1, max_size=60),
       st.lists(st.sampled_from([". ", "! ", "? ", " ", "\n\n"]), min_size=1, max_size=60))
def test_quotes_are_verbatim_on_any_text(reading_kit, words, stops):
    reference, index = reading_kit
    text = "".join(w + stops[i % len(stops)] for i, w in enumerate(words))
    import datetime as dt

    sentences = reading.sentences(text)
    found = article.actors.find(text, reference.roster)
    for claim in extract.claims(text, sentences, found, reference, index, dt.date(2024, 1, 1)):
        assert claim.quote.text and text[claim.quote.start:claim.quote.end] == claim.quote.text


def test_sentences_keep_abbreviations_and_initials_together():
    text = "The U.S. and Mr. Vucic met J. Smith on Feb. 24 in Belgrade. Serbia refused. “Never,” he said."
    assert [s.text for s in reading.sentences(text)] == [
        "The U.S. and Mr. Vucic met J. Smith on Feb. 24 in Belgrade.", "Serbia refused.", "“Never,” he said."]


@pytest.mark.parametrize("sentence, actor, stance, kind, action", [
    ("Serbia has refused to join Western sanctions against Russia over the war in Ukraine.",
     "serbia", "opposes", "action", "sanction-decision"),
    ("Montenegro imposed sanctions against Russia over the war in Ukraine.",
     "montenegro", "supports", "action", "sanction-decision"),
    ("Hungary did not condemn Russia's invasion of Ukraine.", "hungary", "neutral", "statement", None),
    ("Austria condemned Russia's invasion of Ukraine.", "austria", "opposes", "statement", None),
    ("Iran said it did not recognise Russia's annexation of Crimea.", "iran", "supports", "action",
     "recognition-decision"),
    ("Russia regularly denounces Kosovo's declaration of independence from Serbia.", "russia", "supports",
     "statement", None),
])
def test_stance_cues_with_negation(tmp_path, sentence, actor, stance, kind, action):
    claim = _one(_draft(tmp_path, sentence, date="2024-01-10"), actor)
    assert (claim.stance, claim.kind, claim.action) == (stance, kind, action)


def test_votes_abstention_and_resolution_by_its_date(tmp_path):
    made = _draft(tmp_path, "On December 9, Serbia voted against the resolution on Crimea, while Albania voted in "
                            "favour and Bosnia and Herzegovina abstained.", date="2019-12-10")
    got = {c.actor.id: (c.stance, c.action, c.vote, c.resolution, c.date) for c in made.claims}
    assert got == {
        "serbia": ("opposes", "vote", "no", "A/RES/74/17", "2019-12-09"),
        "albania": ("supports", "vote", "yes", "A/RES/74/17", "2019-12-09"),
        "bosnia-and-herzegovina": ("neutral", "vote", "abstain", "A/RES/74/17", "2019-12-09"),
    }


@pytest.mark.parametrize("subject, actor", [("The Kremlin", "russia"), ("Belgrade", "serbia"),
                                            ("Brussels", "eu"), ("Washington", "united-states"),
                                            ("Ankara", "turkey"), ("Moscow", "russia")])
def test_capitals_and_metonyms_stand_for_their_state(tmp_path, subject, actor):
    made = _draft(tmp_path, f"{subject} condemned Russia's annexation of Crimea.", date="2024-01-10")
    assert [(c.actor.id, c.stance, c.issue) for c in made.claims][0] == (actor, "supports", "crimea-part-of-ukraine")


def test_demonyms_and_capitals_resolve_through_the_one_resolver():
    roster = references.load(SEEDS).roster
    assert [names.mention(roster, n).id for n in ("Serbian", "the Kremlin", "Brussels", "Kyiv", "Turkish")] == [
        "serbia", "russia", "eu", "ukraine", "turkey"]
    assert names.mention(roster, "Atlantis") is None


def test_speaker_with_the_post_held_at_the_date(tmp_path):
    made = _draft(tmp_path, "Serbian President Aleksandar Vucic said Serbia would never impose sanctions "
                            "against Russia.", date="2022-03-01")
    claim = _one(made, "serbia")
    assert (claim.speaker.id, claim.speaker_post, claim.stance, claim.issue) == (
        "vucic", "President of Serbia (from 2017-05-31)", "opposes", "sanctions-against-russia")
    assert "speaker: \"Aleksandar Vučić\"   # President of Serbia (from 2017-05-31)" in made.path.read_text(encoding="utf-8")


def test_unresolved_names_come_with_an_entry_to_paste(tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / "reference").mkdir(parents=True)
    (seeds / "reference" / "actors.yaml").write_text(
        "states:\n  - {id: serbia, name: Serbia, iso: RS, iso3: SRB, wikidata: Q403}\n"
        "  - {id: russia, name: Russia, iso: RU, iso3: RUS, wikidata: Q159}\n", encoding="utf-8")
    made = _draft(tmp_path, "Beijing backed Serbia. Eritrean Foreign Minister Osman Saleh condemned the sanctions.",
                  date="2024-01-10", seeds=seeds)
    entries = {u.name: (u.entry, u.file) for u in made.unresolved}
    assert entries["Beijing"] == ("  - {id: china, name: China, iso: CN, iso3: CHN, wikidata: Q148}",
                                  "reference/actors.yaml (under states:)")
    assert entries["Osman Saleh"][0].splitlines()[:3] == ["  - id: osman-saleh", "    name: Osman Saleh",
                                                          "    acts_for: eritrea"]
    written = made.path.read_text(encoding="utf-8")
    assert "#   - {id: china, name: China, iso: CN, iso3: CHN, wikidata: Q148}" in written


def _workspace(tmp_path: Path) -> Path:
    kg.init(tmp_path / "ws")
    article_path = tmp_path / "ws" / "articles" / "vote.txt"
    article_path.write_text("Serbia refuses sanctions\n\nSerbia has refused to join Western sanctions against "
                            "Russia. Austria condemned Russia's annexation of Crimea.\n", encoding="utf-8")
    return article_path


def test_pending_claims_are_listed_by_validate_not_built_until_accepted(tmp_path):
    path = _workspace(tmp_path)
    space = tmp_path / "ws"
    before = pipeline.build(space).summary
    made = kg.draft_article(path, date="2024-01-10")
    assert made.path == path.with_suffix(".yaml") and len(made.claims) == 3
    summary = pipeline.build(space).summary
    assert (summary.documents, summary.claims) == (before.documents + 1, before.claims)
    assert [line.split(": ", 1)[1] for line in summary.pending] == [
        "claim 'serbia-sanction-decision-sanctions-against-russia' is pending review",
        "claim 'austria-supports-crimea-part-of-ukraine' is pending review",
        "claim 'russia-annexation-crimea-part-of-ukraine' is pending review"]
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "--seeds", str(space)])
    assert_clean(result, codes=(0,))
    assert "Pending review (not built): 3 claims" in result.stdout
    result = runner.invoke(main, ["draft", "--accept", str(made.path)])
    assert_clean(result, codes=(0,))
    assert "Accepted 3 pending claims" in result.stderr
    summary = pipeline.build(space).summary
    assert (summary.claims, summary.pending) == (before.claims + 3, [])


def test_a_bad_review_mark_is_a_problem(tmp_path):
    path = _workspace(tmp_path)
    made = kg.draft_article(path, date="2024-01-10")
    made.path.write_text(made.path.read_text(encoding="utf-8").replace("    review: pending", "    review: done", 1),
                         encoding="utf-8")
    with pytest.raises(kg.ValidationFailed, match="review 'done' is not allowed"):
        pipeline.build(tmp_path / "ws")


def test_no_overwrite_without_force(tmp_path):
    path = _workspace(tmp_path)
    runner = CliRunner()
    assert_clean(runner.invoke(main, ["draft", str(path), "--date", "2024-01-10"]), codes=(0,))
    before = path.with_suffix(".yaml").read_bytes()
    result = runner.invoke(main, ["draft", str(path)])
    assert_clean(result, codes=(2,), contains=("vote.yaml", "exists already", "--force"))
    assert path.with_suffix(".yaml").read_bytes() == before
    assert_clean(runner.invoke(main, ["draft", str(path), "--force", "--date", "2024-01-10"]), codes=(0,))


@pytest.mark.parametrize("content, message", [
    (None, "article not found"), (b"\xff\xfe Serbia", "article is not UTF-8 text (byte 0)"),
    (b"  \n\n", "article is empty"),
])
def test_bad_input_is_one_line(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["draft", str(path), "--seeds", str(SEEDS)])
    assert_clean(result, codes=(2,), contains=message)
    with pytest.raises(InputError):
        article.draft(path, seeds=SEEDS)


def test_a_bad_date_is_one_line(tmp_path):
    path = _workspace(tmp_path)
    result = CliRunner().invoke(main, ["draft", str(path), "--date", "10/01/2024"])
    assert_clean(result, codes=(2,), contains="--date")


def test_drafting_is_deterministic(tmp_path):
    source = SEEDS / "004_2c0c4e712b805dba.txt"
    shutil.copyfile(source, tmp_path / "a.txt")
    first = article.draft(tmp_path / "a.txt", date="2024-09-04", seeds=SEEDS).path.read_bytes()
    second = article.draft(tmp_path / "a.txt", date="2024-09-04", seeds=SEEDS, force=True).path.read_bytes()
    assert first == second


def test_document_date_stated_in_the_text_or_inferred_with_a_note(tmp_path):
    stated = _draft(tmp_path, "Serbia and sanctions\nBELGRADE, August 23, 2022 - Serbia refused to join sanctions "
                              "against Russia.").document
    assert (stated["date"], stated["date_basis"], stated["title"]) == ("2022-08-23", "stated", "Serbia and sanctions")
    inferred = _draft(tmp_path, "A title\n\nSerbia refused to join sanctions.\n\nIt did so in 2014 and again on "
                                "March 3, 2022, officials said, and on 1 April 2022.").document
    assert (inferred["date"], inferred["date_basis"]) == ("2022-04-01", "inferred")
    assert "check the date of publication" in inferred["date_note"]


def test_negation_reads_only_the_words_before_a_cue():
    assert speech.negated("Serbia has refused to ") and speech.negated("it did not ")
    assert not speech.negated("Serbia has ")


# --- subjects, negation, dates and resolutions read from the sentence's shape -------------------


def test_a_typographic_apostrophe_negates(tmp_path):
    made = _draft(tmp_path, "Hungary can’t agree to sanctions against Russia.", date="2024-01-10")
    claim = _one(made, "hungary")
    assert (claim.issue, claim.stance) == ("sanctions-against-russia", "opposes")


def test_voters_listed_after_the_cue_with_the_resolution_of_the_documents_date(tmp_path):
    made = _draft(tmp_path, "The vote\n\nThe General Assembly voted on the annexations of Ukrainian regions.\n\n"
                            "The abstentions included India and Russian ally China.", date="2022-10-13")
    for actor in ("india", "china"):  # "Russian ally China" is China: Russia abstained from nothing
        claim = _one(made, actor)
        assert (claim.stance, claim.vote, claim.resolution, claim.date) == ("neutral", "abstain", "A/RES/ES-11/4", None)
    assert not [c for c in made.claims if c.actor.id == "russia"]


def test_a_list_that_joined_another_actor_in_voting(tmp_path):
    made = _draft(tmp_path, "Only Iran and North Korea joined Russia in voting against the resolution on Wednesday.",
                  date="2022-10-13")
    votes = {c.actor.id: (c.stance, c.vote, c.resolution, c.date) for c in made.claims}
    assert votes == {a: ("opposes", "no", "A/RES/ES-11/4", "2022-10-12") for a in ("iran", "north-korea", "russia")}


def test_the_agent_after_by_and_a_demand_to_halt(tmp_path):
    made = _draft(tmp_path, "Reactions\n\nThe invasion of Ukraine was condemned as illegitimate by the U.S. on Friday.\n\n"
                            "France demanded an immediate halt to the Russian invasion of Ukraine.", date="2024-01-10")
    us, france = _one(made, "united-states"), _one(made, "france")
    assert (us.issue, us.stance, us.date) == ("russian-invasion-of-ukraine", "opposes", "2024-01-05")
    assert "counted back from the document's date" in us.date_note
    assert (france.issue, france.stance) == ("russian-invasion-of-ukraine", "opposes")


def test_it_refers_back_to_the_actor_last_named_in_the_paragraph(tmp_path):
    made = _draft(tmp_path, "Hungary is under pressure from Brussels. It opposes new sanctions against Russia.",
                  date="2024-01-10")
    claim = _one(made, "hungary")
    assert (claim.issue, claim.stance, claim.quote.text) == (
        "sanctions-against-russia", "opposes", "It opposes new sanctions against Russia.")
    assert not [c for c in made.claims if c.actor.id == "eu"]


def test_a_relative_clause_is_a_clause_of_its_own(tmp_path):
    sentence = "Austria, which abstained on the Security Council resolution, voted for the Assembly resolution."
    parts = reading.clauses(sentence, reading.Span(0, len(sentence), sentence))
    assert [p.text for p in parts] == ["Austria", "which abstained on the Security Council resolution",
                                       "voted for the Assembly resolution."]


def test_a_comma_before_and_in_a_list_of_names_cuts_no_clause():
    sentence = "Belarus, Syria, and Mali voted no, and Russia abstained."
    parts = reading.clauses(sentence, reading.Span(0, len(sentence), sentence))
    assert [p.text for p in parts] == ["Belarus, Syria, and Mali voted no", "and Russia abstained."]


def test_the_drafts_url_is_read_and_built_as_the_documents_source(tmp_path):
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    path = _workspace(tmp_path)
    made = kg.draft_article(path, date="2024-01-10", url="https://example.org/news/serbia-sanctions")
    assert made.document["url"] == "https://example.org/news/serbia-sanctions"
    article.accept(made.path)
    built = pipeline.build(tmp_path / "ws")
    sources = {str(o) for s, _, o, _ in built.dataset.quads((None, DCTERMS.source, None, None)) if isinstance(o, URIRef)
               and str(s).endswith("/vote")}
    assert sources == {"https://example.org/news/serbia-sanctions"}
    content = made.path.read_text(encoding="utf-8").replace("https://example.org/news/serbia-sanctions", "not an address")
    made.path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationFailed, match="url must be an http"):
        pipeline.build(tmp_path / "ws")


def test_a_list_of_names_with_the_before_the_last_votes_as_one(tmp_path):
    made = _draft(tmp_path, "China, India and the United Arab Emirates abstained on the resolution on Russia's war in Ukraine.",
                  date="2022-02-26")
    assert {(c.actor.id, c.stance, c.vote) for c in made.claims} == {
        ("china", "neutral", "abstain"), ("india", "neutral", "abstain"), ("united-arab-emirates", "neutral", "abstain")}


def test_the_subject_of_was_among_the_members_that_voted(tmp_path):
    made = _draft(tmp_path, "Mexico was among the 11 Security Council members to vote for a resolution on Russia's war "
                  "in Ukraine.", date="2022-02-26")
    assert [c.actor.id for c in made.claims] == ["mexico"]


@pytest.mark.parametrize("sentence, actor", [
    ("Brazil continues to refuse to issue sanctions against Russia.", "brazil"),
    ("Indonesia declined Ukraine's request for weapons.", "indonesia"),
])
def test_a_refusal_of_a_measure_or_a_request_opposes_it(tmp_path, sentence, actor):
    claim = _one(_draft(tmp_path, sentence, date="2023-01-01"), actor)
    assert claim.stance == "opposes"


def test_ties_are_drafted_from_their_phrases_with_actor_and_target(tmp_path):
    made = _draft(tmp_path, "Title line\n\nIran is a close ally of Russia, and Tehran has supplied Moscow with drones. "
                  "Despite the excellent relations between Moscow and Tehran, Iran said it opposed the war. "
                  "Hungary is heavily dependent on Russia for gas. Serbia is not an ally of Russia.", date="2023-01-20")
    assert [(t.actor.id, t.tie, t.target.id, t.quote.text) for t in made.ties] == [
        ("iran", "ally", "russia", "Iran is a close ally of Russia"),
        ("iran", "military-supplier-to", "russia", "Tehran has supplied Moscow with drones."),
        ("russia", "friendly-relations", "iran", "Despite the excellent relations between Moscow and Tehran, Iran said it opposed the war."),
        ("hungary", "dependent-on-for-energy", "russia", "Hungary is heavily dependent on Russia for gas.")]
    written = yaml.safe_load(made.path.read_text(encoding="utf-8"))["claims"]
    assert [(c["type"], c["tie"], c["review"]) for c in written if c["type"] == "tie"][0] == ("tie", "ally", "pending")
