"""How good are the drafts of `kg draft`? Each article with a curated annotation is drafted and scored against it.

    python bench/draft.py [--misses] [SEEDS ...]   # default: the shipped seeds, then every held-out set
                                                   # (bench/draft-heldout*/) and test set (bench/draft-test*/)

A curated position claim is *found* when a drafted claim has the same actor and
stance and a quote whose span overlaps its quote (each drafted claim counts for one
curated claim at most). Recall is found / curated positions, precision is right /
drafted. On the found ones, the issue, kind, speaker and date are compared (the
date as written, none equal to none). Ties are scored apart: found when a drafted
tie has the same actor, tie type and target and an overlapping quote. Agreements and
reports are not drafted and not scored. Every drafted quote is checked to be the article's text at its
offsets. The article is drafted with the curated document's date, as a user gives
--date. Last, the time to draft a 10,000-character article.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "bench" / "draft-heldout"  # a workspace of real articles the drafter was not written on
# A second held-out workspace: expulsions of diplomats, a junta, sanctions announced by
# governments, an arms purchase (kinds of sentence the other sets have few of).
HELDOUT2 = ROOT / "bench" / "draft-heldout2"
# A third: abstentions in a UN vote listed by country, a recognition and the answer to it,
# a state leaving a bloc's enlargement, an arms purchase, a leader's words on a war.
HELDOUT3 = ROOT / "bench" / "draft-heldout3"
# A fourth: a coup condemned by states and blocs, criticism of a leader's visit to Moscow,
# a state suspending arms exports and the answer to it, congratulations on an election.
HELDOUT4 = ROOT / "bench" / "draft-heldout4"
# A fifth and a sixth, annotated blind (by annotators who never ran the drafter nor read it) and scored
# once before any tuning: found 47.8 % and 46.6 % of their claims, as the test set's 47.1 %. The fifth:
# ties broken and envoys recalled, Gulf states' regrets, a double veto, a vote explained; the sixth:
# reactions to an election, a missile test and clashes, an arms sale held up.
HELDOUT5 = ROOT / "bench" / "draft-heldout5"
HELDOUT6 = ROOT / "bench" / "draft-heldout6"
# A seventh and an eighth, annotated blind as the fifth and sixth, scored once before any tuning: found
# 29.9 % (54.1 % of the drafted right, the issue right on 60.0 %) and 37.7 % (68.4 %, 96.2 %). The seventh:
# reactions to a coup in Myanmar and one in Niger, to a strike on Doha and to a visit to Taiwan (short
# stored copies, lists of states); the eighth: deeds — a General Assembly and a Security Council vote with
# their abstentions, recognitions withdrawn, arms sales frozen or not.
HELDOUT7 = ROOT / "bench" / "draft-heldout7"
HELDOUT8 = ROOT / "bench" / "draft-heldout8"
# An eleventh and a twelfth, annotated blind as the others, scored once before any tuning. The eleventh: a
# court ruling on an election rejected by a bloc of states listed, the G7 on drills around Taiwan and on a shoal,
# sanctions on officials; found 28.8 %, 76.7 % of the drafted right, the issue right on 87.0 %. The twelfth: a
# re-election recognised selectively, accession talks opened past a veto, sanctions on officials, a state's wish to
# join BRICS; found 46.2 %, 68.6 % of the drafted right, the issue right on 75.0 %.
HELDOUT11 = ROOT / "bench" / "draft-heldout11"
HELDOUT12 = ROOT / "bench" / "draft-heldout12"
# Sets annotated blind after the drafter was tuned on the sets above, scored once before any tuning on them: what
# the drafter does on articles it has never seen. The thirteenth: an oil output cut, a gas pipeline, a grain deal
# suspended, tariffs and countermeasures; found 25.0 %, 41.2 % of the drafted right, the issue right on 92.9 %.
# The fourteenth: a recognition of Somaliland condemned by a long list of ministers, recognitions of Palestine, a
# switch from Taipei to Beijing, states leaving the ICC; found 37.1 %, 54.8 % of the drafted right, the issue right
# on 73.9 %.
HELDOUT13 = ROOT / "bench" / "draft-heldout13"
HELDOUT14 = ROOT / "bench" / "draft-heldout14"
# Three more, annotated blind after the test sets below were made (short stored copies, cut where the page is) and
# scored once before any tuning on them. The fifteenth: the warning of twelve states to the Houthis, the General
# Assembly's call for a ceasefire in Gaza, Israel's strike on Doha, Iran's attack on Israel; found 28.3 %, 35.4 % of
# the drafted right, the issue right on 88.2 %. The sixteenth: fifteen states against Wagner in Mali, France and the
# US behind ECOWAS's sanctions on Mali, CARICOM against Venezuela's decree on the Essequibo, BRICS inviting six
# members; found 18.3 %, 50.0 % right, issue 81.8 %. The seventeenth: the South China Sea ruling, water cannon on a
# Philippine resupply mission, France recalling its envoys over AUKUS, the US on Georgia's foreign agents law; found
# 24.0 %, 46.2 % right, issue 66.7 %.
HELDOUT15 = ROOT / "bench" / "draft-heldout15"
HELDOUT16 = ROOT / "bench" / "draft-heldout16"
HELDOUT17 = ROOT / "bench" / "draft-heldout17"
# Real articles annotated before the drafter ever ran on them; their misses are never
# printed, so that tuning cannot look at them and the figure stays honest.
TEST = ROOT / "bench" / "draft-test"
# Two more, annotated blind: the war in Ukraine seen from the Balkans, the Gulf, Africa and Latin America;
# neighbours' disputes (Kashmir, the Nile dam, Western Sahara, Iran and Israel) and who took sides. The drafter
# as it stood when they were made found 37.7 % and 36.7 % of their claims (56.1 % and 50.0 % of the drafted
# right, the issue right on 60.9 % and 45.5 %).
TEST2 = ROOT / "bench" / "draft-test2"
TEST3 = ROOT / "bench" / "draft-test3"
# And two more, annotated blind after every round of tuning above: reactions to a coup, an offensive, a Security
# Council resolution and a summit's boycotts; a security pact, a normalisation, a raid on an embassy, a peace summit's
# communiqué. The drafter they were first scored with found 25.0 % and 22.2 % of their claims (50.0 % and 82.4 % of
# the drafted right, the issue right on 58.3 % and 42.9 %).
TEST4 = ROOT / "bench" / "draft-test4"
TEST5 = ROOT / "bench" / "draft-test5"
# Two more, annotated blind after the rounds of tuning above: reactions to Israel's strikes on Iran, a recognition of
# Palestine, the offensive in Nagorno-Karabakh, French troops leaving Chad; a disputed election in Venezuela, Sweden's
# accession to NATO ratified, tensions between Serbia and Kosovo, North Korean troops sent to Russia. The drafter they
# were first scored with found 29.8 % and 31.0 % of their claims (51.5 % and 42.9 % of the drafted right, the issue
# right on 64.7 % and 77.8 %).
TEST6 = ROOT / "bench" / "draft-test6"
TEST7 = ROOT / "bench" / "draft-test7"
# Two more, annotated blind after the rounds of tuning above (short stored copies, cut where the page is): the EU's
# appetite for more sanctions on Russia in 2015, Macedonia and Serbia declining to join them in 2014, Russia's veto
# of the condemnation of its annexations, the General Assembly on human rights in Syria in 2012; Gulf states on
# the clashes between Pakistan and Afghanistan, governments on the clash between India and Pakistan, India on the
# sale of F-16s to Pakistan, Seoul and Tokyo on the pact between Russia and North Korea. The drafter they were first
# scored with found 16.0 % and 24.4 % of their claims (26.7 % and 43.5 % of the drafted right, the issue right on
# 75.0 % and 90.0 %).
TEST8 = ROOT / "bench" / "draft-test8"
TEST9 = ROOT / "bench" / "draft-test9"
BLIND = (TEST, TEST2, TEST3, TEST4, TEST5, TEST6, TEST7, TEST8, TEST9)
sys.path.insert(0, str(ROOT))

from kg.build import reference as references  # noqa: E402
from kg.draft import article  # noqa: E402
from kg.terms.names import UnknownName  # noqa: E402


def _curated(path: Path, text: str, ref) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for claim in data.get("claims") or []:
        if claim.get("type") != "position" or claim.get("review"):
            continue
        quote = " ".join(str(claim["quote"]).split()) if "\n" in str(claim["quote"]) else str(claim["quote"])
        start = text.find(quote)
        try:
            actor = ref.resolve(str(claim["actor"]))
            speaker = ref.resolve(str(claim["speaker"])) if claim.get("speaker") else None
        except UnknownName:
            continue
        out.append({"actor": actor, "stance": claim["stance"], "issue": claim["issue"], "kind": claim["kind"],
                    "speaker": speaker, "date": str(claim["date"]) if claim.get("date") else None,
                    "span": (start, start + len(quote)), "id": claim["id"], "quote": quote})
    return out


def _curated_ties(path: Path, text: str, ref) -> list[tuple[str, str, str, tuple[int, int]]]:
    out = []
    for claim in yaml.safe_load(path.read_text(encoding="utf-8")).get("claims") or []:
        if claim.get("type") != "tie" or claim.get("review"):
            continue
        quote = " ".join(str(claim["quote"]).split())
        start = text.find(quote) if quote in text else text.find(str(claim["quote"]))
        try:
            out.append((ref.resolve(str(claim["actor"])), claim["tie"], ref.resolve(str(claim["target"])),
                        (start, start + len(quote))))
        except UnknownName:
            continue
    return out


def _score_ties(curated: list, drafted) -> tuple[int, int, int]:
    """(curated, drafted, found): a tie is found by a drafted one of the same actor, type and target over its quote."""
    used: set[int] = set()
    for actor, tie, target, (start, end) in curated:
        for i, got in enumerate(drafted):
            if i not in used and (got.actor.id, got.tie, got.target.id) == (actor, tie, target) \
                    and got.quote.start < end and start < got.quote.end:
                used.add(i)
                break
    return len(curated), len(drafted), len(used)


def _score(curated: list[dict], drafted) -> dict:
    used: set[int] = set()
    found = []
    for want in curated:
        best = None
        for i, got in enumerate(drafted):
            if i in used or got.actor.id != want["actor"] or got.stance != want["stance"]:
                continue
            if got.quote.start < want["span"][1] and want["span"][0] < got.quote.end:
                rank = (got.issue == want["issue"], got.kind == want["kind"])
                if best is None or rank > best[0]:
                    best = (rank, i)
        if best is not None:
            used.add(best[1])
            found.append((want, drafted[best[1]]))
    same = {
        "issue": sum(w["issue"] == g.issue for w, g in found),
        "kind": sum(w["kind"] == g.kind for w, g in found),
        "speaker": sum(w["speaker"] == (g.speaker.id if g.speaker else None) for w, g in found),
        "date": sum(w["date"] == g.date for w, g in found),
    }
    missed = [w for w in curated if all(w is not f[0] for f in found)]
    return {"curated": len(curated), "drafted": len(drafted), "found": len(found), **same,
            "missed": [w["id"] for w in missed], "why": [(w, _why(w, drafted)) for w in missed]}


def _why(want: dict, drafted) -> str:
    """The class of a miss: no drafted quote over it, one of another actor, or the actor's with another stance."""
    over = [g for g in drafted if g.quote.start < want["span"][1] and want["span"][0] < g.quote.end]
    if not over:
        return "no candidate"
    mine = [g for g in over if g.actor.id == want["actor"]]
    if not mine:
        return "wrong actor (" + ", ".join(sorted({g.actor.id for g in over})) + ")"
    if any(g.stance == want["stance"] for g in mine):
        return "taken (the actor's drafted claim there matched another curated one)"
    return "wrong stance (" + ", ".join(sorted({g.stance for g in mine})) + ")"


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def _draft_all(seeds: Path) -> tuple[list, int, int]:
    """Each annotated article of ``seeds`` drafted and scored: (rows, verbatim quotes, quotes)."""
    ref = references.load(seeds)
    rows, verbatim, total_quotes = [], 0, 0
    ties = [0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for annotation in sorted(seeds.glob("*.yaml")) + sorted((seeds / "articles").glob("*.yaml")):
            data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
            doc = (data or {}).get("document") or {}
            source = annotation.parent / str(doc.get("file", ""))
            if not source.is_file():
                continue
            text = source.read_text(encoding="utf-8")
            copy = Path(tmp) / source.name
            shutil.copyfile(source, copy)
            made = article.draft(copy, title=doc.get("title"), date=str(doc.get("date")), force=True, seeds=seeds)
            for i, n in enumerate(_score_ties(_curated_ties(annotation, text, ref), made.ties)):
                ties[i] += n
            for c in [*made.claims, *made.ties]:
                total_quotes += 1
                verbatim += text[c.quote.start:c.quote.end] == c.quote.text
            rows.append((source.stem, _score(_curated(annotation, text, ref), made.claims)))
    rows.append(("ties", ties))
    return rows, verbatim, total_quotes


def _table(title: str, rows: list) -> dict:
    head = f"{'article':36} {'curated':>7} {'drafted':>7} {'found':>5} {'recall':>6} {'precis.':>7} {'issue':>6} {'kind':>6} {'speaker':>7} {'date':>6}"
    print(f"\n{title}\n")
    print(head)
    print("-" * len(head))
    totals = {k: 0 for k in ("curated", "drafted", "found", "issue", "kind", "speaker", "date")}
    for name, s in rows + [("overall", None)]:
        if s is None:
            s = totals
            print("-" * len(head))
        else:
            for k in totals:
                totals[k] += s[k]
        f = s["found"]
        print(f"{name[:36]:36} {s['curated']:7} {s['drafted']:7} {f:5} {_pct(f, s['curated']):>6} {_pct(f, s['drafted']):>7} "
              f"{_pct(s['issue'], f):>6} {_pct(s['kind'], f):>6} {_pct(s['speaker'], f):>7} {_pct(s['date'], f):>6}")
    return totals


def main(sets: list[tuple[str, Path]], misses: bool = False) -> None:
    for title, seeds in sets:
        blind = seeds.resolve() in {s.resolve() for s in BLIND}
        rows, verbatim, total_quotes = _draft_all(seeds)
        (_, (curated, drafted, found)) = rows.pop()
        _table(f"{title} ({seeds})", rows)
        print(f"\nties (same actor, tie type and target, quote overlapping): curated {curated}, drafted {drafted}, "
              f"found {found}: recall {_pct(found, curated).strip()}, precision {_pct(found, drafted).strip()}")
        print(f"\nquotes verbatim at their offsets (claims and ties): {verbatim}/{total_quotes}")
        if blind:
            continue
        for name, s in rows:
            if s["missed"]:
                print(f"missed in {name}: {', '.join(s['missed'])}")
        if misses:
            _misses(rows)
    _timing(sets[0][1])


def _misses(rows: list) -> None:
    """Each miss with its class and quote, grouped by class: what to fix first."""
    by: dict[str, list] = {}
    for name, s in rows:
        for want, why in s["why"]:
            by.setdefault(why.split(" (")[0], []).append((name, want, why))
    for kind, items in sorted(by.items(), key=lambda item: -len(item[1])):
        print(f"\n{kind}: {len(items)}")
        for name, want, why in items:
            print(f"  {want['id']} [{want['actor']} {want['stance']}] {why}: {want['quote'][:150]!r}")


def _timing(seeds: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.rglob("*.txt"))]
    body = "\n\n".join(texts)
    while len(body) < 10_000:
        body += "\n\n" + body
    body = body[:10_000]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(body, encoding="utf-8")
        times = []
        for _ in range(5):
            start = time.perf_counter()
            made = article.draft(path, date="2024-09-04", force=True, seeds=seeds)
            times.append(time.perf_counter() - start)
    times.sort()
    print(f"\ndrafting a 10,000-character article ({len(made.claims)} candidates): median {times[2]:.3f} s, "
          f"best {times[0]:.3f} s, first {max(times):.3f} s (reading the reference data and the issue scheme included)")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--misses"]
    given = [("articles of " + arg, Path(arg)) for arg in args]
    main(given or [("the shipped seeds (the drafter's development set)", ROOT / "seeds"),
                   ("held-out articles (the drafter was tuned looking at their misses)", HELDOUT),
                   ("second held-out articles (annotated first; then tuned looking at their misses)", HELDOUT2),
                   ("third held-out articles (annotated first; then tuned looking at their misses)", HELDOUT3),
                   ("fourth held-out articles (annotated first; then tuned looking at their misses)", HELDOUT4),
                   ("fifth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT5),
                   ("sixth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT6),
                   ("seventh held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT7),
                   ("eighth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT8),
                   ("eleventh held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT11),
                   ("twelfth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT12),
                   ("thirteenth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT13),
                   ("fourteenth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT14),
                   ("fifteenth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT15),
                   ("sixteenth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT16),
                   ("seventeenth held-out articles (annotated blind; then tuned looking at their misses)", HELDOUT17),
                   ("test articles (annotated first; their misses are never printed)", TEST),
                   ("second test articles (annotated blind; their misses are never printed)", TEST2),
                   ("third test articles (annotated blind; their misses are never printed)", TEST3),
                   ("fourth test articles (annotated blind; their misses are never printed)", TEST4),
                   ("fifth test articles (annotated blind; their misses are never printed)", TEST5),
                   ("sixth test articles (annotated blind; their misses are never printed)", TEST6),
                   ("seventh test articles (annotated blind; their misses are never printed)", TEST7),
                   ("eighth test articles (annotated blind; their misses are never printed)", TEST8),
                   ("ninth test articles (annotated blind; their misses are never printed)", TEST9)],
         misses="--misses" in sys.argv)
