"""Structural balance on textbook signed graphs with known answers."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from kg.analysis import balance


def signed(edges: list[tuple[str, str, int]]) -> nx.Graph:
    graph = nx.Graph()
    for u, v, s in edges:
        graph.add_edge(u, v, sign=s)
    return graph


# Heider's P-O-X triads: balanced when the product of the three signs is positive.
HEIDER = {
    (1, 1, 1): True,  # friends of friends are friends
    (1, -1, -1): True,  # the enemy of my friend is my enemy
    (-1, 1, -1): True,
    (-1, -1, 1): True,  # the enemy of my enemy is my friend
    (1, 1, -1): False,  # a friend's friend is my enemy
    (1, -1, 1): False,
    (-1, 1, 1): False,
    (-1, -1, -1): False,  # three mutual enemies (balanced only in Davis's weak sense)
}


@pytest.mark.parametrize("signs, balanced", sorted(HEIDER.items()))
def test_heider_triads(signs, balanced):
    graph = signed([("p", "o", signs[0]), ("o", "x", signs[1]), ("p", "x", signs[2])])
    [triad] = balance.triads(graph)
    assert triad.nodes == ("o", "p", "x")
    assert triad.balanced is balanced
    assert balance.unbalanced_triads(graph) == ([] if balanced else [triad])
    assert balance.is_balanced(graph) is balanced  # for a triangle, Harary agrees with Heider


def test_two_camps_are_balanced_and_found():
    # Harary's structure theorem: positive inside {a, b, c} and {d, e}, negative between
    camp_one, camp_two = {"a", "b", "c"}, {"d", "e"}
    edges = [(u, v, 1 if ({u, v} <= camp_one or {u, v} <= camp_two) else -1)
             for u, v in itertools.combinations("abcde", 2)]
    graph = signed(edges)
    assert len(balance.triads(graph)) == 10
    assert balance.unbalanced_triads(graph) == []
    assert balance.balance_ratio(graph) == 1.0
    assert balance.camps(graph) == (camp_one, camp_two)
    assert balance.cross_pressure(graph) == []


def test_a_cycle_with_an_odd_number_of_negative_edges_is_unbalanced_without_any_triad():
    # Harary's square: a-b-c-d-a with one negative edge has no triangle, yet no two camps exist
    square = signed([("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "a", -1)])
    assert balance.triads(square) == [] and balance.balance_ratio(square) is None
    assert balance.camps(square) is None and not balance.is_balanced(square)
    square["b"]["c"]["sign"] = -1  # two negative edges: balanced, camps {a, b} and {c, d}
    assert balance.camps(square) == ({"a", "b"}, {"c", "d"})


def test_cross_pressure_ranks_nodes_by_unbalanced_triads():
    # K4 with a single negative edge a-b: the triads abc and abd are unbalanced, acd and bcd are not
    edges = [(u, v, -1 if {u, v} == {"a", "b"} else 1) for u, v in itertools.combinations("abcd", 2)]
    graph = signed(edges)
    assert [t.nodes for t in balance.unbalanced_triads(graph)] == [("a", "b", "c"), ("a", "b", "d")]
    assert balance.balance_ratio(graph) == 0.5
    assert balance.cross_pressure(graph) == [("a", 2, 3), ("b", 2, 3), ("c", 1, 3), ("d", 1, 3)]


def test_all_enemies_k4_has_every_triad_unbalanced():
    graph = signed([(u, v, -1) for u, v in itertools.combinations("abcd", 2)])
    assert len(balance.unbalanced_triads(graph)) == 4
    assert balance.balance_ratio(graph) == 0.0
    assert not balance.is_balanced(graph)
