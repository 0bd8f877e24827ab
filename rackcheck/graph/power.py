"""Power figures asked of the graph: loads in W, capacities in VA, never mixed.

A device's real power P (W) becomes apparent power S = P / PF (VA) at its power factor
(the catalog's, else the site's). A PDU's capacity is S = V x I (1-phase) or
sqrt(3) x V_LL x I (3-phase), times its continuous rating: 80 % under the NEC
(210.20(A), 215.3), 100 % under IEC 60364 or for a PDU listed for 100 % duty (see
continuous_rating and model.electrical). A DC power shelf is rated in W of DC output and
is compared with the real power it delivers, never with apparent power.

after_failure(graph, failed_feeds) gives each device's and PDU's state with some feeds
down: PSUs carry at most their rating, so a device may be capped or dark.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rackcheck.graph.capacity import (  # re-exported: rules ask power.<name>
    Continuous,
    continuous_rating,
    is_shelf,
    pdu_capacity,
    rack_pdu_capacity,
    site_code,
    three_phase_capacity,
)
from rackcheck.units import q

__all__ = [
    "Continuous", "continuous_rating", "is_shelf", "pdu_capacity",
    "rack_pdu_capacity", "site_code", "three_phase_capacity",
]  # fmt: skip

DeviceState = Literal["full", "capped", "dark"]  # after a failure: its power

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode, PduNode, PsuNode, RackNode
    from rackcheck.units import Quantity


def device_power(dev: DeviceNode, graph: DesignGraph) -> Quantity:
    """Maximum input power of one device: the design's `assume.max_power`, else the
    catalog's maximum, else its typical figure, else 0 W (DAT001 says which)."""
    return graph.memo.per_entry(
        "power", dev.spec, dev.assume, lambda: _device_power(dev)
    )


def _device_power(dev: DeviceNode) -> Quantity:
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


def device_kw(dev: DeviceNode, graph: DesignGraph) -> float:
    """device_power in kW as a number, for sums over thousands of devices."""
    return graph.memo.per_entry(
        "kw",
        dev.spec,
        dev.assume,
        lambda: float(device_power(dev, graph).to("kW").magnitude),
    )


def device_kva(dev: DeviceNode, graph: DesignGraph) -> float:
    """Apparent power S = P / PF in kVA, as a number (sums over thousands of
    devices run on floats)."""
    return device_kw(dev, graph) / power_factor(dev, graph)


def rack_power(graph: DesignGraph, rack: RackNode) -> Quantity:
    key = ("rack_power", rack.path)  # the same for every rack of an entry

    def compute() -> Quantity:
        kw = sum(device_kw(d, graph) for d in graph.devices(rack))
        return q(kw, "kW")

    return graph.memo.query(key, compute)


def rack_apparent(graph: DesignGraph, rack: RackNode) -> Quantity:
    key = ("rack_apparent", rack.path)

    def compute() -> Quantity:
        kva = sum(device_kva(d, graph) for d in graph.devices(rack))
        return q(kva, "kVA")

    return graph.memo.query(key, compute)


def pdu_load(
    graph: DesignGraph, rack: RackNode, pdu: PduNode, failed_feed: str | None = None
) -> Quantity:
    """The load to compare with pdu_capacity: apparent (kVA) through an AC PDU, real
    (kW) out of a DC power shelf."""
    entry = _rack_after(graph, rack, _feeds(failed_feed))
    return entry.kw_q[pdu.name] if is_shelf(pdu) else entry.kva_q[pdu.name]


def all_full(graph: DesignGraph, rack: RackNode, failed_feeds: Iterable[str]) -> bool:
    """True when every device of the rack keeps its full power with `failed_feeds`
    down (cheap: decided once per design entry)."""
    return bool(_rack_after(graph, rack, frozenset(failed_feeds)).all_full)


def live_psus(
    dev: DeviceNode, failed_feed: str | Iterable[str] | None, graph: DesignGraph
) -> list[PsuNode]:
    """The PSUs of `dev` still powered when `failed_feed` (one feed or several) is
    down."""
    failed = _feeds(failed_feed)
    if not failed:
        return list(dev.psus)
    return [p for p in dev.psus if p.feed not in failed]


def _feeds(failed: str | Iterable[str] | None) -> frozenset[str]:
    if failed is None:
        return frozenset()
    if isinstance(failed, str):
        return frozenset((failed,))
    return frozenset(failed)


def psus_needed(graph: DesignGraph, dev: DeviceNode) -> int | None:
    """N of N+M: the PSUs a device needs to carry its maximum power. The catalog's
    `psus.required`, else N = ceil(P_max / PSU rating) (the fewest PSUs whose ratings
    cover the load), else None (neither figure known). POW002 and POW003 both use it."""
    psus = dev.spec.power.psus if dev.spec.power else None
    if psus is None:
        return None
    if psus.required:
        return int(psus.required)
    rating = psu_rating(graph, dev)
    if rating is None or rating.magnitude <= 0:
        return None
    load = float(device_power(dev, graph).to("kW").magnitude)
    return max(1, math.ceil(load / float(rating.to("kW").magnitude) - 1e-9))


@dataclass(frozen=True)
class DeviceAfter:
    """One device after a failure: `state` is "full" (it still gets its maximum power),
    "capped" (its live PSUs deliver `delivered_kw` < `demand_kw`: it power-caps or
    trips) or "dark" (no live PSU)."""

    device: str  # device node id
    name: str
    rack: str  # rack name
    state: DeviceState
    demand_kw: float
    delivered_kw: float
    live_psus: int
    psus: int
    needed: int | None  # PSUs needed for full load (None: not known)
    psu_kw: float | None  # what one live PSU may carry (None: not known)

    @property
    def delivered(self) -> Quantity:
        return q(self.delivered_kw, "kW")


@dataclass(frozen=True)
class AfterFailure:
    """The state of every device and PDU with `failed_feeds` down.

    `devices`: DeviceAfter by device node id. `pdu_kva` / `pdu_kw`: apparent / real load
    on each PDU or power shelf (by PDU node id) with only what the live PSUs deliver.
    """

    failed_feeds: frozenset[str]
    devices: dict[str, DeviceAfter]
    pdu_kva: dict[str, float]
    pdu_kw: dict[str, float]


def after_failure(graph: DesignGraph, failed_feeds: Iterable[str]) -> AfterFailure:
    """What each device and PDU is left with when the feeds `failed_feeds` are down.

    Pure: reads the graph, changes nothing (results are memoised on the graph).
    A device's live PSUs are those whose PDU hangs on a feed still up. They share its
    maximum power P evenly, each carrying at most its rating r (catalog `psus.model`):
    delivered = min(P, live x r). Where the PSU model is unknown but `psus.required`
    N is stated, one PSU carries P / N (the least its rating can be). Where neither is
    known a device with a live PSU counts as full (DAT003 says the check is blind).
    With no feed failed, every powered device draws its full P (POW003 judges its
    PSUs). PDU loads are the delivered power over the live PSUs, apparent power at the
    device's power factor.
    """
    failed = frozenset(failed_feeds)
    devices: dict[str, DeviceAfter] = {}
    pdu_kva: dict[str, float] = {}
    pdu_kw: dict[str, float] = {}
    for rack in graph.racks():
        entry = _rack_after(graph, rack, failed)
        for pdu in graph.pdus(rack):
            pdu_kva[pdu.id], pdu_kw[pdu.id] = entry.pdus[pdu.name]
        for st in after_failure_rack(graph, rack, failed):
            devices[st.device] = st
    return AfterFailure(failed, devices, pdu_kva, pdu_kw)


def after_failure_rack(
    graph: DesignGraph, rack: RackNode, failed_feeds: Iterable[str]
) -> list[DeviceAfter]:
    """after_failure's device states for one rack, in the rack's device order."""
    failed = frozenset(failed_feeds)
    entry = _rack_after(graph, rack, failed)
    return [
        DeviceAfter(
            dev.id,
            dev.name,
            rack.name,
            state,
            device_kw(dev, graph),
            delivered,
            live,
            len(dev.psus),
            need,
            psu_kw,
        )  # fmt: skip
        for dev, (state, delivered, live, need, psu_kw) in zip(
            graph.devices(rack), entry.devices, strict=True
        )
    ]


@dataclass
class _EntryAfter:
    """Post-failure figures of one rack (by PDU name; devices in rack order). Racks
    expanded from one design entry share it."""

    devices: list[tuple[DeviceState, float, int, int | None, float | None]]
    pdus: dict[str, tuple[float, float]]  # kVA, kW
    branches: dict[tuple[str, str], tuple[float, float]]  # (pdu, phase): kW, kvar
    all_full: bool = True  # every device keeps its full power
    kva_q: dict[str, Quantity] = field(default_factory=dict)  # PDU name: load, kVA
    kw_q: dict[str, Quantity] = field(default_factory=dict)  # PDU name: load, kW
    branch_q: dict[tuple[str, str], Quantity] = field(default_factory=dict)  # kVA


def _rack_after(
    graph: DesignGraph, rack: RackNode, failed: frozenset[str]
) -> _EntryAfter:
    key = ("after_entry", rack.path, failed)

    def compute() -> _EntryAfter:
        return _compute_after(graph, rack, failed)

    return graph.memo.query(key, compute)


def _device_after(
    graph: DesignGraph, dev: DeviceNode, live: int, failed: frozenset[str]
) -> tuple[DeviceState, float, int, int | None, float | None]:
    demand = device_kw(dev, graph)
    need = psus_needed(graph, dev)
    rating = psu_rating(graph, dev)
    psu_kw = rating.magnitude if rating is not None else None
    if psu_kw is None and need:
        psu_kw = demand / need
    if live == 0:
        return ("dark" if dev.psus else "full"), 0.0, live, need, psu_kw
    delivered = demand
    if failed and psu_kw is not None:
        delivered = min(demand, live * psu_kw)
    state: DeviceState = "full" if delivered >= demand - 1e-9 else "capped"
    return state, delivered, live, need, psu_kw


def _compute_after(
    graph: DesignGraph, rack: RackNode, failed: frozenset[str]
) -> _EntryAfter:
    """Sums run on floats in one fixed unit (kW, kVA) and become quantities only when
    asked for: pint arithmetic in the inner loop cost ~20x more."""
    names = {p.id: p.name for p in graph.pdus(rack)}
    pdus: dict[str, list[float]] = {n: [0.0, 0.0] for n in names.values()}
    branches: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    devices = []
    for dev in graph.devices(rack):
        live = live_psus(dev, failed, graph)
        state = _device_after(graph, dev, len(live), failed)
        devices.append(state)
        if not live:
            continue
        pf = power_factor(dev, graph)
        kw = state[1] / len(live)
        kva = kw / pf
        kvar = kw * math.tan(math.acos(pf))
        for psu in live:
            name = names[psu.pdu]
            pdus[name][0] += kva
            pdus[name][1] += kw
            if psu.phase is not None:
                branches[(name, psu.phase)][0] += kw
                branches[(name, psu.phase)][1] += kvar
    return _EntryAfter(
        devices,
        {k: (v[0], v[1]) for k, v in pdus.items()},
        {k: (v[0], v[1]) for k, v in branches.items()},
        all(d[0] == "full" for d in devices),
        {k: q(v[0], "kVA") for k, v in pdus.items()},
        {k: q(v[1], "kW") for k, v in pdus.items()},
        {k: q(math.hypot(*v), "kVA") for k, v in branches.items()},
    )


def pdu_loads(
    graph: DesignGraph, rack: RackNode, failed_feed: str | Iterable[str] | None = None
) -> tuple[dict[str, Quantity], dict[tuple[str, str], Quantity]]:
    """Apparent load on each PDU (and each outlet phase, where cords name one), kVA,
    with `failed_feed` down: what the live PSUs deliver (see after_failure).
    Memoised per graph: several rules and the metrics ask the same question.
    """
    failed = _feeds(failed_feed)
    key = ("pdu_loads", rack.id, failed)

    def compute() -> tuple[dict[str, Quantity], dict[tuple[str, str], Quantity]]:
        entry = _rack_after(graph, rack, failed)
        pdus = graph.pdus(rack)
        ids = {p.name: p.id for p in pdus}
        return (
            {p.id: entry.kva_q[p.name] for p in pdus},
            {(ids[n], ph): v for (n, ph), v in entry.branch_q.items()},
        )

    return graph.memo.query(key, compute)


def pdu_real_load(
    graph: DesignGraph, rack: RackNode, pdu: PduNode, failed_feed: str | None = None
) -> Quantity:
    """Real power (kW) through one PDU or power shelf with `failed_feed` down."""
    entry = _rack_after(graph, rack, _feeds(failed_feed))
    return entry.kw_q[pdu.name]


def branch_loads(
    graph: DesignGraph, rack: RackNode, failed_feed: str | None = None
) -> dict[tuple[str, str], tuple[float, float]]:
    """(kW, kvar) per (PDU node id, outlet connection) where cords name one."""
    entry = _rack_after(graph, rack, _feeds(failed_feed))
    if not entry.branches:
        return {}
    ids = {p.name: p.id for p in graph.pdus(rack)}
    return {(ids[n], ph): v for (n, ph), v in entry.branches.items()}


def rack_feeds(graph: DesignGraph, rack: RackNode) -> list[str]:
    return sorted({p.feed for p in graph.pdus(rack)})


def feed_loads(
    graph: DesignGraph, failed_feed: str | None = None
) -> dict[str, Quantity]:
    """Apparent load on each site feed, summed over all racks' PDUs, kVA."""
    loads: dict[str, float] = defaultdict(float)
    for rack in graph.racks():
        per_pdu, _ = pdu_loads(graph, rack, failed_feed)
        for pid, load in per_pdu.items():
            loads[graph.node(pid).feed] += load.magnitude  # pdu_loads gives kVA
    return {k: q(v, "kVA") for k, v in loads.items()}


def psu_rating(graph: DesignGraph, dev: DeviceNode) -> Quantity | None:
    psus = dev.spec.power.psus if dev.spec.power else None
    if psus is None or psus.model is None:
        return None
    psu = graph.catalog.get(psus.model)
    return psu.rating.to("kW") if psu is not None and hasattr(psu, "rating") else None
