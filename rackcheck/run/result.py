"""What checking one design gives: a typed value passed along the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias

if TYPE_CHECKING:
    from rackcheck.findings import Finding
    from rackcheck.graph.build import DesignGraph
    from rackcheck.jsontypes import JSONObject
    from rackcheck.settings import Settings
    from rackcheck.source import Document

# The design's figures as the metrics module builds them (JSON-ready: totals, racks,
# cost, ...): a JSON object, which readers narrow with rackcheck.jsontypes' obj/number.
Metrics: TypeAlias = "JSONObject"


@dataclass(frozen=True)
class DesignResult:
    """One design checked: its findings (before triage) and figures; the document and
    graph when it was checked in this run (None when it came from the result cache)."""

    findings: list[Finding]
    metrics: Metrics
    doc: Document | None = None
    graph: DesignGraph | None = None

    def __getitem__(self, key: str) -> object:
        """`result["findings"]`: the mapping check_file returned before, still read."""
        if key not in ("findings", "metrics", "doc", "graph"):
            raise KeyError(key)
        return getattr(self, key)


class ResultStore(Protocol):
    """Where per-design results are kept between runs (cache.ResultCache)."""

    def get(
        self, path: Path, shown: str, settings: Settings
    ) -> tuple[list[Finding], Metrics] | None: ...

    def put(
        self,
        path: Path,
        shown: str,
        settings: Settings,
        result: DesignResult,
        deps: list[Path],
    ) -> None: ...
