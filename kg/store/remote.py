"""A remote SPARQL 1.1 endpoint as a graph store, over HTTP with the standard library.

Queries go by the SPARQL 1.1 Protocol (URL-encoded POST) with the graphs of kg as the
protocol dataset: those built from the seeds (``id:graph/…``) are the default graph,
and they and the imported ones (``id:import/…``) are the named graphs, so the same
query text gives the same results as the embedded store,
whatever else the server holds. Loading goes by the Graph Store Protocol: mark the
store (PUT), drop each graph kg owns (DELETE), add the new graphs in one N-Quads POST,
remove the mark (as ``kg.store`` explains).

Where the endpoints are, from the URL given as the store:

- ``http://host:7878`` (no path, as ``oxigraph serve`` and ``kg serve`` run):
  ``/query``, ``/update`` and ``/store`` under it (loading with Oxigraph's
  ``no_transaction``);
- a URL ending in ``/query`` or ``/sparql``: that for queries, ``…/update`` and
  ``…/store`` beside it;
- any other URL (a Fuseki dataset such as ``http://host:3030/ds``): that one URL
  for all three.

A server that names itself Virtuoso (its ``Server`` header, asked once when loading)
keeps its Graph Store at ``/sparql-graph-crud`` and takes no N-Quads: kg then PUTs
each graph on its own there (``http://host:8890/sparql`` as the store; the
``SPARQL`` user needs the ``SPARQL_UPDATE`` role, as the README says).
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from kg.catalogue import sparql
from kg.catalogue.results import QueryResult, SelectResult
from kg.errors import StoreError, UsageError, named
from kg.store import deadline
from kg.store.deadline import DEFAULT_TIMEOUT, default_timeout  # noqa: F401 (where they were)
from kg.store.terms import once, triples_graph
from kg.store.embedded import (
    LOAD_MARK,
    LOAD_MARK_GRAPH,
    OWNED_GRAPHS,
    owned_quads,
    store_query,
)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RESULTS_JSON = "application/sparql-results+json"


def is_url(spec: str) -> bool:
    """True when a --store value is meant as a URL rather than a directory."""
    return "://" in spec


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    data: str
    bulk: str  # where the new graphs are POSTed: ``data``, or Oxigraph's faster non-transactional load



def endpoints(url: str) -> Endpoints:
    """The query, update and Graph Store Protocol URLs of a store URL (see the module doc)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # a port that is no number (or out of range) is found here
    except ValueError as exc:
        raise StoreError(f"store {url}: not a URL ({exc}); give http://host:port[/path] or a directory") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"store {url}: not an http(s) URL; give http://host:port[/path] or a directory")
    path = parts.path.rstrip("/")
    if not path:
        base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        # the layout of oxigraph serve, whose no_transaction load was measured 1.7 times
        # faster; the load's own mark tells a load that stopped halfway
        return Endpoints(base + "/query", base + "/update", base + "/store", base + "/store?no_transaction")
    for tail in ("/query", "/sparql"):
        if path.endswith(tail):
            base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len(tail)], "", ""))
            return Endpoints(url, base + "/update", base + "/store", base + "/store")
    return Endpoints(url, url, url, url)


def _json_term(value: dict) -> Node:
    kind = value.get("type")
    text = value.get("value")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype not in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise ValueError(f"unknown term type {kind!r}")


def _boolean(doc: dict) -> bool:
    """The answer of an ASK; Virtuoso answers it as a one-column SELECT of ``__ASK_RETVAL``."""
    if isinstance(doc.get("boolean"), bool):
        return doc["boolean"]
    if doc["head"]["vars"] == ["__ASK_RETVAL"]:
        return any(b["__ASK_RETVAL"]["value"] not in ("0", "false") for b in doc["results"]["bindings"])
    raise ValueError("no boolean")


def _by_graph(quads: list[ox.Quad]) -> dict[str, list[ox.Triple]]:
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    return graphs


class RemoteStore:
    """A SPARQL 1.1 endpoint reached over HTTP(S)."""

    def __init__(self, url: str, timeout: float | None = None):
        self.name = url
        self.endpoints = endpoints(url)
        self.timeout = default_timeout() if timeout is None else timeout
        self._graphs: list[str] | None = None

    def _request(self, url: str, body: bytes | None, content_type: str, accept: str, method: str = "POST",
                 query: bool = False) -> tuple[str, bytes]:
        """Send ``body``; the response's media type and bytes, all within ``timeout``, or a one-line StoreError.

        The deadline bounds the whole exchange, not each read: a server that trickles
        its answer byte by byte is given up on as one that says nothing.
        """
        headers = {"Accept": accept} | ({"Content-Type": content_type} if body is not None else {})
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        late = deadline.late_query(self.name, self.timeout) if query else self._no_answer
        return deadline.run(lambda cancelled: self._exchange(request, cancelled, query, late), self.timeout, late)

    def _no_answer(self) -> StoreError:
        return StoreError(
            f"store {self.name}: no answer within {self.timeout:g} s; raise {named('timeout')} or KG_STORE_TIMEOUT", param="timeout")

    def _exchange(self, request: urllib.request.Request, cancelled, query: bool, late) -> tuple[str, bytes]:
        try:
            with urllib.request.urlopen(request, timeout=min(self.timeout, deadline.LONGEST)) as response:
                media = response.headers.get_content_type()
                blocks = []
                while block := response.read1(65536):
                    if cancelled.is_set():
                        raise deadline.Cancelled
                    blocks.append(block)
                return media, b"".join(blocks)
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())[:200]
            reason = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
            if exc.code == 400 and query:
                raise UsageError(f"store {self.name} rejected the query ({reason})") from None
            raise StoreError(f"store {self.name}: {request.full_url} answered {reason}") from None
        except TimeoutError:  # a read that waited the whole deadline: the same message as the deadline's
            raise late() from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise late() from None
            reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
            raise StoreError(f"store {self.name}: cannot reach the server ({reason}); is it running at this address?") from None
        except (http.client.HTTPException, OSError) as exc:
            raise StoreError(f"store {self.name}: the connection failed ({exc or type(exc).__name__}); try again") from None

    def _not_sparql(self, media: str, why: str = "") -> StoreError:
        return StoreError(
            f"store {self.name}: answered {media}{why}, not SPARQL results; give the URL of a SPARQL endpoint"
        )

    def _post_query(self, text: str, dataset: list[str], internal: bool = False,
                    default: list[str] | None = None) -> QueryResult:
        """POST a query; ``internal`` for kg's own questions (its graphs, a load's mark), whose errors are the store's."""
        form = sparql.query_form(text)
        fields = [("query", text)]
        fields += [("default-graph-uri", g) for g in (dataset if default is None else default)]
        fields += [("named-graph-uri", g) for g in dataset]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        accept = _RESULTS_JSON if form in ("SELECT", "ASK") else "application/n-triples"
        media, data = self._request(self.endpoints.query, body, "application/x-www-form-urlencoded", accept,
                                    query=not internal)
        if form in ("SELECT", "ASK"):
            if media not in (_RESULTS_JSON, "application/json"):
                raise self._not_sparql(media)
            try:
                doc = json.loads(data)
                if form == "ASK":
                    return _boolean(doc)
                variables = list(doc["head"]["vars"])
                term = once(_json_term, key=lambda value: tuple(sorted(value.items())))
                rows = [[term(b[v]) if v in b else None for v in variables] for b in doc["results"]["bindings"]]
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise self._not_sparql(media, f" ({exc})") from None
            return SelectResult(variables, rows)
        fmt = ox.RdfFormat.from_media_type(media)
        if fmt is None:
            raise self._not_sparql(media)
        try:
            return triples_graph(ox.parse(data, format=fmt))
        except (SyntaxError, ValueError) as exc:
            raise self._not_sparql(media, f" ({exc})") from None

    def graphs(self) -> list[str]:
        """The IRIs of the graphs of kg on the server, built and imported (asked once, then remembered)."""
        if self._graphs is None:
            result = self._post_query(store_query("kg-graphs"), [], internal=True)
            if not result.rows:  # Virtuoso lists no graph for `GRAPH ?g { }`: ask by their triples
                result = self._post_query(store_query("kg-graphs-scan"), [], internal=True)
            self._graphs = [str(row[0]) for row in result.rows]
        return self._graphs

    def query(self, text: str, bindings: dict[str, Node] | None = None) -> QueryResult:
        """Run a read-only query on the endpoint within ``timeout``; SERVICE is refused before any request."""
        sparql.refuse_service(text)
        text = sparql.bind(text, bindings or {})
        graphs = self.graphs()
        if not graphs:
            raise StoreError(f"store {self.name}: holds no graph of kg; load it with 'kg load --store {self.name}'")
        # the graphs built from the seeds are the default graph, the votes only named (kg.store.dataset)
        built = [g for g in graphs if g.startswith(OWNED_GRAPHS)]
        return self._post_query(text, graphs, default=built or graphs)

    def _graph_url(self, graph: str) -> str:
        sep = "&" if "?" in self.endpoints.data else "?"
        return self.endpoints.data + sep + urllib.parse.urlencode({"graph": graph})

    def _virtuoso(self) -> bool:
        """True when the query endpoint names itself Virtuoso; its Graph Store then replaces ``endpoints``."""
        request = urllib.request.Request(self.endpoints.query + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                                         method="HEAD", headers={"Accept": _RESULTS_JSON})
        try:
            with urllib.request.urlopen(request, timeout=min(self.timeout, deadline.LONGEST)) as response:
                server = response.headers.get("Server", "")
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            return False  # the load itself then says what is wrong
        if not server.startswith("Virtuoso/"):
            return False
        base = self.endpoints.query.rsplit("/", 1)[0]
        self.endpoints = Endpoints(self.endpoints.query, self.endpoints.query, base + "/sparql-graph-crud", "")
        return True

    def load_interrupted(self) -> bool:
        """True when a load began here and did not finish."""
        return self._post_query(store_query("load-in-progress"), [], internal=True)

    def replace_graphs(self, source: Path | Dataset) -> None:
        """Write the graphs of ``source`` in place of every graph kg owns; leave other graphs alone."""
        quads = list(owned_quads(source, f"store {self.name}"))
        mark = ox.serialize([LOAD_MARK.triple], format=ox.RdfFormat.N_TRIPLES)
        per_graph = self._virtuoso()
        self._graphs = None
        self._request(self._graph_url(LOAD_MARK_GRAPH), mark, "application/n-triples", "*/*", "PUT")
        try:
            for graph in [g for g in self.graphs() if g.startswith(OWNED_GRAPHS)]:
                self._request(self._graph_url(graph), None, "", "*/*", "DELETE")
            if per_graph:  # a Graph Store that takes one graph at a time
                for graph, triples in _by_graph(quads).items():
                    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                    self._request(self._graph_url(graph), body, "application/n-triples", "*/*", "PUT")
            else:
                self._request(self.endpoints.bulk, ox.serialize(quads, format=ox.RdfFormat.N_QUADS),
                              "application/n-quads", "*/*")
            self._request(self._graph_url(LOAD_MARK_GRAPH), None, "", "*/*", "DELETE")
        except StoreError as exc:
            raise StoreError(f"{exc}; the load stopped halfway: run 'kg load --store {self.name}' again") from None
        finally:
            self._graphs = None

    def kept(self, name: str) -> None:
        """No answer is kept with an endpoint: every query goes to it (``kg.store.answers``)."""
        return None

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

