"""The command line as a whole: every command documented with an example, start-up kept light."""

from __future__ import annotations

import os
import subprocess
import sys

import click
from click.testing import CliRunner
from conftest import wrapped_cell

from kg.cli import main


def _commands(group: click.Group, prefix: str = ""):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


def test_every_command_has_help_with_an_example():
    for name, command in _commands(main):
        assert command.help and command.help.strip(), name
        if not isinstance(command, click.Group) or not command.commands:
            assert "Example" in command.help, f"'kg {name}' has no example in its help"


def test_every_command_answers_help():
    runner = CliRunner()
    for name, command in _commands(main):
        result = runner.invoke(main, name.split() + ["--help"], prog_name="kg")
        assert result.exit_code == 0, (name, result.output)
        assert result.output.startswith(f"Usage: kg {name} "), (name, result.output)
        summary = command.help.strip().split("\n\n")[0]  # click wraps it to the terminal's width
        assert " ".join(summary.split()) in " ".join(result.output.split()), name


def test_every_command_is_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, command in _commands(main):
        if " " not in name:
            assert f"kg {name}" in readme, f"'kg {name}' is not in the README"


def test_help_does_not_load_the_heavy_libraries():
    code = "import sys; from kg.cli import main; print(sorted(m for m in ('rdflib','networkx','pyvis','pyshacl','pyoxigraph','numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_a_query_on_a_built_graph_loads_neither_the_build_nor_the_analysis_libraries(graph_file):
    # what a reading command pays at every start: the build (pySHACL, rdflib's parsers), networkx and numpy
    # are for the commands that need them
    code = ("import sys; from kg.cli import main; sys.argv = ['kg', 'query', 'actors', '--format', 'csv']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = ('kg.build.pipeline', 'pyshacl', 'networkx', 'numpy', 'scipy', 'pyvis', 'jinja2', 'pandas')\n"
            "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "KG_GRAPH": str(graph_file)})
    assert done.stdout.startswith("name,kind,") and "Serbia" in done.stdout
    assert done.stderr.strip() == "[]"


# ---------------------------------------------------------------- shared options and tables


def test_every_listing_command_takes_format_and_full_and_shares_as_of_and_issue():
    from kg.cli import options

    helps: dict[str, set[str]] = {}
    for name, command in _commands(main):
        flags = {opt: p for p in command.params for opt in p.opts}
        if "--format" in flags and flags["--format"].type.choices[0] == "table":
            assert "--full" in flags, f"'kg {name}' lists but has no --full"
        for flag in ("--as-of", "--full"):
            if flag in flags:
                helps.setdefault(flag, set()).add(flags[flag].help)
        if "--issue" in flags and not name.startswith("votes"):  # kg votes --issue selects roll calls (linked resolutions), not positions
            helps.setdefault("--issue", set()).add(flags["--issue"].help.replace("; repeatable", ""))
    assert {flag: len(texts) for flag, texts in helps.items()} == {"--as-of": 1, "--full": 1, "--issue": 1}
    assert options.issue_option(repeatable=False)(lambda issue: None).__click_params__[0].multiple is False


def test_a_table_fits_the_width_and_never_cuts_an_iri(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "230")
    result = runner.invoke(main, ["query", "ties", "-p", "actor=Serbia"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) == 230
    claims = [line.rsplit("  ", 1)[-1] for line in lines[2:] if line.endswith(">")]
    assert "<https://w3id.org/state-alignments/id/claim/002_6c2ca3a879d015f2/serbia-will-not-vote-against-russia>" in claims
    assert len(claims) == 18  # one whole IRI per tie of Serbia's and of Vulin's (two), none wrapped
    # the quote wraps within its column: its words all stand, in order, over the lines of its row
    assert wrapped_cell(lines, "quote", "serbia-will-not-vote-against-russia", 8).startswith(
        "Serbia does not and would not vote against the interests of Russia")
    assert "…" not in result.stdout


def test_full_shows_every_cell_whole(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(main, ["query", "ties", "-p", "actor=Serbia", "--full"])
    assert result.exit_code == 0, result.output
    assert "Serbia does not and would not vote against the interests of Russia" in result.stdout
    assert "…" not in result.stdout


def test_a_printed_claim_iri_pastes_back_into_a_query(runner):
    printed = runner.invoke(main, ["query", "ties", "-p", "actor=Serbia"]).stdout.splitlines()
    claim = next(line.rsplit("  ", 1)[-1] for line in printed if "serbia-ally-of-russia" in line)
    result = runner.invoke(main, ["query", "-e", f"SELECT ?p ?o WHERE {{ {claim} ?p ?o }} ORDER BY ?p ?o"])
    assert result.exit_code == 0, result.output
    assert ["sa:tieType", "sa:Ally"] in [line.split()[:2] for line in result.stdout.splitlines()[2:]]
    # a compact name pastes back too, and the claim as a parameter value
    tie = runner.invoke(main, ["query", "-e", "SELECT ?c WHERE { ?c sa:tieType sa:Ally ; sa:actor ?a . ?a rdfs:label 'Serbia' }"])
    assert claim in tie.stdout.splitlines()
    evidence = runner.invoke(main, ["query", "evidence", "-p", f"claim={claim}", "--format", "csv"])
    assert evidence.exit_code == 0, evidence.output
    assert evidence.stdout.splitlines()[1].startswith("serbia-ally-of-russia,tie,")


def test_an_unknown_claim_is_one_line_with_exit_code_2(runner):
    for value, close in (("<https://w3id.org/state-alignments/id/claim/000_30f026fe9a52209e/serbia-ally-of-rusia>",
                          "'serbia-ally-of-russia'"), ("no-such-claim", None)):
        result = runner.invoke(main, ["query", "evidence", "-p", f"claim={value}"])
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Error: parameter 'claim': unknown claim '{value}'")
        assert len(result.output.splitlines()) == 1 and "kg query timeline" in result.output
        assert (f"did you mean {close}" in result.output) if close else ("did you mean" not in result.output)
