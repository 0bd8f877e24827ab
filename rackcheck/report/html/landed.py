"""Sections from capabilities that live in their own packages rather than in the
check's metrics: the derived bill of materials (`rackcheck.bom.derive_bom`, issue 11)
and the failure scenarios (`rackcheck.scenarios.run`, issue 15). Each is looked up at
run time and its section left out when this rackcheck does not have it; the scenarios
run only when asked (`--scenarios`), since trying every failure takes seconds."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from rackcheck.report.html.extras import table
from rackcheck.report.html.svg import esc

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.jsontypes import JSONObject
    from rackcheck.report.html.progress import Progress

Section = tuple[str, str, str]


def _find(module: str, name: str) -> Callable[..., Any] | None:
    try:
        found: Callable[..., Any] = getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return found


def bom_section(graph: DesignGraph, progress: Progress | None = None) -> Section | None:
    derive = _find("rackcheck.bom", "derive_bom")
    if derive is None:
        return None
    if progress is not None:
        progress.stage("deriving the bill of materials")
    data = derive(graph).as_dict()
    lines = data.get("lines") or []
    if not lines:
        return None
    notes = "".join(f"<li>{esc(n)}</li>" for n in data.get("notes") or [])
    body = table(lines) + (f"<ul>{notes}</ul>" if notes else "")
    return ("bom", "Bill of materials", body)


def scenarios_section(graph: DesignGraph, progress: Progress | None) -> Section:
    run = _find("rackcheck.scenarios", "run")
    to_json = _find("rackcheck.scenarios.render", "to_json")
    if run is None or to_json is None:
        text = "<p>Failure scenarios were asked for, but this rackcheck cannot run them.</p>"
        return ("scenarios", "Failure scenarios", text)
    if progress is not None:
        progress.stage("trying failures")
    result = json.loads(to_json(run(graph, 1, progress.step if progress else None)))
    rows = result.get("scenarios") or []
    head = (
        f"<p>{esc(result.get('singles', len(rows)))} single failures tried, sorted by "
        "impact (GPUs lost, then GPU-hours at risk).</p>"
    )
    notes = "".join(f"<li>{esc(n)}</li>" for n in result.get("notes") or [])
    return (
        "scenarios",
        "Failure scenarios",
        head + table(rows) + (f"<ul>{notes}</ul>" if notes else ""),
    )


def landed_sections(
    graph: DesignGraph,
    metrics: JSONObject,
    scenarios: bool,
    progress: Progress | None,
) -> list[Section]:
    out = []
    if "bom" not in metrics:
        bom = bom_section(graph, progress)
        if bom is not None:
            out.append(bom)
    if scenarios and "scenarios" not in metrics:
        out.append(scenarios_section(graph, progress))
    return out
