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
