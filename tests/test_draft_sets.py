"""The workspaces bench/draft.py scores the drafter on are valid kg workspaces: every quote verbatim, every name known."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("name", ["draft-heldout", "draft-heldout2", "draft-heldout3", "draft-heldout4", "draft-test"])
def test_each_scored_set_validates_with_its_articles(name):
    shipped = kg.validate(BENCH.parent / "seeds").documents
    # the shipped seeds' documents and the set's own articles, each with its annotation
    assert kg.validate(BENCH / name).documents == shipped + len(list((BENCH / name / "articles").glob("*.yaml")))
