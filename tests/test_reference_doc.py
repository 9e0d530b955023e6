"""The ontology reference for query writers: generated from the Turtle, current, complete,
and its example queries answer on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import SKOS

from kg import paths
from kg.catalogue import files as catalogue
from kg.catalogue import run as query
from kg.cli import main
from kg.terms import ontology
from kg.terms.vocab import SA
from kg.views import reference

REFERENCE = paths.ontology_dir() / "REFERENCE.md"


@pytest.fixture(scope="module")
def text() -> str:
    return reference.render()


def test_the_committed_reference_is_what_the_turtle_generates_now(text):
    committed = REFERENCE.read_text(encoding="utf-8")
    assert committed == text, "ontology/REFERENCE.md is out of date: run python -m kg.views.reference > ontology/REFERENCE.md"


def test_every_term_of_the_ontology_and_every_issue_is_in_the_reference(text):
    graph = ontology.load_graph()
    terms = {s for s in graph.subjects() if str(s).startswith(str(SA._NS))}
    terms -= {SA.IssueScheme}  # the scheme is named in the prose of the issues section
    listed = set(re.findall(r"`(sa:\w+)`", text))
    assert {f"sa:{str(t).rsplit('#', 1)[1]}" for t in terms} <= listed
    for notation in graph.objects(None, SKOS.notation):
        assert f"`{notation}`" in text
    assert "sa:IssueScheme" in text


def test_classes_properties_and_values_carry_their_definitions_domains_and_signs(text):
    assert ("| `sa:Statement` | Statement | `sa:Position` | A position that an actor or its official said. |") in text
    assert ("| `sa:stance` | stance | `sa:Position` | `sa:Stance` | The stance taken on the issue. |") in text
    assert "| `sa:counters` | counters | `skos:Concept` | `skos:Concept` | Supporting the one issue amounts to opposing" in text
    assert "| `imposes-sanctions-on` | `sa:ImposesSanctionsOn` | imposes sanctions on | The actor imposes sanctions on the target. | `-1` |" in text
    assert "| `opposes` | `sa:Opposes` | opposes | The actor is against the issue as worded. | `sa:Supports` |" in text
    # issues in scheme order, each with its broader issue
    assert "| `crimea-part-of-ukraine` | Crimea as part of Ukraine | ukraine-territorial-integrity |" in text
    assert text.index("`territorial-integrity` | Territorial integrity of states (a principle)") < text.index("`crimea-part-of-ukraine`")


def test_shapes_give_each_property_its_cardinality_and_values(text):
    position = text[text.index("### Position (`sa:Action`, `sa:Statement`)"):]
    position = position[:position.index("\n### ")]
    assert "| `sa:actor` | actor | exactly 1 | `sa:Actor` |" in position
    assert "| `sa:speaker` | speaker | at most 1 | `sa:Official` |" in position
    assert "| `sa:claim` | the claims (two, or a tie and two positions) | 2 to 3 | `sa:Claim` |" in text
    assert "| `sa:datePrecision` | date precision | exactly 1 | one of `day`, `month`, `year` |" in text
    assert "| `time:hasBeginning/time:inXSDDate` | start date | exactly 1 | `xsd:date` |" in text
    assert "| `^org:member` | post held | 1 or more | `org:Membership` |" in text
    assert ("Exactly one of: `sa:curated` is `true` and no `sa:derivedBy`; or `sa:curated` is `false` and "
            "exactly 1 `sa:derivedBy` (`sa:Rule`).") in text


def test_every_example_is_in_the_reference_and_is_not_in_the_catalogue(text):
    found = catalogue.examples()
    assert len(found) >= 4
    for example in found:
        assert f"### {example.summary}\n" in text
        body = "\n".join(line for line in example.text.splitlines() if not line.startswith("#+")).strip()
        assert f"```sparql\n{body}\n```" in text
    assert not set(catalogue.names()) & {e.name for e in found}


@pytest.mark.parametrize("example", catalogue.examples(), ids=lambda q: q.name)
def test_every_example_query_answers_on_the_seeds(store, example):
    assert example.summary and not example.params
    rows = query.run(store, example).dicts()
    assert rows, f"queries/examples/{example.name}.rq returns no rows on the seeds"


def test_the_worked_examples_answer_the_common_questions(store):
    def rows(name):
        return query.run(store, next(q for q in catalogue.examples() if q.name.endswith(name))).dicts()

    positions = rows("actor-positions")
    assert any(str(r["issue"]) == "crimea-part-of-ukraine" and str(r["quote"]) == "For us, Crimea is Ukraine" for r in positions)
    assert {str(r["actor"]) for r in rows("opponents")} == {"Brazil", "Mexico", "Republika Srpska", "Serbia", "Slovakia"}
    contradictions = rows("actor-contradictions")
    assert {"rhetoric_vs_action", "rival_ties"} <= {str(r["type"]) for r in contradictions}
    assert all(r["first_quote"] is not None and r["second_quote"] is not None for r in contradictions)
    ties = rows("actor-ties")
    assert any(str(r["other"]) == "Russia" and str(r["type"]) == "friendly-relations" and int(r["sign"]) == 1 for r in ties)
    members = {str(r["member"]) for r in rows("bloc-members")}
    assert len(members) == 28 and "United Kingdom" in members and "Croatia" in members
    votes = {str(r["actor"]): str(r["choice"]) for r in rows("resolution-votes")}
    assert votes["Serbia"] == "no" and votes["Bosnia and Herzegovina"] == "abstain"


@pytest.mark.parametrize("command", ["queries", "query"])
def test_the_query_commands_point_to_the_reference(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "ontology/REFERENCE.md" in result.output


def test_the_readme_names_the_core_predicates_and_links_the_reference():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Writing your own queries"):]
    section = section[:section.index("\n#")]
    assert "ontology/REFERENCE.md" in section
    for predicate in ("sa:actor", "sa:issue", "sa:stance", "sa:date", "sa:evidence", "sa:quote", "dct:source"):
        assert f"`{predicate}`" in section
