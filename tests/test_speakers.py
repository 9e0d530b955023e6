"""Speakers: an official asked for where a state is expected, and every quote naming who spoke."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kg.analysis import network
from kg.cli import main
from kg.errors import Note
from kg.views import exports

SERBIA = "https://w3id.org/state-alignments/id/actor/serbia"
VUCIC = "Aleksandar Vučić"


def _data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))


def test_voiced_by_narrows_the_state_to_what_the_official_said_and_keeps_the_others(store):
    data = network.inputs(store)
    vucic = data.actors.resolve("Vucic").iri
    voiced = network.voiced_by(data, vucic, SERBIA)
    serbia = [p for p in voiced.positions if p.actor == SERBIA]
    assert serbia and {p.speaker for p in serbia} == {VUCIC}
    assert "For us, Crimea is Ukraine" in {p.quote for p in serbia}
    others = [p for p in data.positions if p.actor != SERBIA]
    assert [p for p in voiced.positions if p.actor != SERBIA] == others
    # Serbia's candidacy for the EU, from the register, stays; Vulin's "ally of Russia" goes
    ties = {(t["tie"], t["target"].rsplit("/", 1)[-1]) for t in voiced.ties if t["actor"] == SERBIA}
    assert ("candidate-for", "eu") in ties and ("ally", "russia") not in ties


def test_export_html_focus_official_shows_his_state_as_he_voiced_it(store, tmp_path):
    with pytest.warns(Note, match=f"^{VUCIC} speaks for Serbia; the page centres on Serbia with the positions and ties he voiced for it$"):
        result = exports.page(store, tmp_path / "vucic.html", focus="Vucic")
    assert result.title == f"Serbia as voiced by {VUCIC} and the actors within 1 step"
    data = _data(result.path.read_text(encoding="utf-8"))
    assert data["focus"] == SERBIA
    serbia_claims = [c for c in data["claims"] if c.get("actor") == "Serbia" and c.get("kind") in ("statement", "action")]
    assert serbia_claims and {c.get("speaker") for c in serbia_claims} == {VUCIC}
    crimea = next(c for c in data["claims"] if c.get("quote") == "For us, Crimea is Ukraine")
    assert (crimea["date"], crimea["date_basis"]) == ("2023-01-20", "document")


def test_cli_export_html_focus_official_writes_the_page_with_a_note(graph_file, tmp_path):
    out = tmp_path / "vucic.html"
    result = CliRunner().invoke(main, ["export", "html", "--graph", str(graph_file), "--focus", "Vucic", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Note: {VUCIC} speaks for Serbia" in result.stderr
    assert f"Serbia as voiced by {VUCIC} and the actors within 1 step" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_query_positions_by_speaker_and_actor_official(graph_file):
    runner = CliRunner()
    result = runner.invoke(main, ["query", "positions", "--graph", str(graph_file), "--param", "speaker=Vucic",
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert rows and {r["speaker_label"]["value"] for r in rows} == {VUCIC}
    by_actor = runner.invoke(main, ["query", "positions", "--graph", str(graph_file), "--param", "actor=Vucic"])
    assert by_actor.exit_code == 0 and "Crimea is Ukraine" in by_actor.stdout
    assert by_actor.stderr.startswith(f"Note: {VUCIC} speaks for Serbia; parameter 'actor' takes Serbia "
                                      f"(what {VUCIC} voiced: speaker=Vucic)")
    year = runner.invoke(main, ["query", "positions", "--graph", str(graph_file), "-p", "actor=Serbia", "--format", "json"])
    dates = {r["claim"]["value"].rsplit("/", 1)[-1]: r["date"] for r in json.loads(year.stdout)["results"]["bindings"]}
    assert dates["serbia-asks-russia-to-block-srebrenica-resolution"] == {
        "type": "literal", "value": "2015", "datatype": "http://www.w3.org/2001/XMLSchema#gYear"}
