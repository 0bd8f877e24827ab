"""Heat and coolant figures asked of the graph.

Every watt a device draws leaves it as heat; `cooling.liquid_fraction` of the catalog
entry says how much of it goes to liquid (cold plates), the rest to room air.

Coolant flow needed for heat P at temperature rise dT is  V = P / (rho * c_p * dT).
Water: rho = 997 kg/m3, c_p = 4.18 kJ/(kg K) at 25 degC; propylene glycol 25 % (PG25):
rho = 1020 kg/m3, c_p = 3.93 kJ/(kg K) (ASHRAE Handbook - Fundamentals, ch. 31,
properties of secondary coolants). For water and dT = 10 K that is 1.44 L/min per kW,
the "about 1.5 L/min per kW" rule of thumb.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.graph.power import device_kw, device_power
from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode, LoopNode, RackNode
    from rackcheck.model.catalog import Cdu, CoolingSpec
    from rackcheck.units import Quantity

COOLANTS = {  # density kg/m3, specific heat J/(kg K)
    "water": (997.0, 4180.0),
    "pg25": (1020.0, 3930.0),
}
DEFAULT_DELTA_T = 10.0  # K, the secondary-loop temperature rise most CDUs are rated at


def liquid_fraction(dev: DeviceNode) -> float:
    """The design's `assume.liquid_fraction`, else the catalog's, else 0 (all air)."""
    if dev.assume is not None and dev.assume.liquid_fraction is not None:
        return float(dev.assume.liquid_fraction)
    cooling: CoolingSpec | None = getattr(dev.spec, "cooling", None)
    if cooling is None or cooling.liquid_fraction is None:
        return 0.0
    return float(cooling.liquid_fraction)


def device_heat(dev: DeviceNode, graph: DesignGraph) -> tuple[Quantity, Quantity]:
    """(liquid, air) heat of one device, kW."""
    total = device_power(dev, graph).to("kW")
    frac = liquid_fraction(dev)
    return total * frac, total * (1.0 - frac)


def rack_heat(graph: DesignGraph, rack: RackNode) -> tuple[Quantity, Quantity]:
    """(liquid, air) heat of a rack, kW (memoised per graph)."""
    key = ("rack_heat", rack.path)  # the same for every rack of an entry

    def compute() -> tuple[Quantity, Quantity]:
        liquid = air = 0.0
        for dev in graph.devices(rack):
            kw, frac = device_kw(dev, graph), liquid_fraction(dev)
            liquid += kw * frac
            air += kw * (1.0 - frac)
        return (q(liquid, "kW"), q(air, "kW"))

    return graph.memo.query(key, compute)


def loop_heat(graph: DesignGraph, loop: LoopNode) -> Quantity:
    """Liquid heat the loop must remove: a rack served by k loops gives each 1/k."""
    total = q(0.0, "kW")
    for rack in graph.served_racks(loop):
        share = len(graph.loops_serving(rack))
        total = total + rack_heat(graph, rack)[0] / share
    return total


@dataclass(frozen=True)
class CduRating:
    """The capacity rackcheck uses for one CDU on one loop, and why: `exact` when a
    datasheet rating point matches the loop's coolant and an approach the design allows;
    else the nameplate, with `assumed` naming what the datasheet does not cover."""

    capacity: Quantity
    exact: bool
    assumed: tuple[str, ...] = ()


def design_approach(graph: DesignGraph, loop: LoopNode) -> float | None:
    """The approach (K) the design allows a loop's CDUs: the lowest coolant supply limit
    of the liquid-cooled devices served (`cooling.max_supply_temperature`) minus the
    site's facility water temperature; None when either is not known."""
    facility = graph.design.site.facility_water_temperature
    specs: list[CoolingSpec | None] = [
        getattr(dev.spec, "cooling", None)
        for rack in graph.served_racks(loop)
        for dev in graph.devices(rack)
    ]
    limits = [
        c.max_supply_temperature.to("degC").magnitude
        for c in specs
        if c is not None and c.max_supply_temperature is not None
    ]
    if facility is None or not limits:
        return None
    return float(min(limits) - facility.to("degC").magnitude)


def cdu_rating(graph: DesignGraph, loop: LoopNode, cdu: Cdu) -> CduRating:
    """A CDU's capacity at the loop's conditions. Rating points are the nameplate
    (`capacity` at `approach` and `rated_coolant`) and any `ratings:` of the catalog
    entry; a point applies when its coolant is the loop's and its approach is at most
    the approach the design allows (a CDU given more approach carries at least its
    rated heat). The largest applying point is used; with none, the nameplate, and the
    reasons are kept for DAT004."""
    return graph.memo.query(
        ("cdu_rating", loop.id, id(cdu)), lambda: _cdu_rating(graph, loop, cdu)
    )


def _cdu_rating(graph: DesignGraph, loop: LoopNode, cdu: Cdu) -> CduRating:
    coolant, allowed = loop.spec.coolant, design_approach(graph, loop)
    points = [(cdu.capacity, cdu.rated_coolant, cdu.approach)] + [
        (r.capacity, r.coolant, r.approach) for r in cdu.ratings
    ]
    fits = [
        cap.to("kW").magnitude
        for cap, fluid, approach in points
        if fluid == coolant
        and approach is not None
        and allowed is not None
        and approach.to("K").magnitude <= allowed + 1e-9
    ]
    if fits:
        rating = CduRating(q(max(fits), "kW"), True)
    else:
        rating = CduRating(
            q(cdu.capacity.to("kW").magnitude, "kW"),
            False,
            _why_nameplate(cdu, coolant, allowed),
        )
    return rating


def _why_nameplate(cdu: Cdu, coolant: str, allowed: float | None) -> tuple[str, ...]:
    why = []
    if cdu.rated_coolant is None:
        why.append(f"the coolant it is rated with is not published (loop: {coolant})")
    elif cdu.rated_coolant != coolant and not any(
        r.coolant == coolant for r in cdu.ratings
    ):
        why.append(f"rated with {cdu.rated_coolant}, no {coolant} rating published")
    if cdu.approach is None:
        why.append("its rating approach is not published")
    elif allowed is None:
        why.append(
            f"rated at {cdu.approach.to('K').magnitude:g} K approach; the design's "
            "approach is not known (site.facility_water_temperature and the served "
            "devices' cooling.max_supply_temperature)"
        )
    elif allowed < cdu.approach.to("K").magnitude:
        why.append(
            f"rated at {cdu.approach.to('K').magnitude:g} K approach; the design "
            f"allows {allowed:g} K and no derating is published"
        )
    return tuple(why)


def loop_capacity(
    loop: LoopNode, failed_largest: bool = False, graph: DesignGraph | None = None
) -> Quantity:
    """Sum of the loop's CDU capacities (at the loop's conditions when `graph` is
    given: cdu_rating), minus the largest when `failed_largest`."""
    if graph is None:
        caps = [c.capacity.to("kW") for c in loop.cdus]
    else:
        caps = [cdu_rating(graph, loop, c).capacity for c in loop.cdus]
    if not caps:
        return q(0.0, "kW")
    total = sum(caps, q(0.0, "kW"))
    return total - max(caps) if failed_largest else total


def loop_flow_n_minus_1(loop: LoopNode) -> Quantity | None:
    """Rated flow left with the CDU of largest flow failed, L/min (None: a CDU's flow
    is not known)."""
    flows = [c.flow for c in loop.cdus]
    known = [f for f in flows if f is not None]
    if not flows or len(known) < len(flows):
        return None
    lmin = [f.to("L/min").magnitude for f in known]
    return q(sum(lmin) - max(lmin), "L/min")


def flow_for(heat: Quantity, loop: LoopNode) -> Quantity:
    """Coolant flow (L/min) that carries `heat` away at the loop's dT (or L/min/kW)."""
    spec = loop.spec
    if spec.flow_per_kw is not None:
        return q((heat * spec.flow_per_kw).to("L/min").magnitude, "L/min")
    rho, cp = COOLANTS[spec.coolant]
    dt = spec.delta_t.to("K").magnitude if spec.delta_t is not None else DEFAULT_DELTA_T
    m3_per_s = heat.to("W").magnitude / (rho * cp * dt)
    return q(m3_per_s * 60_000.0, "L/min")


def loop_flow_required(graph: DesignGraph, loop: LoopNode) -> Quantity:
    """Sum over served racks: the catalog's own flow figure where a device has one,
    else the flow its liquid heat needs at the loop's dT."""
    total = q(0.0, "L/min")
    for rack in graph.served_racks(loop):
        share = len(graph.loops_serving(rack))
        for dev in graph.devices(rack):
            cooling = getattr(dev.spec, "cooling", None)
            if cooling is not None and cooling.flow is not None:
                total = total + cooling.flow.to("L/min") / share
            else:
                total = total + flow_for(device_heat(dev, graph)[0], loop) / share
    return total


def loop_flow_available(loop: LoopNode) -> Quantity | None:
    flows = [c.flow for c in loop.cdus]
    known = [f for f in flows if f is not None]
    if not flows or len(known) < len(flows):
        return None
    return sum((f.to("L/min") for f in known), q(0.0, "L/min"))
