"""A device's power state when some feeds are down (full, capped or dark) and what each
PDU then carries, in the shape the facility model and the scenarios read.

The arithmetic is graph.power.after_failure's (one place: live PSUs share the device's
power, each carrying at most its rating); this module only adapts it: states keyed by
device id, PDU loads as floats (kW, kVA), memoised per rack entry and set of dead feeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.graph import power

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import RackNode

FULL, CAPPED, DARK = "full", "capped", "dark"


@dataclass(frozen=True)
class DeviceState:
    state: str  # full / capped / dark
    kw: float  # what it draws now
    kw_lost: float  # against its full power


@dataclass
class RackState:
    """The devices' states and each PDU's load (kW, kVA) with `dead` feeds down."""

    devices: dict[str, DeviceState]
    pdu_kw: dict[str, float]  # PDU node id -> kW
    pdu_kva: dict[str, float]


def rack_state(graph: DesignGraph, rack: RackNode, dead: frozenset[str]) -> RackState:
    """Memoised per rack entry and set of dead feeds (racks of one entry are alike)."""
    feeds = frozenset(p.feed for p in graph.pdus(rack))
    key = ("failover", rack.path, dead & feeds)
    entry = graph.memo.query(key, lambda: _entry(graph, rack, key[2]))
    states, kw, kva = entry
    devs = graph.devices(rack)
    pdus = graph.pdus(rack)
    return RackState(
        {d.id: states[i] for i, d in enumerate(devs)},
        {p.id: kw[k] for k, p in enumerate(pdus)},
        {p.id: kva[k] for k, p in enumerate(pdus)},
    )


def _entry(
    graph: DesignGraph, rack: RackNode, dead: frozenset[str]
) -> tuple[list[DeviceState], list[float], list[float]]:
    after = power.after_failure_rack(graph, rack, dead)
    states = [
        DeviceState(a.state, a.delivered_kw, max(0.0, a.demand_kw - a.delivered_kw))
        for a in after
    ]
    per_kva, _ = power.pdu_loads(graph, rack, dead)
    pdus = graph.pdus(rack)
    kva = [float(per_kva[p.id].to("kVA").magnitude) for p in pdus]
    kw = [float(power.pdu_real_load(graph, rack, p, dead).to("kW").magnitude)  # type: ignore[arg-type]
          for p in pdus]  # fmt: skip
    return states, kw, kva
