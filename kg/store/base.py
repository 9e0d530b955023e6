"""What every graph store offers: the one interface the embedded store and a remote endpoint both implement.

The analysis, the views and the API take any ``Store``: they query it, and never ask
which kind it is. Loading (``replace_graphs``) writes the graphs of kg and leaves
every other graph alone; ``load_interrupted`` tells a store a load left half-written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import Dataset
from rdflib.term import Node

from kg.catalogue.results import QueryResult


@runtime_checkable
class Store(Protocol):
    """A graph store that kg queries and loads."""

    name: str  # how messages name the store: a directory, a URL, or "memory"

    def query(self, text: str, bindings: dict[str, Node] | None = None) -> QueryResult:
        """Run a read-only query with ``bindings`` as typed RDF terms; the graphs built from the seeds are the default graph."""

    def kept(self, name: str):
        """The whole answer of internal query ``name`` kept with the store (``kg.store.answers.Answer``), or None."""

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs the store holds."""

    def replace_graphs(self, source: Path | Dataset) -> None:
        """Write the graphs of kg from ``source`` in place of those the store holds."""

    def load_interrupted(self) -> bool:
        """Whether a load into the store stopped halfway."""

    def close(self) -> None:
        """Release the store (a directory's lock, an HTTP connection)."""
