"""Matching a sentence to the issues of the scheme: TF-IDF over their notations, labels and definitions.

Each issue is a small document (its notation, label, alternative labels and
definition, and the same of its broader issue at half weight); a sentence scores
against each by the cosine of their TF-IDF vectors. Words are stemmed crudely
(plural and verb endings) so that "sanctioning" meets "sanctions".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg.terms.ontology import Issue

_STOP = set("""
a an the of in on at to for from by with and or as is are was were be been its it their his her this that these those
which who whom what when where how not no any all some such other than into over under about against between among
after before during since until while also has have had will would shall should can could may might must do does did
so such part being own whole more most
resolution resolutions vote votes voted voting draft
""".split())  # the last line: what every report of a vote says, whatever it is about
# Stems of stance verbs: they say how an actor stands, not on what ("condemned the massacre")
_STANCE_STEMS = {"condemn", "denounc", "welcom", "urg", "reject", "prais", "criticis", "criticiz", "deplor"}


def stem(word: str) -> str:
    """A crude English stem: enough for "sanctions", "sanctioning" and "sanctioned" to meet."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


# Words news prose uses for what the scheme names otherwise: each also counts as the scheme's word.
SYNONYMS = {
    "conflict": "war", "aggression": "war", "fighting": "war", "hostility": "war", "hostilities": "war",
    "invad": "invasion", "invade": "invasion", "offensive": "war", "annex": "annexation", "annexed": "annexation",
    "occupy": "occupation", "occupied": "occupation", "penalty": "sanction", "penalties": "sanction",
    "embargo": "sanction", "weapon": "arms", "munition": "ammunition", "shell": "ammunition", "bloc": "alliance",
    "accession": "membership", "join": "member", "recognise": "recognize", "recognised": "recognize",
    "froze": "sanction", "frozen": "sanction", "freeze": "sanction", "freez": "sanction",  # assets frozen under sanctions
    "junta": "government", "regime": "government",  # a military government
    # a war ended by talks: "a diplomatic solution", "willing to negotiate"
    "diplomatic": "dialogue", "diplomacy": "dialogue",
    "negotiate": "negotiation", "negotiating": "negotiation", "negotiations": "negotiation",
}


def tokens(text: str) -> list[str]:
    """The stems of a text's words, without stop words, each followed by the scheme's word for it if it differs."""
    out = []
    for word in re.findall(r"[A-Za-zÀ-ž]+", text):
        if word.lower() in _STOP or len(word) < 2:
            continue
        if stem(word) in _STANCE_STEMS:
            continue
        out.append(stem(word))
        synonym = SYNONYMS.get(word.lower()) or SYNONYMS.get(out[-1])
        if synonym:
            out.append(stem(synonym))
    return out


ABSENT_NAME = 0.6
# acts against another: "Israel's strike on …", "Sanctions against Russia", "Russia's invasion of Ukraine"
_HARM = re.compile(r"\b(?:attacks?|(?:air\s*)?strikes?|invasion|aggression|war\s+(?:on|against)|sanctions|bombing|offensive|assault|"
                   r"occupation|annexation|blockade|embargo|measures\s+against)\b", re.I)
TOPIC_WEIGHT = 0.3  # what the article is about, against what the sentence says, in the order of the issues
NEAR = 0.7  # ... among the issues the sentence matches at least this share of its best match
# an issue the workspace adds to the shipped scheme, against a shipped one, in the order of the issues: an analyst adds
# the issues their articles are about ("the EU's 14th package of sanctions" over "Western measures against Russia")
OWN_WEIGHT = 1.2
NAME_WEIGHT = 0.4  # an actor's name in a sentence, against the other words, in matching it to an issue
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
           "december"}


def _names(label: str) -> set[str]:
    """The first letters (four) of the proper names in an issue's label: capitalised past its first word, or "X's"."""
    words = re.findall(r"[\w+]+(?:['’]s)?", label)
    found = {w for i, w in enumerate(words) if w[:1].isupper() and len(w) > 1 and w.lower() not in _MONTHS
             and (i > 0 or w.isupper() or w.endswith(("'s", "’s")))}
    return {w.lower().removesuffix("'s").removesuffix("’s")[:4] for w in found}


@dataclass(frozen=True)
class Match:
    notation: str
    score: float


class IssueIndex:
    """The issues of a scheme as TF-IDF vectors, to rank them against a sentence."""

    def __init__(self, issues: dict[str, Issue], graph: Graph, own: set[str] | frozenset[str] = frozenset()):
        docs: dict[str, Counter] = {}
        for notation, issue in issues.items():
            docs[notation] = Counter(tokens(self._text(issue.iri, graph, notation)))
        for notation, issue in issues.items():
            for broader in issue.broader:
                if broader in issues:
                    for word, n in Counter(tokens(self._text(issues[broader].iri, graph, broader))).items():
                        docs[notation][word] += n * 0.5
        total = len(docs) or 1
        df = Counter(word for doc in docs.values() for word in doc)
        self.idf = {word: math.log((1 + total) / (1 + n)) + 1 for word, n in df.items()}
        self.vectors = {notation: self._unit({w: (1 + math.log(n)) * self.idf[w] for w, n in doc.items() if n > 0})
                        for notation, doc in docs.items()}
        self.words = {notation: " ".join([notation, issues[notation].label]) for notation in issues}
        self.names = {notation: _names(issue.label) for notation, issue in issues.items()}
        self.labels = {notation: issue.label for notation, issue in issues.items()}
        self.definitions = {notation: " ".join(str(o) for o in graph.objects(issue.iri, SKOS.definition)) for notation, issue in issues.items()}
        self.broader = {notation: set(issue.broader) for notation, issue in issues.items()}
        self.own = set(own)  # the issues the workspace adds to the shipped scheme

    def against(self, name: str) -> str | None:
        """The broadest issue whose label is of measures against ``name`` ("Western measures against Russia"), or None."""
        pattern = re.compile(r"\bagainst\s+(?:the\s+)?" + re.escape(name.lower()) + r"\b")
        found = {n for n, label in self.labels.items() if pattern.search(label.lower())}
        top = sorted(n for n in found if not self.broader[n] & found)
        return top[0] if top else None

    def harms(self, notation: str, name: str) -> bool:
        """Whether the issue is an act against ``name``: its label or definition names an attack, a strike, an invasion,
        sanctions … and then, soon after, the actor ("Israel's strike on Hamas's offices in Doha, the capital of Qatar")."""
        key = name.lower()
        for words in (self.labels[notation], self.definitions[notation]):
            act = _HARM.search(words)
            if act is not None and key not in words[:act.start()].lower() and key in words[act.end():act.end() + 120].lower():
                return True
        return False

    @staticmethod
    def _text(iri: URIRef, graph: Graph, notation: str) -> str:
        parts = [notation.replace("-", " ")]
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.definition, SKOS.hiddenLabel):
            parts += [str(o) for o in graph.objects(iri, predicate)]
        return " ".join(parts)

    @staticmethod
    def _unit(vector: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {w: v / norm for w, v in vector.items()}

    def _vector(self, text: str) -> dict[str, float]:
        """The unit TF-IDF vector of a text's words."""
        return self._unit({w: (1 + math.log(n)) * self.idf[w] for w, n in Counter(tokens(text)).items() if w in self.idf})

    def _cosines(self, query: dict[str, float]) -> dict[str, float]:
        """Each issue's cosine with a unit vector."""
        return {n: sum(v * query.get(w, 0.0) for w, v in vec.items()) for n, vec in self.vectors.items()}

    def topic(self, text: str) -> dict[str, float]:
        """How much each issue is what ``text`` (an article's title and lead) is about: its cosine score, above zero."""
        return {n: round(s, 3) for n, s in self._cosines(self._vector(text)).items() if s > 0}

    def rank(self, text: str, limit: int = 3, sentence: str | None = None, names: str = "",
             topic: dict[str, float] | None = None) -> list[Match]:
        """The issues most like ``text``, best first (ties by notation), with cosine scores above zero.

        An issue whose label names a place or party ("Sanctions against Iran …", "Serbia's
        accession to the EU") ranks at ``ABSENT_NAME`` of its score where ``sentence`` (default
        ``text``) names none of them: a sentence about Hungary's energy is not about Iran's drones.
        The score given is the match itself. In the order the words of ``names`` (the actors the sentence names)
        count at ``NAME_WEIGHT``: who speaks is seldom what about ("Iran said sanctions on Russia" is not about Iran's).
        The article's ``topic`` (``IssueIndex.topic`` of its title and lead) adds ``TOPIC_WEIGHT`` of its score to the
        order of the issues the sentence matches at ``NEAR`` of its best or more: of two issues a sentence matches
        alike, the one the article is about. An issue the workspace adds (``own``) counts ``OWN_WEIGHT`` times as much
        in the order. The sentence's own best match stays among those returned.
        """
        named = set(tokens(names))
        full = self._vector(text)
        query = self._unit({w: v * (NAME_WEIGHT if w in named else 1.0) for w, v in full.items()})
        here = {w[:4] for w in re.findall(r"[A-Za-zÀ-ž]+", (sentence if sentence is not None else text).lower())}
        scores = {n: round(s, 3) for n, s in self._cosines(full).items()}
        # the order reads the names at their weight; the score given stays the whole sentence's match
        ordered = self._cosines(query)
        weight = {n: (1.0 if not self.names[n] or self.names[n] & here else ABSENT_NAME) * (OWN_WEIGHT if n in self.own else 1.0)
                  for n in scores}
        topic = topic or {}
        matched = [n for n, score in scores.items() if score > 0]
        top = max((ordered[n] * weight[n] for n in matched), default=0.0)
        # the article's topic decides between the issues the sentence matches nearly as well as its best only
        near = {n for n in matched if ordered[n] * weight[n] >= NEAR * top}
        ranked = sorted(matched, key=lambda n: (n not in near,
                                                -(ordered[n] * weight[n] + TOPIC_WEIGHT * topic.get(n, 0.0) * (n in near)), n))
        chosen = ranked[:limit]
        best = max(ranked, key=lambda n: (scores[n], n), default=None)
        if best is not None and best not in chosen:  # the sentence's own best match stays among the others
            chosen.append(best)
        return [Match(n, scores[n]) for n in chosen]
