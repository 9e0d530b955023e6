"""Nothing lost: an interrupted or failed ``kg load`` or ``kg import unga`` leaves the previous directory store whole.

Real ``kg`` processes are interrupted with SIGINT (Ctrl-C) or killed with SIGKILL
while they write a large generated graph or vote table; the store must then answer
exactly as before, its vote index must still match it, and what the process left
beside it must be gone after the next kg run. A kill between the renames of a swap
is completed by the next reader. Each interruption is bounded in time.
"""

from __future__ import annotations

import gzip
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from test_unga_import import VOTES, write_voeten

import kg
from conftest import assert_clean, assert_one_error
from kg.build import current
from kg.cli import main
from kg.store.embedded import LOAD_MARK, OWNED_GRAPHS, OxigraphStore
from kg.store.swap import Replacement
from kg.unga import index

ISO = Path(kg.__file__).parent / "unga" / "iso3166.tsv"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SEED_GRAPHS = 19  # the 16 seed documents, the ontology, the reference data and the derived graph


def _quads(store_dir: Path) -> set[str]:
    store = ox.Store.read_only(str(store_dir))
    return {str(q) for q in store}


def _left_beside(store_dir: Path) -> list[str]:
    """kg's temporaries beside the store (hidden siblings)."""
    return sorted(p.name for p in store_dir.parent.iterdir() if ".kg-" in p.name)


def _kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _interrupt_while_writing(process: subprocess.Popen, store_dir: Path, how: signal.Signals) -> str:
    """Send ``how`` once the process is writing its copy of the store (a new sibling exists); its stderr."""
    deadline = time.monotonic() + 120
    while not any(".kg-new-" in name for name in _left_beside(store_dir)):
        assert process.poll() is None, f"ended before writing: {process.communicate()}"
        assert time.monotonic() < deadline, "never began writing"
        time.sleep(0.05)
    time.sleep(0.5)  # well into the writing
    assert process.poll() is None, "finished before it could be interrupted: make the data larger"
    process.send_signal(how)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in stderr, stderr
    return stderr


def big_graph(path: Path, quads: int = 100_000) -> Path:
    """A graph file of ``quads`` labels in ten graphs that kg owns: seconds to load."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(quads):
            out.write(f'<{OWNED_GRAPHS}thing/{i}> <{RDFS_LABEL}> "thing {i}" <{OWNED_GRAPHS}big{i % 10}> .\n')
    return path


def big_votes(folder: Path, rollcalls: int = 600, states: int = 150) -> Path:
    """Voeten-style vote tables of ``rollcalls`` × ``states`` random votes: seconds to import."""
    rnd = random.Random(7)
    lines = [line.split("\t") for line in ISO.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    codes = [row[0] for row in lines[1:] if row[0] not in ("YU", "CS", "DD", "YD")][:states]
    folder.mkdir(parents=True)
    with gzip.open(folder / "un_votes.csv.gz", "wt", encoding="utf-8", newline="") as out:
        out.write("rcid,country,country_code,vote\n")
        for r in range(1, rollcalls + 1):
            out.writelines(f"{r},{c},{c},{rnd.choice(('yes', 'no', 'abstain'))}\n" for c in codes)
    with (folder / "un_roll_calls.csv").open("w", encoding="utf-8") as out:
        out.write("rcid,session,importantvote,date,unres,amend,para,short,descr\n")
        for r in range(1, rollcalls + 1):
            out.write(f"{r},{45 + r // 400},0,{1990 + r // 400}-01-{1 + r % 28:02d},R/{45 + r // 400}/{r},0,0,S{r},Vote {r}\n")
    (folder / "un_roll_call_issues.csv").write_text("rcid,short_name,issue\n", encoding="utf-8")
    return folder


def _index_arrays(store_dir: Path) -> dict:
    ix = index.read_index(store_dir)  # refuses an index whose stamps the store does not hold
    return {"votes": ix.votes.copy(), "actors": ix.actors.copy(), "stamps": dict(ix.stamps)}


# --- kg load ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "sigkill"])
def test_an_interrupted_load_leaves_the_previous_store_whole(tmp_path, graph_file, how):
    store = tmp_path / "store"
    current.load(str(store), graph_path=graph_file)
    before = _quads(store)
    process = _kg("load", "--store", str(store), "--graph", str(big_graph(tmp_path / "big.nq")))
    _interrupt_while_writing(process, store, how)
    assert _quads(store) == before
    assert len(current.open_store(store=str(store)).graphs()) == SEED_GRAPHS  # not refused as marked: it never was
    if how == signal.SIGINT:
        assert _left_beside(store) == []  # the process removed its copy itself
    assert current.load(str(store), graph_path=graph_file)  # the next run removes what a kill left
    assert _left_beside(store) == [] and _quads(store) == before


def test_a_load_into_a_new_directory_that_is_interrupted_leaves_no_directory(tmp_path):
    store = tmp_path / "new-store"
    process = _kg("load", "--store", str(store), "--graph", str(big_graph(tmp_path / "big.nq")))
    _interrupt_while_writing(process, store, signal.SIGINT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.nq"]


def test_a_load_that_fails_leaves_the_store_and_creates_no_directory(tmp_path, graph_file):
    bad = tmp_path / "bad.nq"
    bad.write_text(f'<http://example.org/s> <{RDFS_LABEL}> "x" <http://example.org/not-kgs> .\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["load", "--store", str(tmp_path / "new"), "--graph", str(bad)])
    assert_one_error(result, codes=(3,), contains="has triples outside the graphs kg owns")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.nq"]
    store = tmp_path / "store"
    current.load(str(store), graph_path=graph_file)
    before = _quads(store)
    assert_one_error(runner.invoke(main, ["load", "--store", str(store), "--graph", str(bad)]), codes=(3,))
    assert _quads(store) == before and _left_beside(store) == []


def test_load_refuses_a_directory_that_holds_something_else(tmp_path, graph_file):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8 not a store")
    result = CliRunner().invoke(main, ["load", "--store", str(folder), "--graph", str(graph_file)])
    assert_one_error(result, codes=(3,), contains=(
        f"store {folder}: the directory is not empty and holds no Oxigraph store; give a new or empty directory"))
    assert [p.name for p in folder.iterdir()] == ["holiday.jpg"] and _left_beside(folder) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_clean(CliRunner().invoke(main, ["load", "--store", str(empty), "--graph", str(graph_file)]), codes=(0,))
    assert len(current.open_store(store=str(empty)).graphs()) == SEED_GRAPHS


def test_a_second_writer_is_refused_while_one_writes(tmp_path, graph_file):
    store = tmp_path / "store"
    current.load(str(store), graph_path=graph_file)
    with Replacement(store):
        result = CliRunner().invoke(main, ["load", "--store", str(store), "--graph", str(graph_file)])
        assert_one_error(result, codes=(3,), contains=f"store {store}: locked by another process")
        assert len(current.open_store(store=str(store)).graphs()) == SEED_GRAPHS  # readers go on reading


def test_a_store_behind_a_symbolic_link_is_replaced_and_the_link_kept(tmp_path, graph_file):
    real = tmp_path / "disk" / "store"
    real.parent.mkdir()
    link = tmp_path / "store"
    link.symlink_to(real)
    current.load(str(link), graph_path=graph_file)
    current.load(str(link), graph_path=graph_file)
    assert link.is_symlink() and (real / "CURRENT").is_file()
    assert len(current.open_store(store=str(link)).graphs()) == SEED_GRAPHS
    assert _left_beside(real) == [] and _left_beside(link) == []


# --- a swap cut short -----------------------------------------------------------------------

KILLED_IN_THE_SWAP = """
import os, signal, sys
renames = []
rename = os.rename
def counting(a, b):
    rename(a, b)
    renames.append(a)
    if len(renames) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)  # as a power cut or kill -9 between two renames
os.rename = counting
from kg.unga import importer
importer.import_into([sys.argv[1]], sys.argv[2], replace=True)
"""


@pytest.mark.parametrize("renames", [1, 2, 3])
def test_a_swap_killed_between_its_renames_is_completed_by_the_next_reader(tmp_path, renames):
    store = tmp_path / "store"
    first = write_voeten(tmp_path / "first")
    importer_result = kg.import_unga(first, store=store)
    assert importer_result.datasets[0].votes == 12
    second = write_voeten(tmp_path / "second")
    with gzip.open(second / "un_votes.csv.gz", "wt", encoding="utf-8", newline="") as out:
        out.write(VOTES.replace("2,Namibia,NA,yes", "2,Namibia,NA,no"))
    done = subprocess.run([sys.executable, "-c", KILLED_IN_THE_SWAP, str(second), str(store), str(renames)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert any(".kg-swap-" in name for name in _left_beside(store))  # the mark of a committed swap
    ix = index.read_index(store)  # the reader completes the swap, then reads the new store and index
    assert ix.votes[ix.row("A/RES/62/5"), ix.column("namibia")] == 3  # no: the second import's
    assert _left_beside(store) == []
    assert kg.import_unga(second, store=store).datasets[0].unchanged


# --- kg import unga -------------------------------------------------------------------------


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "sigkill"])
def test_an_interrupted_import_leaves_the_previous_votes_and_index(tmp_path, how):
    store = tmp_path / "store"
    kg.import_unga(write_voeten(tmp_path / "small"), store=store)
    before, arrays = _quads(store), _index_arrays(store)
    process = _kg("import", "unga", str(big_votes(tmp_path / "big")), "--store", str(store))
    _interrupt_while_writing(process, store, how)
    assert _quads(store) == before
    after = _index_arrays(store)
    assert after["stamps"] == arrays["stamps"] and np.array_equal(after["votes"], arrays["votes"])
    assert list(after["actors"]) == list(arrays["actors"])
    kg.import_unga(write_voeten(tmp_path / "small"), store=store)  # the next run removes what a kill left
    assert _left_beside(store) == []


DAMAGED = VOTES.replace("2,Namibia,NA,yes", "2,Namibia,NA,yse").replace("1,Russia,RU,no", "1,Russia,RU,")


def test_an_import_that_would_lose_votes_is_refused_unless_replace(tmp_path):
    store = tmp_path / "store"
    kg.import_unga(write_voeten(tmp_path / "good"), store=store)
    before = _quads(store)
    damaged = write_voeten(tmp_path / "damaged")
    with gzip.open(damaged / "un_votes.csv.gz", "wt", encoding="utf-8", newline="") as out:
        out.write(DAMAGED)
    message = ("unga-voeten: the files hold 4 roll calls and 10 votes (7 bad rows skipped), fewer than the 4 roll "
               "calls and 12 votes imported before; importing them would lose 2 votes: check the "
               "files, or give {} to replace the dataset anyway")
    with pytest.raises(kg.errors.UsageError) as caught:
        kg.import_unga(damaged, store=store)
    assert str(caught.value) == message.format("replace") and caught.value.param == "replace"
    runner = CliRunner()
    result = runner.invoke(main, ["import", "unga", str(damaged), "--store", str(store)])
    assert assert_one_error(result, codes=(2,)) == "Error: " + message.format("--replace")
    assert _quads(store) == before
    for folder in (store.with_name("store-votes"),):
        for path in folder.iterdir():
            path.unlink()  # without the index the store itself is counted
    assert_one_error(runner.invoke(main, ["import", "unga", str(damaged), "--store", str(store)]), codes=(2,),
                     contains="fewer than the 4 roll calls and 12 votes imported before")
    result = runner.invoke(main, ["import", "unga", str(damaged), "--store", str(store), "--replace"])
    assert_clean(result, codes=(0,))
    assert index.read_index(store).votes.astype(bool).sum() == 10


def test_an_import_with_as_many_votes_despite_bad_rows_is_not_refused(tmp_path):
    store = tmp_path / "store"
    kg.import_unga(write_voeten(tmp_path / "good"), store=store)
    grown = write_voeten(tmp_path / "grown")
    with gzip.open(grown / "un_votes.csv.gz", "wt", encoding="utf-8", newline="") as out:
        out.write(VOTES + "2,Ukraine,UA,yes\n1,Atlantis,QQ,no\n")
    report = kg.import_unga(grown, store=store)
    assert (report.datasets[0].votes, len(report.bad)) == (13, 6)


# --- kg serve ---------------------------------------------------------------------------------


def test_serve_refuses_a_store_left_marked_or_holding_no_graph(tmp_path, graph_file):
    store = tmp_path / "store"
    current.load(str(store), graph_path=graph_file)
    with OxigraphStore.open_directory(store) as writer:
        writer._store.add(LOAD_MARK)  # what a load killed halfway (an older kg, or on a server) leaves
    empty = tmp_path / "empty"
    with OxigraphStore.open_directory(empty) as writer:
        writer._store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode(RDFS_LABEL), ox.Literal("x"),
                                  ox.NamedNode("http://example.org/someone-elses")))
    runner = CliRunner()
    with socket.socket() as taken:  # were the store served, it would fail on this port at once, not hang
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = runner.invoke(main, ["serve", "--store", str(store), "--port", port])
        assert_one_error(result, codes=(3,), contains=(
            f"store {store}: a load into it stopped halfway; run 'kg load --store {store}' again"))
        result = runner.invoke(main, ["serve", "--store", str(empty), "--port", port])
        assert_one_error(result, codes=(3,), contains=(
            f"store {empty}: holds no graph of kg; load it with 'kg load --store {empty}'"))
