"""Shared fixtures: the shipped seeds built once per session, in a private KG_HOME; the UN vote data."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from kg import paths
from kg.build import pipeline as build
from kg.store.embedded import OxigraphStore

# The Ctrl-C tests send SIGINT to real kg processes. A test run started in the
# background by a shell without job control (`pytest &` in a script) inherits SIGINT
# ignored, and so would every kg it starts, which then could not be interrupted at all:
# give the run, and so its children, the usual disposition back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The full UN General Assembly record (Voeten's data as the unvotes package ships it),
# too large to keep in the repository: beside the checkout, or where KG_UNGA_DATA says.
UNGA_TABLES = ("un_votes", "un_roll_calls", "un_roll_call_issues")


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(process: subprocess.Popen, port: int, what: str, seconds: float = 20) -> None:
    """Wait until ``process`` (a server the test started) accepts connections on ``port``; fail with its stderr if it stopped."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            said = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise AssertionError(f"{what} exited: {said}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            assert time.monotonic() < deadline, f"{what} did not listen within {seconds} s"
            time.sleep(0.05)


def drafted(tmp_path: Path, body: str, date: str, seeds: Path | None = None) -> list:
    """The claims kg draft makes of ``body`` (under a headline) dated ``date``, each quote checked verbatim at its offsets."""
    from kg.draft import article

    path = tmp_path / "news.txt"
    path.write_text("A headline\n\n" + body, encoding="utf-8")
    made = article.draft(path, date=date, seeds=seeds or ROOT / "seeds", force=True)
    text = path.read_text(encoding="utf-8")
    assert all(text[c.quote.start:c.quote.end] == c.quote.text for c in made.claims)
    return made.claims


def assert_clean(result, codes=(0, 2), contains: str | tuple[str, ...] = ()) -> str:
    """Assert that a command ended cleanly: exit code in ``codes``, and if not 0, one error line; return stderr.

    ``result`` is a click ``CliRunner`` result or a ``subprocess.CompletedProcess``. A
    failure must print exactly one line ``Error: …`` on stderr, its last line, holding
    each text of ``contains`` (notes and progress lines may come before it); no
    traceback ever, and for ``CliRunner`` no exception other than the exit itself.
    """
    code = result.returncode if hasattr(result, "returncode") else result.exit_code
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
    exception = getattr(result, "exception", None)
    assert exception is None or isinstance(exception, SystemExit), (
        f"uncaught {type(exception).__name__}: {exception}; stderr: {stderr!r}")
    assert "Traceback" not in stderr, stderr
    assert code in codes, f"exit code {code}, expected one of {codes}; stderr: {stderr!r}"
    if code != 0:
        lines = stderr.splitlines()
        errors = [line for line in lines if line.startswith("Error: ")]
        assert len(errors) == 1 and lines[-1] == errors[0], f"not one error line, last: {stderr!r}"
        for text in (contains,) if isinstance(contains, str) else contains:
            assert text in errors[0], f"{text!r} not in {errors[0]!r}"
    return stderr


def wrapped_cell(lines: list[str], column: str, marker: str, rows: int) -> str:
    """The text of a table cell that wraps: ``column``'s pieces over ``rows`` lines from the first holding ``marker``."""
    start = lines[0].index(column)
    first = next(i for i, line in enumerate(lines) if marker in line)
    return " ".join(line[start:].split("  ")[0] for line in lines[first:first + rows])


def assert_one_error(result, codes=(2,), contains: str | tuple[str, ...] = ()) -> str:
    """Assert a refused command: exit code in ``codes`` (not 0), exactly one line ``Error: …``; return that line."""
    assert 0 not in codes
    return assert_clean(result, codes, contains).splitlines()[-1]


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Never read or write the user's own graph: every test gets its own KG_HOME."""
    monkeypatch.setenv("KG_HOME", str(tmp_path_factory.mktemp("kg-home")))
    monkeypatch.delenv("KG_GRAPH", raising=False)
    monkeypatch.delenv("KG_SEEDS", raising=False)
    monkeypatch.delenv("KG_STORE", raising=False)
    monkeypatch.delenv("KG_STORE_TIMEOUT", raising=False)
    # tables fit $COLUMNS when it is set: a test that wants a width sets it itself
    monkeypatch.delenv("COLUMNS", raising=False)


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


@pytest.fixture(scope="session")
def directory(graph_file, tmp_path_factory) -> Path:
    """A directory store loaded with the seed graph, for tests that only read it."""
    from kg.store.embedded import OxigraphStore

    location = tmp_path_factory.mktemp("directory") / "store"
    with OxigraphStore.open_directory(location) as target:
        target.replace_graphs(graph_file)
    return location


@pytest.fixture
def runner(graph_file, monkeypatch):
    """A CLI runner reading the session's graph file (no rebuild per test)."""
    from click.testing import CliRunner

    monkeypatch.setenv("KG_GRAPH", str(graph_file))
    return CliRunner()


@pytest.fixture(scope="session")
def seed_network(built) -> tuple[set[str], int]:
    """What the view of the whole seed graph must hold, read from the build with rdflib: (actor IRIs, ties).

    The actors are every holder of a statement or action, every end of a tie claim,
    and every member and bloc of a membership or candidacy in force today; the ties
    are the tie claims (those of one fact on one date counted once) and those memberships,
    a claim of a membership on a date whose period holds the register's start being that
    membership (Bosnia a candidate "in December 2022", the register's 2022-12-15).
    """
    from rdflib import RDF
    from rdflib.namespace import ORG

    from kg.terms.vocab import SA, TIME

    ds = built.dataset
    actors = {str(ds.value(c, SA.actor)) for cls in (SA.Statement, SA.Action) for c in ds.subjects(RDF.type, cls)}
    facts = set()  # a tie reported by several claims of one date is one claim group, one edge
    for claim in set(ds.subjects(RDF.type, SA.Tie)):
        actors |= {str(ds.value(claim, SA.actor)), str(ds.value(claim, SA.target))}
        facts.add(tuple(ds.value(claim, p) for p in (SA.actor, SA.tieType, SA.target, SA.date, SA.datePrecision)))
    memberships = 0
    width = {"day": 10, "month": 7, "year": 4}
    for role, tie in ((SA.MemberRole, SA.MemberOf), (SA.CandidateRole, SA.CandidateFor)):
        for membership in set(ds.subjects(ORG.role, role)):
            period = ds.value(membership, ORG.memberDuring)
            if ds.value(period, TIME.hasEnd) is None:
                member, bloc = ds.value(membership, ORG.member), ds.value(membership, ORG.organization)
                actors |= {str(member), str(bloc)}
                start = str(ds.value(ds.value(period, TIME.hasBeginning), TIME.inXSDDate))
                facts = {f for f in facts if not (f[:3] == (member, tie, bloc)
                                                  and str(f[3])[:width.get(str(f[4]), 10)] == start[:width.get(str(f[4]), 10)])}
                memberships += 1
    return actors, len(facts) + memberships


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> OxigraphStore:
    """The seeds with markup planted in a quote, a title and a note, built into a store, for the page tests."""
    from test_html import (
        plant_hostile_texts,  # what is planted stays beside the tests that look for it
    )

    seeds = tmp_path_factory.mktemp("hostile") / "seeds"
    shutil.copytree(paths.default_seeds_dir(), seeds)
    plant_hostile_texts(seeds)
    s = OxigraphStore.in_memory()
    s.load_dataset(build.build(seeds).dataset)
    return s


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private copy of the shipped seeds that a test may edit."""
    target = tmp_path / "seeds"
    shutil.copytree(paths.default_seeds_dir(), target)
    return target


@pytest.fixture(scope="session")
def countries():
    """The map from the UN vote tables' country codes to the actors of the shipped reference data."""
    from kg.build import reference
    from kg.unga.countries import CountryMap

    return CountryMap(reference.load(paths.default_seeds_dir()))


@pytest.fixture(scope="session")
def unga_sample() -> Path:
    """Seven whole roll calls of the UN vote record, kept in tests/data (see its README)."""
    return Path(__file__).resolve().parent / "data" / "unga-sample"


def unga_data_dir() -> Path:
    """Where the full UN vote record is looked for: $KG_UNGA_DATA, else ../shared/data/unga."""
    return Path(os.environ.get("KG_UNGA_DATA") or SHARED / "data" / "unga")


@pytest.fixture(scope="session")
def unga_data() -> Path:
    """The folder of the full UN vote record; the test is skipped when it is not there.

    With KG_REQUIRE_UNGA=1 (CI sets it) a missing record fails the test instead, so
    that the full-record tests cannot be skipped unnoticed.
    """
    folder = unga_data_dir()
    missing = [t for t in UNGA_TABLES if not any((folder / (t + ext)).is_file() for ext in (".csv.gz", ".csv"))]
    if not missing:
        return folder
    reason = (f"needs the UN General Assembly votes in {folder} (missing: {', '.join(missing)}); "
              "put the shared data at ../shared/data/unga beside the checkout, or set KG_UNGA_DATA to their folder")
    if os.environ.get("KG_REQUIRE_UNGA") == "1":
        pytest.fail(reason + " (KG_REQUIRE_UNGA=1 turns this skip into a failure)", pytrace=False)
    pytest.skip(reason)
