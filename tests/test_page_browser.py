"""The page in Chromium when it carries fewer pairs and positions than it counts: the counts stay those of the model."""

from __future__ import annotations

import pytest
from test_browser import CHROMIUM, Tab, _wait_for, chromium  # noqa: F401 - chromium is a fixture

from kg.analysis import contradictions, tensions
from kg.views import exports, findings, pagedata

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


def test_a_click_counts_every_pair_and_position_though_the_page_carries_fewer(chromium, store, tmp_path, monkeypatch):
    # the caps of a large graph, made small enough to bite on the seeds
    monkeypatch.setattr(findings, "PAIRS", 1)
    monkeypatch.setattr(pagedata, "OWN", 1)
    page = tmp_path / "serbia.html"
    exports.page(store, page, focus="Serbia")
    tab = Tab(chromium)
    tab.open(page)
    text = tab.evaluate("""(function () {
        var n = kgPage.data.nodes.find(function (n) { return n.label === 'Serbia'; });
        return kgPage.describeNode(n.id).textContent; })()""")
    held = tensions.gather(contradictions.find(store, actor="Serbia"))
    assert f"Contradictions it holds ({len(held)})" in text
    # each finding with all its pairs counted, the one carried shown, and the others named
    for t in held:
        if len(t.pairs) > 1:
            assert f"{len(t.pairs)} pairs of claims" in text
    # Serbia's Crimea finding: 4 pairs in two groups (first days), one carried of each; the next, 5 pairs in one
    assert ("rhetoric_vs_action): 4 pairs of claimsSerbia says it supports Crimea as part of Ukraine" in text
            and "… 2 more pairs of claims of this finding" in text and "… 4 more pairs of claims of this finding" in text)
    assert "Its statements and actions (25)" in text
    assert "… 1 earlier on Sanctions against Russia not shown" in text
    tab.evaluate("document.getElementById('table-box').open = true")
    _wait_for(tab, "document.querySelectorAll('#table tr').length > 1", "the table")
    assert "more pairs of claims of this finding (kg contradictions --pairs lists them all)" in tab.evaluate(
        "document.getElementById('table').textContent")
    assert tab.errors() == []
