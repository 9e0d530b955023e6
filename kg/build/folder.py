"""The files of a seeds folder, read only inside the folder and within bounds.

Seeds may come from someone else (a shared folder, a cloned repository), so kg reads
a file of them only when it stays inside the seeds folder: a name the seeds give
(``file:`` of an annotation) is relative, without ``..``, and no symbolic link leads
out of the folder. Only regular files are read (a FIFO would block, a device never
end), each within a size bound that its error message states.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePath

from kg.errors import InputError

MAX_YAML_BYTES = 2_000_000  # the largest seed file is 16 KB; 2 MB parses in about 3 s
# The store reads one text of at most 16 MiB (16,777,216 bytes) as written in a graph
# file, where each line break, quote mark and backslash takes two characters: a text
# of 8,000,000 bytes stays under it however it is written.
MAX_ARTICLE_BYTES = 8_000_000


def root(seeds_dir: Path) -> Path:
    """The seeds folder with every symbolic link resolved: what "inside" is measured against."""
    return Path(seeds_dir).resolve()


def inside(path: Path, seeds_dir: Path) -> bool:
    """True when ``path``, its symbolic links followed, is in the seeds folder."""
    return Path(path).resolve().is_relative_to(root(seeds_dir))


def named_file(seeds_dir: Path, name, where: Path, line: int | None, key: str = "file") -> Path:
    """The path of a file that a seed file names (``file: NAME``), beside it and inside the seeds folder.

    ``where`` and ``line`` are the seed file and line that name it, for the message.
    """
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"'{key}' must be the name of a file beside this one", where, line)
    if "\0" in name:
        raise InputError(f"'{key}' holds a NUL character; give the plain name of a file beside this one", where, line)
    relative = PurePath(name)
    if relative.is_absolute() or name.startswith("~"):
        raise InputError(f"'{key}: {name}' is an absolute path; seeds may only name files inside the seeds folder, "
                         "relative to the annotation file", where, line)
    if ".." in relative.parts:
        raise InputError(f"'{key}: {name}' leads out of its folder with '..'; seeds may only name files inside "
                         "the seeds folder", where, line)
    return Path(where).parent / relative


def read(path: Path, seeds_dir: Path, limit: int, what: str, where: Path | None = None,
         line: int | None = None, key: str = "file") -> bytes:
    """The bytes of the regular file ``path`` inside the seeds folder, at most ``limit`` of them.

    ``what`` names the file in messages (``article file 'x.txt'``); ``where`` and
    ``line`` are the seed file and line that name it, or None for a file the folder's
    layout names (``reference/actors.yaml``), whose own path is then given.
    """
    blame, at = (where, line) if where is not None else (path, None)
    check = f"; check '{key}'" if where is not None else ""
    if not inside(path, seeds_dir):
        raise InputError(f"{what} is a symbolic link that leads out of the seeds folder; seeds may only use files "
                         "inside it: copy the file in", blame, at)
    return regular(path, limit, what, blame, at, check)


def regular(path: Path, limit: int, what: str, blame: Path | None = None, at: int | None = None,
            check: str = "", param: str | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, a one-line error otherwise.

    A FIFO, socket or device is refused from its status, never opened for reading
    (a FIFO would wait for a writer). ``blame`` and ``at`` are the file and line the
    message names (default: ``path``), ``check`` ends it, ``param`` is the library
    parameter that gave the path.
    """
    blame = path if blame is None else blame
    try:
        info = os.stat(path)
    except FileNotFoundError:
        place = " beside the annotation file" if check else ""
        raise InputError(f"{what} not found{place}{check or '; check the path'}", blame, at, param) from None
    except OSError as exc:
        raise InputError(f"{what} cannot be read ({exc.strerror}){check}", blame, at, param) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{what} is a folder{check or '; give a file'}", blame, at, param)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{what} is not a regular file (a FIFO, socket or device){check}", blame, at, param)
    if info.st_size > limit:
        raise InputError(_too_large(what, info.st_size, limit), blame, at, param)
    try:
        # O_NONBLOCK: should the file have become a FIFO since the check, opening it does not wait for a writer
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{what} cannot be read ({exc.strerror}){check}", blame, at, param) from None
    if len(data) > limit:
        raise InputError(_too_large(what, len(data), limit), blame, at, param)
    return data


def _too_large(what: str, size: int, limit: int) -> str:
    return f"{what} is {size:,} bytes, over the limit of {limit:,} bytes; split it into smaller files"
