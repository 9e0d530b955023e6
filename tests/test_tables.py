"""The renderer: tables that fit the width, IRIs a query reads back, CSV/TSV/JSON for scripts."""

from __future__ import annotations

import json

import pytest

from kg.views import tables
from kg.views.tables import Iri

PREFIXES = {"sa": "https://w3id.org/state-alignments/ontology#", "id": "https://w3id.org/state-alignments/id/",
            "issue": "https://w3id.org/state-alignments/issue/"}


@pytest.mark.parametrize(
    "iri, printed",
    [
        ("https://w3id.org/state-alignments/ontology#Ally", "sa:Ally"),
        ("https://w3id.org/state-alignments/issue/crimea-part-of-ukraine", "issue:crimea-part-of-ukraine"),
        # a '/' may not stand unescaped in a local name: the full IRI
        ("https://w3id.org/state-alignments/id/actor/serbia", "<https://w3id.org/state-alignments/id/actor/serbia>"),
        ("https://w3id.org/state-alignments/id/claim/000_30f0/x", "<https://w3id.org/state-alignments/id/claim/000_30f0/x>"),
        ("https://w3id.org/state-alignments/ontology#a.", "<https://w3id.org/state-alignments/ontology#a.>"),  # ends in '.'
        ("https://w3id.org/state-alignments/ontology#-a", "<https://w3id.org/state-alignments/ontology#-a>"),  # starts with '-'
        ("https://w3id.org/state-alignments/ontology#a.b:c_1", "sa:a.b:c_1"),
        ("https://w3id.org/state-alignments/ontology#2019", "sa:2019"),
        ("http://example.org/x", "<http://example.org/x>"),
    ],
)
def test_an_iri_prints_as_a_prefixed_name_only_when_sparql_reads_it(iri, printed):
    assert tables.iri_text(iri, PREFIXES) == printed


def test_fit_cuts_the_widest_columns_first_and_none_below_its_floor():
    assert tables.fit([5, 40, 20], [5, 10, 10], 100) == [5, 40, 20]  # fits: nothing cut
    assert tables.fit([5, 40, 20], [5, 10, 10], 45) == [5, 20, 20]  # the widest down to the next
    assert tables.fit([5, 40, 20], [5, 10, 10], 36) == [5, 16, 15]  # both, the spare character to the first
    assert tables.fit([5, 40, 20], [5, 10, 10], 20) == [5, 10, 10]  # floors: wider than asked
    assert tables.fit([5, 40, 60], [5, 10, 60], 80) == [5, 15, 60]  # a column at its floor (an IRI) is never cut


def test_a_table_fits_its_width_wrapping_text_but_not_iris():
    iri = Iri("https://w3id.org/state-alignments/id/claim/000_30f026fe9a52209e/serbia-ally-of-russia")
    rows = [{"who": "Serbia", "quote": "Another ally is also moving away from the Kremlin.", "claim": iri}]
    text = tables.table(rows, ["who", "quote", "claim"], width=120)
    assert text.splitlines() == [
        "who     quote                    claim",
        "------  -----------------------  " + "-" * 87,
        f"Serbia  Another ally is also     <{iri}>",
        "        moving away from the",
        "        Kremlin.",
    ]
    assert max(len(line) for line in text.splitlines()) == 120
    assert tables.table(rows, ["who", "quote", "claim"], width=120, full=True).splitlines()[2] == (
        f"Serbia  Another ally is also moving away from the Kremlin.  <{iri}>")


def test_scripts_get_whole_cells_and_full_iris():
    iri = Iri("https://w3id.org/state-alignments/id/actor/serbia")
    rows = [{"a": iri, "b": "x, y"}, {"a": None, "b": 2}]
    assert tables.render(rows, ["a", "b"], "csv") == f'a,b\n{iri},"x, y"\n,2'
    assert tables.render(rows, ["a", "b"], "tsv") == f"a\tb\n{iri}\tx, y\n\t2"
    assert json.loads(tables.render(rows, ["a", "b"], "json")) == [{"a": str(iri), "b": "x, y"}, {"a": None, "b": 2}]


def test_the_width_is_columns_else_none_when_the_output_is_no_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "97")
    assert tables.terminal_width() == 97
    monkeypatch.delenv("COLUMNS")
    assert tables.terminal_width() is None  # pytest captures stdout: no terminal, so rows stay whole
    rows = [{"who": "Serbia", "quote": "Another ally is also moving away from the Kremlin. " * 4}]
    assert len(tables.table(rows, ["who", "quote"]).splitlines()) == 3
