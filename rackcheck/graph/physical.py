"""Rack units and weight."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rackcheck.graph.power import per_spec
from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode, RackNode


def device_units(dev: DeviceNode, graph: DesignGraph) -> int:
    """U a device takes; a rack system takes what its contents take."""
    if dev.system:
        return sum(
            (graph.catalog.get(p.model).rack_units or 0) * p.count
            for p in dev.spec.contains
            if graph.catalog.get(p.model) is not None
        )
    return int(dev.spec.rack_units or 0)


def rack_units_available(rack: RackNode) -> int | None:
    units: int | None = rack.spec.rack_units
    return units


def rack_units_used(graph: DesignGraph, rack: RackNode) -> int:
    return sum(device_units(d, graph) for d in graph.devices(rack))


def rack_weight(graph: DesignGraph, rack: RackNode) -> Any:
    """Devices plus PDUs, kg (parts without a weight in the catalog count 0)."""
    kg = sum(_kg(d.spec) for d in graph.devices(rack))
    kg += sum(_kg(p.spec) for p in graph.pdus(rack))
    return q(kg, "kg")


def _kg(spec: Any) -> float:
    if spec.weight is None:
        return 0.0
    return per_spec("kg", spec, None, lambda: spec.weight.to("kg").magnitude)  # type: ignore[no-any-return]


def gpu_count(dev: DeviceNode) -> int:
    gpus = getattr(dev.spec, "gpus", None)
    return gpus.count if gpus is not None else 0
