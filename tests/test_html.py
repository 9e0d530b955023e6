"""The interactive page: self-contained, escaped, drawing the view with its evidence and contradictions."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
import pytest

from kg.analysis import contradictions
from kg.cli import main
from kg.views import drawing, exports
from kg.views import page as html

ARTICLE = "002_6c2ca3a879d015f2"
HOSTILE_MARK = "hostile-planted"
HOSTILE_SENTENCE = ('Serbia and Ukraine <script>window.kgPwned = "script"</script> cooperate '
                    '<img src=x onerror="window.kgPwned = \'img\'"> in the hostile-planted sentence.')
SERBIA = "https://w3id.org/state-alignments/id/actor/serbia"
RUSSIA = "https://w3id.org/state-alignments/id/actor/russia"
EU = "https://w3id.org/state-alignments/id/actor/eu"
MADE = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


def plant_hostile_texts(seeds: Path) -> None:
    """Add to an article a sentence holding markup, a tie quoting it and a contradiction whose note holds markup."""
    text = seeds / f"{ARTICLE}.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n" + HOSTILE_SENTENCE + "\n", encoding="utf-8")
    annotations = seeds / f"{ARTICLE}.yaml"
    original = annotations.read_text(encoding="utf-8")
    title = "title: Serbia Supports Russia Over UN Resolution on Crimea"
    assert title in original
    original = original.replace(title, 'title: "Serbia Supports Russia <img src=x onerror=\'window.kgPwned = 3\'> Over UN Resolution"')
    annotations.write_text(original + f"""
  - id: hostile-quote
    type: tie
    actor: Serbia
    tie: cooperation
    target: Ukraine
    quote: {json.dumps(HOSTILE_SENTENCE, ensure_ascii=False)}

contradictions:
  - id: hostile-note
    type: rival_ties
    claims: [hostile-quote, serbia-will-not-vote-against-russia]
    note: "A note with <img src=x onerror=\\"window.kgPwned = 'note'\\"> and <script>window.kgPwned = 1</script> inside"
""", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_page(hostile_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("page") / "hostile.html"
    exports.page(hostile_store, out, focus="Serbia", made=MADE)
    return out.read_text(encoding="utf-8")


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.S)


@pytest.fixture(scope="module")
def serbia_page(store, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("page") / "serbia.html"
    exports.page(store, out, focus="Serbia", made=MADE)
    return out.read_text(encoding="utf-8")


def test_the_page_fetches_nothing_and_runs_only_its_own_scripts(serbia_page):
    # no element refers to anything outside the file
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", serbia_page, flags=re.S)
    assert not re.search(r"<(link|iframe|object|embed|img|base)\b", markup)
    assert not re.search(r"""\s(src|href|srcset|action)\s*=""", markup)
    assert not re.search(r"https?://|//cdn|node_modules", markup)
    assert "cdnjs" not in serbia_page and "jsdelivr" not in serbia_page and "bootstrap" not in serbia_page.lower()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', serbia_page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    # vis-network and the page's own script are inline, and each is allowed by its hash
    scripts = _scripts(serbia_page)
    assert len(scripts) == 2 and "vis.Network" not in scripts[0][:100] and len(scripts[0]) > 400_000
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_title_says_what_the_view_shows_and_when_it_was_made(serbia_page):
    assert "<title>Serbia and the actors within 1 step</title>" in serbia_page
    edges = sum(e["members"] for e in _data(serbia_page)["edges"])
    assert f'<p id="subtitle">20 actors, {edges} ties and alignments · all dates</p>' in serbia_page
    assert '<p id="stamp">made 2026-01-02 03:04 UTC by kg</p>' in serbia_page


def test_nodes_are_styled_by_type_and_the_focus_is_pinned_in_the_middle(serbia_page):
    nodes = {n["id"]: n for n in _data(serbia_page)["nodes"]}
    assert nodes[SERBIA]["shape"] == "dot" and nodes[SERBIA]["fixed"] == {"x": True, "y": True}
    assert (nodes[SERBIA]["x"], nodes[SERBIA]["y"]) == (0, 0)
    # every actor has its place, and the focus is in the middle of them
    xs, ys = [n["x"] for n in nodes.values()], [n["y"] for n in nodes.values()]
    assert len(set(zip(xs, ys))) == len(nodes)
    assert min(xs) < 0 < max(xs) and min(ys) < 0 < max(ys)
    assert nodes[EU]["shape"] == drawing.NODE_STYLE["bloc"]["shape"]
    assert nodes[EU]["color"]["background"] != nodes[RUSSIA]["color"]["background"]
    assert {n["kind"] for n in nodes.values()} <= set(drawing.NODE_STYLE)


def test_ten_exports_of_a_view_are_identical_but_for_the_stamp_line(store, graph_file, tmp_path):
    pages = []
    for n in range(8):
        out = tmp_path / f"serbia-{n}.html"
        exports.page(store, out, focus="Serbia", made=datetime(2026, 1, 2, 3, n, tzinfo=timezone.utc))
        pages.append(out.read_text(encoding="utf-8"))
    # two more in fresh processes, whose string hashes (and so the order of sets) differ
    for seed in ("1", "2"):
        out = tmp_path / f"serbia-process-{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "export", "html", "--graph", str(graph_file), "--focus",
                        "Serbia", "-o", str(out)], check=True, env=env, capture_output=True)
        pages.append(out.read_text(encoding="utf-8"))
    first = pages[0].splitlines()
    stamp = next(i for i, line in enumerate(first) if 'id="stamp"' in line)
    assert first[stamp].strip() == '<p id="stamp">made 2026-01-02 03:00 UTC by kg</p>'
    for page in pages[1:]:
        lines = page.splitlines()
        assert len(lines) == len(first)
        assert [i for i, (a, b) in enumerate(zip(first, lines)) if a != b] == [stamp]


def test_lines_are_coloured_by_sign_and_carry_their_evidence(serbia_page, built):
    from rdflib import RDF, URIRef

    from kg.terms.vocab import SA

    ds = built.dataset
    positive = [c for c in set(ds.subjects(RDF.type, SA.Tie)) if (ds.value(c, SA.actor), ds.value(c, SA.target)) ==
                (URIRef(SERBIA), URIRef(RUSSIA)) and int(ds.value(ds.value(c, SA.tieType), SA.sign)) == 1]
    lines = _data(serbia_page)["edges"]
    ties = [e for e in lines if e["from"] == SERBIA and e["to"] == RUSSIA and e["kind"] == "tie"]
    assert len(ties) == 1  # ally, strategic partner, energy … drawn as one line listing them all
    tie = ties[0]
    assert tie["sign"] == 1 and tie["color"]["color"] == drawing.SIGN_COLOUR[1] and tie["dashes"] is False
    assert "ally" in tie["info"]["heading"] and tie["members"] == len(positive) == 9  # 9 tie claims in four articles
    quotes = [e["quote"] for e in tie["info"]["evidence"]]
    assert "Serbia is also Russia’s ally" in quotes
    assert all(e["source"] and e["date"] and e["source_title"] for e in tie["info"]["evidence"])
    ally = next(e for e in tie["info"]["evidence"] if e["quote"] == "Serbia is also Russia’s ally")
    assert ally["source"] == "004_2c0c4e712b805dba.txt" and ally["date"] == "2024-09-04"
    sanctions = [e for e in lines if e["from"] == EU and e["to"] == RUSSIA]
    assert sanctions and sanctions[0]["color"]["color"] == drawing.SIGN_COLOUR[-1]
    alignment = [e for e in lines if e["kind"] == "alignment"]
    assert alignment and all(e["dashes"] for e in alignment)


def test_contradictions_are_drawn_distinctly(serbia_page):
    data = _data(serbia_page)
    nodes = {n["id"]: n for n in data["nodes"]}
    serbia = nodes[SERBIA]
    assert serbia["borderWidth"] > 1 and serbia["color"]["border"] == drawing.CONTRADICTION_COLOUR
    assert serbia["label"].endswith("⚠")
    types = {c["type"] for c in serbia["info"]["contradictions"]}
    assert {"rhetoric vs action", "ties to rival blocs"} <= types
    # Serbia's tie to Russia rests on claims of a rival-ties contradiction, and is marked
    tie = next(e for e in data["edges"] if e["from"] == SERBIA and e["to"] == RUSSIA and e["kind"] == "tie")
    assert tie["contested"] and tie["shadow"]["color"] == drawing.CONTRADICTION_COLOUR
    assert any(not e["contested"] and "shadow" not in e for e in data["edges"])
    assert "⚠ involved in a contradiction" in serbia_page and 'id="contradictions"' in serbia_page


def test_a_hostile_quote_and_note_are_data_not_markup(hostile_page):
    # the only script elements are the page's own three (data, vis-network, page), and no img
    scripts = re.findall(r"<script\b[^>]*>.*?</script>", hostile_page, re.S)
    assert len(scripts) == 3
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", hostile_page, flags=re.S)
    assert "<script" not in markup and "<img" not in markup and "onerror" not in markup
    assert "window.kgPwned" in hostile_page  # the text is there, escaped inside the JSON block
    assert '\\u003cscript\\u003ewindow.kgPwned = \\"script\\"\\u003c/script\\u003e' in hostile_page
    data = _data(hostile_page)
    tie = next(e for e in data["edges"] if e["from"] == SERBIA and "cooperation" in e["info"]["heading"]
               and any(HOSTILE_MARK in (ev["quote"] or "") for ev in e["info"]["evidence"]))
    hostile = next(ev for ev in tie["info"]["evidence"] if ev["quote"] == HOSTILE_SENTENCE)
    assert hostile["source_title"] == "Serbia Supports Russia <img src=x onerror='window.kgPwned = 3'> Over UN Resolution"
    notes = [c["note"] for n in data["nodes"] for c in n["info"]["contradictions"]]
    assert any("<img src=x onerror=" in note for note in notes)


def test_the_json_block_cannot_be_closed_by_its_texts():
    text = html._json_for_html({"quote": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"quote": "</script><script>alert(1)</script> & \u2028"}


def test_parallel_edges_of_one_kind_and_sign_are_drawn_as_one_line():
    g = nx.MultiDiGraph()
    for node in "abc":
        g.add_node(node, label=node.upper(), type="state")
    g.add_edge("a", "b", key=1, kind="tie", sign=1, weight=1.0, relation="ally", evidence=[])
    g.add_edge("a", "b", key=2, kind="tie", sign=1, weight=0.5, relation="cooperation", evidence=[])
    g.add_edge("b", "a", key=3, kind="tie", sign=1, weight=0.5, relation="cooperation", evidence=[])
    g.add_edge("a", "b", key=4, kind="tie", sign=-1, weight=1.0, relation="hostile to", evidence=[])
    g.add_edge("b", "a", key=5, kind="alignment", sign=1, weight=0.5, relation="agrees on x", evidence=[])
    g.add_edge("a", "b", key=6, kind="alignment", sign=1, weight=0.5, relation="agrees on y", evidence=[])
    groups = drawing.edge_groups(g)
    assert {k: len(v) for k, v in groups.items()} == {
        ("a", "b", "tie", 1): 2, ("b", "a", "tie", 1): 1, ("a", "b", "tie", -1): 1, ("a", "b", "alignment", 1): 2}
    page = html.render(g, "t", "s")
    assert (page.nodes, page.edges) == (3, 4)
    line = next(e for e in _data(page.html)["edges"] if e["kind"] == "tie" and e["sign"] == 1 and e["from"] == "a")
    assert line["value"] == 1.5 and line["info"]["heading"] == "A → B: ally; cooperation"


def test_focus_view_keeps_ties_and_the_alignment_that_leads_away_from_the_focus():
    g = nx.MultiDiGraph()
    for node in "fabcz":
        g.add_node(node, label=node, type="state")
    g.add_edge("f", "a", kind="tie", sign=1, weight=1)
    g.add_edge("f", "b", kind="alignment", sign=1, weight=1)
    g.add_edge("a", "b", kind="alignment", sign=1, weight=1)  # both one step away: left out
    g.add_edge("a", "b", kind="tie", sign=-1, weight=1)  # a tie among neighbours: kept
    g.add_edge("b", "c", kind="alignment", sign=-1, weight=1)  # two steps away
    g.add_edge("c", "z", kind="tie", sign=1, weight=1)  # three steps away
    one = drawing.focus_view(g, "f", 1)
    assert set(one.nodes) == {"f", "a", "b"}
    assert sorted((u, v, d["kind"]) for u, v, d in one.edges(data=True)) == [
        ("a", "b", "tie"), ("f", "a", "tie"), ("f", "b", "alignment")]
    two = drawing.focus_view(g, "f", 2)
    assert set(two.nodes) == {"f", "a", "b", "c"} and two.has_edge("b", "c")
    assert two.graph["focus"] == "f" and two.graph["depth"] == 2


def test_the_page_lists_the_contradictions_kg_contradictions_lists(serbia_page, runner):
    # one model: the contradictions on Serbia's node are those `kg contradictions Serbia` prints
    result = runner.invoke(main, ["contradictions", "Serbia", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = Counter((c["type_label"], c["note"], c["curated"], "" if c["curated"] else c["origin"])
                     for c in json.loads(result.stdout))
    serbia = next(n for n in _data(serbia_page)["nodes"] if n["id"] == SERBIA)
    drawn = Counter((c["type"], c["note"], c["curated"], c["rule"]) for c in serbia["info"]["contradictions"])
    assert drawn == listed and sum(drawn.values()) == 28


def test_as_of_leaves_out_the_contradictions_whose_claims_come_later(store, tmp_path):
    result = exports.page(store, tmp_path / "before.html", as_of="2019-12-31", made=MADE)
    data = _data(result.path.read_text(encoding="utf-8"))
    drawn = Counter(c["note"] for n in data["nodes"] for c in n["info"]["contradictions"])
    kept = [c for c in contradictions.find(store) if all(e.date <= "2019-12-31" for e in c.evidence)]
    assert kept and drawn == Counter(c.note for c in kept for a in c.actors if a.iri in {n["id"] for n in data["nodes"]})
    assert result.flagged_actors == ["Russia"]
    assert result.title == "The alignment network of all actors, as of 2019-12-31"


def test_an_issue_is_drawn_as_a_node_with_each_actors_stance(store, tmp_path):
    out = tmp_path / "crimea.html"
    result = exports.page(store, out, focus="Serbia", issue="crimea-part-of-ukraine", made=MADE)
    page = out.read_text(encoding="utf-8")
    data = _data(page)
    assert result.title == "Serbia and the actors within 1 step: stances on Crimea as part of Ukraine"
    assert f"<title>{result.title}</title>" in page
    issue = next(n for n in data["nodes"] if n["kind"] == "issue")
    assert issue["id"] == "issue/crimea-part-of-ukraine" and issue["label"] == "Crimea as part of Ukraine"
    assert issue["shape"] == drawing.ISSUE_STYLE["shape"]
    stances = [e for e in data["edges"] if e["kind"] == "stance"]
    assert result.stance_lines == len(stances) and result.lines + len(stances) == len(data["edges"])
    assert all(e["to"] == issue["id"] and e["dashes"] == drawing.STANCE_DASHES for e in stances)
    # Serbia says Crimea is Ukraine and votes against the resolution: both lines, both marked contradicted
    serbia = {e["info"]["heading"]: e for e in stances if e["from"] == SERBIA}
    assert set(serbia) == {"Serbia supports: Crimea as part of Ukraine", "Serbia opposes: Crimea as part of Ukraine"}
    supports = serbia["Serbia supports: Crimea as part of Ukraine"]
    assert supports["color"]["color"] == drawing.STANCE_COLOUR["supports"] and supports["contested"]
    assert "For us, Crimea is Ukraine" in [ev["quote"] for ev in supports["info"]["evidence"]]
    assert serbia["Serbia opposes: Crimea as part of Ukraine"]["color"]["color"] == drawing.STANCE_COLOUR["opposes"]
    assert result.actors == len(data["nodes"]) - 1


def test_the_whole_graph_page_draws_every_actor_and_edge(store, seed_network, tmp_path):
    from kg.analysis import network

    result = exports.page(store, tmp_path / "network.html", made=MADE)
    data = _data(result.path.read_text(encoding="utf-8"))
    assert result.title == "The alignment network of all actors"
    actors, ties = seed_network  # read from the build with rdflib
    assert {n["id"] for n in data["nodes"]} == actors and result.actors == len(actors)
    assert sum(e["members"] for e in data["edges"] if e["kind"] == "tie") == ties
    # one line for the edges of the view that share their ends, kind and sign, counting them all
    view = network.view(store)
    groups = Counter((u, v, d["kind"], d["sign"]) for u, v, d in view.edges(data=True))
    lines = {(e["from"], e["to"], e["kind"], e["sign"]): e["members"] for e in data["edges"]}
    assert len(data["edges"]) == len(lines) and lines == groups
    assert (result.lines, result.edges) == (len(groups), view.number_of_edges())
    assert not any("fixed" in n for n in data["nodes"])  # no focus: nothing pinned
