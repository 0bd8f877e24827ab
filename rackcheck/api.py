"""The public Python API: check(paths, settings) -> Report and the other entry points
of the commands. Thin: the work is done by the run pipeline (rackcheck/run/), the
packages it names and the model (catalog merging, references). No printing, no exit
codes: the CLI does those."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.model.catalogs import DesignCatalogs
from rackcheck.run.discover import DESIGN_SUFFIXES, SKIP_DIRS, discover, is_design
from rackcheck.run.load import extra_references, load
from rackcheck.run.pipeline import (
    KeepGraph,
    check,
    check_file,
    check_with_graph,
    extra_catalogs,
    merge_metrics,
    non_finite,
)
from rackcheck.run.result import DesignResult
from rackcheck.source import shown_path

if TYPE_CHECKING:
    from typing import Unpack

    from rackcheck.cost import Comparison, QuoteOptions
    from rackcheck.graph.build import DesignGraph
    from rackcheck.jsontypes import JSONObject
    from rackcheck.scenarios import Progress, Result
    from rackcheck.sizing import SizeOptions

__all__ = [
    "DESIGN_SUFFIXES", "SKIP_DIRS", "DesignResult", "check", "check_file",
    "check_with_graph", "compare_quotes", "discover", "load_graph", "merge_metrics",
    "scenarios", "shown_path", "size_fabric",
]  # fmt: skip

# The names these had before the pipeline moved to rackcheck/run/ (tests and tools
# import them from here).
_CatalogCache = DesignCatalogs
_is_design = is_design
_load = load
_extra_references = extra_references
_non_finite = non_finite
_extra_catalogs = extra_catalogs
_KeepGraph = KeepGraph


def load_graph(path: Path) -> DesignGraph:
    """One design file as its DesignGraph, rules not run (the BOM, the cable plan and
    the NetBox export start from it); raises InputError."""
    return load(path, DesignCatalogs())[1]


def compare_quotes(
    quotes: list[str], design: str, **options: Unpack[QuoteOptions]
) -> Comparison:
    """`rackcheck quotes compare` in Python: a `rackcheck.cost.Comparison` of the quote
    files for the design at `design` (options: see rackcheck.cost.compare_quotes);
    raises InputError."""
    from rackcheck.cost import compare_quotes as run

    if not Path(design).is_file():
        raise InputError(
            [Finding("INP001", Severity.ERROR, "no such file", Location(design, 1, 1))]
        )
    return run(quotes, load_graph(Path(design)), **options)


def size_fabric(
    nodes: int, rails: int, switch: str, **options: Unpack[SizeOptions]
) -> JSONObject:
    """`rackcheck fabric size` in Python (options: see rackcheck/sizing.py)."""
    from rackcheck.sizing import size_fabric as run

    return run(nodes, rails, switch, **options)


def scenarios(path: str, depth: int = 1, progress: Progress | None = None) -> Result:
    """`rackcheck scenarios` in Python: load one design (InputError when it cannot be
    read) and try its failures (rackcheck/scenarios/). Returns a scenarios.Result."""
    from rackcheck import scenarios as what_if

    files, missing = discover([path])
    if missing:
        raise InputError(missing)
    _, graph = load(files[0], DesignCatalogs())
    return what_if.run(graph, depth, progress)
