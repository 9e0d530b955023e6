"""Replacing a directory store whole: the changes go to a copy beside it, renamed in when all went well.

``kg load`` and ``kg import unga`` write into a directory store this way, so that an
interruption (Ctrl-C, SIGKILL, a full disk, a bad input) leaves the previous store
and its vote index as they were. The copy is an Oxigraph backup, made of hard links
to the store's immutable files, so it costs little whatever the store's size; the
swap is two directory renames per directory (``kg.atomic.DirectorySwap``).

A writer holds an advisory lock (flock) on the store's directory from start to
swap, so a second ``kg load`` or import is refused meanwhile; readers (``kg query``,
``kg serve``) go on reading the old store until the swap.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox

from kg import atomic
from kg.errors import StoreError
from kg.store.embedded import OxigraphStore


class Replacement:
    """A directory store to replace: ``old`` to read, ``open_new()`` the copy to write; swapped in on success.

    Use it as a context manager: the copy and its companions (the vote index folder)
    replace the store and theirs when the block ends without an error, and are
    removed otherwise. Refuses a path that is a file, and a non-empty directory that
    holds no Oxigraph store (nothing is written then).
    """

    def __init__(self, path: Path, companions: Sequence[Path] = ()):
        self.path = Path(path)
        self.name = str(path)
        self.companions = [Path(c) for c in companions]
        self.old: OxigraphStore | None = None
        self.new: OxigraphStore | None = None
        self._swap: atomic.DirectorySwap | None = None
        self._lock: int | None = None

    def __enter__(self) -> "Replacement":
        path, name = self.path, self.name
        if path.exists() and not path.is_dir():
            raise StoreError(f"store {name}: not a directory; give a directory for the store")
        real = Path(os.path.realpath(path))
        try:
            os.listdir(real.parent)
            if not os.access(real.parent, os.W_OK | os.X_OK):
                raise PermissionError(13, "Permission denied")
        except OSError as exc:
            raise StoreError(f"store {name}: cannot open the directory ({exc.strerror}); "
                             "choose a writable directory") from None
        for folder in {real.parent, *(Path(os.path.realpath(c)).parent for c in self.companions)}:
            atomic.tidy(folder)
        if (path / "CURRENT").exists():
            self._hold(real)
            try:
                self.old = OxigraphStore.open_directory(path)
            except BaseException:
                self._release()
                raise
        elif path.is_dir() and any(os.scandir(path)):
            raise StoreError(f"store {name}: the directory is not empty and holds no Oxigraph store; "
                             "give a new or empty directory, or a store made by kg")
        return self

    def _hold(self, real: Path) -> None:
        """Lock the directory for this writer, making sure it is still the store's (not one just swapped out)."""
        while True:
            try:
                handle = os.open(real, os.O_RDONLY | os.O_DIRECTORY)
            except FileNotFoundError:
                return  # swapped out and not yet in again: the store's open below says what is wrong
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                raise StoreError(f"store {self.name}: locked by another process (a running kg or oxigraph?); "
                                 "stop it or use another directory") from None
            try:
                same = os.stat(real).st_ino == os.fstat(handle).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._lock = handle
                return
            os.close(handle)

    @property
    def new_path(self) -> Path:
        """The directory of the copy being written (after ``open_new``): a file put there is swapped in with it."""
        return self._swap.new[0]

    def open_new(self) -> tuple[OxigraphStore, list[Path]]:
        """The copy of the store to write (empty when there was none), and a copy of each companion folder."""
        if self.new is not None:
            return self.new, list(self._swap.new[1:])
        self._swap = atomic.DirectorySwap([self.path, *self.companions])
        target = self._swap.new[0]
        if self.old is not None:
            try:
                self.old._store.flush()
                self.old._store.backup(str(target))  # hard links to the store's immutable files: cheap
            except OSError as exc:
                raise StoreError(f"store {self.name}: cannot copy it beside itself ({exc}); check the disk") from None
        try:
            self.new = OxigraphStore(ox.Store(str(target)), self.name)
        except OSError as exc:
            raise StoreError(f"store {self.name}: cannot open the directory ({exc}); choose a writable directory") from None
        copies = [self._swap.link_copy(i) for i in range(1, len(self._swap.targets))]
        return self.new, copies

    def __exit__(self, kind, exc, trace) -> None:
        # Both stores are closed before any rename: a store still open writes by path.
        try:
            for store in (self.new, self.old):
                if store is not None:
                    store.close()
            self.new = self.old = None
            if self._swap is not None:
                if kind is None:
                    self._swap.commit()
                else:
                    self._swap.discard()
        finally:
            self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
