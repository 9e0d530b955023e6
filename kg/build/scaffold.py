"""``kg init``: a workspace of one's own, or an editable copy of the shipped seeds.

A new workspace holds ``kg.toml``, an empty ``articles/`` folder and a ``reference/``
folder whose files are empty but for commented examples, so that it validates as it
is and each file shows what it takes. With ``copy_seeds`` the shipped seeds (articles,
annotations, reference files) and the shipped issues (as ``reference/issues.yaml``)
are copied in and ``shipped = false`` set: the workspace is then the whole of kg's
knowledge, to edit as one's own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib.namespace import SKOS

from kg import paths
from kg.atomic import write_atomic
from kg.build import workspace
from kg.build.issues import ISSUES_FILE
from kg.errors import InputError
from kg.terms import ontology
from kg.terms.vocab import SA

SETTINGS = """\
# A kg workspace: your own articles, annotations, reference data and issues.
# Any kg command run in this folder or below it reads this workspace (as git finds
# its repository), and builds its own graph, apart from every other's.

[workspace]
# true: your files are read over the seeds and the issue scheme shipped with kg;
# false: this workspace alone (what 'kg init --copy-seeds' sets).
shipped = {shipped}
"""

TEMPLATES = {
    "reference/actors.yaml": """\
# Your actors, added to those shipped with kg ('kg query actors' lists them all).
# Ids are lowercase with hyphens; an id, a name and each ISO code denote one actor.
states: []
#  - {id: moldova, name: Moldova, iso: MD, iso3: MDA, wikidata: Q217}
entities: []
#  - {id: republika-srpska, name: Republika Srpska, part_of: bosnia-and-herzegovina}
blocs: []
#  - {id: csto, name: Collective Security Treaty Organization}
officials: []
#  - id: dodik
#    name: Milorad Dodik
#    acts_for: republika-srpska
#    posts:
#      - {role: President, in: republika-srpska, from: 2022-11-15}
others: []
""",
    "reference/aliases.yaml": """\
# Other names by which your claims name an actor: "alias: actor id".
# An alias may not be another actor's name, id, ISO code or alias.
aliases: {}
#  Banja Luka: republika-srpska
#  Dodik: dodik
""",
    "reference/memberships.yaml": """\
# Memberships and candidacies of states in blocs, with the dates they took effect.
sources: {}
#  csto: "CSTO, 'Member states' (dates of accession)"
memberships: {}
#  csto:
#    member:
#      2002-10-07: [russia]
""",
    "reference/resolutions.yaml": """\
# Resolutions your claims refer to (votes), from the official UN record.
resolutions: []
#  - symbol: A/RES/68/262
#    title: Territorial integrity of Ukraine
#    organ: unga
#    session: 68
#    date: 2014-03-27
#    issue: ukraine-territorial-integrity
#    yes_stance: supports
#    source: "United Nations General Assembly, resolution A/RES/68/262 (official record)"
""",
    ISSUES_FILE: """\
# Your issues, added to the shipped issue scheme ('kg query issues' lists it).
# Word each so that "supports" means being for it as worded; a narrower issue has the
# polarity of its broader one; counters names issues of the opposite polarity.
issues: []
#  - notation: kosovo-eu-membership
#    label: Kosovo's membership of the EU
#    definition: Kosovo joins the European Union as a member state.
#    broader: [kosovo-statehood]        # optional
#    counters: [kosovo-part-of-serbia]  # optional
""",
}


def init(folder: Path, copy_seeds: bool = False) -> workspace.Workspace:
    """Make ``folder`` a workspace (created when missing); the workspace.

    Files already there are kept; a folder that is a workspace already is refused.
    """
    folder = Path(folder)
    if (folder / workspace.MARKER).exists():
        raise InputError(f"is a workspace already ({workspace.MARKER} is there); edit its files, or give another "
                         "folder", folder)
    try:
        (folder / workspace.ARTICLES).mkdir(parents=True, exist_ok=True)
        (folder / "reference").mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot be made a workspace ({exc.strerror}); give a folder you may write in", folder) from None
    if copy_seeds:
        _copy_seeds(folder)
    for name, text in TEMPLATES.items():
        if not (folder / name).exists():
            _write(folder / name, text)
    _write(folder / workspace.MARKER, SETTINGS.format(shipped="false" if copy_seeds else "true"))
    return workspace.open_workspace(folder)


def _copy_seeds(folder: Path) -> None:
    """Copy the shipped articles and annotations into ``articles/``, the reference files and the issues into ``reference/``."""
    shipped = paths.shipped_seeds_dir()
    for source in sorted(shipped.iterdir()):
        if source.is_file() and source.suffix in (".txt", ".yaml"):
            _copy(source, folder / workspace.ARTICLES / source.name)
    for source in sorted((shipped / "reference").glob("*.yaml")):
        _copy(source, folder / "reference" / source.name)
    if not (folder / ISSUES_FILE).exists():
        _write(folder / ISSUES_FILE, shipped_issues())


def shipped_issues() -> str:
    """The shipped issue scheme written as a workspace's ``reference/issues.yaml``."""
    import yaml

    graph = ontology.load_graph()
    vocab = ontology.vocabulary(graph)
    entries = []
    for issue in vocab.issues.values():
        entry = {"notation": issue.notation, "label": issue.label,
                 "definition": str(graph.value(issue.iri, SKOS.definition) or issue.label)}
        if issue.broader:
            entry["broader"] = list(issue.broader)
        own = sorted(str(graph.value(c, SKOS.notation)) for c in graph.objects(issue.iri, SA.counters))
        if own:
            entry["counters"] = own
        if issue.principle:
            entry["principle"] = True
        entries.append(entry)
    # broader issues first, so that the file reads top down
    entries.sort(key=lambda e: (_depth(e["notation"], vocab.issues), e["notation"]))
    head = "# The issue scheme shipped with kg, copied by 'kg init --copy-seeds'; edit it as your own.\n"
    return head + yaml.safe_dump({"issues": entries}, sort_keys=False, allow_unicode=True, width=100)


def _depth(notation: str, issues: dict) -> int:
    seen, depth, current = set(), 0, issues[notation]
    while current.broader and current.notation not in seen:
        seen.add(current.notation)
        current, depth = issues[current.broader[0]], depth + 1
    return depth


def _copy(source: Path, target: Path) -> None:
    if not target.exists():
        shutil.copyfile(source, target)


def _write(path: Path, text: str) -> None:
    write_atomic(path, lambda out: out.write(text.encode("utf-8")))
