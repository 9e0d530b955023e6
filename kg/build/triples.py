"""Turning records into triples: one named graph per source document.

The reference data (actors, posts, memberships, resolutions) goes into the graph
``id:graph/reference`` and the ontology into ``id:graph/ontology``. Every IRI is
minted from ids, so building twice gives the same graph.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.terms.ontology import Vocabulary
from kg.build.records import Claim, CuratedContradiction, Document, Seeds
from kg.build.reference import Reference
from kg.terms.vocab import (
    ID,
    ORG,
    PREFIXES,
    SA,
    TIME,
    WD,
    actor_iri,
    claim_iri,
    document_iri,
    graph_iri,
    resolution_iri,
)

REFERENCE_GRAPH = graph_iri("reference")
ONTOLOGY_GRAPH = graph_iri("ontology")
DERIVED_GRAPH = graph_iri("derived")

_CLASS = {"state": SA.State, "bloc": SA.Bloc, "entity": SA.SubStateEntity, "official": SA.Official,
          "other": SA.NonStateActor}
_ROLE = {"member": SA.MemberRole, "candidate": SA.CandidateRole}
REFERENCE_DOCUMENT = document_iri("reference")


def new_dataset() -> Dataset:
    dataset = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    return dataset


def _date(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _period(graph: Graph, node: URIRef, start, end) -> URIRef:
    """An OWL-Time interval with its beginning and (if any) end instants."""
    interval = URIRef(f"{node}/period")
    graph.add((interval, RDF.type, TIME.Interval))
    for prop, day, suffix in ((TIME.hasBeginning, start, "start"), (TIME.hasEnd, end, "end")):
        if day is not None:
            instant = URIRef(f"{interval}/{suffix}")
            graph.add((interval, prop, instant))
            graph.add((instant, RDF.type, TIME.Instant))
            graph.add((instant, TIME.inXSDDate, _date(day)))
    return interval


def add_reference(dataset: Dataset, reference: Reference, vocab: Vocabulary) -> None:
    graph = dataset.graph(REFERENCE_GRAPH)
    doc = REFERENCE_DOCUMENT
    graph.add((doc, RDF.type, SA.SourceDocument))
    graph.add((doc, DCTERMS.title, Literal(reference.citations.get("actors", "Reference data"))))
    for actor in reference.actors.values():
        node = actor_iri(actor.id)
        graph.add((node, RDF.type, _CLASS[actor.category]))
        graph.add((node, RDFS.label, Literal(actor.name)))
        graph.add((node, SKOS.prefLabel, Literal(actor.name)))
        graph.add((node, PROV.wasDerivedFrom, doc))
        if actor.iso:
            graph.add((node, SA.isoCode, Literal(actor.iso)))
        if actor.iso3:
            graph.add((node, SA.iso3Code, Literal(actor.iso3)))
        if actor.wikidata:
            graph.add((node, SA.wikidata, WD[actor.wikidata]))
        if actor.kind:
            graph.add((node, SA.actorKind, Literal(actor.kind)))
        if actor.acts_for:
            graph.add((node, PROV.actedOnBehalfOf, actor_iri(actor.acts_for)))
        if actor.part_of:
            graph.add((node, SA.partOf, actor_iri(actor.part_of)))
        for name in actor.predecessors:
            graph.add((node, SA.predecessorName, Literal(name)))
        for n, post in enumerate(actor.posts, start=1):
            membership = ID[f"post/{actor.id}/{n}"]
            role = ID[f"role/{post.role.lower().replace(' ', '-')}"]
            graph.add((membership, RDF.type, ORG.Membership))
            graph.add((membership, ORG.member, node))
            graph.add((membership, ORG.organization, actor_iri(post.organisation)))
            graph.add((membership, ORG.role, role))
            graph.add((membership, ORG.memberDuring, _period(graph, membership, post.start, post.end)))
            graph.add((role, RDF.type, ORG.Role))
            graph.add((role, RDFS.label, Literal(post.role)))
    for alias, actor_id in reference.aliases.items():
        graph.add((actor_iri(actor_id), SKOS.hiddenLabel, Literal(alias)))
    for m in reference.memberships:
        membership = ID[f"membership/{m.organisation}/{m.role}/{m.member}"]
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, ORG.member, actor_iri(m.member)))
        graph.add((membership, ORG.organization, actor_iri(m.organisation)))
        graph.add((membership, ORG.role, _ROLE[m.role]))
        graph.add((membership, ORG.memberDuring, _period(graph, membership, m.start, m.end)))
        graph.add((membership, PROV.wasDerivedFrom, doc))
        if m.source:
            graph.add((membership, DCTERMS.source, Literal(m.source)))
    for res in reference.resolutions.values():
        node = resolution_iri(res.symbol)
        graph.add((node, RDF.type, SA.Resolution))
        graph.add((node, DCTERMS.identifier, Literal(res.symbol)))
        graph.add((node, DCTERMS.title, Literal(res.title)))
        graph.add((node, RDFS.label, Literal(res.symbol)))
        graph.add((node, DCTERMS.date, _date(res.date)))
        graph.add((node, SA.votedIn, actor_iri(res.organ)))
        graph.add((node, SA.issue, vocab.issues[res.issue].iri))
        graph.add((node, SA.yesStance, vocab.stances[res.yes_stance]))
        graph.add((node, DCTERMS.source, Literal(res.source)))
        graph.add((node, PROV.wasDerivedFrom, doc))
        if res.session is not None and res.session.regular:  # the symbol names an emergency special session
            graph.add((node, SA.session, Literal(res.session.number)))


def add_ontology(dataset: Dataset, ontology: Graph) -> None:
    graph = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology:
        graph.add(triple)


def _add_document(graph: Graph, doc: Document, vocab: Vocabulary) -> None:
    node = document_iri(doc.stem)
    graph.add((node, RDF.type, SA.SourceDocument))
    graph.add((node, DCTERMS.title, Literal(doc.title)))
    graph.add((node, DCTERMS.identifier, Literal(doc.path.name)))
    graph.add((node, DCTERMS.date, _date(doc.date)))
    graph.add((node, SA.dateBasis, vocab.date_bases[doc.date_basis]))
    if doc.date_note:
        graph.add((node, SA.dateNote, Literal(" ".join(str(doc.date_note).split()))))
    graph.add((node, SA.text, Literal(doc.text)))
    graph.add((node, SA.sha256, Literal(doc.sha256)))
    if doc.url:  # the web page the text was taken from: what the document is derived from
        graph.add((node, DCTERMS.source, URIRef(doc.url)))


_CLAIM_CLASS = {"tie": SA.Tie, "agreement": SA.Agreement, "report": SA.Report}


def _add_claim(graph: Graph, claim: Claim, doc: Document, vocab: Vocabulary) -> None:
    node = claim_iri(claim.document, claim.id)
    doc_node = document_iri(doc.stem)
    if claim.type == "position":
        graph.add((node, RDF.type, SA.Statement if claim.kind == "statement" else SA.Action))
    else:
        graph.add((node, RDF.type, _CLAIM_CLASS[claim.type]))
    graph.add((node, DCTERMS.identifier, Literal(claim.id)))
    graph.add((node, DCTERMS.source, doc_node))
    graph.add((node, PROV.wasDerivedFrom, doc_node))
    if claim.date is not None:
        graph.add((node, SA.date, _date(claim.date.start)))
        graph.add((node, SA.datePrecision, Literal(claim.date.precision)))
        graph.add((node, SA.dateBasis, SA.DateInferred if claim.date_note else SA.DateStated))
    else:
        graph.add((node, SA.date, _date(doc.date)))
        graph.add((node, SA.datePrecision, Literal("day")))
        graph.add((node, SA.dateBasis, SA.DateOfDocument))
    if claim.date_note:
        graph.add((node, SA.dateNote, Literal(" ".join(str(claim.date_note).split()))))
    if claim.note:
        graph.add((node, SA.curatorNote, Literal(" ".join(str(claim.note).split()))))
    if claim.evidence is not None:
        ev = URIRef(f"{node}/evidence")
        graph.add((node, SA.evidence, ev))
        graph.add((ev, RDF.type, SA.Evidence))
        graph.add((ev, SA.quote, Literal(claim.evidence.quote)))
        graph.add((ev, SA.startOffset, Literal(claim.evidence.start)))
        graph.add((ev, SA.endOffset, Literal(claim.evidence.end)))
        graph.add((ev, PROV.wasQuotedFrom, doc_node))
    for prop, value in ((SA.actor, claim.actor), (SA.speaker, claim.speaker), (SA.target, claim.target), (SA.claimant, claim.claimant)):
        if value:
            graph.add((node, prop, actor_iri(value)))
    if claim.issue:
        graph.add((node, SA.issue, vocab.issues[claim.issue].iri))
    if claim.stance:
        graph.add((node, SA.stance, vocab.stances[claim.stance]))
    if claim.action:
        graph.add((node, SA.actionType, vocab.action_types[claim.action]))
    if claim.resolution:
        graph.add((node, SA.onResolution, resolution_iri(claim.resolution)))
    if claim.vote:
        graph.add((node, SA.voteChoice, vocab.vote_choices[claim.vote]))
    if claim.tie:
        graph.add((node, SA.tieType, vocab.tie_types[claim.tie]))
    if claim.title:
        graph.add((node, DCTERMS.title, Literal(claim.title)))
    for party in claim.parties:
        graph.add((node, SA.party, actor_iri(party)))
    if claim.status:
        graph.add((node, SA.agreementStatus, vocab.agreement_statuses[claim.status]))
    if claim.about:
        stem, about_id = claim.about.split("/", 1)
        graph.add((node, SA.about, claim_iri(stem, about_id)))
    if claim.asserts:
        graph.add((node, SA.assertedValue, Literal(str(claim.asserts))))


def _add_contradiction(graph: Graph, item: CuratedContradiction, vocab: Vocabulary, claims: dict[str, Claim]) -> None:
    node = ID[f"contradiction/{item.document}/{item.id}"]
    graph.add((node, RDF.type, SA.Contradiction))
    graph.add((node, SA.contradictionType, vocab.contradiction_types[item.type]))
    graph.add((node, SA.curated, Literal(True)))
    graph.add((node, DCTERMS.source, document_iri(item.document)))
    if item.note:
        graph.add((node, RDFS.comment, Literal(" ".join(str(item.note).split()))))
    for ref in item.claims:
        stem, claim_id = ref.split("/", 1)
        graph.add((node, SA.claim, claim_iri(stem, claim_id)))
        claim = claims[ref]
        for actor in (claim.actor, claim.claimant, *claim.parties):
            if actor:
                graph.add((node, SA.involves, actor_iri(actor)))


def build_dataset(seeds: Seeds, reference: Reference, vocab: Vocabulary, ontology: Graph) -> Dataset:
    """The whole graph of a seeds folder: ontology, reference data and one graph per document."""
    dataset = new_dataset()
    add_ontology(dataset, ontology)
    add_reference(dataset, reference, vocab)
    by_document: dict[str, list[Claim]] = {doc.stem: [] for doc in seeds.documents}
    for claim in seeds.claims:
        by_document[claim.document].append(claim)
    for doc in seeds.documents:
        add_document(dataset, doc, by_document[doc.stem], vocab)
    add_contradictions(dataset, seeds, vocab)
    return dataset


def add_document(dataset: Dataset, doc: Document, claims: list[Claim], vocab: Vocabulary) -> None:
    """The graph of one document: the document and its claims (its curated contradictions are added apart)."""
    graph = dataset.graph(graph_iri(doc.stem))
    _add_document(graph, doc, vocab)
    for claim in claims:
        _add_claim(graph, claim, doc, vocab)


def add_contradictions(dataset: Dataset, seeds: Seeds, vocab: Vocabulary) -> None:
    """The curated contradictions, each in its document's graph (they may name claims of other documents)."""
    claims = {f"{c.document}/{c.id}": c for c in seeds.claims}
    for item in seeds.contradictions:
        _add_contradiction(dataset.graph(graph_iri(item.document)), item, vocab, claims)

