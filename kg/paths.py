"""Where the ontology, the query catalogue, the seeds and the built graph live.

Installed, the package carries them in ``kg/_data``; in a source checkout they are
the top-level folders beside the package.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def default_seeds_dir() -> Path:
    """The seeds folder: ``$KG_SEEDS`` if set, else the seeds shipped with the package."""
    env = os.environ.get("KG_SEEDS")
    return Path(env) if env else _data_root() / "seeds"


def default_home() -> Path:
    """Where built graphs go: ``$KG_HOME``, else ``$XDG_DATA_HOME/kg``, else ``~/.local/share/kg``."""
    env = os.environ.get("KG_HOME")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "kg"


def default_graph_path() -> Path:
    return default_home() / "graph.trig"
