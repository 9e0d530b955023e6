"""UN votes as N-Quads, written straight to text for speed (870,109 votes make 2.6 million quads).

All of a dataset goes into one named graph (``id:import/unga-voeten`` or
``id:import/unga-undl``), which an import replaces as a whole, so re-importing is
idempotent. It lies outside ``id:graph/``, the graphs built from the seeds that
``kg load`` replaces, so loading the seeds again leaves the votes alone. The graph
holds:

- the dataset (``id:dataset/<name>``, a ``prov:Entity`` with its title, citation and,
  written last, the SHA-256 of the files imported, which marks the import complete
  and ties the vote index to it);
- each roll call as an ``sa:Resolution`` with its symbol, date, session, title and
  issue tags (``dct:subject``, SKOS concepts ``id:unga-issue/<tag>``). The roll call on
  a whole resolution has the resolution's IRI (``id:resolution/A/RES/74/17``, the IRI
  the reference data uses); when a symbol has several roll calls (amendments,
  paragraphs), the last one is taken as the vote on the whole and the others get
  ``id:rollcall/<dataset>/<key>``. A resolution of the reference data keeps its issue
  and the stance a yes vote expresses.
- each vote as three triples: its actor (``sa:actor``), roll call
  (``sa:onResolution``) and choice (``sa:voteChoice``: ``sa:Yes``, ``sa:No``,
  ``sa:Abstain``, ``sa:Absent``), the fewest that say it. The rest follows from them
  and is not written: the ontology's domains make it an ``sa:Action`` (a vote,
  ``sa:VoteAction``); its issue is the roll call's ``sa:issue`` and its stance the
  roll call's ``sa:yesStance`` for a yes (its opposite for a no), supports / opposes
  the resolution itself otherwise, neutral for an abstention, none for an absence.
  Writing those too (six triples a vote) doubled the import, whose time is the
  bulk load: 56 s of CPU for 5.3 million quads, 27 s for 2.6 million. Its source is
  the named graph it stands in, which ``prov:wasDerivedFrom`` the dataset.
- the actors minted for states not in the reference data (see countries.py).
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import quote

from kg.build.records import Resolution
from kg.terms.vocab import ID, SA, actor_iri, resolution_iri
from kg.unga.sources import TAGS
from kg.unga.table import ABSENT, ABSTAIN, NO, YES, VoteTable

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

DATASETS = {
    "unga-voeten": (
        "United Nations General Assembly Voting Data (Erik Voeten, Harvard Dataverse, hdl:1902.1/12379), "
        "as repackaged by the unvotes package (dgrtwo/unvotes)",
        "Erik Voeten, \"Data and Analyses of Voting in the UN General Assembly\", Routledge Handbook of "
        "International Organization, ed. Bob Reinalda (2013); data: Harvard Dataverse, hdl:1902.1/12379",
    ),
    "unga-undl": (
        "General Assembly Voting Data, UN Dag Hammarskjöld Library (UN Digital Library record 4060887)",
        "United Nations, Dag Hammarskjöld Library, General Assembly Voting Data, UN Digital Library record 4060887",
    ),
}

_CHOICE = {YES: SA.Yes, NO: SA.No, ABSTAIN: SA.Abstain, ABSENT: SA.Absent}


def dataset_iri(name: str):
    return ID[f"dataset/{name}"]


def tag_iri(tag: str):
    return ID[f"unga-issue/{tag}"]


def _iri(term) -> str:
    return f"<{term}>"


def _literal(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"^^<{datatype}>' if datatype else f'"{escaped}"'


def stamp_quad(table: VoteTable) -> bytes:
    """The mark of a complete import: the SHA-256 of its files, written after all else."""
    g = f" <{import_graph(table.dataset)}> .\n"
    return (_iri(dataset_iri(table.dataset)) + f" <{SA.sha256}> " + _literal(table.stamp) + g).encode("utf-8")


def import_graph(dataset: str):
    """The named graph of an imported dataset: outside id:graph/, which 'kg load' replaces with the seeds."""
    return ID[f"import/{dataset}"]


def rollcall_iris(table: VoteTable) -> list[str]:
    """The IRI of each roll call: the resolution's own for the last roll call on a symbol."""
    last: dict[str, int] = {}
    for i, call in enumerate(table.rollcalls):
        if call.symbol and not call.amend and not call.para:
            last[call.symbol] = i
    iris = []
    for i, call in enumerate(table.rollcalls):
        if call.symbol and last.get(call.symbol) == i:
            iris.append(str(resolution_iri(call.symbol)))
        else:
            iris.append(str(ID[f"rollcall/{table.dataset}/{quote(call.key, safe='')}"]))
    return iris


def nquads(table: VoteTable, resolutions: dict[str, Resolution], issue_iris: dict[str, str],
           stances: dict[str, str], block: int = 20000) -> Iterator[bytes]:
    """The dataset's named graph as N-Quads, in blocks of about ``block`` votes."""
    g = f" <{import_graph(table.dataset)}> .\n"
    out: list[str] = []
    add = out.append
    ds = _iri(dataset_iri(table.dataset))
    title, citation = DATASETS[table.dataset]
    add(ds + " " + RDF_TYPE + f" <{PROV}Entity>" + g)
    add(ds + f" <{DCT}title> " + _literal(title) + g)
    add(ds + f" <{DCT}bibliographicCitation> " + _literal(citation) + g)
    add(_iri(import_graph(table.dataset)) + f" <{PROV}wasDerivedFrom> " + ds + g)
    for tag, label in TAGS.values():
        node = _iri(tag_iri(tag))
        add(node + " " + RDF_TYPE + f" <{SKOS}Concept>" + g)
        add(node + f" <{SKOS}prefLabel> " + _literal(label) + g)
        add(node + f" <{SKOS}notation> " + _literal(tag) + g)
    for country in table.actors:
        if country.minted:
            node = _iri(actor_iri(country.actor_id))
            add(node + " " + RDF_TYPE + f" <{SA.Actor}>" + g)
            add(node + " " + RDFS_LABEL + " " + _literal(country.label) + g)
            add(node + f" <{DCT}source> " + ds + g)
            if country.iso:
                add(node + f" <{SA.isoCode}> " + _literal(country.iso) + g)
            if country.iso3:
                add(node + f" <{SA.iso3Code}> " + _literal(country.iso3) + g)
    iris = rollcall_iris(table)
    organ = _iri(actor_iri("unga"))
    for i, call in enumerate(table.rollcalls):
        node = _iri(iris[i])
        add(node + " " + RDF_TYPE + f" <{SA.Resolution}>" + g)
        add(node + f" <{DCT}identifier> " + _literal(call.symbol or f"roll call {call.key}") + g)
        add(node + " " + RDFS_LABEL + " " + _literal(call.symbol or f"roll call {call.key}") + g)
        add(node + f" <{DCT}title> " + _literal(call.title or call.symbol or call.key) + g)
        add(node + f" <{DCT}date> " + _literal(call.date.isoformat(), XSD_DATE) + g)
        add(node + f" <{SA.votedIn}> " + organ + g)
        add(node + f" <{DCT}source> " + ds + g)
        if call.session is not None:
            add(node + f" <{SA.session}> " + _literal(str(call.session), XSD_INTEGER) + g)
        for tag in sorted(call.tags):
            add(node + f" <{DCT}subject> " + _iri(tag_iri(tag)) + g)
        ref = resolutions.get(call.symbol or "") if iris[i] == str(resolution_iri(call.symbol or "-")) else None
        if ref is not None and ref.organ == "unga":
            add(node + f" <{SA.issue}> " + _iri(issue_iris[ref.issue]) + g)
            add(node + f" <{SA.yesStance}> " + _iri(stances[ref.yes_stance]) + g)
    yield "".join(out).encode("utf-8")
    out.clear()

    actor_nodes = [_iri(actor_iri(c.actor_id)) for c in table.actors]
    actor_ids = [quote(c.actor_id, safe="") for c in table.actors]
    vote_base = str(ID[f"vote/{table.dataset}/"])
    call_keys = [quote(c.key, safe="") for c in table.rollcalls]
    call_nodes = [_iri(iri) for iri in iris]
    # per roll call and per actor, the text of the lines after the vote's IRI: three a vote
    on_call = [f" <{SA.onResolution}> {node}{g}" for node in call_nodes]
    by_actor = [f" <{SA.actor}> {node}{g}" for node in actor_nodes]
    choice = {k: f" <{SA.voteChoice}> {_iri(v)}{g}" for k, v in _CHOICE.items()}
    rows, cols, choices = table.rows.tolist(), table.cols.tolist(), table.choices.tolist()
    for first in range(0, len(rows), block):
        for r, c, v in zip(rows[first:first + block], cols[first:first + block], choices[first:first + block]):
            vote = f"<{vote_base}{call_keys[r]}/{actor_ids[c]}>"
            add(vote + by_actor[c] + vote + on_call[r] + vote + choice[v])
        yield "".join(out).encode("utf-8")
        out.clear()
