"""Shared fixtures: the shipped seeds built once per session, in a private KG_HOME."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import paths
from kg.build import pipeline as build
from kg.store.embedded import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Never read or write the user's own graph: every test gets its own KG_HOME."""
    monkeypatch.setenv("KG_HOME", str(tmp_path_factory.mktemp("kg-home")))
    monkeypatch.delenv("KG_GRAPH", raising=False)
    monkeypatch.delenv("KG_SEEDS", raising=False)
    monkeypatch.delenv("KG_STORE", raising=False)


@pytest.fixture(scope="session")
def built() -> build.Built:
    """The graph built from the shipped seeds."""
    return build.build(paths.default_seeds_dir())


@pytest.fixture(scope="session")
def store(built) -> OxigraphStore:
    """The seed graph in an embedded in-memory store."""
    s = OxigraphStore.in_memory()
    s.load_dataset(built.dataset)
    return s


@pytest.fixture(scope="session")
def graph_file(built, tmp_path_factory) -> Path:
    """The built seed graph as a file, so that CLI tests need not build it again."""
    path = tmp_path_factory.mktemp("graph") / "graph.trig"
    build.write(built.dataset, path, "trig")
    return path


@pytest.fixture
def runner(graph_file, monkeypatch):
    """A CLI runner reading the session's graph file (no rebuild per test)."""
    from click.testing import CliRunner

    monkeypatch.setenv("KG_GRAPH", str(graph_file))
    return CliRunner()


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private copy of the shipped seeds that a test may edit."""
    target = tmp_path / "seeds"
    shutil.copytree(paths.default_seeds_dir(), target)
    return target
