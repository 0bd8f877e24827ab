"""Rack units (EIA-310 U or ORv3 OpenU, converted by height) and weight."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode, RackNode
    from rackcheck.model.catalog import Base, Gpus
    from rackcheck.units import Quantity


# Rack-unit pitches, mm: EIA-310-E 1 U = 1.75 in = 44.45 mm; OCP Open Rack V3 Base
# Specification: 1 OpenU (OU) = 48 mm.
PITCH_MM = {"EIA-310": 44.45, "ORv3": 48.0}


def pitch(spec: Base) -> str:
    """The pitch a catalog entry's `rack_units` count in: its `unit_pitch`, else ORv3
    for a rack whose `standard` names Open Rack V3, else EIA-310."""
    if getattr(spec, "unit_pitch", None) is not None:
        return str(spec.unit_pitch)
    standard = str(getattr(spec, "standard", None) or "").lower()
    return "ORv3" if "orv3" in standard or "open rack" in standard else "EIA-310"


def device_units(dev: DeviceNode, graph: DesignGraph) -> int:
    """U a device takes, in its own pitch; a rack system takes what its contents take."""
    if dev.system:
        specs = [(graph.catalog.get(p.model), p.count) for p in dev.contents]
        return sum(
            int(spec.rack_units or 0) * count
            for spec, count in specs
            if spec is not None
        )
    return int(dev.spec.rack_units or 0)


def device_height_mm(dev: DeviceNode, graph: DesignGraph) -> float:
    return device_units(dev, graph) * PITCH_MM[pitch(dev.spec)]


def units_in_rack(dev: DeviceNode, graph: DesignGraph, rack: RackNode) -> int:
    """Rack units a device spans in the rack's own pitch (whole units, rounded up: an
    8 U EIA server, 355.6 mm, spans 8 OpenU = 384 mm of an ORv3 rack)."""
    return spans(device_units(dev, graph), dev.spec, rack.spec)


def spans(units: int, spec: Base, rack_spec: Base) -> int:
    """`units` of catalog entry `spec`'s pitch, as whole units of the rack's pitch."""
    if pitch(spec) == pitch(rack_spec):
        return units
    return math.ceil(units * PITCH_MM[pitch(spec)] / PITCH_MM[pitch(rack_spec)] - 1e-9)


def rack_units_available(rack: RackNode) -> int | None:
    units: int | None = rack.spec.rack_units
    return units


def rack_units_used(graph: DesignGraph, rack: RackNode) -> int | float:
    """Units the devices take, in the rack's pitch: their summed height over the rack's
    unit pitch where the pitches differ (46 x 1 U EIA = 2044.7 mm = 42.6 OU of an ORv3
    rack), else the plain sum of units."""
    devices = graph.devices(rack)
    own = pitch(rack.spec)
    if all(pitch(d.spec) == own for d in devices):
        return sum(device_units(d, graph) for d in devices)
    mm = sum(device_height_mm(d, graph) for d in devices)
    return round(mm / PITCH_MM[own], 2)


def rack_weight(graph: DesignGraph, rack: RackNode) -> Quantity:
    """Devices plus PDUs, kg (parts without a weight in the catalog count 0)."""
    kg = sum(_kg(d.spec, graph) for d in graph.devices(rack))
    kg += sum(_kg(p.spec, graph) for p in graph.pdus(rack))
    return q(kg, "kg")


def _kg(spec: Base, graph: DesignGraph) -> float:
    weight = spec.weight
    if weight is None:
        return 0.0
    kg: float = graph.memo.per_entry(
        "kg", spec, None, lambda: weight.to("kg").magnitude
    )
    return kg


def gpu_count(dev: DeviceNode) -> int:
    gpus: Gpus | None = getattr(dev.spec, "gpus", None)
    return gpus.count if gpus is not None else 0
