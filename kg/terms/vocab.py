"""The project's vocabulary as closed namespaces.

``SA`` lists every term of ``ontology/sa.ttl``: a misspelt term raises at once, and a
test checks that this list and the ontology agree. ``ID`` mints the IRIs of the data.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = URIRef("https://w3id.org/state-alignments/ontology")
ID = Namespace("https://w3id.org/state-alignments/id/")
ISSUE = Namespace("https://w3id.org/state-alignments/issue/")
WD = Namespace("http://www.wikidata.org/entity/")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")


class SA(DefinedNamespace):
    """Terms of the state alignments ontology."""

    _NS = Namespace("https://w3id.org/state-alignments/ontology#")
    _fail = True

    # classes and controlled values
    Absent: URIRef
    Abstain: URIRef
    Action: URIRef
    ActionType: URIRef
    Actor: URIRef
    Agreement: URIRef
    AgreementStatus: URIRef
    Ally: URIRef
    Ambivalent: URIRef
    Annexation: URIRef
    Bloc: URIRef
    CandidateFor: URIRef
    CandidateRole: URIRef
    Claim: URIRef
    Contradiction: URIRef
    ContradictionType: URIRef
    Cooperation: URIRef
    DateBasis: URIRef
    DateInferred: URIRef
    DateOfDocument: URIRef
    DateStated: URIRef
    DependentOnForEnergy: URIRef
    DiplomaticMove: URIRef
    Disputed: URIRef
    Evidence: URIRef
    EntityVsState: URIRef
    FriendlyRelations: URIRef
    Hedging: URIRef
    Hostile: URIRef
    ImposesSanctionsOn: URIRef
    IssueScheme: URIRef
    MemberOf: URIRef
    MemberRole: URIRef
    MemberVsBloc: URIRef
    MilitaryOperation: URIRef
    MilitarySupplier: URIRef
    Neutral: URIRef
    No: URIRef
    NonStateActor: URIRef
    Official: URIRef
    Opposes: URIRef
    Position: URIRef
    Principle: URIRef
    Proposed: URIRef
    Purchase: URIRef
    RecognitionDecision: URIRef
    RefusesToRecognise: URIRef
    Rejected: URIRef
    Rejects: URIRef
    Report: URIRef
    Resolution: URIRef
    ReversalOverTime: URIRef
    RhetoricVsAction: URIRef
    RivalTies: URIRef
    Rule: URIRef
    SanctionDecision: URIRef
    Signed: URIRef
    SourceDispute: URIRef
    SourceDocument: URIRef
    Stance: URIRef
    State: URIRef
    Statement: URIRef
    StrategicPartner: URIRef
    SubStateEntity: URIRef
    Supply: URIRef
    Supports: URIRef
    Tie: URIRef
    TieType: URIRef
    TieVsPosition: URIRef
    UnderDiscussion: URIRef
    Veto: URIRef
    VoteAction: URIRef
    VoteChoice: URIRef
    Yes: URIRef

    # properties
    about: URIRef
    actionType: URIRef
    actor: URIRef
    actorKind: URIRef
    agreementStatus: URIRef
    assertedValue: URIRef
    claim: URIRef
    claimant: URIRef
    contradictionType: URIRef
    counters: URIRef
    curated: URIRef
    curatorNote: URIRef
    date: URIRef
    dateBasis: URIRef
    dateNote: URIRef
    datePrecision: URIRef
    derivedBy: URIRef
    endOffset: URIRef
    evidence: URIRef
    involves: URIRef
    iso3Code: URIRef
    isoCode: URIRef
    issue: URIRef
    onResolution: URIRef
    oppositeStance: URIRef
    partOf: URIRef
    party: URIRef
    predecessorName: URIRef
    quote: URIRef
    ruleFile: URIRef
    session: URIRef
    sha256: URIRef
    sign: URIRef
    speaker: URIRef
    stance: URIRef
    startOffset: URIRef
    target: URIRef
    text: URIRef
    tieType: URIRef
    voteChoice: URIRef
    votedIn: URIRef
    wikidata: URIRef
    yesStance: URIRef


PREFIXES = {
    "sa": str(SA._NS),
    "id": str(ID),
    "issue": str(ISSUE),
    "wd": str(WD),
    "org": str(ORG),
    "time": str(TIME),
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def _segment(name: str) -> str:
    """A name as one segment of an IRI path: what may not stand there percent-encoded ("my news" gives "my%20news";
    the shipped seeds' names are unchanged)."""
    return quote(name, safe="-._~()")


def graph_iri(name: str) -> URIRef:
    """The named graph that holds one source document's triples (or 'reference', 'ontology', 'derived')."""
    return ID[f"graph/{_segment(name)}"]


def actor_iri(actor_id: str) -> URIRef:
    return ID[f"actor/{actor_id}"]


def document_iri(stem: str) -> URIRef:
    """A source document's IRI, from its file name ("articles/my news.txt" gives document/my%20news)."""
    return ID[f"document/{_segment(stem)}"]


def claim_iri(stem: str, claim_id: str) -> URIRef:
    return ID[f"claim/{_segment(stem)}/{_segment(claim_id)}"]


def resolution_iri(symbol: str) -> URIRef:
    """A resolution's IRI: its symbol, with what may not stand in an IRI percent-encoded ("S/RES/2669 (2022)" gives
    "S/RES/2669%20(2022)"; A/RES/74/17 is unchanged)."""
    return ID["resolution/" + quote(symbol, safe="/-._~()")]


def rule_iri(name: str) -> URIRef:
    return ID[f"rule/{name}"]
