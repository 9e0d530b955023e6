"""The heatmap of a vote matrix: ordered by similarity, titled, with a colour bar and, for few states, values."""

from __future__ import annotations

import re

import numpy as np

from kg.unga import views
from kg.unga.analysis import Matrix


def _matrix(labels, values, metric="agreement", period="in sessions 61–74") -> Matrix:
    values = np.array(values, dtype=float)
    return Matrix(metric, list(labels), [label.lower() for label in labels], values,
                  np.full(values.shape, 10), period=period)


# two blocs given interleaved: A1, B1, A2, B2, A3
INTERLEAVED = _matrix(["A1", "B1", "A2", "B2", "A3"], [
    [1.0, 0.1, 0.9, 0.2, 0.8],
    [0.1, 1.0, 0.2, 0.9, 0.1],
    [0.9, 0.2, 1.0, 0.1, 0.9],
    [0.2, 0.9, 0.1, 1.0, 0.2],
    [0.8, 0.1, 0.9, 0.2, 1.0],
])


def test_similar_states_are_ordered_side_by_side():
    order = [INTERLEAVED.labels[i] for i in views.similarity_order(INTERLEAVED)]
    blocs = ["".join(label[0] for label in order)]
    assert blocs[0] in ("AAABB", "BBAAA")
    svg = views.heatmap_svg(INTERLEAVED)
    rows = re.findall(r'text-anchor="end">([AB][0-9])</text>', svg)
    assert rows == order


def test_the_heatmap_has_a_title_a_colour_bar_and_the_values():
    svg = views.heatmap_svg(INTERLEAVED)
    assert "<title>agreement in UN General Assembly votes, in sessions 61–74</title>" in svg
    assert '>agreement in UN General Assembly votes, in sessions 61–74</text>' in svg
    assert [float(t) for t in re.findall(r'font-size="11">(-?[0-9.]+)</text>', svg)] == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert svg.count(">0.90</text>") == 6  # A1–A2, A2–A3, B1–B2, both ways
    kappa = views.heatmap_svg(_matrix(["X", "Y"], [[1, -0.5], [-0.5, 1]], "kappa"))
    assert [float(t) for t in re.findall(r'font-size="11">(-?[0-9.]+)</text>', kappa)] == [1.0, 0.5, 0.0, -0.5, -1.0]


def test_nothing_is_clipped_for_two_states_and_no_values_beyond_thirty():
    two = views.heatmap_svg(_matrix(["Serbia", "Russia"], [[1, np.nan], [np.nan, 1]], period="until 1990-01-01"))
    width = int(re.search(r'width="([0-9]+)"', two).group(1))
    subtitle = re.search(r'fill="#444444">([^<]*)</text>', two).group(1)
    assert subtitle.endswith("grey: no common vote")
    assert width >= 10 + 6 * len(subtitle)  # 11-px sans-serif runs under 6 px a character
    labels = [f"S{i}" for i in range(31)]
    many = views.heatmap_svg(_matrix(labels, np.eye(31)))
    assert 'text-anchor="middle"' not in many and "S30 – S29: 0.000" in many
