"""The shape of the house (issue 12): small files and functions, stages that talk only through api.py,
and components whose declared reads and writes are what the code does."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "whimbrel"
STAGES = ("actors", "times", "places", "statements", "events")
#: Shared helpers any stage may import.
SHARED = {"whimbrel.syntax", "whimbrel.lexicons", "whimbrel.ext", "whimbrel.model", "whimbrel.stages.base",
          "whimbrel.rxguard", "whimbrel.diskcache", "whimbrel.settings", "whimbrel"}
MAX_FILE_LINES, MAX_FUNCTION_LINES = 600, 80


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_file_over_600_lines():
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES}
    assert long == {}


def test_no_function_over_80_lines():
    long = {}
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(SRC)}:{node.name}"] = n
    assert long == {}


def _imports(path: Path, tree: ast.Module) -> list[str]:
    """Absolute names of the whimbrel modules ``path`` imports (relative imports resolved)."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            mod = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if mod.startswith("whimbrel"):
                out += [mod] + [f"{mod}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("whimbrel")]
    return out


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_shared_helpers_and_other_stages_api(stage):
    bad = []
    for path in sorted((SRC / "stages" / stage).rglob("*.py")):
        for name in _imports(path, ast.parse(path.read_text(encoding="utf-8"))):
            if name in SHARED or name.startswith(f"whimbrel.stages.{stage}") or name == "whimbrel.stages":
                continue
            m = re.match(r"whimbrel\.stages\.(\w+)(?:\.(\w+))?", name)
            if m and m.group(1) in STAGES and m.group(2) in (None, "api"):
                continue
            if any(name.startswith(s + ".") and s != "whimbrel" for s in SHARED):
                continue  # a name imported from a shared helper module
            bad.append(f"{path.relative_to(SRC)}: {name}")
    assert bad == []


def test_the_old_stage_modules_are_gone():
    for old in ("times.py", "places.py", "statements.py", "actors", "events", "gazetteer_tables.py"):
        assert not (SRC / old).exists(), old


def test_stages_compare_dependency_labels_through_syntax_constants():
    """``tok.dep == nsubj`` with the constants of whimbrel.syntax, not ``tok.dep_ == "nsubj"``."""
    literal = re.compile(r"\.dep_\s*(==|!=|in\b|not in\b)")
    found = [f"{p.relative_to(SRC)}:{n}" for p in sorted((SRC / "stages").rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if literal.search(line)]
    assert found == []
