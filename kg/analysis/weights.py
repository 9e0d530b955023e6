"""The weights of the alignment network: the one place to change them.

The *sign* of a tie comes from the ontology (``sa:sign`` of its tie type); these
numbers only say how strongly a tie or an agreement binds two actors, on a scale
where an alliance or a sanction is 1.0. Change a number here and every view,
``kg compare`` score and ``kg clusters`` run uses it; nothing else holds weights.
"""

from __future__ import annotations

# Weight of one tie claim (or one bloc membership), by tie type notation.
TIE_WEIGHTS: dict[str, float] = {
    "ally": 1.0,
    "strategic-partner": 0.8,
    "friendly-relations": 0.5,
    "cooperation": 0.5,
    "member-of": 1.0,
    "candidate-for": 0.6,
    "dependent-on-for-energy": 0.3,
    "military-supplier-to": 0.8,
    "imposes-sanctions-on": 1.0,
    "refuses-to-recognise": 0.8,
    "hostile-to": 1.0,
    "rejects-membership-of": 0.6,
}

# A tie type missing above (a new one in the ontology) weighs this much.
DEFAULT_TIE_WEIGHT = 0.5

# Weight of agreeing (or disagreeing) fully on one shared issue; an issue on which
# two actors partly agree weighs ALIGNMENT_WEIGHT times the size of their agreement.
ALIGNMENT_WEIGHT = 0.5


def tie_weight(tie_type: str) -> float:
    """The weight of one tie of this type (its notation, e.g. ``ally``)."""
    return TIE_WEIGHTS.get(tie_type, DEFAULT_TIE_WEIGHT)


# How many distinct facts (claim groups) each side of a pair must hold on the issues
# they share before their agreement weighs in full in the clusters; the same threshold
# as the mark on thin scores in kg compare (kg.analysis.alignment.MIN_SUPPORT).
FULL_SUPPORT = 3


def support_factor(facts_a: int, facts_b: int) -> float:
    """The share of its weight a pair's issue agreement carries in the clusters: min(1, fewer facts / FULL_SUPPORT).

    A pair's agreement is worth what its less documented side stands on: a state known
    by one UN vote agrees, through the issue scheme, with everyone who said anything on
    the broader issues it implies (Crimea, Ukraine's territorial integrity, territorial
    integrity of states, the war), and one fact would otherwise bind it to them as
    strongly as a record of several. A tie is one fact the actors declare about
    each other and keeps its weight.
    """
    return min(1.0, min(facts_a, facts_b) / FULL_SUPPORT)
