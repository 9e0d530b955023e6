"""Hostile output targets: standard output, devices, FIFOs, symbolic links, and temporaries a kill leaves.

Every command with ``-o`` writes to standard output for ``-``; a character device or
a FIFO is written in place and stays what it was; a symbolic link is followed (the
link stays, the file it points to is replaced); anything else that is not a regular
file is refused in one line. A temporary file is named ``.NAME.kg-tmp-PID-TOKEN``, and
the next write in its folder removes it once its process is gone.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from conftest import assert_clean, assert_one_error
from kg import atomic
from kg.cli import main

ROOT = os.geteuid() == 0
EXPORTS = ["html", "graphml", "gexf", "json", "rdf"]


def _kg(graph_file, *args):
    return CliRunner().invoke(main, [*args, "--graph", str(graph_file)])


def _export(graph_file, fmt, target):
    return _kg(graph_file, "export", fmt, "-o", str(target))


def _reference(graph_file, fmt, tmp_path) -> bytes:
    """What the export writes to a regular file: what every other target must receive."""
    path = tmp_path / f"reference.{fmt}"
    assert _export(graph_file, fmt, path).exit_code == 0
    return path.read_bytes()


# --- standard output ------------------------------------------------------------------


def test_every_export_writes_to_standard_output(graph_file, built, tmp_path):
    for fmt in ("graphml", "gexf", "json"):
        result = _export(graph_file, fmt, "-")
        assert_clean(result, codes=(0,))
        assert result.stdout_bytes == _reference(graph_file, fmt, tmp_path)
        assert result.stderr.startswith("Wrote standard output: ") and result.stderr.endswith(f"({fmt}).\n")
    result = _export(graph_file, "rdf", "-")
    union = {(s, p, o) for s, p, o, _ in built.dataset.quads((None, None, None, None))}
    assert len(Graph().parse(data=result.stdout, format="turtle")) == len(union)
    assert result.stderr == f"Wrote standard output: {len(union)} triples (turtle).\n"
    result = _kg(graph_file, "export", "html", "-o", "-", "--focus", "Serbia")
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    assert result.stderr.startswith("Wrote standard output: Serbia and the actors within 1 step")
    assert not (Path.cwd() / "-").exists()


def test_build_writes_the_graph_to_standard_output_and_its_summary_to_stderr(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "-o", "-", "--format", "nquads"])
    assert_clean(result, codes=(0,))
    back = Dataset()
    back.parse(data=result.stdout, format="nquads")
    assert len(back) == len(built.dataset)
    assert "triples" in result.stderr and result.stderr.endswith("Wrote standard output (nquads); the SHACL validation conforms.\n")
    assert list(tmp_path.iterdir()) == []  # no file named '-', no manifest beside it


def test_a_full_standard_output_is_one_line_and_a_closed_pipe_is_no_error(graph_file):
    command = [sys.executable, "-m", "kg.cli", "export", "json", "-o", "-", "--graph", str(graph_file)]
    with open("/dev/full", "wb") as full:
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert_one_error(done, codes=(2,), contains="standard output: cannot write (no space left on the device)")
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    done = subprocess.run(command, stdout=reader.stdin, stderr=subprocess.PIPE, text=True, timeout=120)
    reader.stdin.close()
    reader.wait(timeout=10)
    assert_clean(done, codes=(0,))


# --- devices and FIFOs ------------------------------------------------------------------


def test_dev_null_is_written_and_stays_a_device(graph_file):
    result = _export(graph_file, "json", "/dev/null")
    assert_clean(result, codes=(0,))
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("fmt", EXPORTS)
def test_dev_full_is_one_no_space_line_and_stays_a_device(graph_file, fmt):
    result = _export(graph_file, fmt, "/dev/full")
    assert_one_error(result, codes=(2,), contains="/dev/full: cannot write the file (no space left on the device)")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.skipif(not ROOT, reason="making a device node needs root")
def test_a_device_node_made_in_the_folder_is_written_in_place(graph_file, tmp_path):
    fake_null = tmp_path / "fakenull"
    os.mknod(fake_null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    fake_full = tmp_path / "fakefull"
    os.mknod(fake_full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    assert_clean(_export(graph_file, "json", fake_null), codes=(0,))
    assert_one_error(_export(graph_file, "rdf", fake_full), codes=(2,), contains="no space left on the device")
    for node in (fake_null, fake_full):
        assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fakefull", "fakenull"]  # no temporary left


@pytest.mark.parametrize("fmt", ["json", "rdf"])
def test_a_fifo_with_a_reader_receives_the_export_and_stays_a_fifo(graph_file, tmp_path, fmt):
    expected = _reference(graph_file, fmt, tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received = []

    def read() -> None:
        time.sleep(0.5)  # a reader that comes after the writer: it waits for it
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    result = _export(graph_file, fmt, fifo)
    reader.join(timeout=60)
    assert_clean(result, codes=(0,))
    assert received == [expected]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_that_nobody_reads_is_refused_in_bounded_time(graph_file, tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "FIFO_WAIT", 0.3)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = _export(graph_file, "json", fifo)
    assert time.monotonic() - started < 30
    assert_one_error(result, codes=(2,), contains=f"{fifo}: is a FIFO that no process read within 0.3 s")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_is_refused_and_stays_a_socket(graph_file, tmp_path):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        result = _export(graph_file, "json", path)
    assert_one_error(result, codes=(2,), contains=f"{path}: is neither a regular file, a character device nor a FIFO")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


# --- symbolic links -----------------------------------------------------------------------


def test_a_symbolic_link_is_followed_and_kept(graph_file, tmp_path):
    expected = _reference(graph_file, "json", tmp_path)
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "network.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(Path("data") / "network.json")
    chain = tmp_path / "chain.json"
    chain.symlink_to("link.json")
    for name in (link, chain):
        target.write_text("old")
        assert_clean(_export(graph_file, "json", name), codes=(0,))
        assert link.is_symlink() and chain.is_symlink() and os.readlink(link) == "data/network.json"
        assert target.read_bytes() == expected
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["network.json"]


def test_a_link_to_a_missing_file_creates_it_and_a_link_loop_is_refused(graph_file, tmp_path):
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to("made.json")
    assert_clean(_export(graph_file, "json", dangling), codes=(0,))
    assert dangling.is_symlink() and json.loads((tmp_path / "made.json").read_text())["nodes"]
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    assert_one_error(_export(graph_file, "json", tmp_path / "a"), codes=(2,),
                     contains="is a symbolic link that leads back to itself")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_a_link_to_a_device_writes_the_device(graph_file, tmp_path):
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    assert_clean(_export(graph_file, "json", link), codes=(0,))
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --- temporaries ----------------------------------------------------------------------------


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_the_next_write_removes_the_temporaries_of_a_process_that_is_gone(graph_file, tmp_path):
    dead = _dead_pid()
    stale = [tmp_path / f".network.json.kg-tmp-{dead}-ab12cd34", tmp_path / f".other.ttl.kg-tmp-{dead}-zz99yy88"]
    for path in stale:
        path.write_text("half written")
    live = tmp_path / f".page.html.kg-tmp-{os.getpid()}-live0000"
    live.write_text("being written by a live process")
    unrelated = tmp_path / ".network.json.tmp"
    unrelated.write_text("not kg's")
    assert_clean(_export(graph_file, "json", tmp_path / "network.json"), codes=(0,))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, unrelated.name, "network.json"])


KILLED_WRITER = """
import sys, time
from kg.atomic import write_atomic
def produce(out):
    out.write(b"half of it")
    out.flush()
    print("writing", flush=True)
    time.sleep(60)
write_atomic(sys.argv[1], produce)
"""


def test_a_write_killed_with_sigkill_leaves_a_temporary_that_the_next_write_removes(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("the previous graph")
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "writing\n"
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    finally:
        writer.kill()
    (left,) = [p.name for p in tmp_path.iterdir() if p.name != "graph.ttl"]
    assert left.startswith(f".graph.ttl.kg-tmp-{writer.pid}-")
    assert target.read_text() == "the previous graph"
    atomic.write_text(tmp_path / "elsewhere.txt", "another write in the folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.txt", "graph.ttl"]


def test_a_failed_write_removes_its_temporary_and_keeps_the_target(tmp_path):
    target = tmp_path / "network.graphml"
    target.write_text("before")

    def fail(out):
        out.write(b"partial")
        raise RuntimeError("the serialiser failed")

    with pytest.raises(RuntimeError):
        atomic.write_atomic(target, fail)
    assert [p.name for p in tmp_path.iterdir()] == ["network.graphml"] and target.read_text() == "before"
