"""Loads on the facility's elements with some elements, feeds, CDUs and loops down.

Racks: each rack's feeds that hang on a dead element (or have failed themselves) are
dead for that rack; graph/failover.py says what every device and PDU then draws; each
PDU's load goes to the element its (rack, feed) hangs on and flows upward
(graph/facility.py). Cooling: each coolant loop's liquid heat goes to its water element
while the loop has a live CDU and its water source is live.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rackcheck.graph import cooling, failover
from rackcheck.graph.facility import Plant, live_elements, route

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.failover import RackState


@dataclass
class State:
    """The design with some things down."""

    live: set[str]  # live facility elements
    on_battery: list[str]
    kw: dict[str, float]  # element -> kW carried (cooling: heat)
    kva: dict[str, float]
    racks: dict[str, RackState]  # rack id -> devices' states and PDU loads
    dead_feeds: dict[str, frozenset[str]]  # rack id -> its dead feeds
    loops_cut: list[str] = field(default_factory=list)  # loops without water or CDU
    lost_input: list[str] = field(default_factory=list)  # UPS, no battery, input down


def state(
    g: DesignGraph,
    p: Plant | None,
    failed: frozenset[str],
    feeds_down: frozenset[str] = frozenset(),
    loops_down: frozenset[str] = frozenset(),
) -> State:
    """`failed`: facility elements; `feeds_down`: site feeds; `loops_down`: coolant
    loops that lost all their CDUs."""
    live, battery = live_elements(p, failed) if p is not None else (set(), [])
    kw: dict[str, float] = {}
    kva: dict[str, float] = {}
    racks: dict[str, RackState] = {}
    dead_feeds: dict[str, frozenset[str]] = {}
    for rack in g.racks():
        dead = set(feeds_down)
        pdus = g.pdus(rack)
        if p is not None:
            for pdu in pdus:
                el = p.feed_of.get((rack.name, pdu.feed))
                if el is not None and el not in live:
                    dead.add(pdu.feed)
        frozen = frozenset(dead)
        rs = failover.rack_state(g, rack, frozen)
        racks[rack.id] = rs
        dead_feeds[rack.id] = frozen
        if p is None:
            continue
        for pdu in pdus:
            el = p.feed_of.get((rack.name, pdu.feed))
            if el is not None and el in live:
                kw[el] = kw.get(el, 0.0) + rs.pdu_kw[pdu.id]
                kva[el] = kva.get(el, 0.0) + rs.pdu_kva[pdu.id]
    cut = sorted(loops_down)
    if p is not None:
        for loop in g.loops():
            water = p.loop_of.get(loop.name)
            if water is None:
                continue
            if water not in live or loop.name in loops_down:
                if loop.name not in cut:
                    cut.append(loop.name)
                continue
            heat = cooling.loop_heat(g, loop).to("kW").magnitude
            kw[water] = kw.get(water, 0.0) + heat
        route(p, live, kw, kva)
    lost = []
    if p is not None:
        lost = [n for n, el in p.elements.items() if el.kind == "ups"
                and el.battery is None and n not in live and n not in failed]  # fmt: skip
    return State(live, battery, kw, kva, racks, dead_feeds, sorted(cut), lost)


def single_states(g: DesignGraph) -> list[tuple[str | None, State]]:
    """The normal state (None) and the state after each single facility element
    fails, in design order (memoised: the facility rules share them)."""
    key = ("facility_single",)

    def compute() -> list[tuple[str | None, State]]:
        from rackcheck.graph.facility import plant

        p = plant(g)
        out: list[tuple[str | None, State]] = []
        if p is not None:
            out.append((None, state(g, p, frozenset())))
            for name in p.elements:
                out.append((name, state(g, p, frozenset([name]))))
        return out

    return g.memo.query(key, compute)


def when(failed: str | None) -> str:
    return "in normal operation" if failed is None else f"when {failed} fails"
