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

from kg.analysis import contradictions, network
from kg.terms import dates
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


def _at(at, kind: str = "") -> set[int]:
    """The days a node or member is in the view, for a kind of position ("" for both)."""
    spans = at if isinstance(at, list) else at.get(kind, [])
    return {d for start, end in zip(spans[::2], spans[1::2]) for d in range(start, end)}


def _lines_on(data: dict, day: int, kind: str = "") -> dict[tuple, int]:
    """The lines drawn on a day of the slider, as (from, to, kind, sign) -> how many edges they stand for."""
    out = {}
    for line in data["lines"]:
        present = [m for m in line["members"] if day in _at(m["at"], kind)]
        if present and line["kind"] != "stance":
            out[(line["from"], line["to"], line["kind"], line["sign"])] = len(present)
    return out


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
    # the 13 button pictures of vis-network's style sheet are gone, and nothing else is embedded
    assert "data:image" not in serbia_page and len(serbia_page) < 800_000
    assert '<body data-state="loading">' in serbia_page and 'id="loading"' in serbia_page


def test_title_says_what_the_view_shows_and_when_it_was_made(serbia_page):
    assert "<title>Serbia and the actors within 1 step</title>" in serbia_page
    assert '<p id="subtitle">30 actors, 133 ties and alignments · all dates</p>' in serbia_page
    assert '<p id="stamp">made 2026-01-02 03:04 UTC by kg</p>' in serbia_page


def test_every_actor_has_a_seeded_place_and_the_focus_is_in_the_middle(serbia_page):
    data = _data(serbia_page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert data["focus"] == SERBIA and (nodes[SERBIA]["x"], nodes[SERBIA]["y"]) == (0, 0)
    xs, ys = [n["x"] for n in nodes.values()], [n["y"] for n in nodes.values()]
    assert len(set(zip(xs, ys))) == len(nodes)
    assert min(xs) < 0 < max(xs) and min(ys) < 0 < max(ys)
    assert nodes[EU]["type"] == "bloc" and nodes[RUSSIA]["type"] == "state"
    assert data["style"]["nodes"]["bloc"]["shape"] == "hexagon" and data["style"]["nodes"]["state"]["shape"] == "dot"
    assert data["options"]["physics"] == {"enabled": False}


def test_ten_exports_of_a_view_are_identical_but_for_the_stamp_line(store, graph_file, tmp_path):
    # two in fresh processes, whose string hashes (and so the order of sets) differ, while eight are made here
    others = [(tmp_path / f"serbia-process-{seed}.html", subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "export", "html", "--graph", str(graph_file),
         "--focus", "Serbia", "-o", str(tmp_path / f"serbia-process-{seed}.html")],
        env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for seed in ("1", "2")]
    pages = []
    for n in range(8):
        out = tmp_path / f"serbia-{n}.html"
        exports.page(store, out, focus="Serbia", made=datetime(2026, 1, 2, 3, n, tzinfo=timezone.utc))
        pages.append(out.read_text(encoding="utf-8"))
    for out, process in others:
        assert process.wait(timeout=120) == 0
        pages.append(out.read_text(encoding="utf-8"))
    first = pages[0].splitlines()
    stamp = next(i for i, line in enumerate(first) if 'id="stamp"' in line)
    assert first[stamp].strip() == '<p id="stamp">made 2026-01-02 03:00 UTC by kg</p>'
    for page in pages[1:]:
        lines = page.splitlines()
        assert len(lines) == len(first)
        assert [i for i, (a, b) in enumerate(zip(first, lines)) if a != b] == [stamp]


def test_a_line_lists_its_edges_with_quote_speaker_source_and_date(serbia_page, built):
    from rdflib import RDF, URIRef

    from kg.terms.vocab import SA

    ds = built.dataset
    positive = [c for c in set(ds.subjects(RDF.type, SA.Tie)) if (ds.value(c, SA.actor), ds.value(c, SA.target)) ==
                (URIRef(SERBIA), URIRef(RUSSIA)) and int(ds.value(ds.value(c, SA.tieType), SA.sign)) == 1]
    data = _data(serbia_page)
    claims, last = data["claims"], len(data["days"]) - 1
    ties = [line for line in data["lines"] if (line["from"], line["to"], line["kind"]) == (SERBIA, RUSSIA, "tie")]
    assert len(ties) == 1  # ally, strategic partner, energy … drawn as one line listing them all
    tie = ties[0]
    # two of the nine tie claims report one fact ("friendly relations" twice on 22 August 2022): eight members
    assert tie["sign"] == 1 and len([m for m in tie["members"] if last in _at(m["at"])]) == len(positive) - 1 == 8
    assert {m["relation"] for m in tie["members"]} >= {"ally", "strategic partner", "dependent on for energy"}
    evidence = [claims[i] for m in tie["members"] for i in m["claims"]]
    ally = next(e for e in evidence if e["quote"] == "Serbia is also Russia’s ally")
    assert ally["source"] == "004_2c0c4e712b805dba.txt" and ally["date"] == "2024-09-04"
    assert ally["title"] == "US-sanctioned Serbia official meets Putin, says Belgrade is an ally and won't join Western penalties"
    assert all(e["source"] and e["date"] and e["title"] for e in evidence)
    # a statement names the official who made it
    donbas = next(c for c in claims if c.get("quote") == "Donbass is Ukraine – and it will stay that way.")
    assert donbas["speaker"] == "Aleksandar Vučić" and donbas["actor"] == "Serbia" and donbas["kind"] == "statement"
    sanctions = [line for line in data["lines"] if (line["from"], line["to"]) == (EU, RUSSIA)]
    assert sanctions and sanctions[0]["sign"] == -1
    assert data["style"]["sign"] == {"1": drawing.SIGN_COLOUR[1], "-1": drawing.SIGN_COLOUR[-1], "0": drawing.SIGN_COLOUR[0]}


def test_contradictions_are_held_by_the_actors_whose_claims_they_set_against_each_other(serbia_page, store):
    data = _data(serbia_page)
    nodes = {n["id"]: n for n in data["nodes"]}
    held = [data["contradictions"][i] for i in nodes[SERBIA]["contradictions"]]
    # the one model: Serbia holds those of `kg contradictions Serbia` in which a claim is Serbia's own
    expected = [c for c in contradictions.find(store, actor="Serbia") if "Serbia" in {e.actor for e in c.evidence}]
    assert len(held) == len(expected) == 44
    assert Counter((c["label"], c["note"]) for c in held) == Counter((c.type_label, c.note) for c in expected)
    # the EU and France are named by Serbia's rival ties, but hold none of them
    assert nodes[EU]["contradictions"] == [] and nodes[next(i for i in nodes if i.endswith("/france"))]["contradictions"] == []
    # no actor carries a contradiction it does not hold: the holders are the actors a rule or curator marks
    # (Russia's positions are evidence of Serbia's tie against position, not Russia's contradiction)
    labels = {i: n["label"] for i, n in nodes.items()}
    assert all(sorted(labels[h] for h in c["holders"]) == sorted(data["tensions"][c["tension"]]["actors"])
               for c in data["contradictions"]
               if c["type"] != "source_dispute")
    assert {data["contradictions"][i]["type"] for i in nodes[RUSSIA]["contradictions"]} == {"rhetoric_vs_action"}
    # each carries both claims with their quotes, sources and dates
    crimea = next(c for c in held if c["type"] == "rhetoric_vs_action" and "Crimea" in c["note"])
    quotes = [data["claims"][i] for i in crimea["claims"]]
    assert len(quotes) == 2 and all(q["quote"] and q["source"] and q["date"] for q in quotes)
    assert {q["kind"] for q in quotes} == {"statement", "action"}
    # Serbia's tie to Russia rests on claims of a rival-ties contradiction
    tie = next(line for line in data["lines"] if (line["from"], line["to"], line["kind"]) == (SERBIA, RUSSIA, "tie"))
    contested = {i for m in tie["members"] for c in m["claims"] for i in data["claims"][c].get("contradictions", [])}
    assert {data["contradictions"][i]["type"] for i in contested} == {"rival_ties", "tie_vs_position"}


def test_an_actor_carries_its_own_statements_and_actions(serbia_page, store):
    from kg.analysis import stances

    data = _data(serbia_page)
    serbia = next(n for n in data["nodes"] if n["id"] == SERBIA)
    own = [data["claims"][i] for i in serbia["own"]]
    positions = [p for p in stances.positions(store) if p.actor == SERBIA]
    assert [(c["quote"], c["kind"], c["stance"], c["issue"]) for c in own] == [
        (p.quote, p.kind, p.stance, p.issue) for p in positions]
    assert {"vucic", "rs", "srb", "belgrade", "serbia"} <= set(serbia["names"])  # what the search box finds it by


def test_a_hostile_quote_and_note_are_data_not_markup(hostile_page):
    # the only script elements are the page's own three (data, vis-network, page), and no img
    scripts = re.findall(r"<script\b[^>]*>.*?</script>", hostile_page, re.S)
    assert len(scripts) == 3
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", hostile_page, flags=re.S)
    assert "<script" not in markup and "<img" not in markup and "onerror" not in markup
    assert "window.kgPwned" in hostile_page  # the text is there, escaped inside the JSON block
    assert '\\u003cscript\\u003ewindow.kgPwned = \\"script\\"\\u003c/script\\u003e' in hostile_page
    data = _data(hostile_page)
    hostile = next(c for c in data["claims"] if c.get("quote") == HOSTILE_SENTENCE)
    assert hostile["title"] == "Serbia Supports Russia <img src=x onerror='window.kgPwned = 3'> Over UN Resolution"
    assert any("<img src=x onerror=" in c["note"] for c in data["contradictions"])


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


def test_each_day_of_the_slider_draws_what_an_export_as_of_that_day_draws(store, tmp_path):
    result = exports.page(store, tmp_path / "network.html", made=MADE)
    data = _data(result.path.read_text(encoding="utf-8"))
    days = data["days"]
    assert days[-1] is None and days[:-1] == sorted(days[:-1]) and len(days) > 30
    for day in [*range(0, len(days) - 1, 4), len(days) - 1]:
        view, _, _ = exports.selected_view(store, as_of=days[day])
        expected = {k: len(v) for k, v in drawing.edge_groups(view).items()}
        assert _lines_on(data, day) == expected, days[day]
        assert {n["id"] for n in data["nodes"] if day in _at(n["at"])} == set(view.nodes), days[day]
    # and the views of statements only, and of actions only
    for kind in ("statement", "action"):
        for day in (len(days) // 2, len(days) - 1):
            view = network.view(store, as_of=days[day], kind=kind)
            assert _lines_on(data, day, kind) == {k: len(v) for k, v in drawing.edge_groups(view).items()}
            assert {n["id"] for n in data["nodes"] if day in _at(n["at"], kind)} == set(view.nodes)
    # a contradiction is shown from the day its last claim counts on (a month's or year's end, or its report's day)
    last = Counter((c.note, max(dates.known_from(e.date[:10], e.precision, e.reported) for e in c.evidence))
                   for c in contradictions.find(store))
    assert Counter((c["note"], c["last"]) for c in data["contradictions"]) == last


def test_as_of_ends_the_slider_and_leaves_out_later_contradictions(store, tmp_path):
    result = exports.page(store, tmp_path / "before.html", as_of="2019-12-31", made=MADE)
    data = _data(result.path.read_text(encoding="utf-8"))
    assert data["days"][-1] == "2019-12-31" and all(d < "2019-12-31" for d in data["days"][:-1])
    kept = [c for c in contradictions.find(store) if all(e.date <= "2019-12-31" for e in c.evidence)]
    assert kept and Counter(c["note"] for c in data["contradictions"]) == Counter(c.note for c in kept)
    assert result.flagged_actors == ["Russia"]
    assert result.title == "The alignment network of all actors, as of 2019-12-31"


def test_an_issue_is_drawn_as_a_node_with_each_actors_stance(store, tmp_path):
    out = tmp_path / "crimea.html"
    result = exports.page(store, out, focus="Serbia", issue="crimea-part-of-ukraine", made=MADE)
    page = out.read_text(encoding="utf-8")
    data = _data(page)
    assert result.title == "Serbia and the actors within 1 step: stances on Crimea as part of Ukraine"
    assert f"<title>{result.title}</title>" in page and data["issue"] == "crimea-part-of-ukraine"
    issue = next(n for n in data["nodes"] if n["type"] == "issue")
    assert issue["id"] == "issue/crimea-part-of-ukraine" and issue["label"] == "Crimea as part of Ukraine"
    last = len(data["days"]) - 1
    stances = [line for line in data["lines"] if line["kind"] == "stance"
               and any(last in _at(m["at"]) for m in line["members"])]
    assert result.stance_lines == len(stances) and all(line["to"] == issue["id"] for line in stances)
    # Serbia says Crimea is Ukraine and votes against the resolution: both lines, both resting on a contradiction
    serbia = {line["stance"]: line for line in stances if line["from"] == SERBIA}
    assert set(serbia) == {"supports", "opposes"}
    quotes = [data["claims"][i]["quote"] for m in serbia["supports"]["members"] for i in m["claims"]]
    assert "For us, Crimea is Ukraine" in quotes
    for line in serbia.values():
        assert any(data["claims"][i].get("contradictions") for m in line["members"] for i in m["claims"])
    # only the contradictions about the issue (or narrower ones) come with an issue view
    within = set(data["issues"]["crimea-part-of-ukraine"]["within"])
    assert data["contradictions"] and all(set(c["issues"]) & within for c in data["contradictions"])
    assert result.actors == len([n for n in data["nodes"] if last in _at(n["at"]) and n["type"] != "issue"])


def test_the_whole_graph_page_draws_every_actor_and_edge(store, seed_network, tmp_path):
    result = exports.page(store, tmp_path / "network.html", made=MADE)
    data = _data(result.path.read_text(encoding="utf-8"))
    last = len(data["days"]) - 1
    assert result.title == "The alignment network of all actors"
    actors, ties = seed_network  # read from the build with rdflib
    assert {n["id"] for n in data["nodes"] if last in _at(n["at"])} == actors and result.actors == len(actors)
    lines = _lines_on(data, last)
    assert sum(n for (_, _, kind, _), n in lines.items() if kind == "tie") == ties
    view = network.view(store)
    groups = Counter((u, v, d["kind"], d["sign"]) for u, v, d in view.edges(data=True))
    assert lines == groups and (result.lines, result.edges) == (len(groups), view.number_of_edges())
    assert data["focus"] is None


def test_the_palette_keeps_its_signals_apart_for_every_eye():
    # WCAG 2's contrast ratio, checked on its own end points first
    assert drawing.contrast("#000000", "#ffffff") == pytest.approx(21) and drawing.contrast("#777777", "#777777") == 1
    white, ratios = drawing.WHITE, {}
    for sign, colour in (("positive", drawing.SIGN_COLOUR[1]), ("negative", drawing.SIGN_COLOUR[-1])):
        ratios[f"{sign} line on white"] = drawing.contrast(colour, white)
    ratios["positive against negative"] = drawing.contrast(drawing.SIGN_COLOUR[1], drawing.SIGN_COLOUR[-1])
    for stance, colour in drawing.STANCE_COLOUR.items():
        ratios[f"{stance} stance on white"] = drawing.contrast(colour, white)
    ratios["contradiction mark on white"] = drawing.contrast(drawing.CONTRADICTION_COLOUR, white)
    for kind, style in {**drawing.NODE_STYLE, "issue": drawing.ISSUE_STYLE}.items():
        ratios[f"contradiction ring on a {kind}"] = drawing.contrast(drawing.CONTRADICTION_COLOUR, style["color"])
        ratios[f"border on a {kind}"] = drawing.contrast(drawing.BORDER, style["color"])
    low = {k: round(v, 2) for k, v in ratios.items() if v < 3}
    assert not low, f"below 3:1: {low}"
    assert round(ratios["positive against negative"], 2) == 3.3 and round(ratios["negative line on white"], 2) == 3.87
    # and a second cue beside every colour: a bar on negative lines, dashes for alignment, marks on stances
    assert drawing.SIGN_MARK[-1] and not drawing.SIGN_MARK[1] and drawing.ALIGNMENT_DASHES
    assert len({drawing.STANCE_MARK[s] for s in drawing.STANCE_COLOUR}) == len(drawing.STANCE_COLOUR)
    assert len({s["shape"] for s in drawing.NODE_STYLE.values()}) == len(drawing.NODE_STYLE)
