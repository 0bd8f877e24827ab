"""Power figures asked of the graph: loads in W, capacities in VA, never mixed.

A device's real power P (W) becomes apparent power S = P / PF (VA) at its power factor
(the catalog's, else the site's). A PDU's capacity is S = V x I (1-phase) or
sqrt(3) x V_LL x I (3-phase), times the continuous-load derating (0.8 by default: NEC
210.19/215.2 size branch circuits at 125 % of the continuous load).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from rackcheck.units import q

if TYPE_CHECKING:
    import pint

    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode, PduNode, RackNode


_PER_SPEC: dict[tuple[Any, ...], tuple[Any, Any, Any]] = {}


def per_spec(what: str, spec: Any, extra: Any, compute: Any) -> Any:
    """A figure that depends only on a catalog entry (and one more value): computed once
    for the thousands of devices or PDUs that share the entry. Keyed on identity, and
    checked, since pydantic entries with pint fields are costly to hash."""
    key = (what, id(spec), id(extra) if not isinstance(extra, float) else extra)
    hit = _PER_SPEC.get(key)
    if hit is not None and hit[0] is spec and (hit[1] is extra or hit[1] == extra):
        return hit[2]
    value = compute()
    _PER_SPEC[key] = (spec, extra, value)
    return value


def device_power(dev: DeviceNode) -> pint.Quantity:
    """Maximum input power of one device: the design's `assume.max_power`, else the
    catalog's maximum, else its typical figure, else 0 W (DAT001 says which)."""
    return per_spec("power", dev.spec, dev.assume, lambda: _device_power(dev))  # type: ignore[no-any-return]


def _device_power(dev: DeviceNode) -> pint.Quantity:
    power = dev.spec.power
    for figure in (
        dev.assume.max_power if dev.assume is not None else None,
        power.max if power is not None else None,
        power.typical if power is not None else None,
    ):
        if figure is not None:
            return q(figure.to("W").magnitude, "W")
    return q(0.0, "W")


def power_factor(dev: DeviceNode, graph: DesignGraph) -> float:
    power = dev.spec.power
    if power is not None and power.power_factor is not None:
        return float(power.power_factor)
    return float(graph.design.site.power_factor)


def device_kw(dev: DeviceNode) -> float:
    """device_power in kW as a number, for sums over thousands of devices."""
    return per_spec("kw", dev.spec, dev.assume,  # type: ignore[no-any-return]
                    lambda: device_power(dev).to("kW").magnitude)  # fmt: skip


def device_kva(dev: DeviceNode, graph: DesignGraph) -> float:
    """device_apparent in kVA as a number, for sums over thousands of devices."""
    return device_kw(dev) / power_factor(dev, graph)


def device_apparent(dev: DeviceNode, graph: DesignGraph) -> pint.Quantity:
    """S = P / PF, in VA."""
    key = ("apparent", id(dev.spec), id(dev.assume))
    if key not in graph.memo:
        watts = device_power(dev).to("W").magnitude
        graph.memo[key] = q(watts / power_factor(dev, graph), "VA")
    return graph.memo[key]  # type: ignore[no-any-return]


def rack_power(graph: DesignGraph, rack: RackNode) -> pint.Quantity:
    key = ("rack_power", rack.path)  # the same for every rack of an entry
    if key not in graph.memo:
        kw = sum(device_kw(d) for d in graph.devices(rack))
        graph.memo[key] = q(kw, "kW")
    return graph.memo[key]  # type: ignore[no-any-return]


def rack_apparent(graph: DesignGraph, rack: RackNode) -> pint.Quantity:
    key = ("rack_apparent", rack.path)
    if key not in graph.memo:
        kva = sum(device_kva(d, graph) for d in graph.devices(rack))
        graph.memo[key] = q(kva, "kVA")
    return graph.memo[key]  # type: ignore[no-any-return]


def three_phase_capacity(
    voltage: pint.Quantity, current: pint.Quantity, phases: int, derating: float
) -> pint.Quantity:
    """Apparent power a circuit carries continuously, in kVA."""
    factor = math.sqrt(3) if phases == 3 else 1.0
    watts = (voltage * current * factor * derating).to("W").magnitude
    return q(watts / 1000.0, "kVA")


def pdu_capacity(pdu: PduNode, derating: float) -> pint.Quantity:
    return per_spec(  # type: ignore[no-any-return]
        "pdu", pdu.spec, float(derating), lambda: _pdu_capacity(pdu, derating)
    )


def _pdu_capacity(pdu: PduNode, derating: float) -> pint.Quantity:
    spec = pdu.spec
    if spec.kind == "power-shelf":  # DC shelf: its rated output, as VA at PF 1
        return q(spec.rating.to("W").magnitude / 1000.0, "kVA")
    return three_phase_capacity(spec.voltage, spec.current, spec.phases, derating)


def rack_pdu_capacity(graph: DesignGraph, rack: RackNode, derating: float) -> Any:
    key = ("rack_pdu_capacity", rack.path, derating)
    if key not in graph.memo:
        kva = sum(
            pdu_capacity(p, derating).to("kVA").magnitude for p in graph.pdus(rack)
        )
        graph.memo[key] = q(kva, "kVA")
    return graph.memo[key]


def live_psus(
    dev: DeviceNode, failed_feed: str | None, graph: DesignGraph
) -> list[Any]:
    """The PSUs of `dev` still powered when `failed_feed` is down."""
    if failed_feed is None:
        return list(dev.psus)
    return [p for p in dev.psus if p.feed != failed_feed]


def pdu_loads(
    graph: DesignGraph, rack: RackNode, failed_feed: str | None = None
) -> tuple[dict[str, pint.Quantity], dict[tuple[str, str], pint.Quantity]]:
    """Apparent load on each PDU (and each PDU phase, where cords name one), kVA.

    Load-sharing PSUs split a device's load evenly over the cords that are live.
    Devices with no live cord carry nothing (they are dark: POW002 reports them).
    Memoised per graph: several rules and the metrics ask the same question.
    """
    key = ("pdu_loads", rack.id, failed_feed)
    if key not in graph.memo:
        # Racks expanded from one design entry (`r{001..512}`) have the same devices,
        # PDUs and cords: their loads are computed once per entry, by PDU name.
        entry_key = ("pdu_loads_entry", rack.path, failed_feed)
        if entry_key not in graph.memo:
            graph.memo[entry_key] = _pdu_loads(graph, rack, failed_feed)
        by_name, phase_by_name = graph.memo[entry_key]
        pdus = graph.pdus(rack)
        ids = {p.name: p.id for p in pdus}
        graph.memo[key] = (
            {p.id: by_name[p.name] for p in pdus},
            {(ids[n], ph): v for (n, ph), v in phase_by_name.items()},
        )
    return graph.memo[key]  # type: ignore[no-any-return]


def _pdu_loads(graph: DesignGraph, rack: RackNode, failed_feed: str | None) -> Any:
    """Loads keyed by PDU name. Sums run on floats in one fixed unit (kVA) and become
    quantities again at the end: pint arithmetic in the inner loop cost ~20x more."""
    names = {p.id: p.name for p in graph.pdus(rack)}
    per_pdu: dict[str, float] = dict.fromkeys(names.values(), 0.0)
    per_phase: dict[tuple[str, str], float] = defaultdict(float)
    for dev in graph.devices(rack):
        live = live_psus(dev, failed_feed, graph)
        if not live:
            continue
        share = device_kva(dev, graph) / len(live)
        for psu in live:
            per_pdu[names[psu.pdu]] += share
            if psu.phase is not None:
                per_phase[(names[psu.pdu], psu.phase)] += share
    return (
        {k: q(v, "kVA") for k, v in per_pdu.items()},
        {k: q(v, "kVA") for k, v in per_phase.items()},
    )


def rack_feeds(graph: DesignGraph, rack: RackNode) -> list[str]:
    return sorted({p.feed for p in graph.pdus(rack)})


def feed_loads(graph: DesignGraph, failed_feed: str | None = None) -> dict[str, Any]:
    """Apparent load on each site feed, summed over all racks' PDUs, kVA."""
    loads: dict[str, float] = defaultdict(float)
    for rack in graph.racks():
        per_pdu, _ = pdu_loads(graph, rack, failed_feed)
        for pid, load in per_pdu.items():
            loads[graph.node(pid).feed] += load.magnitude  # pdu_loads gives kVA
    return {k: q(v, "kVA") for k, v in loads.items()}


def psu_rating(graph: DesignGraph, dev: DeviceNode) -> pint.Quantity | None:
    psus = dev.spec.power.psus if dev.spec.power else None
    if psus is None or psus.model is None:
        return None
    psu = graph.catalog.get(psus.model)
    return psu.rating.to("kW") if psu is not None and hasattr(psu, "rating") else None
