"""Layers import downward only: findings <- source/model <- graph <- rules <- report <-
api <- cli. Only the cli package imports click."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "rackcheck"

# package part -> the rackcheck parts it must not import
FORBIDDEN = {
    "findings": {"source", "model", "graph", "rules", "report", "api", "cli"},
    "units": {"source", "model", "graph", "rules", "report", "api", "cli"},
    "source": {"model", "graph", "rules", "report", "api", "cli"},
    "model": {"graph", "rules", "report", "api", "cli"},
    "graph": {"rules", "report", "cli", "scenarios"},
    "scenarios": {"rules", "report", "api", "cli"},
    "rules": {"report", "cli"},
    "report": {"cli"},
    "cost": {"report", "api", "cli"},
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def part(path: Path) -> str:
    rel = path.relative_to(PKG).with_suffix("")
    return rel.parts[0]


MODULES = sorted(PKG.rglob("*.py"))


@pytest.mark.parametrize(
    "path", MODULES, ids=[str(p.relative_to(PKG)) for p in MODULES]
)
def test_layers_import_downward(path):
    banned = FORBIDDEN.get(part(path), set())
    bad = {
        name
        for name in imports(path)
        if name.startswith("rackcheck.") and name.split(".")[1] in banned
    }
    assert bad == set()


def test_only_cli_imports_click():
    users = {
        part(p) for p in MODULES if any(n.split(".")[0] == "click" for n in imports(p))
    }
    assert users == {"cli"}
