"""UN votes as N-Quads, written straight to text for speed (a million votes make ~7M quads).

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
- each vote as an ``sa:Action`` of action type ``sa:VoteAction`` with its actor,
  resolution, choice and stance: six triples a vote, the fewest that say it (the
  bulk load is most of an import's time). Its source is the named graph it stands
  in, which ``prov:wasDerivedFrom`` the dataset. The stance is the
  reference resolution's ``yesStance`` for a yes (its opposite for a no) and
  supports / opposes the resolution itself otherwise; an abstention is neutral and
  an absence has no stance (its choice ``sa:Absent`` keeps it apart).
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
_OPPOSITE = {str(SA.Supports): SA.Opposes, str(SA.Opposes): SA.Supports}


def dataset_iri(name: str):
    return ID[f"dataset/{name}"]


def tag_iri(tag: str):
    return ID[f"unga-issue/{tag}"]


def _iri(term) -> str:
    return f"<{term}>"


def _literal(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"^^<{datatype}>' if datatype else f'"{escaped}"'


def safe_symbol(symbol: str) -> str:
    """A resolution symbol as it may stand in an IRI (A/RES/74/17 is unchanged)."""
    return quote(symbol, safe="/-._~()")


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
            iris.append(str(resolution_iri(safe_symbol(call.symbol))))
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
    yes_stance: list[tuple[str | None, str | None]] = []  # per roll call: (issue IRI, stance IRI of a yes)
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
        ref = resolutions.get(call.symbol or "") if iris[i] == str(resolution_iri(safe_symbol(call.symbol or "-"))) else None
        if ref is not None and ref.organ == "unga":
            yes_stance.append((issue_iris[ref.issue], stances[ref.yes_stance]))
            add(node + f" <{SA.issue}> " + _iri(issue_iris[ref.issue]) + g)
            add(node + f" <{SA.yesStance}> " + _iri(stances[ref.yes_stance]) + g)
        else:
            yes_stance.append((None, None))
    yield "".join(out).encode("utf-8")
    out.clear()

    actor_nodes = [_iri(actor_iri(c.actor_id)) for c in table.actors]
    actor_ids = [quote(c.actor_id, safe="") for c in table.actors]
    vote_base = str(ID[f"vote/{table.dataset}/"])
    call_keys = [quote(c.key, safe="") for c in table.rollcalls]
    call_nodes = [_iri(iri) for iri in iris]
    choice = {k: _iri(v) for k, v in _CHOICE.items()}
    plain = {YES: _iri(SA.Supports), NO: _iri(SA.Opposes), ABSTAIN: _iri(SA.Neutral)}
    p_type, p_atype = f" {RDF_TYPE} <{SA.Action}>", f" <{SA.actionType}> <{SA.VoteAction}>"
    p_actor, p_res, p_choice = f" <{SA.actor}> ", f" <{SA.onResolution}> ", f" <{SA.voteChoice}> "
    p_stance, p_issue = f" <{SA.stance}> ", f" <{SA.issue}> "
    for n, (r, c, v) in enumerate(zip(table.rows.tolist(), table.cols.tolist(), table.choices.tolist())):
        vote = f"<{vote_base}{call_keys[r]}/{actor_ids[c]}>"
        add(vote + p_type + g)
        add(vote + p_atype + g)
        add(vote + p_actor + actor_nodes[c] + g)
        add(vote + p_res + call_nodes[r] + g)
        add(vote + p_choice + choice[v] + g)
        issue, stance = yes_stance[r]
        if issue is not None:
            add(vote + p_issue + _iri(issue) + g)
            if v == YES:
                add(vote + p_stance + _iri(stance) + g)
            elif v == NO:
                add(vote + p_stance + _iri(_OPPOSITE.get(stance, SA.Neutral)) + g)
            elif v == ABSTAIN:
                add(vote + p_stance + plain[ABSTAIN] + g)
        elif v in plain:
            add(vote + p_stance + plain[v] + g)
        if n % block == block - 1:
            yield "".join(out).encode("utf-8")
            out.clear()
    if out:
        yield "".join(out).encode("utf-8")
