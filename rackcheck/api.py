"""check(paths, settings) -> Report. No printing, no exit codes: the CLI does those."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rackcheck.findings import Finding, InputError, Location, Report, Severity
from rackcheck.settings import Settings
from rackcheck.source import shown_path

DESIGN_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def discover(
    paths: list[str], warnings: list[str] | None = None
) -> tuple[list[Path], list[Finding]]:
    """Files named, plus design files found under folders (those with `rackcheck:`).
    A folder without designs adds a line to `warnings` (as ruff does)."""
    files: list[Path] = []
    errors: list[Finding] = []
    for raw in paths:
        p = Path(raw)
        problem = _not_checkable(p)
        if problem is not None:
            errors.append(Finding("INP001", Severity.ERROR, problem,
                                  Location(raw, 1, 1)))  # fmt: skip
        elif p.is_dir():
            found = _designs_under(p)
            if not found and warnings is not None:
                warnings.append(f"warning: no design files found under {raw}")
            files += found
        else:
            files.append(p)
    unique: dict[Path, Path] = {}  # the first mention of each file, in order
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), errors


def _designs_under(folder: Path) -> list[Path]:
    out = []
    for f in sorted(folder.rglob("*")):
        wanted = f.suffix in DESIGN_SUFFIXES and f.is_file()
        skipped = not SKIP_DIRS.isdisjoint(f.relative_to(folder).parts)
        if wanted and not skipped and _is_design(f):
            out.append(f)
    return out


def _not_checkable(p: Path) -> str | None:
    """Why a named path cannot be checked, or None: a FIFO, a device, a symbolic
    link loop or a missing file are each named as what they are."""
    import errno
    import os
    import stat

    from rackcheck.source.yamlsrc import file_kind

    try:
        st = os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if os.path.islink(p):
            return f"broken symbolic link (it points to {os.readlink(p)!r})"
        if exc.errno == errno.ENOTDIR:
            return "no such file: a parent of it is a file"
        if exc.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read: {exc.strerror}"
    if stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode):
        return None
    return f"is {file_kind(st.st_mode)}, not a design file"


def _is_design(path: Path) -> bool:
    """Cheap sniff: a design file has a top-level `rackcheck:` key. Only regular files
    are opened (a FIFO would block)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return any(line.startswith(b"rackcheck:") for line in head.splitlines())


class _CatalogCache:
    """The bundled catalogs are read once per run, however many designs there are."""

    def __init__(self) -> None:
        self.bundled: Any = None

    def for_design(self, design: Any, doc: Any, path: Path) -> Any:
        from rackcheck.model.load import load_catalog

        if self.bundled is None:
            self.bundled = load_catalog()
        if not design.catalogs and not design.components:
            return self.bundled
        cat = self.bundled.copy()
        errors = []
        for i, rel in enumerate(design.catalogs):
            extra = (path.parent / rel).resolve()
            if not extra.is_file():
                errors.append(Finding("INP004", Severity.ERROR,
                                      f"catalog file {rel!r} not found",
                                      doc.source.at(("catalogs", i))))  # fmt: skip
                continue
            cat.add_file(extra, shown_path(extra))
        for i, comp in enumerate(design.components):
            loc = doc.source.at(("components", i, "id"))
            if comp.id in cat.components:
                errors.append(Finding("INP005", Severity.ERROR,
                                      f"component id {comp.id!r} is already defined "
                                      f"at {cat.where[comp.id]}", loc))  # fmt: skip
                continue
            cat.components[comp.id] = comp
            cat.where[comp.id] = loc
        if errors:
            raise InputError(errors)
        return cat


def check_file(path: Path, settings: Settings, cache: _CatalogCache) -> dict[str, Any]:
    """Check one design; raises InputError. Returns findings and metrics."""
    from rackcheck.cost import design_cost
    from rackcheck.metrics import design_metrics
    from rackcheck.rules import all_rules
    from rackcheck.rules.engine import run

    doc, graph = _load(path, cache)
    rules = [r for r in all_rules() if settings.enabled(r.id)]
    findings = run(graph, rules, settings.options, settings.severity)
    derating = settings.options.get("POW001", {}).get("derating")
    metrics = design_metrics(graph, derating)
    cost = design_cost(graph, path)
    if cost is not None:
        metrics["cost"] = cost
    overflow = _non_finite(metrics)
    if overflow is not None:  # never Infinity in JSON nor `inf kVA` in text
        raise InputError([Finding("INP007", Severity.ERROR,
                                  f"figure {overflow} overflows: the design's figures "
                                  "are too large to compute", doc.source.at(()))])  # fmt: skip
    return {
        "findings": findings,
        "metrics": metrics,
        "doc": doc,
        "graph": graph,
    }


def load_graph(path: Path) -> Any:
    """One design file as its DesignGraph, rules not run (the BOM, the cable plan and
    the NetBox export start from it); raises InputError."""
    return _load(path, _CatalogCache())[1]


def _load(path: Path, cache: _CatalogCache) -> tuple[Any, Any]:
    """Read, validate and resolve one design: (document, graph); raises InputError."""
    from rackcheck.graph.build import DesignGraph
    from rackcheck.model.design import Design
    from rackcheck.model.load import validate
    from rackcheck.source import load_yaml

    if path.suffix not in DESIGN_SUFFIXES and not _is_design(path):
        raise InputError([Finding("INP002", Severity.ERROR,
                                  "not a rackcheck design: not .yaml/.yml and no "
                                  "top-level `rackcheck:` key", Location(shown_path(path)))])  # fmt: skip
    doc = load_yaml(path, shown_path(path))
    if not isinstance(doc.data, dict) or "rackcheck" not in doc.data:
        what = "empty" if doc.data is None else "not a rackcheck design"
        raise InputError([Finding("INP002", Severity.ERROR,
                                  f"{what}: a design has a top-level `rackcheck: 1` "
                                  "key (docs/design-format.md)", doc.source.at(()))])  # fmt: skip
    design = validate(doc, Design)
    catalog = cache.for_design(design, doc, path)
    graph = DesignGraph(design, catalog, doc.source)
    _extra_references(graph)
    return doc, graph


def _extra_references(graph: Any) -> None:
    """Sites, datasets, flows and phases that name nothing: located input errors."""
    from rackcheck.graph import sites, staging

    errors = sites.references(graph) + staging.references(graph)
    if errors:
        raise InputError(sorted(errors, key=Finding.sort_key))


def check(
    paths: list[str], settings: Settings | None = None, results: Any = None
) -> Report:
    """Check designs. `results` is an optional cache.ResultCache of per-design results.
    Inline suppressions, budgets and the baseline are applied (triage.py); a bad
    baseline file raises InputError."""
    from rackcheck import triage

    settings = settings or Settings()
    warnings: list[str] = []
    files, missing = discover(paths, warnings)
    report = Report(input_errors=list(missing))
    report.warnings = warnings
    cache = _CatalogCache()
    per_design: dict[str, Any] = {}
    for path in files:
        shown = shown_path(path)
        report.files.append(shown)
        result = results.get(path, shown, settings) if results is not None else None
        if result is None:
            try:
                result = check_file(path, settings, cache)
            except InputError as exc:
                report.input_errors.extend(exc.findings)
                continue
            if results is not None:
                deps = _extra_catalogs(result, path)
                results.put(path, shown, settings, result, deps)
        raw = result["findings"]
        report.findings.extend(triage.file_findings(path, shown, raw, settings, report))
        per_design[shown] = result["metrics"]
    report.findings.sort(key=Finding.sort_key)
    report.input_errors.sort(key=Finding.sort_key)
    report.metrics = merge_metrics(per_design)
    triage.run_findings(report, settings)
    return report


def _non_finite(value: Any, where: str = "") -> str | None:
    """The key path of the first infinite or NaN number in `value`, or None."""
    import math

    if isinstance(value, float) and not math.isfinite(value):
        return where or "?"
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return None
    for k, v in items:
        hit = _non_finite(v, f"{where}.{k}" if where else str(k))
        if hit is not None:
            return hit
    return None


def _extra_catalogs(result: dict[str, Any], path: Path) -> list[Path]:
    """The design's own catalog files and price books: what a cached result also
    depends on."""
    design = result["graph"].design
    books = design.cost.price_books if design.cost is not None else []
    return [(path.parent / rel).resolve() for rel in [*design.catalogs, *books]]


def merge_metrics(per_design: dict[str, Any]) -> dict[str, Any]:
    """One design: its metrics as they are. Several: totals summed, racks keyed
    `path#rack`, and each design's own metrics under `designs`."""
    if len(per_design) == 1:
        return dict(next(iter(per_design.values())))
    totals: dict[str, float] = {}
    racks: dict[str, Any] = {}
    for path, m in per_design.items():
        for k, v in m["totals"].items():
            totals[k] = round(totals.get(k, 0) + v, 3)
        for name, r in m["racks"].items():
            racks[f"{path}#{name}"] = r
    out = {"totals": totals, "racks": racks, "designs": per_design}
    costs = [m["cost"] for m in per_design.values() if "cost" in m]
    if costs:
        from rackcheck.cost import merge_costs

        merged = merge_costs(costs)
        if merged is not None:
            out["cost"] = merged
    return out


def compare_quotes(quotes: list[str], design: str, **options: Any) -> Any:
    """`rackcheck quotes compare` in Python: a `rackcheck.cost.Comparison` of the quote
    files for the design at `design` (options: see rackcheck.cost.compare_quotes);
    raises InputError."""
    from rackcheck.cost import compare_quotes as run

    if not Path(design).is_file():
        raise InputError(
            [Finding("INP001", Severity.ERROR, "no such file", Location(design, 1, 1))]
        )
    return run(quotes, load_graph(Path(design)), **options)


def size_fabric(nodes: int, rails: int, switch: str, **options: Any) -> dict[str, Any]:
    """`rackcheck fabric size` in Python (options: see rackcheck/sizing.py)."""
    from rackcheck.sizing import size_fabric as run

    return run(nodes, rails, switch, **options)


def check_with_graph(path: str, settings: Settings | None = None) -> tuple[Report, Any]:
    """One design checked as `check` does it (suppressions, budgets, baseline), with its
    design graph for the drawings of `rackcheck report` and `render`. The graph is None
    when the design could not be read (the report's input_errors say why)."""
    keep = _KeepGraph()
    return check([path], settings, keep), keep.graph


class _KeepGraph:
    """A result cache that never hits and keeps the graph of the result it is given."""

    graph: Any = None

    def get(self, path: Path, shown: str, settings: Settings) -> None:
        return None

    def put(self, path: Path, shown: str, settings: Settings, result: Any,
            deps: Any) -> None:  # fmt: skip
        self.graph = result["graph"]


def scenarios(path: str, depth: int = 1, progress: Any = None) -> Any:
    """`rackcheck scenarios` in Python: load one design (InputError when it cannot be
    read) and try its failures (rackcheck/scenarios/). Returns a scenarios.Result."""
    from rackcheck import scenarios as what_if

    files, missing = discover([path])
    if missing:
        raise InputError(missing)
    _, graph = _load(files[0], _CatalogCache())
    return what_if.run(graph, depth, progress)
