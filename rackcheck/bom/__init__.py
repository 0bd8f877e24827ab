"""The bill of materials: derived from a design, checked against a vendor's, the cable
plan, NetBox in and out.

One public entry point per capability:

- `derive_bom(graph) -> Bom`: every part a design needs, from the catalog (derive.py);
- `cable_plan(graph) -> list[CableRow]`: one row per cable (cables.py);
- `check_bom(graph, path) -> Report`: a vendor BOM against the design (check.py).

Lines are typed (`BomLine`); renderers (render.py) turn them into text, CSV, JSON and
XLSX.
"""

from __future__ import annotations

from rackcheck.bom.lines import Bom, BomLine, Need


def derive_bom(graph: object) -> Bom:
    """Every part the design of `graph` (a DesignGraph) needs, by section."""
    from rackcheck.bom.derive import derive

    return derive(graph)


__all__ = ["Bom", "BomLine", "Need", "derive_bom"]
