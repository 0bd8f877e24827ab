"""Helpers for the scenario tests: build a design graph without running rules."""

from __future__ import annotations

from pathlib import Path

from rackcheck.api import load_graph
from rackcheck.graph.build import DesignGraph

ROOT = Path(__file__).resolve().parent.parent.parent
SCEN = ROOT / "designs" / "scenarios"


def build(path: Path) -> DesignGraph:
    return load_graph(path)
