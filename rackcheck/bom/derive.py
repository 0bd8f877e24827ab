"""Derive the bill of materials from a design graph.

Counts come from the graph the checks use: racks, PDUs and devices as built, one power
cord per PSU edge, switches and links of each fabric as wired (a generated fabric's
from its plan), transceivers as the fabric metrics count them (`fabric.metrics.optics`: a
twin-port cage holds one module). Nothing is counted a second way here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.bom.builder import _Builder
from rackcheck.bom.builder import describe as describe
from rackcheck.bom.builder import length_class as length_class
from rackcheck.bom.builder import need_of as need_of
from rackcheck.bom.builder import racks_text as racks_text
from rackcheck.bom.lines import Bom

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph


def derive(graph: object) -> Bom:
    from rackcheck.bom import fabric_parts, rack_parts

    g: DesignGraph = graph  # type: ignore[assignment]
    b = _Builder(g)
    rack_parts.add_racks(b, g)
    rack_parts.add_cooling(b, g)
    fabric_parts.add_fabrics(b, g)
    return Bom(g.design.name, g.file, b.lines(), sorted(set(b.notes)))
