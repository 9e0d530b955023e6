"""Where the ontology, the query catalogue, the seeds and the built graph live.

Installed, the package carries them in ``kg/_data``; in a source checkout they are
the top-level folders beside the package.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import InputError

_PACKAGE = Path(__file__).resolve().parent


def _data_root() -> Path:
    bundled = _PACKAGE / "_data"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE.parent


def ontology_dir() -> Path:
    return _data_root() / "ontology"


def queries_dir() -> Path:
    return _data_root() / "queries"


def shipped_seeds_dir() -> Path:
    """The seeds shipped with kg: ``kg/_data/seeds`` of the installed package, ``seeds/`` of a source checkout."""
    return _data_root() / "seeds"


def default_seeds_dir() -> Path:
    """``$KG_SEEDS`` if set, else the shipped seeds; commands resolve their seeds with ``kg.build.workspace.resolve``."""
    env = os.environ.get("KG_SEEDS")
    return Path(env) if env else shipped_seeds_dir()


def default_home() -> Path:
    """Where built graphs go: ``$KG_HOME``, else ``$XDG_DATA_HOME/kg``, else ``~/.local/share/kg``."""
    env = os.environ.get("KG_HOME")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "kg"


def default_graph_path() -> Path:
    """The graph built from the shipped seeds; ``kg.build.workspace.built_dir`` places every other."""
    return default_home() / "graph.trig"


def make_home() -> Path:
    """``default_home()``, created when missing; InputError naming ``KG_HOME`` when it cannot be a folder."""
    home = default_home()
    fix = "set KG_HOME to a folder kg may write in"
    try:
        home.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"kg's data folder is a file, not a folder; {fix}", home) from None
    except OSError as exc:
        raise InputError(f"kg's data folder cannot be created ({exc.strerror}); {fix}", home) from None
    return home
