"""The knowledge graph of state alignments.

Sourced statements and votes of states become an RDF graph; queries and the
alignment analysis answer where a state stands, with whom, and on what evidence.

    import kg

    g = kg.open()                                  # the graph of the shipped seeds
    g.query("positions", actor="Serbia").rows
    g.compare("Serbia", against=["Russia", "EU"]).pairs
    g.contradictions("Serbia")
    g.export_page("serbia.html", focus="Serbia")

``open``, ``build_graph``, ``validate``, ``load`` and ``import_unga`` are in ``kg.api`` and
imported from there on first use, so ``import kg`` stays light. Errors are
``kg.KgError`` and its subclasses, each naming the parameter it is about.
"""

__version__ = "0.1.0"

_API = ("open", "draft_article", "build_graph", "validate", "load", "import_unga", "init", "workspace", "Graph")
_ERRORS = ("KgError", "InputError", "UsageError", "StoreError", "ValidationFailed")
__all__ = [*_API, "Result", *_ERRORS, "__version__"]


def __getattr__(name: str):
    # The API imports rdflib, pyoxigraph and the rest only when a function is called;
    # resolving the names here keeps `import kg` and `kg --help` fast.
    if name in _API:
        from kg import api

        return getattr(api, name)
    if name == "Result":  # what Graph.query answers
        from kg.catalogue.results import Result

        return Result
    if name in _ERRORS:
        from kg import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
