"""The command line as a whole: every command documented with an example, start-up kept light."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

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
