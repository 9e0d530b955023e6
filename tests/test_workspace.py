"""Workspaces: your own articles, actors and issues over the shipped seeds, each with its own graph; every problem at once."""

from __future__ import annotations

import os

from click.testing import CliRunner

import kg
from kg import paths
from kg.build import workspace
from kg.cli import main

ARTICLE = (
    "Republika Srpska refuses sanctions on Russia\n\n"
    "BANJA LUKA, 3 March 2024 - The entity's leader said on Sunday that Republika Srpska "
    "\"will never impose sanctions on Russia\". He added that Republika Srpska supports "
    "its own independence from Bosnia.\n"
)
ANNOTATION = """\
document:
  file: rs.txt
  title: Republika Srpska refuses sanctions on Russia
  date: 2024-03-03
claims:
  - id: rs-refuses-sanctions
    type: position
    kind: statement
    actor: {actor}
    issue: sanctions-against-russia
    stance: opposes
    quote: will never impose sanctions on Russia
  - id: rs-wants-independence
    type: position
    kind: statement
    actor: Republika Srpska
    issue: rs-independence
    stance: supports
    quote: Republika Srpska supports its own independence from Bosnia
"""
ISSUES = """\
issues:
  - notation: rs-independence
    label: Independence of Republika Srpska
    definition: Republika Srpska leaves Bosnia and Herzegovina as a state of its own.
    broader: [territorial-integrity]
"""


def _workspace(tmp_path, actor="Republika Srpska", issues=ISSUES, aliases=None):
    """A workspace made by ``kg init`` with one article of its own, using one issue of its own."""
    folder = tmp_path / "my-kg"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    (folder / "articles" / "rs.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "articles" / "rs.yaml").write_text(ANNOTATION.format(actor=actor), encoding="utf-8")
    (folder / "reference" / "issues.yaml").write_text(issues, encoding="utf-8")
    if aliases is not None:
        (folder / "reference" / "aliases.yaml").write_text(aliases, encoding="utf-8")
    return folder


def _shipped_counts():
    summary = kg.validate(paths.shipped_seeds_dir())
    return summary.documents, summary.claims


def test_init_makes_a_workspace_that_validates_over_the_shipped_seeds(tmp_path):
    folder = tmp_path / "mine"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0
    assert sorted(p.name for p in (folder / "reference").iterdir()) == [
        "actors.yaml", "aliases.yaml", "issues.yaml", "memberships.yaml", "resolutions.yaml"]
    assert (folder / "articles").is_dir() and (folder / "kg.toml").is_file()
    assert result.output.splitlines()[0] == (f"Made the workspace {folder} (over the seeds shipped with kg in "
                                             f"{paths.shipped_seeds_dir()}):")
    documents, claims = _shipped_counts()
    checked = CliRunner().invoke(main, ["validate", "--seeds", str(folder)])
    assert checked.exit_code == 0
    assert checked.output.startswith(f"OK: {documents} documents, {claims} claims")
    assert checked.output.splitlines()[-1] == (f"Checked the workspace {folder} (over the seeds shipped with kg in "
                                               f"{paths.shipped_seeds_dir()}).")
    again = CliRunner().invoke(main, ["init", str(folder)])
    assert again.exit_code == 2 and again.output == (
        f"Error: {folder}: is a workspace already (kg.toml is there); edit its files, or give another folder\n")


def test_validate_and_build_name_the_folder_they_read(tmp_path, seeds_copy):
    """Editing a checkout's seeds while the installed copy is checked passed unseen: the folder is named."""
    shipped = CliRunner().invoke(main, ["validate"])
    assert shipped.output.splitlines()[-1] == f"Checked the seeds shipped with kg in {paths.shipped_seeds_dir()}."
    copy = CliRunner().invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert copy.output.splitlines()[-1] == f"Checked the seeds folder {seeds_copy}."
    built = CliRunner().invoke(main, ["build", "--seeds", str(seeds_copy), "-o", str(tmp_path / "g.trig")])
    assert built.exit_code == 0
    assert f"Read the seeds folder {seeds_copy}.\n" in built.stderr


def test_a_graph_built_from_other_seeds_is_not_replaced_by_the_next_command(tmp_path, monkeypatch):
    folder = _workspace(tmp_path)
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--seeds", str(folder)])
    assert built.exit_code == 0, built.output
    mine = workspace.resolve(folder).graph_file
    assert built.stderr.endswith(f"Wrote {mine} (trig); the SHACL validation conforms.\n")
    before = mine.read_bytes()
    query = ["query", "stances", "--param", "issue=rs-independence", "--full"]
    # outside the workspace and without --seeds: the shipped seeds, built into their own file
    shipped = runner.invoke(main, query)
    assert shipped.exit_code == 2 and "unknown issue 'rs-independence'" in shipped.output
    assert shipped.stderr.startswith(f"Building the graph from the seeds shipped with kg in {paths.shipped_seeds_dir()} "
                                     f"into {paths.default_graph_path()} …")
    assert mine.read_bytes() == before
    # inside the workspace (found by walking up, like git), the workspace's graph, as built
    monkeypatch.chdir(folder / "articles")
    inside = runner.invoke(main, query)
    assert inside.exit_code == 0, inside.output
    assert "Building" not in inside.stderr
    assert "Republika Srpska" in inside.stdout and "supports its own independence" in inside.stdout
    assert mine.read_bytes() == before
    with kg.open(seeds=folder) as g:
        assert [r["quote"] for r in g.query("stances", issue="rs-independence").rows] == [
            "Republika Srpska supports its own independence from Bosnia"]


def test_kg_seeds_and_the_current_directory_resolve_the_same_workspace(tmp_path, monkeypatch):
    folder = _workspace(tmp_path)
    monkeypatch.chdir(folder / "reference")
    assert kg.workspace() == workspace.Workspace(folder, "workspace", True)
    assert kg.workspace().graph_file == workspace.built_dir(kg.workspace()) / "graph.trig"
    monkeypatch.chdir(tmp_path)
    assert kg.workspace().kind == "shipped" and kg.workspace().graph_file == paths.default_graph_path()
    monkeypatch.setenv("KG_SEEDS", str(folder))
    assert kg.workspace().root == folder
    assert workspace.built_dir(workspace.resolve(folder)) != workspace.built_dir(workspace.resolve(tmp_path))


def test_a_workspace_carries_its_own_issues(tmp_path):
    folder = _workspace(tmp_path)
    summary = kg.validate(folder)
    documents, claims = _shipped_counts()
    assert (summary.documents, summary.claims) == (documents + 1, claims + 2)
    with kg.open(seeds=folder) as g:
        issue = [r for r in g.query("issues").rows if r["notation"] == "rs-independence"]
        assert [(r["label"], r["broader"]) for r in issue] == [("Independence of Republika Srpska", "territorial-integrity")]
    taken = ISSUES.replace("rs-independence", "sanctions-against-russia", 1)
    other = _workspace(tmp_path / "b", issues=taken + "    counters: [no-such-issue]\n")
    result = CliRunner().invoke(main, ["validate", "--seeds", str(other)])
    assert result.exit_code == 1
    issues_file = other / "reference" / "issues.yaml"
    assert f"  {issues_file}:2: issue 'sanctions-against-russia' is already in the issue scheme; use that issue, " \
           "or give this one another notation\n" in result.output


def test_an_alias_equal_to_another_actors_iso_code_is_an_error_naming_both(tmp_path):
    """'RS: republika-srpska' took Serbia's ISO code; kg contradictions RS then said 0 contradictions."""
    folder = _workspace(tmp_path, aliases="aliases:\n  Banja Luka: republika-srpska\n  RS: republika-srpska\n")
    result = CliRunner().invoke(main, ["validate", "--seeds", str(folder)])
    aliases = folder / "reference" / "aliases.yaml"
    assert result.exit_code == 1
    assert result.output == (f"Error: {aliases}:3: the alias 'RS' of 'republika-srpska' is already the ISO code 'RS' "
                             "of 'serbia'; a name must denote one actor: remove it or write another\n")
    shipped_alias = _workspace(tmp_path / "b", aliases="aliases:\n  Belgrade: republika-srpska\n")
    result = CliRunner().invoke(main, ["validate", "--seeds", str(shipped_alias)])
    assert result.exit_code == 1 and result.output.startswith(
        f"Error: {shipped_alias / 'reference' / 'aliases.yaml'}:2: the alias 'Belgrade' of 'republika-srpska' is "
        f"already the alias 'Belgrade' ({paths.shipped_seeds_dir() / 'reference' / 'aliases.yaml'}:")
    assert result.output.endswith(") of 'serbia'; a name must denote one actor: remove it or write another\n")


def test_every_problem_of_every_file_in_one_run_grouped_by_file(tmp_path):
    folder = _workspace(tmp_path, actor="Republika Srbska", aliases="aliases:\n  RS: republika-srpska\n")
    article = folder / "articles" / "rs.yaml"
    second = folder / "articles" / "second.yaml"
    (folder / "articles" / "second.txt").write_text("Russia said nothing.\n", encoding="utf-8")
    second.write_text(ANNOTATION.replace("rs.txt", "second.txt").format(actor="Republika Srpska"), encoding="utf-8")
    issues = folder / "reference" / "issues.yaml"
    issues.write_text(ISSUES + "  - notation: Bad Notation\n    label: x\n    definition: y\n", encoding="utf-8")
    aliases = folder / "reference" / "aliases.yaml"
    result = CliRunner().invoke(main, ["validate", "--seeds", str(folder)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "Error: 5 problems found:"
    files = [line.split(":")[0].strip() for line in lines[1:]]
    assert files == [str(issues), str(aliases), str(article), str(second), str(second)]
    assert "unknown actor 'Republika Srbska'; did you mean 'Republika Srpska'?" in lines[3]
    assert lines[4].startswith(f"  {second}:12: claim 'rs-refuses-sanctions': quote not found verbatim in second.txt")
    assert lines[5].startswith(f"  {second}:19: claim 'rs-wants-independence': quote not found verbatim in second.txt")


def test_a_workspace_without_the_shipped_knowledge_and_a_copy_of_it(tmp_path):
    folder = _workspace(tmp_path)
    settings = folder / "kg.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("shipped = true", "shipped = false"),
                        encoding="utf-8")
    alone = CliRunner().invoke(main, ["validate", "--seeds", str(folder)])
    assert alone.exit_code == 1 and "unknown actor 'Republika Srpska'" in alone.output  # no shipped actors
    settings.write_text("[workspace]\nshipped = 'yes'\n", encoding="utf-8")
    bad = CliRunner().invoke(main, ["validate", "--seeds", str(folder)])
    assert bad.exit_code == 2 and bad.output == (
        f"Error: {settings}: shipped = 'yes' must be true (read the seeds shipped with kg under this workspace) or "
        "false (read this workspace alone)\n")
    copy = tmp_path / "copy"
    made = CliRunner().invoke(main, ["init", "--copy-seeds", str(copy)])
    assert made.exit_code == 0 and "shipped = false" in (copy / "kg.toml").read_text(encoding="utf-8")
    summary, shipped = kg.validate(copy), kg.validate(paths.shipped_seeds_dir())
    assert (summary.documents, summary.claims, summary.issues, summary.actors, summary.triples) == (
        shipped.documents, shipped.claims, shipped.issues, shipped.actors, shipped.triples)
    assert os.listdir(copy / "articles") and not (copy / "seeds").exists()


def test_an_article_whose_file_name_has_a_space_builds_and_is_found_again(tmp_path):
    # "articles/my news.txt" made kg validate and kg build stop with a traceback ("Invalid IRI code point ' '")
    folder = _workspace(tmp_path)
    (folder / "articles" / "rs.txt").rename(folder / "articles" / "my news.txt")
    annotation = (folder / "articles" / "rs.yaml").read_text(encoding="utf-8").replace("file: rs.txt", "file: my news.txt")
    (folder / "articles" / "rs.yaml").unlink()
    (folder / "articles" / "my news.yaml").write_text(annotation, encoding="utf-8")
    checked = CliRunner().invoke(main, ["validate", "--seeds", str(folder)])
    assert checked.exit_code == 0, checked.output
    built = CliRunner().invoke(main, ["build", "--seeds", str(folder), "-o", str(tmp_path / "g.trig")])
    assert built.exit_code == 0, built.output
    from rdflib import Dataset

    from kg.terms.vocab import document_iri

    graph = Dataset()
    graph.parse(tmp_path / "g.trig", format="trig")
    assert str(document_iri("my news")).endswith("document/my%20news")
    assert any(graph.quads((document_iri("my news"), None, None, None)))  # the document, under its encoded name
