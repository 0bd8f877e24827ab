"""Switches of a fabric that stand in no rack's device list: their power and heat.

A fabric's switches are rack devices when the design places them (`device:`); the
others (generated fabrics, explicit switches with no rack device) are drawn by no PDU,
so the rack figures leave them out. Their power is still IT power and all of it leaves
as heat to room air: metrics give it as an explicit `unplaced` total, added to the
design totals, and DAT003 names the switches whose power is not published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.nodes import SwitchNode
    from rackcheck.model.catalog import Base


# `metrics.unplaced`: switches, it_power_kw, apparent_power_kva, heat_air_kw,
# without_power_figure (plain numbers, as the metrics write them).
UnplacedTotals: TypeAlias = dict[str, float]


def unplaced_switches(g: DesignGraph) -> list[SwitchNode]:
    """Fabric switches that are not rack devices, in graph order."""
    if not g.design.fabrics:
        return []
    from rackcheck.graph.fabric.nodes import SwitchNode

    return [s for s in g.nodes(SwitchNode) if s.device is None]


def switch_kw(spec: Base) -> float | None:
    """A switch's maximum power (else typical), kW; None when not published."""
    p = spec.power
    each = None if p is None else (p.max if p.max is not None else p.typical)
    return None if each is None else float(each.to("kW").magnitude)


def unplaced_totals(g: DesignGraph) -> UnplacedTotals | None:
    """`metrics.unplaced`: count, IT power (= heat to air) and the switches whose power
    is not published (counted 0 W), or None when every switch is in a rack."""
    sws = unplaced_switches(g)
    if not sws:
        return None
    kws = [switch_kw(s.spec) for s in sws]
    kw = float(sum(k for k in kws if k is not None))
    pf = float(g.design.site.power_factor)
    return {
        "switches": len(sws),
        "it_power_kw": round(kw, 3),
        "apparent_power_kva": round(kw / pf, 3),
        "heat_air_kw": round(kw, 3),
        "without_power_figure": sum(1 for k in kws if k is None),
    }
