"""Which seeds a command reads, and where the graph built from them lives.

Every command, ``kg.open()`` and the build resolve their seeds here, in one way:
the folder given as ``seeds`` (``--seeds``), else ``$KG_SEEDS``, else the workspace
found by walking up from the current directory (the first folder holding
``kg.toml``, as git finds ``.git``), else the seeds shipped with kg.

A *workspace* (a folder with ``kg.toml``, made by ``kg init``) holds a user's own
articles and annotation files (in ``articles/``), reference files and issues (in
``reference/``), read over the seeds and issue scheme shipped with kg unless its
``kg.toml`` says ``shipped = false``. A seeds folder without ``kg.toml`` is read
alone, as it is. Each workspace and each seeds folder has its own built graph
(``built_dir``), so that graphs of different seeds never replace each other.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg import paths
from kg.errors import InputError, named

MARKER = "kg.toml"
ARTICLES = "articles"
_SETTINGS = {"shipped": bool}
_MAX_SETTINGS_BYTES = 65_536


@dataclass(frozen=True)
class Workspace:
    """The seeds a command reads: ``root``, of ``kind`` workspace, seeds (a plain folder) or shipped.

    ``shipped`` says whether the shipped seeds and issues are read under it.
    """

    root: Path
    kind: str
    shipped: bool

    @property
    def layers(self) -> tuple[Path, ...]:
        """The seeds folders read, the shipped ones first: a later folder adds to the earlier."""
        if self.kind == "shipped":
            return (self.root,)
        return (paths.shipped_seeds_dir(), self.root) if self.shipped else (self.root,)

    @property
    def shipped_issues(self) -> bool:
        """Whether the shipped issue scheme is read: always, but for a workspace that sets ``shipped = false``."""
        return self.kind != "workspace" or self.shipped

    def describe(self) -> str:
        """What a message says it read: ``the workspace /w (over the seeds shipped with kg in /s)``."""
        if self.kind == "shipped":
            return f"the seeds shipped with kg in {self.root}"
        what = "the workspace" if self.kind == "workspace" else "the seeds folder"
        over = f" (over the seeds shipped with kg in {paths.shipped_seeds_dir()})" if self.shipped else ""
        return f"{what} {self.root.absolute()}{over}"

    @property
    def graph_file(self) -> Path:
        """The graph built from these seeds, unless a command is given another file."""
        return built_dir(self) / "graph.trig"


def resolve(seeds=None, start: Path | None = None) -> Workspace:
    """The seeds to read: ``seeds`` (a folder or a Workspace), else ``$KG_SEEDS``, else the workspace above ``start``, else the shipped seeds.

    ``start`` is where the search for ``kg.toml`` begins (the current directory).
    """
    if isinstance(seeds, Workspace):
        return seeds
    given = seeds if seeds not in (None, "") else os.environ.get("KG_SEEDS") or None
    if given is not None:
        folder = Path(given)
        if _is_file(folder / MARKER):
            return open_workspace(folder)
        if _same(folder, paths.shipped_seeds_dir()):
            return Workspace(paths.shipped_seeds_dir(), "shipped", True)
        return Workspace(folder, "seeds", False)
    found = find(start)
    if found is not None:
        return open_workspace(found)
    return Workspace(paths.shipped_seeds_dir(), "shipped", True)


def find(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (the current directory) that holds ``kg.toml``; None if none does."""
    try:
        here = Path(start or Path.cwd()).absolute()
    except OSError:  # the current directory was removed
        return None
    for folder in (here, *here.parents):
        if _is_file(folder / MARKER):
            return folder
    return None


def open_workspace(folder: Path) -> Workspace:
    """The workspace in ``folder``, with the settings of its ``kg.toml``; InputError when they cannot be read."""
    marker = Path(folder) / MARKER
    try:
        with marker.open("rb") as stream:  # a regular file (resolve checks): a few settings, read within a bound
            raw = stream.read(_MAX_SETTINGS_BYTES + 1)
        if len(raw) > _MAX_SETTINGS_BYTES:
            raise InputError(f"is over {_MAX_SETTINGS_BYTES:,} bytes; it holds a few settings only", marker)
        settings = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read ({getattr(exc, 'strerror', None) or exc}); check the file", marker) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"is not valid TOML: {exc}", marker) from None
    section = settings.get("workspace", {})
    if not isinstance(section, dict):
        raise InputError("'workspace' must be a table: [workspace] with shipped = true or false", marker)
    unknown = sorted(set(settings) - {"workspace"}) + sorted(set(section) - set(_SETTINGS))
    if unknown:
        raise InputError(f"unknown setting '{unknown[0]}'; kg.toml knows [workspace] with shipped = true or false", marker)
    shipped = section.get("shipped", True)
    if not isinstance(shipped, bool):
        raise InputError(f"shipped = {shipped!r} must be true (read the seeds shipped with kg under this workspace) "
                         "or false (read this workspace alone)", marker)
    return Workspace(Path(folder), "workspace", shipped)


def built_dir(workspace: Workspace) -> Path:
    """The folder of the graph built from ``workspace`` (and of what else is kept of it): one per seeds folder.

    The shipped seeds' graph is in ``$KG_HOME`` itself; every other workspace or
    seeds folder has a folder of its own under ``$KG_HOME/workspaces``, named by
    its folder's name and a digest of its absolute path.
    """
    home = paths.default_home()
    if workspace.kind == "shipped":
        return home
    where = str(workspace.root.resolve())
    digest = hashlib.sha256(f"{where}\0{workspace.shipped}".encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", workspace.root.resolve().name).strip(".-")[:40] or "seeds"
    return home / "workspaces" / f"{name}-{digest}"


def make_built_dir(workspace: Workspace) -> Path:
    """``built_dir(workspace)``, created when missing; InputError naming ``KG_HOME`` when it cannot be."""
    paths.make_home()
    target = built_dir(workspace)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"the folder for this workspace's graph cannot be created ({exc.strerror}); set KG_HOME to "
                         "a folder kg may write in", target) from None
    return target


def check(workspace: Workspace) -> None:
    """InputError, naming the ``seeds`` parameter, when the folder read does not exist or cannot be read."""
    try:
        found = workspace.root.is_dir()
    except OSError as exc:  # a name too long for the system, a loop of symbolic links …
        raise InputError(f"seeds folder cannot be read ({exc.strerror}); give an existing folder as {named('seeds')}",
                         param="seeds") from None
    if not found:
        raise InputError(f"seeds folder not found; give an existing folder as {named('seeds')}", workspace.root,
                         param="seeds")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the system …
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
