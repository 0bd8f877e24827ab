"""A device's power state when some feeds are down: full, capped or dark, and what each
PDU then carries. The one place rackcheck's failure analysis does PSU failover.

A device keeps the PSUs whose PDU hangs on a live feed. With at least `psus.required`
of them (the catalog's N of N+M) it runs at full power; with fewer but at least one, it
is capped at what the live PSUs can deliver (live x the PSU's rating, when the catalog
names the PSU model; otherwise the cap is unknown and said so); with none it is dark.
Load-sharing PSUs split the device's draw evenly over the live ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.graph.power import device_kw, power_factor, psu_rating

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode, RackNode

FULL, CAPPED, DARK = "full", "capped", "dark"


@dataclass(frozen=True)
class DeviceState:
    state: str  # full / capped / dark
    kw: float  # what it draws now
    kw_lost: float | None  # against full power; None: cap unknown (PSU rating missing)


@dataclass
class RackState:
    """The devices' states and each PDU's load (kW, kVA) with `dead` feeds down."""

    devices: dict[str, DeviceState]
    pdu_kw: dict[str, float]  # PDU node id -> kW
    pdu_kva: dict[str, float]


def device_state(
    graph: DesignGraph, dev: DeviceNode, dead: frozenset[str]
) -> DeviceState:
    """`dev`'s state with the feeds in `dead` down."""
    full = device_kw(dev)
    if not dev.psus:
        return DeviceState(FULL, full, 0.0)
    live = sum(1 for p in dev.psus if p.feed not in dead)
    if live == 0:
        return DeviceState(DARK, 0.0, full)
    psus = dev.spec.power.psus if dev.spec.power else None
    need = psus.required if psus is not None and psus.required else 1
    if live >= need:
        return DeviceState(FULL, full, 0.0)
    rating = psu_rating(graph, dev)
    if rating is None:
        return DeviceState(CAPPED, full, None)
    cap = min(full, live * float(rating.to("kW").magnitude))
    return DeviceState(CAPPED, cap, full - cap)


def rack_state(graph: DesignGraph, rack: RackNode, dead: frozenset[str]) -> RackState:
    """Memoised per rack entry and set of dead feeds (racks of one entry are alike)."""
    key = ("failover", rack.path, dead & frozenset(p.feed for p in graph.pdus(rack)))
    entry = graph.memo.get(key)
    if entry is None:
        entry = _rack_state(graph, rack, key[2])
        graph.memo[key] = entry
    by_index, kw, kva = entry
    devs = graph.devices(rack)
    pdus = graph.pdus(rack)
    return RackState(
        {d.id: by_index[i] for i, d in enumerate(devs)},
        {p.id: kw[k] for k, p in enumerate(pdus)},
        {p.id: kva[k] for k, p in enumerate(pdus)},
    )


def _rack_state(
    graph: DesignGraph, rack: RackNode, dead: frozenset[str]
) -> tuple[list[DeviceState], list[float], list[float]]:
    pdus = graph.pdus(rack)
    slot = {p.id: k for k, p in enumerate(pdus)}
    kw = [0.0] * len(pdus)
    kva = [0.0] * len(pdus)
    states = []
    for dev in graph.devices(rack):
        st = device_state(graph, dev, dead)
        states.append(st)
        live = [p for p in dev.psus if p.feed not in dead]
        if not live or st.kw == 0.0:
            continue
        share = st.kw / len(live)
        pf = power_factor(dev, graph)
        for psu in live:
            kw[slot[psu.pdu]] += share
            kva[slot[psu.pdu]] += share / pf
    return states, kw, kva
