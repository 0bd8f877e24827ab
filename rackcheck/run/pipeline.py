"""The run pipeline: discover -> load and resolve -> build -> rules -> figures ->
triage (suppressions, baseline, budgets: triage.py) -> Report. No printing, no exit
codes: the CLI does those."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, InputError, Report, Severity
from rackcheck.run.discover import discover
from rackcheck.run.load import load
from rackcheck.run.result import DesignResult, Metrics
from rackcheck.settings import Settings
from rackcheck.source import shown_path

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.jsontypes import JSONObject
    from rackcheck.model.catalogs import DesignCatalogs
    from rackcheck.run.result import ResultStore


def check_file(path: Path, settings: Settings, cache: DesignCatalogs) -> DesignResult:
    """Check one design; raises InputError. Returns findings and metrics."""
    from rackcheck.cost import design_cost
    from rackcheck.metrics import design_metrics
    from rackcheck.rules import all_rules
    from rackcheck.rules.engine import run

    doc, graph = load(path, cache)
    rules = [r for r in all_rules() if settings.enabled(r.id)]
    findings = run(graph, rules, settings.options, settings.severity)
    derating = settings.options.get("POW001", {}).get("derating")
    metrics = design_metrics(graph, derating)
    cost = design_cost(graph, path)
    if cost is not None:
        metrics["cost"] = cost
    overflow = non_finite(metrics)
    if overflow is not None:  # never Infinity in JSON nor `inf kVA` in text
        raise InputError([Finding("INP007", Severity.ERROR,
                                  f"figure {overflow} overflows: the design's figures "
                                  "are too large to compute", doc.source.at(()))])  # fmt: skip
    return DesignResult(findings, metrics, doc, graph)


def check(
    paths: list[str],
    settings: Settings | None = None,
    results: ResultStore | None = None,
) -> Report:
    """Check designs. `results` is an optional cache.ResultCache of per-design results.
    Inline suppressions, budgets and the baseline are applied (triage.py); a bad
    baseline file raises InputError."""
    from rackcheck import triage
    from rackcheck.model.catalogs import DesignCatalogs

    settings = settings or Settings()
    warnings: list[str] = []
    files, missing = discover(paths, warnings)
    report = Report(input_errors=list(missing))
    report.warnings = warnings
    cache = DesignCatalogs()
    per_design: dict[str, Metrics] = {}
    for path in files:
        shown = shown_path(path)
        report.files.append(shown)
        hit = results.get(path, shown, settings) if results is not None else None
        result = DesignResult(*hit) if hit is not None else None
        if result is None:
            try:
                result = check_file(path, settings, cache)
            except InputError as exc:
                report.input_errors.extend(exc.findings)
                continue
            if results is not None:
                deps = extra_catalogs(result, path)
                results.put(path, shown, settings, result, deps)
        raw = result.findings
        report.findings.extend(triage.file_findings(path, shown, raw, settings, report))
        per_design[shown] = result.metrics
    report.findings.sort(key=Finding.sort_key)
    report.input_errors.sort(key=Finding.sort_key)
    report.metrics = merge_metrics(per_design)
    triage.run_findings(report, settings)
    return report


def non_finite(value: object, where: str = "") -> str | None:
    """The key path of the first infinite or NaN number in `value`, or None."""
    import math

    if isinstance(value, float) and not math.isfinite(value):
        return where or "?"
    if isinstance(value, dict):
        items: list[tuple[object, object]] = list(value.items())
    elif isinstance(value, (list, tuple)):
        items = list(enumerate(value))
    else:
        return None
    for k, v in items:
        hit = non_finite(v, f"{where}.{k}" if where else str(k))
        if hit is not None:
            return hit
    return None


def extra_catalogs(result: DesignResult, path: Path) -> list[Path]:
    """The design's own catalog files and price books: what a cached result also
    depends on."""
    assert result.graph is not None  # checked in this run, not read from the cache
    design = result.graph.design
    books = design.cost.price_books if design.cost is not None else []
    return [(path.parent / rel).resolve() for rel in [*design.catalogs, *books]]


def merge_metrics(per_design: dict[str, Metrics]) -> Metrics:
    """One design: its metrics as they are. Several: totals summed, racks keyed
    `path#rack`, and each design's own metrics under `designs`."""
    if len(per_design) == 1:
        return dict(next(iter(per_design.values())))
    from rackcheck.jsontypes import number, obj

    totals: dict[str, float] = {}
    racks: JSONObject = {}
    for path, m in per_design.items():
        for k, v in obj(m["totals"]).items():
            value = number(v)
            if value is not None:  # every total is a number (metrics.design_metrics)
                totals[k] = round(totals.get(k, 0) + value, 3)
        for name, r in obj(m["racks"]).items():
            racks[f"{path}#{name}"] = r
    out: JSONObject = {"totals": {**totals}, "racks": racks, "designs": {**per_design}}
    costs = [obj(m["cost"]) for m in per_design.values() if "cost" in m]
    if costs:
        from rackcheck.cost import merge_costs

        merged = merge_costs(costs)
        if merged is not None:
            out["cost"] = merged
    return out


def check_with_graph(
    path: str, settings: Settings | None = None
) -> tuple[Report, DesignGraph | None]:
    """One design checked as `check` does it (suppressions, budgets, baseline), with its
    design graph for the drawings of `rackcheck report` and `render`. The graph is None
    when the design could not be read (the report's input_errors say why)."""
    keep = KeepGraph()
    return check([path], settings, keep), keep.graph


class KeepGraph:
    """A result cache that never hits and keeps the graph of the result it is given."""

    graph: DesignGraph | None = None

    def get(
        self, path: Path, shown: str, settings: Settings
    ) -> tuple[list[Finding], Metrics] | None:
        return None

    def put(
        self,
        path: Path,
        shown: str,
        settings: Settings,
        result: DesignResult,
        deps: list[Path],
    ) -> None:
        self.graph = result.graph
