"""The alignment network: actors as nodes, signed and weighted edges with their evidence.

A pure function of the graph: ``view(store)`` reads it only through the queries
``lookup/actor-names``, ``analysis/ties``, ``analysis/positions`` and ``analysis/issues``
and returns a new NetworkX graph; nothing is cached or written. The weights live in
``kg.weights``; the reading of positions as stances on issues in ``kg.stances``.
``inputs(store)`` reads those once and ``build(inputs, as_of, …)`` makes the view of
any day from them, for a reader that wants many days (the page's date slider).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from kg.analysis import groups, stances, weights
from kg.analysis import ties as tie_view
from kg.catalogue import run as query
from kg.terms.dates import counts_by, known_from
from kg.terms.names import Roster

if TYPE_CHECKING:  # networkx is imported inside the functions, so that `kg --help` stays fast
    import networkx as nx


@dataclass
class Inputs:
    """What the network is built from, read from a store once: actors, issues, positions and ties."""

    actors: Roster
    scheme: stances.Scheme
    positions: list[stances.Position]  # every position, by date and claim
    ties: list[dict]  # every claimed tie and membership; "end" is None unless a membership ended
    _held: dict = field(default_factory=dict, repr=False)  # stances by (kind, the claims they hold)
    _aligned: dict = field(default_factory=dict, repr=False)
    _evidence: dict = field(default_factory=dict, repr=False)  # claim -> its evidence, as every alignment shows it
    _known: list = field(default_factory=list, repr=False)  # (the day each position counts from, position)
    _implied: dict = field(default_factory=dict, repr=False)  # claim -> what the position implies
    _tie_known: list = field(default_factory=list, repr=False)  # (the day each tie counts from, tie)
    _tied: dict = field(default_factory=dict, repr=False)  # claim groups by the ties they are made of

    def stances(self, day: str | None, kind: str | None) -> stances.Stances:
        """The stances read from the positions of ``kind`` dated up to ``day`` (all when None)."""
        if len(self._known) != len(self.positions):  # a reader of many days: each position's day, once
            self._known = [(known_from(p.date, p.precision, p.reported), p) for p in self.positions]
        held = [p for known, p in self._known if (kind is None or p.kind == kind) and (day is None or known <= day)]
        key = (kind, tuple(p.claim for p in held))  # days that count the same positions share their stances
        if key not in self._held:
            self._held[key] = stances.from_positions(self.scheme, held, self._implied)
        return self._held[key]

    def ties_in_force(self, day: str | None) -> list[groups.Group]:
        """The claim groups of the ties in force on ``day`` (today when None), as ``in_force`` counts them."""
        if len(self._tie_known) != len(self.ties):  # a reader of many days: each tie's day, once
            self._tie_known = [(known_from(t["date"], t["precision"], t.get("reported")), t) for t in self.ties]
        if day is None:
            held = [t for _, t in self._tie_known if t["end"] is None]
        else:
            held = [t for known, t in self._tie_known if known <= day and (t["end"] is None or t["end"] > day)]
        key = tuple(t["claim"] for t in held)  # the ties do not depend on the kind or issue a view is made of
        if key not in self._tied:
            self._tied[key] = groups.group(held, groups.of_tie)
        return self._tied[key]


def inputs(store) -> Inputs:
    """Read what the network is built from."""
    return Inputs(query.roster(store), stances.scheme(store), stances.positions(store), tie_view.read(store))


def voiced_by(data: Inputs, official: str, state: str) -> Inputs:
    """The inputs with ``state``'s positions and ties narrowed to those ``official`` (an IRI) voiced.

    Every other actor keeps all its claims (a tie is its actor's claim), so that the
    state, as the official speaks for it, is compared with the others as they are;
    the state's memberships (from the register, voiced by no one) and ties to or from
    the official himself (a sanction on him, a medal) stay.
    """
    name = data.actors.label(official)
    positions = [p for p in data.positions if p.actor != state or p.speaker == name]
    ties = [t for t in data.ties if t["actor"] != state or t.get("speaker") == name or t.get("quote") is None
            or official in (t["actor"], t["target"])]
    return Inputs(data.actors, data.scheme, positions, ties)


def in_force(tie: dict, day: str | None) -> bool:
    """A claimed tie counts from its date on; a membership while it is in force (today, without a day)."""
    if day is None:
        return tie["end"] is None
    return counts_by(tie["date"], tie["precision"], day, tie.get("reported")) and (tie["end"] is None or tie["end"] > day)


def tie_evidence(row: dict) -> dict:
    """The evidence of a tie row of ``analysis/ties.rq``, as every view shows it."""
    return stances.evidence(row["quote"], row["source"], stances.shown_date(row["date"], row["precision"]),
                            row["claim"], row["speaker"], row["basis"])


def _add_node(graph, actors: Roster, iri: str) -> None:
    if iri in graph:
        return
    actor = actors.actors.get(iri)
    attrs = {"label": actors.label(iri), "type": actor.type if actor else "other"}
    if actor and actor.iso:
        attrs["iso"] = actor.iso
    graph.add_node(iri, **attrs)


def _relation(value: float, label: str) -> str:
    if value == 1:
        return f"agrees on {label}"
    if value == -1:
        return f"disagrees on {label}"
    return f"{'mostly agrees' if value > 0 else 'mostly disagrees'} on {label}"


def view(store, as_of=None, issues: Iterable[str] | None = None, kind: str | None = None) -> "nx.MultiDiGraph":
    """The signed alignment network of the graph in ``store``, as a NetworkX MultiDiGraph.

    Options: ``as_of`` (a ``datetime.date`` or ``YYYY-MM-DD``) keeps only claims dated
    on or before it and the memberships in force on it (without it: every claim and
    the memberships in force today); ``issues`` (notations or labels) keeps only the
    alignment edges on those issues and their narrower issues; ``kind``
    (``"statement"`` or ``"action"``) builds the alignment edges from that kind of
    position only. Ties are neither statements nor actions and are not about an
    issue, so ``issues`` and ``kind`` leave them in. Bad values raise ``UsageError``.

    A multigraph, because two actors are often linked several times (an alliance, a
    strategic partnership and an energy dependence are three ties with three quotes),
    and directed, because ties are: the tie runs from its actor to its target.
    Alignment is symmetric and is stored once, from the actor whose IRI sorts first;
    its edges carry ``symmetric=True``. ``signed_graph`` collapses the view into one
    undirected signed edge per pair for balance and clustering.

    Nodes are keyed by the actor's IRI (a string), with attributes:

    - ``label``: the actor's name;
    - ``type``: ``"state"``, ``"bloc"``, ``"official"`` or ``"other"``;
    - ``iso``: the ISO 3166-1 alpha-2 code, only for states that have one.

    Every actor that holds a position or is at either end of a tie is a node.

    Edges are keyed by the claim IRI for a tie and ``"alignment/<issue>"`` for an
    alignment, with attributes:

    - ``kind``: ``"tie"`` (a tie claim, or a membership or candidacy from the reference
      data) or ``"alignment"`` (agreement or disagreement on an issue);
    - ``sign``: ``+1`` or ``-1`` (ties: the tie type's ``sa:sign`` in the ontology;
      alignments: agreement or disagreement);
    - ``weight``: a positive float (ties: ``weights.tie_weight(tie)``; alignments:
      ``weights.ALIGNMENT_WEIGHT`` times the size of the agreement);
    - ``relation``: a short human label, e.g. ``"ally"`` or ``"agrees on Crimea as part
      of Ukraine"``;
    - ``tie`` (ties): the tie type's notation, e.g. ``"imposes-sanctions-on"``;
    - ``issue`` and ``agreement`` (alignments): the issue's notation and the agreement
      in [-1, 1] it rests on (see ``kg.alignment``), and ``symmetric=True``;
    - ``evidence``: a list of ``{"quote", "source", "date", "claim", "speaker",
      "date_basis"}`` dicts, the claims the edge rests on (``date`` as precisely as
      known: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``speaker`` the official who voiced
      the quote, or None; ``date_basis`` ``"document"`` when the text gives no date and
      the document's stands in). A tie reported by several documents (one claim group,
      ``kg.analysis.groups``) is one edge, keyed by its most precise claim, with every
      report as evidence (``quote`` is None for a membership from the reference data,
      whose ``source`` names the register it comes from). It is the only attribute
      that is not a string or a number: an exporter to GraphML or GEXF JSON-encodes it.

    The graph attributes ``as_of``, ``issues`` and ``kind`` record the options (empty
    strings when not given).
    """
    return build(inputs(store), as_of, issues, kind)


def build(data: Inputs, as_of=None, issues: Iterable[str] | None = None, kind: str | None = None,
          ties: bool = True, around: str | None = None) -> "nx.MultiDiGraph":
    """The view of ``view`` made from inputs read before: the same options, the same graph.

    ``ties=False`` leaves the ties out: the holders of positions and their alignment
    only, for a caller that has the ties of that day already (they do not depend on
    ``issues`` or ``kind``). ``around`` (an actor IRI): its alignment alone, all a view of
    depth 1 around it keeps (``kg.views.drawing.focus_view``); every pair took most of a page's time.
    """
    import networkx as nx

    day = stances.as_of_day(as_of)
    kind = stances.check_kind(kind)
    actors = data.actors
    limit = day.isoformat() if day else None
    stance_map = data.stances(limit, kind)
    selected = stance_map.scheme.select(list(issues) if issues else None)
    graph = nx.MultiDiGraph(
        as_of=day.isoformat() if day else "",
        issues=",".join(sorted(selected)) if selected else "",
        kind=kind or "",
    )
    for held in data.ties_in_force(limit) if ties else ():  # one fact reported by several documents is one edge
        row = held.first
        actor, target, tie = row["actor"], row["target"], row["tie"]
        _add_node(graph, actors, actor)
        _add_node(graph, actors, target)
        graph.add_edge(
            actor,
            target,
            key=row["claim"],
            kind="tie",
            sign=int(row["sign"]),
            weight=weights.tie_weight(tie),
            relation=row["tie_label"],
            tie=tie,
            evidence=[tie_evidence(r) for r in held.items],
        )
    holders = stance_map.actors()
    for iri in holders:
        _add_node(graph, actors, iri)
    for a, b, issue, value, evidence in _alignment(data, stance_map, selected, around):
        graph.add_edge(
            a,
            b,
            key=f"alignment/{issue}",
            kind="alignment",
            sign=1 if value > 0 else -1,
            weight=weights.ALIGNMENT_WEIGHT * abs(value),
            relation=_relation(value, stance_map.scheme.label(issue)),
            issue=issue,
            agreement=value,
            symmetric=True,
            evidence=evidence,  # shared by the views made from one Inputs (the page's days): read, never changed
        )
    return graph


def _alignment(data: Inputs, stance_map: stances.Stances, selected: set[str] | None,
               around: str | None = None) -> list[tuple]:
    """(a, b, issue, agreement, evidence) for every pair of holders that agree or disagree (with ``around``, every
    pair it is one of), in the order of the holders, once per set of stances."""
    key = (id(stance_map), frozenset(selected) if selected is not None else None, around)
    if key not in data._aligned:
        found = []
        holders = stance_map.actors()
        at = holders.index(around) if around in holders else None  # (None: it holds no position)
        pairs = (((a, b) for i, a in enumerate(holders) for b in holders[i + 1 :]) if around is None else
                 [] if at is None else [*((a, around) for a in holders[:at]), *((around, b) for b in holders[at + 1 :])])
        for a, b in pairs:
            for issue in stance_map.shared(a, b):
                if selected is not None and issue not in selected:
                    continue
                value = stance_map.agreement(a, b, issue)
                if value:
                    held = stance_map.current(a, issue) + stance_map.current(b, issue)
                    found.append((a, b, issue, value, [_evidence(data, p) for p in held]))
        data._aligned[key] = found
    return data._aligned[key]


def _evidence(data: Inputs, position: stances.Position) -> dict:
    """A position's evidence, made once per claim: what it implies on other issues shows the same."""
    found = data._evidence.get(position.claim)
    if found is None:
        found = data._evidence[position.claim] = position.evidence()
    return found


def signed_graph(network: "nx.MultiDiGraph", support=None) -> "nx.Graph":
    """One undirected signed edge per pair of actors: the sign of the net weight of all their edges.

    Each pair's edges add up as ``sign * weight``; a pair whose edges cancel out exactly
    gets no edge. An alignment that rests on the very claims of another alignment of
    the same pair is counted once: a position counts on its issue and on every broader
    one, and one statement on Crimea would otherwise bind two actors three times
    (Crimea, Ukraine's territorial integrity, territorial integrity of states). Edge
    attributes: ``sign`` (+1/-1), ``weight`` (the absolute net weight) and ``edges``
    (how many edges of the view it sums). Nodes keep their attributes.

    ``support(u, v)``, when given, is a factor in [0, 1] that scales the pair's
    alignment edges (not its ties): see ``weights.support_factor``.
    """
    import networkx as nx

    net: dict[tuple[str, str], list[float]] = {}
    counted: set[tuple] = set()  # (pair, the claims an alignment rests on)
    for u, v, data in network.edges(data=True):
        if u == v:
            continue
        pair = (u, v) if u < v else (v, u)
        if data.get("kind") == "alignment":
            claims = (pair, frozenset(e["claim"] for e in data["evidence"]))
            if claims in counted:
                continue
            counted.add(claims)
        total = net.setdefault(pair, [0.0, 0])
        factor = support(*pair) if support is not None and data.get("kind") == "alignment" else 1.0
        total[0] += data["sign"] * data["weight"] * factor
        total[1] += 1
    graph = nx.Graph()
    graph.add_nodes_from(network.nodes(data=True))
    for (u, v), (total, count) in sorted(net.items()):
        if abs(total) > 1e-9:
            graph.add_edge(u, v, sign=1 if total > 0 else -1, weight=abs(total), edges=count)
    return graph
