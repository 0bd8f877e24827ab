"""`rackcheck diff`: what a change does to a design's figures and findings.

BASE and HEAD are two files, two folders, or (`--base-ref REF`) the same paths at a git
revision and in the working tree (read with `git ls-tree` and `git show`: git is only
read). Both sides are checked with the same settings; the result holds every figure
present on either side (totals, storage, fabrics, cost: whatever the metrics hold, as
they appear), the findings new in HEAD and fixed since BASE (matched on rule, file,
subject and message with numbers blanked, so a changed figure is not a new finding),
and the budgets judged on HEAD.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rackcheck import figures as fig
from rackcheck.budget import Verdict, verdicts
from rackcheck.findings import Finding, Location, Report, Severity
from rackcheck.jsontypes import obj
from rackcheck.settings import Settings

if TYPE_CHECKING:
    from rackcheck.bom.changes import BomChange
    from rackcheck.jsontypes import JSONObject
    from rackcheck.run.result import ResultStore

# Figures, labels, units and the order of rows: rackcheck/figures.py.
_NUMBER = re.compile(r"(?<![A-Za-z0-9_])[-+]?\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str
    base: float | None
    head: float | None

    @property
    def delta(self) -> float | None:
        if self.base is None and self.head is None:
            return None
        return round((self.head or 0) - (self.base or 0), 6)


@dataclass
class Diff:
    base_label: str
    head_label: str
    base: Report
    head: Report
    rows: list[Row] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    budgets: list[Verdict] = field(default_factory=list)
    bom: list[BomChange] = field(default_factory=list)

    def exit_code(self, fail_on: Severity | None) -> int:
        """2 HEAD cannot be checked; 1 a budget breached or a new finding at or above
        `fail_on`; else 0."""
        if self.head.input_errors:
            return 2
        if any(v.ok is False for v in self.budgets):
            return 1
        if fail_on is not None and any(f.severity >= fail_on for f in self.new):
            return 1
        return 0


# -- figures --------------------------------------------------------------------------
def _num(x: object) -> float | None:
    if isinstance(x, str):  # metrics.cost holds amounts as decimal strings
        try:
            return float(x)
        except ValueError:
            return None
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def figures(metrics: JSONObject, root: Path | None = None) -> dict[str, float]:
    """The figures a reviewer compares, by key: every numeric total (`totals.gpus`),
    storage throughput and capacity, per fabric its switches (leaf + spine + core),
    bisection and switch power, and costs; whatever of these the metrics hold. With
    several designs, storage, fabric and cost figures are each design's own, keyed
    `<path>: ...` (the path relative to `root`, so two folders line up)."""
    out: dict[str, float] = {}
    for k, v in obj(metrics.get("totals")).items():
        if (n := _num(v)) is not None:
            out[f"totals.{k}"] = n
    designs = metrics.get("designs")
    parts = (
        [(f"{_rel(p, root)}: ", obj(m)) for p, m in designs.items()]
        if isinstance(designs, dict)
        else [("", metrics)]
    )
    for prefix, m in parts:
        storage = obj(m.get("storage"))
        for key in fig.DIFF_ROWS:
            section, _, name = key.partition(".")
            if section == "storage" and (n := _num(storage.get(name))) is not None:
                out[f"{prefix}{key}"] = n
        for fabric, f in sorted(obj(m.get("fabrics")).items()):
            if not isinstance(f, dict):
                continue
            tiers = [_num(f.get(t)) for t in ("leaf", "spine", "core")]
            if (n := _num(f.get("switches"))) is not None:
                out[f"{prefix}fabrics.{fabric}.switches"] = n
            elif any(t is not None for t in tiers):
                out[f"{prefix}fabrics.{fabric}.switches"] = sum(t or 0 for t in tiers)
            for name in _FABRIC:
                if (n := _num(f.get(name))) is not None:
                    out[f"{prefix}fabrics.{fabric}.{name}"] = n
        for k, v in obj(m.get("cost")).items():
            if k not in ("years",) and (n := _num(v)) is not None:
                out[f"{prefix}cost.{k}"] = n
        out.update(_staged(prefix, m))
    return out


def _declared(section: str) -> tuple[str, ...]:
    return tuple(f.name for f in fig.FIGURES if f.key.startswith(f"{section}.*."))


_FABRIC = tuple(n for n in _declared("fabrics") if n != "switches")  # summed apart
PHASE_FIGURES = _declared("phases")


def _quiet_unless_changed(key: str) -> bool:
    """Other totals, phase and flow figures: shown only when they change."""
    bare = key.rpartition(": ")[2]
    if bare.startswith(("phases.", "flows.")):
        return True
    return key.startswith("totals.") and key not in fig.DIFF_ROWS


def _staged(prefix: str, m: JSONObject) -> dict[str, float]:
    """Per phase its figures (metrics.phases), per flow its transfer time."""
    out: dict[str, float] = {}
    for name, found in sorted(obj(m.get("phases")).items()):
        p = obj(found)
        for k in PHASE_FIGURES:
            if (n := _num(p.get(k))) is not None:
                out[f"{prefix}phases.{name}.{k}"] = n
        for fab, b in sorted(obj(p.get("bisection_gbps")).items()):
            if (n := _num(b)) is not None:
                out[f"{prefix}phases.{name}.{fab}_bisection_gbps"] = n
    for name, f in sorted(obj(m.get("flows")).items()):
        if (n := _num(obj(f).get("transfer_seconds"))) is not None:
            out[f"{prefix}flows.{name}.transfer_seconds"] = n
    return out


def label(key: str) -> tuple[str, str]:
    """(label, unit) of a figure key: as declared in rackcheck/figures.py, per fabric,
    phase or flow its name first, other figures by the naming convention."""
    design, _, bare = key.rpartition(": ")
    parts = bare.split(".")
    name = parts[-1]
    declared = fig.find(bare)
    if declared is not None and (bare in fig.DIFF_ROWS or len(parts) == 3):
        text, unit = declared.label, declared.unit
    else:
        text, unit = fig.by_convention(name)
    if parts[0] in ("fabrics", "phases", "flows") and len(parts) == 3:
        text = f"{parts[0][:-1]} {parts[1]}: {text}"
    return (f"{design}: {text}" if design else text), unit


def _order(key: str) -> tuple[int, str]:
    """Known totals first, then fabrics, storage, cost, then the rest."""
    bare = key.rpartition(": ")[2]
    known = list(fig.DIFF_ROWS)
    if bare in known and bare.startswith("totals.") and known.index(bare) < 8:
        return (known.index(bare), "")
    section = bare.split(".")[0]
    rank = {"fabrics": 10, "storage": 20, "cost": 30, "totals": 40}.get(section, 50)
    if bare in known:
        return (rank, f"{key.rpartition(': ')[0]}{known.index(bare):03d}")
    return (rank, key)


def _rel(path: str, root: Path | None) -> str:
    if root is None:
        return path
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def rows(
    base: JSONObject,
    head: JSONObject,
    base_root: Path | None = None,
    head_root: Path | None = None,
) -> list[Row]:
    """A row per figure either side has: the known ones always, other totals only
    when they changed."""
    a, b = figures(base, base_root), figures(head, head_root)
    keys = [
        k
        for k in dict.fromkeys([*a, *b])
        if not (_quiet_unless_changed(k) and a.get(k) == b.get(k))
    ]
    out = []
    for k in sorted(keys, key=_order):
        text, unit = label(k)
        out.append(Row(k, text, unit, a.get(k), b.get(k)))
    return out


# -- findings -------------------------------------------------------------------------
def _key(f: Finding, root: Path | None) -> tuple[str, str, str, str]:
    path = _rel(f.location.path, root) if root is not None else ""
    return (f.rule_id, path, f.subject, _NUMBER.sub("#", f.message))


def compare(
    base: list[Finding],
    head: list[Finding],
    base_root: Path | None,
    head_root: Path | None,
) -> tuple[list[Finding], list[Finding]]:
    """(new in head, fixed since base), matched as multisets."""
    before = Counter(_key(f, base_root) for f in base)
    after = Counter(_key(f, head_root) for f in head)
    new, fixed = [], []
    left = Counter(before)
    for f in head:
        k = _key(f, head_root)
        if left[k] > 0:
            left[k] -= 1
        else:
            new.append(f)
    right = Counter(after)
    for f in base:
        k = _key(f, base_root)
        if right[k] > 0:
            right[k] -= 1
        else:
            fixed.append(f)
    return new, fixed


# -- running both sides ---------------------------------------------------------------
def _root_of(path: str) -> Path | None:
    p = Path(path)
    return p if p.is_dir() else None


def diff_paths(
    base: str, head: str, settings: Settings, results: ResultStore | None = None
) -> Diff:
    from rackcheck.api import check

    quiet = replace(settings, budgets={}, baseline=None)
    from rackcheck.bom.changes import bom_changes, bom_totals

    a = check([base], quiet)
    b = check([head], quiet, results)
    d = _finish(Diff(base, head, a, b), settings, _root_of(base), _root_of(head))
    d.bom = bom_changes(bom_totals(a.files), bom_totals(b.files))
    return d


def diff_ref(
    ref: str, paths: list[str], settings: Settings, results: ResultStore | None = None
) -> Diff:
    """Base: `paths` as they are at git revision `ref`; head: the working tree."""
    from rackcheck import repo
    from rackcheck.api import check
    from rackcheck.bom.changes import bom_changes, bom_totals

    root = repo.root()
    quiet = replace(settings, budgets={}, baseline=None)
    with tempfile.TemporaryDirectory(prefix="rackcheck-base-") as tmp:
        tmp_root = Path(tmp)
        base_paths = materialize(ref, paths, root, tmp_root)
        a = check(base_paths, quiet) if base_paths else _empty()
        base_bom = bom_totals(a.files)
        a = _relocate(a, tmp_root, root)
    b = check(paths, quiet, results)
    d = _finish(Diff(ref, "working tree", a, b), settings, root, root)
    d.bom = bom_changes(base_bom, bom_totals(b.files))
    return d


def _empty() -> Report:
    return Report()


def _finish(
    d: Diff, settings: Settings, base_root: Path | None, head_root: Path | None
) -> Diff:
    d.rows = rows(d.base.metrics, d.head.metrics, base_root, head_root)
    d.new, d.fixed = compare(d.base.findings, d.head.findings, base_root, head_root)
    d.budgets = verdicts(d.head.metrics, settings) if not d.head.input_errors else []
    return d


def materialize(ref: str, paths: list[str], root: Path, tmp: Path) -> list[str]:
    """Write the YAML files under `paths` as they are at `ref` into `tmp` (same layout
    relative to the repository root), with the extra catalogs and price books the
    designs name."""
    from rackcheck.findings import InputError
    from rackcheck.repo import GitError, git
    from rackcheck.source.yamlsrc import load_yaml

    out: list[str] = []
    for raw in paths:
        rel = (
            Path(raw).resolve().relative_to(root).as_posix()
            if Path(raw).exists()
            else Path(raw).as_posix()
        )
        listed = git(["ls-tree", "-r", "--name-only", ref, "--", rel or "."], root)
        names = [
            n for n in listed.decode().splitlines() if n.endswith((".yaml", ".yml"))
        ]
        for name in names:
            _fetch(ref, name, root, tmp)
            try:
                data = load_yaml(tmp / name).data
            except InputError:  # the base's own INP001, reported by its check
                continue
            for cat in _dependencies(data):
                dep = Path(name).parent / str(cat)
                if not (tmp / dep).exists():
                    # a catalog missing at REF is the base's INP004, not a git error
                    with contextlib.suppress(GitError, OSError):
                        _fetch(ref, _normal(dep), root, tmp)
        if names:
            out.append(str(tmp / rel) if rel else str(tmp))
    return out


def _dependencies(data: object) -> list[str]:
    """Files a design names beside it: extra catalogs and its cost price books."""
    if not isinstance(data, dict):
        return []
    cost = data.get("cost")
    books = cost.get("price_books", []) if isinstance(cost, dict) else []
    deps = [*(data.get("catalogs") or []), *(books or [])]
    return [d for d in deps if isinstance(d, str)]


def _normal(p: Path) -> str:
    import posixpath

    return posixpath.normpath(p.as_posix())


def _fetch(ref: str, name: str, root: Path, tmp: Path) -> None:
    from rackcheck.repo import git

    data = git(["show", f"{ref}:{name}"], root)
    target = tmp / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _relocate(report: Report, tmp: Path, root: Path) -> Report:
    """Findings of the checked-out copy, shown at the files' paths in the repo."""
    from rackcheck.source import shown_path

    def move(path: str) -> str:
        try:
            rel = Path(path).resolve().relative_to(tmp.resolve())
        except ValueError:
            return path
        return shown_path(root / rel)

    def fix(f: Finding) -> Finding:
        loc = f.location
        return replace(
            f,
            location=Location(move(loc.path), loc.line, loc.column),
            related=tuple(Location(move(r.path), r.line, r.column) for r in f.related),
        )

    report.findings = [fix(f) for f in report.findings]
    report.input_errors = [fix(f) for f in report.input_errors]
    report.files = [move(p) for p in report.files]
    designs = report.metrics.get("designs")
    if isinstance(designs, dict):
        report.metrics["designs"] = {move(k): v for k, v in designs.items()}
    return report
