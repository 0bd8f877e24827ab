"""Layers import downward only, every module has a layer, and no import cycles.

findings/units <- source/settings/figures <- model/catalog <- graph <- scenarios <- rules
<- (codes, triage, suppress, baseline, budget, config, cache, bom, cost ...) <- report/
api/run <- diff <- cli. A module may import its own layer and any layer below it; the
import cycle test keeps a layer's parts from leaning on each other at import time. Only
the cli package imports click.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "rackcheck"

# The layer of each part of the package (a top-level module or sub-package). A new part
# goes here: the test below fails for a part that has none.
LAYERS: dict[str, int] = {
    "findings": 0,
    "units": 0,
    "jsontypes": 0,  # typing aliases only
    "source": 1,
    "settings": 6,  # its reader checks rule ids and options against the rule registry
    "figures": 1,
    "model": 2,
    "catalog": 2,
    "graph": 3,
    "metrics": 3,
    "sizing": 3,
    "docs": 3,
    "scenarios": 4,
    "rules": 5,
    "codes": 6,
    "suppress": 6,
    "baseline": 6,
    "budget": 6,
    "config": 6,
    "triage": 6,
    "cache": 6,
    "repo": 6,
    "outputs": 6,
    "bom": 6,
    "cost": 6,
    "report": 7,
    "api": 7,
    "run": 7,
    "diff": 8,
    "cli": 9,
    "__main__": 9,
    "__init__": 9,
}
# Imports against the layers that exist today, each inside a function (never at import
# time): part -> the higher parts it still reaches. To be emptied, not extended.
KNOWN_UPWARD: dict[str, set[str]] = {
    "bom": {"api"},  # bom/changes.py: api.load_graph (the BOM diff loads both designs)
}

# The old table, kept as a floor: these parts never import those (at any level).
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
            if node.module == "rackcheck":  # from rackcheck import api
                names.update(f"rackcheck.{a.name}" for a in node.names)
    return names


def part(path: Path) -> str:
    rel = path.relative_to(PKG).with_suffix("")
    return rel.parts[0]


def target(name: str) -> str | None:
    """The part of the package an imported name lands in (None: outside, or the
    package's own `__version__`)."""
    bits = name.split(".")
    if bits[0] != "rackcheck" or len(bits) < 2 or bits[1] == "__version__":
        return None
    return bits[1]


MODULES = sorted(PKG.rglob("*.py"))
IDS = [str(p.relative_to(PKG)) for p in MODULES]


def test_every_part_has_a_layer():
    assert sorted({part(p) for p in MODULES} - set(LAYERS)) == []


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_layers_import_downward(path):
    me = part(path)
    up = {
        t
        for t in filter(None, map(target, imports(path)))
        if t != me and LAYERS.get(t, 0) > LAYERS.get(me, 0)
    }
    assert up - KNOWN_UPWARD.get(me, set()) == set()
    banned = FORBIDDEN.get(me, set())
    assert {t for t in map(target, imports(path)) if t in banned} == set()


def test_known_upward_imports_still_exist():
    """An exception that is no longer needed is removed from KNOWN_UPWARD."""
    for me, ups in KNOWN_UPWARD.items():
        seen = {
            t for p in MODULES if part(p) == me for t in map(target, imports(p)) if t
        }
        assert ups <= seen, me


def test_only_cli_imports_click():
    users = {
        part(p) for p in MODULES if any(n.split(".")[0] == "click" for n in imports(p))
    }
    assert users == {"cli"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(rel[:-1] if rel[-1] == "__init__" else rel)


def _top_level_imports(path: Path, known: set[str]) -> set[str]:
    """Modules of the package imported when `path` is imported (not inside functions,
    not under `if TYPE_CHECKING:`)."""
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for n in body:
            if isinstance(n, ast.If):
                if "TYPE_CHECKING" not in ast.unparse(n.test):
                    visit(n.body)
                    visit(n.orelse)
            elif isinstance(n, ast.Try):
                visit(n.body)
            elif isinstance(n, ast.Import):
                found.update(a.name for a in n.names)
            elif isinstance(n, ast.ImportFrom) and n.module:
                found.add(n.module)
                found.update(f"{n.module}.{a.name}" for a in n.names)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return found & known


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return out


def test_no_import_cycles_at_module_level():
    names = {_module_name(p): p for p in MODULES}
    known = set(names)
    edges = {
        m: {t for t in _top_level_imports(p, known) if t != m} for m, p in names.items()
    }
    assert _cycles(edges) == []


def test_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]


# Tests that are about the whole tool rather than one part: every command's output on
# every bundled design (golden), bad input of every kind (hostile), the bundled designs.
ACROSS = {"golden", "hostile", "data", "test_designs.py", "test_layers.py"}


def test_tests_mirror_the_package():
    """tests/<part>/ tests rackcheck/<part>/ and tests/test_<module>.py tests
    rackcheck/<module>.py, so the tests of a module are found by its name."""
    tests = PKG.parent / "tests"
    strays = []
    for p in sorted(tests.iterdir()):
        if p.name in ACROSS or p.name.startswith(("_", ".")) or p.suffix == ".pyc":
            continue
        if p.is_dir():
            known = (PKG / p.name).is_dir()
        else:
            known = (
                not p.name.startswith("test_")
                or (PKG / p.name.removeprefix("test_")).is_file()
            )
        if not known:
            strays.append(p.name)
    assert strays == []


def test_modules_and_functions_stay_small():
    """No module over 400 lines, no function over 60 (docs/contributing.md): a module
    that grows past it is split by what its parts do."""
    big, long = [], []
    for p in MODULES:
        text = p.read_text(encoding="utf-8")
        if text.count("\n") > 400:
            big.append(p.relative_to(PKG).as_posix())
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > 60:
                    long.append(f"{p.relative_to(PKG).as_posix()}:{node.name}")
    assert (big, long) == ([], [])


def _all_imports(path: Path, known: set[str]) -> set[str]:
    """Modules of the package `path` imports anywhere, inside functions too (not under
    `if TYPE_CHECKING:`): `from a.b import c` counts `a.b.c` if it is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(m)
        for n in ast.walk(tree)
        if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)
        for m in ast.walk(n)
    }
    found: set[str] = set()
    for n in ast.walk(tree):
        if id(n) in typing_only:
            continue
        if isinstance(n, ast.Import):
            found.update(a.name for a in n.names)
        elif isinstance(n, ast.ImportFrom) and n.module:
            for a in n.names:
                sub = f"{n.module}.{a.name}"
                found.add(sub if sub in known else n.module)
    return found & known


def test_no_import_cycles_even_inside_functions():
    names = {_module_name(p): p for p in MODULES}
    known = set(names)
    edges = {m: {t for t in _all_imports(p, known) if t != m} for m, p in names.items()}
    assert _cycles(edges) == []
