"""A small mutation tester for rackcheck's arithmetic and choices.

    python tools/mutate.py [FILE ...] [--all | --tests "PYTEST ARGS"] [--only FUNC]

For each mutation site inside a function of each FILE (default: a sample of the power,
cooling and storage code, SAMPLE below) it makes one mutant — `*` <-> `/`, `+` <-> `-`
(also `+=`, `-=`), `>` <-> `>=`, `<` <-> `<=`, `max` <-> `min` — and runs the tests
against it: the process imports rackcheck once, then per mutant forks, swaps the mutated
function's code object into the live function (so every module that imported it sees
the mutant) and runs pytest with `-x` on the tests of its area (TARGETED; `--all`: the
TESTS of every area). A mutant is killed when a test fails. Prints one
line per mutant and the kill count per module and kind. Not run in CI: ~3-15 s per
mutant on 2 shared cores. The figures are in docs/contributing.md.
"""

from __future__ import annotations

import ast
import copy
import importlib
import os
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (
    "rackcheck/graph/capacity.py",
    "rackcheck/graph/cooling.py",
    "rackcheck/graph/power.py",
    "rackcheck/graph/storage.py",
    "rackcheck/rules/power/pow001_pdu_capacity.py",
    "rackcheck/rules/cooling/cool002_cdu_redundancy.py",
    "rackcheck/rules/cooling/cool005_rack_air_heat.py",
    "rackcheck/rules/storage/sto004_checkpoint_time.py",
)
# The tests that assert the figures: rule cases, the physics tests, the goldens' checks.
POWER = (
    "tests/rules/test_power_physics.py",
    "tests/rules/test_cooling_space_physics.py",
    "tests/graph/test_power_storage_figures.py",
)
STORAGE = ("tests/rules/test_storage.py", "tests/graph/test_power_storage_figures.py")
TESTS = (  # fastest first: -x stops at the first failure
    *POWER,
    *STORAGE,
    "tests/rules/test_facility_rules.py",
    "tests/rules/test_rack_rules.py",
    "tests/graph/test_topologies.py",
    "tests/test_designs.py",
    "tests/rules/test_rule_cases.py",
)
# A targeted subset per area (pytest -k is case-insensitive and also matches module
# names: "cool" keeps tests/rules/test_cooling_space_physics.py and the COOL cases).
TARGETED = (
    (
        "cool",
        [*POWER, "tests/rules/test_rule_cases.py", "-k", "cool or dat or rck"],
    ),
    (
        "stor",
        [
            *STORAGE,
            "tests/rules/test_rule_cases.py",
            "-k",
            "sto or dat",
        ],
    ),
    (
        "sto0",
        [
            *STORAGE,
            "tests/rules/test_rule_cases.py",
            "-k",
            "sto or dat",
        ],
    ),
    ("", [*POWER, "tests/rules/test_rule_cases.py", "-k", "pow or dat or phs"]),
)


def targeted(path: str) -> list[str]:
    """The test subset for a module of the sample (the whole TESTS with --all)."""
    name = Path(path).name
    return next(t for key, t in TARGETED if key in name)


SWAP_BIN = {ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Add: ast.Sub, ast.Sub: ast.Add}
SYMBOL = {ast.Mult: "*", ast.Div: "/", ast.Add: "+", ast.Sub: "-"}
SWAP_CMP = {ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Lt: ast.LtE, ast.LtE: ast.Lt}
CMP_SYMBOL = {ast.Gt: ">", ast.GtE: ">=", ast.Lt: "<", ast.LtE: "<="}


@dataclass(frozen=True)
class Mutant:
    path: str
    function: str  # qualified name inside the module
    line: int
    kind: str  # arithmetic | comparison | choice
    what: str  # "a * b -> a / b"
    index: int  # which site of the function (walk order)


class _Flip(ast.NodeTransformer):
    """Flip the `target`-th mutation site (walk order) of a function."""

    def __init__(self, target: int) -> None:
        self.target, self.seen, self.done, self.line = target, -1, "", 0

    def _hit(self, node: ast.AST) -> bool:
        self.seen += 1
        if self.seen == self.target:
            self.line = getattr(node, "lineno", 0)
        return self.seen == self.target

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if type(node.op) in SWAP_BIN and self._hit(node):
            old = ast.unparse(node)
            node.op = SWAP_BIN[type(node.op)]()
            self.done = f"{old} -> {ast.unparse(node)}"
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        if type(node.op) in (ast.Add, ast.Sub) and self._hit(node):
            old = ast.unparse(node)
            node.op = SWAP_BIN[type(node.op)]()
            self.done = f"{old} -> {ast.unparse(node)}"
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            if type(op) in SWAP_CMP and self._hit(node):
                old = ast.unparse(node)
                node.ops[i] = SWAP_CMP[type(op)]()
                self.done = f"{old} -> {ast.unparse(node)}"
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        f = node.func
        if isinstance(f, ast.Name) and f.id in ("max", "min") and self._hit(node):
            old = ast.unparse(node)
            f.id = "min" if f.id == "max" else "max"
            self.done = f"{old} -> {ast.unparse(node)}"
        return node


def _kind(what: str) -> str:
    old = what.split(" -> ")[0]
    if old.startswith(("max(", "min(")):
        return "choice"
    return "comparison" if any(s in old for s in ("<", ">")) else "arithmetic"


def _functions(tree: ast.Module) -> list[tuple[str, ast.FunctionDef]]:
    """(qualified name, node) of the module's functions and methods (not nested)."""
    out: list[tuple[str, ast.FunctionDef]] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out.append((node.name, node))
        elif isinstance(node, ast.ClassDef):
            out += [
                (f"{node.name}.{n.name}", n)
                for n in node.body
                if isinstance(n, ast.FunctionDef)
            ]
    return out


def mutants(path: str) -> list[Mutant]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    out: list[Mutant] = []
    for qual, fn in _functions(tree):
        i = 0
        while True:
            flip = _Flip(i)
            flip.visit(copy.deepcopy(fn))
            if not flip.done:
                break
            out.append(Mutant(path, qual, flip.line, _kind(flip.done), flip.done, i))
            i += 1
    return out


def _code_of(path: str, m: Mutant) -> types.CodeType:
    """The code object of the mutated function, compiled at its own line numbers."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"), filename=path)
    fn = dict(_functions(tree))[m.function]
    flip = _Flip(m.index)
    flip.visit(fn)
    ast.fix_missing_locations(tree)
    code = compile(tree, str(ROOT / path), "exec")
    return _find(code, m.function.split("."))


def _find(code: types.CodeType, names: list[str]) -> types.CodeType:
    for c in code.co_consts:
        if isinstance(c, types.CodeType) and c.co_name == names[0]:
            return c if len(names) == 1 else _find(c, names[1:])
    raise LookupError(names)


def _live_function(path: str, qual: str) -> types.FunctionType:
    mod = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    obj: object = mod
    for name in qual.split("."):
        obj = getattr(obj, name)
    fn = getattr(obj, "__wrapped__", obj)  # through functools.wraps
    if not isinstance(fn, types.FunctionType):  # a rule: Rule(func=function)
        fn = getattr(obj, "func", None)
    assert isinstance(fn, types.FunctionType), (path, qual, type(obj))
    return fn


def run_one(m: Mutant, tests: list[str]) -> bool:
    """True when the tests kill the mutant (run in a forked child)."""
    pid = os.fork()
    if pid == 0:  # the child: swap the code in, run the tests, report by exit code
        try:
            fn = _live_function(m.path, m.function)
            fn.__code__ = _code_of(m.path, m)
            import pytest

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            rc = pytest.main(["-x", "-q", "-p", "no:cacheprovider", *tests])
        except BaseException:  # a mutant that cannot even be installed counts as killed
            rc = 3
        os._exit(0 if rc == 0 else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) != 0


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    files = [a for a in argv if not a.startswith("--")] or list(SAMPLE)
    given: list[str] | None = None
    if "--all" in argv:
        given = list(TESTS)
    if "--tests" in argv:
        given = argv[argv.index("--tests") + 1].split()
        files = [f for f in files if f not in given]
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    files = [f for f in files if f != only]
    import rackcheck.api  # noqa: F401  (everything imported once, before forking)
    import rackcheck.cli  # noqa: F401
    from rackcheck.rules import all_rules

    all_rules()
    totals: dict[str, list[int]] = {}
    for path in files:
        for m in mutants(path):
            if only and m.function != only:
                continue
            t0 = time.perf_counter()
            killed = run_one(m, given or targeted(path))
            k = totals.setdefault(f"{path} {m.kind}", [0, 0])
            k[0] += killed
            k[1] += 1
            state = "killed  " if killed else "SURVIVED"
            print(
                f"{state} {time.perf_counter() - t0:5.1f} s {path}:{m.line} "
                f"{m.function}: {m.what}",
                flush=True,
            )
    print("\nkilled / total per module and kind")
    for key, (k, n) in sorted(totals.items()):
        print(f"  {key:70s} {k:4d} / {n:4d}")
    k = sum(v[0] for v in totals.values())
    n = sum(v[1] for v in totals.values())
    print(f"  {'all':70s} {k:4d} / {n:4d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
