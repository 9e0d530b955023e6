"""Writing output files atomically, so a failure never leaves a half-written file.

The content goes to a temporary file beside the target, which is then renamed over
it; an error removes the temporary file and leaves any earlier target untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Callable

from kg.errors import InputError


def write_atomic(path: Path, produce: Callable[[IO[bytes]], None], create_parent: bool = False) -> Path:
    """Call ``produce(binary_file)`` on a temporary file beside ``path``, then rename it to ``path``."""
    path = Path(path)
    parent = path.parent
    if create_parent:
        parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise InputError("is a folder; give a file name to write to", path)
    if not parent.is_dir():
        raise InputError("the output folder does not exist; create it or choose another path", parent)
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"cannot write in this folder ({exc.strerror}); choose another path", parent) from None
    try:
        with os.fdopen(handle, "wb") as out:
            produce(out)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; give the usual permissions
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write the file ({exc.strerror}); choose another path", path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    return write_atomic(path, lambda out: out.write(text.encode("utf-8")))
