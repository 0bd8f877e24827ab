"""Helpers for the scenario tests: build a design graph without running rules."""

from __future__ import annotations

from pathlib import Path

from rackcheck.api import _CatalogCache
from rackcheck.graph.build import DesignGraph
from rackcheck.model.design import Design
from rackcheck.model.load import validate
from rackcheck.source import load_yaml

ROOT = Path(__file__).resolve().parent.parent.parent
SCEN = ROOT / "designs" / "scenarios"


def build(path: Path) -> DesignGraph:
    doc = load_yaml(path, str(path))
    design = validate(doc, Design)
    catalog = _CatalogCache().for_design(design, doc, path)
    return DesignGraph(design, catalog, doc.source)
