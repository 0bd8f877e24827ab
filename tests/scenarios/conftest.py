from __future__ import annotations

import pytest
from scenhelp import SCEN, build

from rackcheck.graph.build import DesignGraph


@pytest.fixture(scope="module")
def hall() -> DesignGraph:
    return build(SCEN / "hall-a-facility.yaml")


@pytest.fixture
def graph_of(write):
    def _make(text: str) -> DesignGraph:
        return build(write("d.yaml", text))

    return _make
