"""What a PDU, a power shelf or a feed carries continuously, and on which rule.

A circuit's capacity is S = V x I (1-phase) or sqrt(3) x V_LL x I (3-phase), times its
continuous rating: 80 % under the NEC (210.20(A), 215.3), 100 % under IEC 60364 or for
a PDU listed for 100 % duty (model.electrical has the table and its sources). A DC
power shelf is rated in W of DC output and is compared with the real power it
delivers, never with apparent power. graph.power re-exports these names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.model.electrical import SiteCode
from rackcheck.model.electrical import site_code as _site_code
from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import FeedNode, PduNode, RackNode
    from rackcheck.units import Quantity


def three_phase_capacity(
    voltage: Quantity, current: Quantity, phases: int, derating: float
) -> Quantity:
    """Apparent power a circuit carries continuously, in kVA: sqrt(3) x V_LL x I x k
    (3-phase) or V x I x k (1-phase), k the continuous rating."""
    factor = math.sqrt(3) if phases == 3 else 1.0
    watts = (voltage * current * factor * derating).to("W").magnitude
    return q(watts / 1000.0, "kVA")


@dataclass(frozen=True)
class Continuous:
    """A PDU's or feed's continuous rating and the rule it comes from."""

    factor: float
    basis: str

    def describe(self) -> str:
        return f"{self.factor:.0%}: {self.basis}"


def site_code(graph: DesignGraph) -> SiteCode:
    site = graph.design.site
    return _site_code(site.electrical_code, site.country)


def continuous_rating(
    graph: DesignGraph, node: PduNode | FeedNode, option: float | None = None
) -> Continuous:
    key = ("continuous", id(getattr(node, "ref", None)), id(node.spec), option)

    def compute() -> Continuous:
        return _continuous_rating(graph, node, option)

    return graph.memo.query(key, compute)


def _continuous_rating(
    graph: DesignGraph, node: PduNode | FeedNode, option: float | None
) -> Continuous:
    from rackcheck.graph.nodes import PduNode

    if isinstance(node, PduNode):
        if node.ref is not None and node.ref.continuous_rating is not None:
            return Continuous(float(node.ref.continuous_rating), "design PDU entry")
        listed: float | None = getattr(node.spec, "continuous_rating", None)
        if listed is not None:
            return Continuous(float(listed), "catalog listing")
    elif node.spec is not None and node.spec.derating is not None:
        return Continuous(float(node.spec.derating), f"feed {node.name} derating")
    if option is not None:
        return Continuous(float(option), "rule option derating")
    code = site_code(graph)
    return Continuous(code.factor, code.describe())


def pdu_capacity(
    graph: DesignGraph, pdu: PduNode, option: float | None = None
) -> Quantity:
    """What a PDU carries continuously: kVA for an AC PDU (three_phase_capacity at its
    continuous rating); for a DC power shelf its rated DC output in kW (never compared
    with apparent power: see pdu_load)."""
    k = continuous_rating(graph, pdu, option).factor
    return graph.memo.per_entry(
        "pdu", pdu.spec, float(k), lambda: _pdu_capacity(pdu, k)
    )


def _pdu_capacity(pdu: PduNode, factor: float) -> Quantity:
    spec = pdu.spec
    if spec.kind == "power-shelf":  # DC output rating: real power, kW
        return q(spec.rating.to("W").magnitude / 1000.0, "kW")
    return three_phase_capacity(spec.voltage, spec.current, spec.phases, factor)


def is_shelf(pdu: PduNode) -> bool:
    return bool(pdu.spec.kind == "power-shelf")


def rack_pdu_capacity(
    graph: DesignGraph, rack: RackNode, option: float | None
) -> Quantity:
    """Sum of the continuous capacity of the rack's AC PDUs, kVA (power shelves, rated
    in DC kW, are not added in)."""
    key = ("rack_pdu_capacity", rack.path, option)

    def compute() -> Quantity:
        kva = sum(
            pdu_capacity(graph, p, option).to("kVA").magnitude
            for p in graph.pdus(rack)
            if not is_shelf(p)
        )
        return q(kva, "kVA")

    return graph.memo.query(key, compute)
