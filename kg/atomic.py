"""Writing outputs so that a failure or an interruption never leaves a half-written one.

A file is written to a temporary file beside its target, then renamed over it; a
directory (a store and its vote index) is replaced by filling new siblings and
renaming them in together (``DirectorySwap``). ``-`` is standard output; a symbolic
link is followed (the link stays, the file it points to is replaced); a character
device (``/dev/null``) or a FIFO is written in place, never replaced; any other
kind of file is refused. Temporaries are named ``.NAME.kg-KIND-PID-TOKEN`` (KIND
``tmp``, ``new``, ``old``, or ``swap`` for the mark of a swap under way): a process
killed with SIGKILL cannot remove its own, so every later write in that folder
(``tidy``) removes those of processes now gone, and completes a committed swap.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Callable

from kg.errors import InputError, StoreError

STDOUT = "-"
FIFO_WAIT = 5.0  # seconds a FIFO target may wait for its reader
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.kg-(?P<kind>tmp|new|old|swap)-(?P<pid>\d+)-(?P<token>[a-z0-9_]+)$")


def is_stdout(path) -> bool:
    return path is not None and str(path) == STDOUT  # "-" names standard output


def write_atomic(path: Path | str, produce: Callable[[IO[bytes]], None], create_parent: bool = False) -> Path:
    """Call ``produce(binary_file)`` on a temporary file beside ``path``, then rename it to ``path``.

    ``-`` writes to standard output; a character device or a FIFO is written in
    place; a symbolic link is followed. Raises InputError naming the path.
    """
    if is_stdout(path):
        _write_stdout(produce)
        return Path(STDOUT)
    path = Path(path)
    target = followed(path)
    if create_parent:
        with contextlib.suppress(OSError):  # when it cannot be made, the check below says so
            target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        raise InputError("is a folder; give a file name to write to", path)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None  # missing (or unreadable: then making the temporary file says why)
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        _write_in_place(path, target, produce, fifo=stat.S_ISFIFO(mode))
        return path
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError("is neither a regular file, a character device nor a FIFO; kg writes only those; "
                         "choose another path", path)
    parent = target.parent
    if not parent.is_dir():
        raise InputError("the output folder does not exist; create it or choose another path", parent)
    tidy(parent)
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.kg-tmp-{os.getpid()}-", dir=parent)
    except OSError as exc:
        raise InputError(f"cannot write in this folder ({_reason(exc)}); choose another path", parent) from None
    try:
        with os.fdopen(handle, "wb") as out:
            produce(out)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; give the usual permissions
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write the file ({_reason(exc)}); choose another path", path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path | str, text: str) -> Path:
    return write_atomic(path, lambda out: out.write(text.encode("utf-8")))


def followed(path: Path) -> Path:
    """The file a path names once its symbolic links are followed (the path itself when it is none)."""
    path = Path(path)
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():
        raise InputError("is a symbolic link that leads back to itself; choose another path", path)
    return target


def _reason(exc: OSError) -> str:
    return "no space left on the device" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)


def _write_stdout(produce: Callable[[IO[bytes]], None]) -> None:
    sys.stdout.flush()
    out = sys.stdout.buffer
    try:
        produce(out)
        out.flush()
    except BrokenPipeError:
        _silence_stdout()  # the reader stopped reading (as `| head` does): not an error
    except OSError as exc:
        _silence_stdout()
        raise InputError(f"cannot write ({_reason(exc)})", "standard output") from None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit does not fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # not a real file: nothing to flush at exit
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _write_in_place(path: Path, target: Path, produce: Callable[[IO[bytes]], None], fifo: bool) -> None:
    # A FIFO opened for writing blocks until a reader comes, for ever if none does: wait a while, then say so.
    flags = os.O_WRONLY | os.O_NOCTTY | (os.O_NONBLOCK if fifo else 0)
    deadline = time.monotonic() + FIFO_WAIT
    while True:
        try:
            handle = os.open(target, flags)
            break
        except OSError as exc:
            if fifo and exc.errno == errno.ENXIO and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            if fifo and exc.errno == errno.ENXIO:
                raise InputError(f"is a FIFO that no process read within {FIFO_WAIT:g} s; start the reader first, "
                                 "or choose another path", path) from None
            raise InputError(f"cannot write the file ({_reason(exc)}); choose another path", path) from None
    if fifo:
        os.set_blocking(handle, True)
    try:
        with os.fdopen(handle, "wb") as out:
            produce(out)
    except OSError as exc:
        raise InputError(f"cannot write the file ({_reason(exc)}); choose another path", path) from None


# --- temporaries ----------------------------------------------------------------------


def sibling(target: Path, kind: str, token: str) -> Path:
    """The temporary ``.NAME.kg-KIND-PID-TOKEN`` of this process beside ``target``."""
    return target.with_name(f".{target.name}.kg-{kind}-{os.getpid()}-{token}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # it exists but belongs to someone else
    return True


def tidy(folder: Path) -> None:
    """Complete the swaps and remove the temporaries that processes now gone left in ``folder``.

    Readers of a directory store call it too, so that they find a store whole whose
    swap a killed process had committed.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    found = [(entry, _TEMPORARY.match(entry.name)) for entry in entries]
    stale = [(entry, m) for entry, m in found if m and not _alive(int(m["pid"]))]
    unfinished = set()
    for entry, m in stale:
        if m["kind"] == "swap" and not _finish(Path(entry.path)):
            unfinished.add(m["token"])  # keep its directories: they may hold the only copy
    for entry, m in stale:
        if m["kind"] != "swap" and m["token"] not in unfinished:
            _remove(Path(entry.path))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # another process removed it, or it cannot be: the next write tries again
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def _finish(marker: Path) -> bool:
    """Complete the swap a mark names; False when it cannot be (yet)."""
    try:
        pairs = [tuple(Path(p) for p in pair) for pair in json.loads(marker.read_text(encoding="utf-8"))["pairs"]]
        _roll_forward(pairs)
        marker.unlink(missing_ok=True)
    except (OSError, ValueError, KeyError, TypeError):
        return False
    for _, _, old in pairs:
        _remove(old)
    return True


def _roll_forward(pairs) -> None:
    """Rename each target aside and its new directory in; a pair already swapped is left as it is."""
    for target, new, old in pairs:
        if new.exists():
            if target.exists():
                os.rename(target, old)
            os.rename(new, target)


class DirectorySwap:
    """Directories replaced whole: each gets a new sibling to fill, and they are renamed in together.

    ``new[i]`` is the sibling of ``targets[i]``, made by the caller or ``link_copy``.
    ``commit()`` writes a mark naming the renames, renames each target aside and its
    sibling in, then removes the mark and the old directories: after a kill in
    between, the next ``tidy`` completes the swap. ``discard()`` removes the siblings.
    """

    def __init__(self, targets: list[Path]):
        self.targets = [followed(Path(t)) for t in targets]
        for target in self.targets:
            if os.path.ismount(target):
                raise StoreError(f"{target} is a mount point, and kg replaces a store by renaming its directory; "
                                 "give a directory inside it")
        token = secrets.token_hex(4)
        self.new = [sibling(t, "new", token) for t in self.targets]
        self.old = [sibling(t, "old", token) for t in self.targets]
        self.marker = sibling(self.targets[0], "swap", token)

    def link_copy(self, i: int) -> Path:
        """Make ``new[i]`` a copy of ``targets[i]`` (hard links: the files are replaced, never changed in place)."""
        source, copy = self.targets[i], self.new[i]
        if not source.is_dir():
            copy.mkdir(parents=True)
            return copy

        def link(src: str, dst: str) -> None:
            try:
                os.link(src, dst)
            except OSError:  # a file system without hard links
                shutil.copy2(src, dst)
        skip = lambda folder, names: [n for n in names if _TEMPORARY.match(n)]  # noqa: E731
        shutil.copytree(source, copy, copy_function=link, ignore=skip)
        return copy

    def discard(self) -> None:
        for new in self.new:
            _remove(new)

    def commit(self) -> None:
        pairs = [(t, n, o) for t, n, o in zip(self.targets, self.new, self.old) if n.exists()]
        for target, new, _ in pairs:
            if target.is_dir():
                os.chmod(new, stat.S_IMODE(os.stat(target).st_mode))
        write_text(self.marker, json.dumps({"pairs": [[str(p) for p in pair] for pair in pairs]}))
        try:
            _roll_forward(pairs)
        except OSError as exc:
            if self._roll_back(pairs):
                self.marker.unlink(missing_ok=True)
                self.discard()
            raise StoreError(f"{self.targets[0]}: cannot replace the directory ({_reason(exc)}); "
                             "the previous one is kept") from None
        except BaseException:
            _roll_forward(pairs)  # interrupted between two renames: complete what the mark promises
            self._done(pairs)
            raise
        self._done(pairs)

    def _done(self, pairs) -> None:
        self.marker.unlink(missing_ok=True)
        for _, _, old in pairs:
            _remove(old)

    @staticmethod
    def _roll_back(pairs) -> bool:
        """Put every target back as it was before ``commit``; False when a rename fails."""
        for target, new, old in reversed(pairs):
            try:
                if old.exists():
                    if target.exists():
                        os.rename(target, new)
                    os.rename(old, target)
            except OSError:
                return False
        return True
