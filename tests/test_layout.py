"""The package's layout as the README's "What is where" states it: stages import only upward, modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"

# The order of the stages, top of the data flow first; a module imports only from its
# own stage and those before it. kg/unga sits beside the analysis.
ORDER = {
    "errors": 0, "paths": 0, "atomic": 0,
    "terms": 1, "catalogue": 2, "store": 3, "build": 4, "draft": 5,
    "analysis": 6, "unga": 6, "views": 7, "api": 8, "__init__": 8, "cli": 9,
}


def _stage(module: str) -> str:
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg" and node.level == 0:
            if node.module != "kg":
                found.append(node.module)
            else:  # a module of the package, a name of the API, or the version (a constant, free to all)
                found += [f"kg.{a.name}" if (KG / a.name).is_dir() or (KG / f"{a.name}.py").is_file() else "kg"
                          for a in node.names if a.name != "__version__"]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append("relative")
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "kg"]
    return found


def _modules():
    for path in sorted(KG.rglob("*.py")):
        relative = path.relative_to(KG)
        stage = "__init__" if relative.parts == ("__init__.py",) else relative.parts[0].removesuffix(".py")
        yield path, stage


def test_every_module_belongs_to_a_stage_of_the_readme():
    stages = {stage for _, stage in _modules()}
    assert stages <= set(ORDER), stages - set(ORDER)
    readme = (KG.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## What is where"):readme.index("## Commands")]
    for stage in stages - {"__init__", "__main__"}:
        assert f"`kg/{stage}/`" in section or f"`kg/{stage}.py`" in section, stage


def test_no_module_imports_from_a_later_stage():
    upward = []
    for path, stage in _modules():
        for module in _imports(path):
            assert module != "relative", f"{path}: imports are absolute, so a module's stage shows in every import"
            target = _stage(module)
            if ORDER[target] > ORDER[stage]:
                upward.append(f"{path.relative_to(KG.parent)} imports {module}")
    assert upward == []


def test_no_module_is_over_300_lines():
    long = {str(p.relative_to(KG.parent)): n for p, _ in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}
