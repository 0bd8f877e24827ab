from __future__ import annotations

from pathlib import Path

import pytest

from rackcheck.api import _CatalogCache
from rackcheck.graph.build import DesignGraph
from rackcheck.model.design import Design
from rackcheck.model.load import validate
from rackcheck.source import load_yaml


def build(path: Path) -> DesignGraph:
    """A design's graph, without running the rules."""
    doc = load_yaml(path, str(path))
    design = validate(doc, Design)
    return DesignGraph(
        design, _CatalogCache().for_design(design, doc, path), doc.source
    )


@pytest.fixture
def graph_of(write):
    def _make(text: str) -> DesignGraph:
        return build(write("d.yaml", text))

    return _make
