"""kg draft on reported speech with no stance cue: what a named speaker said, as a statement on its issue."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import drafted

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _claims(tmp_path: Path, body: str) -> list[tuple]:
    return [(c.actor.id, c.stance, c.kind, c.issue, c.quote.text, c.speaker.id if c.speaker else None) for c in drafted(tmp_path, body, "2024-01-10", SEEDS)]


@pytest.mark.parametrize("sentence, quote", [
    ("Vucic said on Tuesday that Crimea is Ukraine.", "Crimea is Ukraine"),  # after "that"
    ("Vucic told reporters: “Crimea is Ukraine.”", "Crimea is Ukraine"),  # after a colon, inside the quotation marks
    ("“Crimea is Ukraine,” Vucic told reporters.", "Crimea is Ukraine"),  # before the speaker
])
def test_what_a_named_official_said_is_his_states_statement(tmp_path, sentence, quote):
    assert _claims(tmp_path, sentence) == [("serbia", "supports", "statement", "crimea-part-of-ukraine", quote, "vucic")]


@pytest.mark.parametrize("sentence, quote", [
    ("Sanctions on Russia must not touch the gas sector, Fico told reporters.",
     "Sanctions on Russia must not touch the gas sector"),  # negated
    ("New sanctions would destroy the Slovak economy, Fico said.",
     "New sanctions would destroy the Slovak economy"),  # a word of harm
])
def test_negated_or_harmful_words_said_are_against_the_issue(tmp_path, sentence, quote):
    assert _claims(tmp_path, sentence) == [("slovakia", "opposes", "statement", "sanctions-against-russia", quote, "fico")]


@pytest.mark.parametrize("sentence, expected", [
    ("The sanctions, Lavrov said, were illegal.", [("russia", "opposes", "statement", "sanctions-against-russia",
                                                    "Lavrov said, were illegal.", "lavrov")]),  # the cue reads it
    ("The sanctions, Lavrov said, would fail.", [("russia", "opposes", "statement", "sanctions-against-russia",
                                                  "The sanctions, Lavrov said, would fail", "lavrov")]),
])
def test_a_speaker_named_inside_the_words_said_reports_all_of_them(tmp_path, sentence, expected):
    assert _claims(tmp_path, sentence) == expected


def test_a_spokesman_for_a_states_ministry_speaks_for_the_state(tmp_path):
    assert _claims(tmp_path, "Crimea is Ukraine, a spokesman for the Turkish foreign ministry said.") == [
        ("turkey", "supports", "statement", "crimea-part-of-ukraine", "Crimea is Ukraine", None)]
    assert _claims(tmp_path, "Crimea is Ukraine, the ambassador to the UN said.") == []  # the UN is no speaker here


def test_according_to_names_the_speaker(tmp_path):
    assert _claims(tmp_path, "According to Serbia's foreign minister, Crimea is part of Ukraine.") == [
        ("serbia", "supports", "statement", "crimea-part-of-ukraine", "Crimea is part of Ukraine", None)]


@pytest.mark.parametrize("sentence", [
    "He said on Tuesday that Crimea is Ukraine.",  # whose words a pronoun reports is not guessed
    "Russia and Iran are discussing a joint cryptocurrency, Putin said.",  # names of parties, no issue's words
    "At the meeting in Belgrade, Vucic said nothing new.",  # an opening phrase is not what was said
])
def test_no_statement_without_a_named_speaker_and_an_issue(tmp_path, sentence):
    assert _claims(tmp_path, sentence) == []


@pytest.mark.parametrize("body, quote", [
    ("Vucic spoke in Belgrade on Monday. “Crimea is Ukraine,” he told reporters.", "Crimea is Ukraine"),
    ("“Serbia stays out of it,” Vucic said on Monday. “For us, Crimea is Ukraine.”", "For us, Crimea is Ukraine"),
    ("Vucic spoke on Monday, stating: “We want peace. For us, Crimea is Ukraine.”", "For us, Crimea is Ukraine"),
])
def test_words_in_quotation_marks_are_the_official_who_spoke_last(tmp_path, body, quote):
    # a pronoun or a quotation the paragraph opened before: the official named last speaks
    assert ("serbia", "supports", "statement", "crimea-part-of-ukraine", quote, "vucic") in _claims(tmp_path, body)


def test_a_pronoun_without_quotation_marks_gives_no_speaker(tmp_path):
    assert _claims(tmp_path, "Vucic spoke in Belgrade on Monday. Crimea is Ukraine, he told reporters.") == []


def test_a_cue_of_the_same_actor_reads_the_words_first(tmp_path):
    # "condemned" reads the clause: the reported speech adds no second claim of Serbia over it
    drafted = _claims(tmp_path, "Vucic said that Serbia condemned the annexation of Crimea.")
    assert [(a, s) for a, s, *_ in drafted] == [("serbia", "supports")]


def test_the_draft_says_a_claim_is_read_from_reported_speech(tmp_path):
    _claims(tmp_path, "“Crimea is Ukraine,” Vucic told reporters on Monday.")
    lines = (tmp_path / "news.yaml").read_text(encoding="utf-8").splitlines()
    comment = next(line for line in lines if line.startswith("  # quote at"))
    assert "reported speech, no cue word: against if negated, else for" in comment
