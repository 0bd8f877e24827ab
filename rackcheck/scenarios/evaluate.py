"""The design's state after one failure set: GPUs dark and capped, loops over capacity,
GPUs cut off from the fabric, bisection and storage left, checkpoint time, and what is
strained (the findings of the scenario).

GPUs dark: devices with no live PSU, in racks whose coolant loop lost its water or all
its CDUs, and storage-less failed devices. GPUs capped: devices with fewer live PSUs
than they need (capped at live x PSU rating: graph.power.after_failure), and devices in racks
whose loop (or the water behind it) is left with less capacity than heat (CDU capacity at
the loop's conditions, graph.cooling.cdu_rating, and CDU flow against the flow the heat
needs): they must throttle, the shortfall counted as kW lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rackcheck.graph import cooling, failover
from rackcheck.graph.facility_load import state
from rackcheck.graph.physical import gpu_count
from rackcheck.scenarios.failures import Down, resolve
from rackcheck.scenarios.network import FabricState, fabric_state

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.facility import Plant
    from rackcheck.graph.facility_load import State
    from rackcheck.graph.nodes import DeviceNode
    from rackcheck.units import Quantity


@dataclass
class Outcome:
    fails: tuple[str, ...]
    gpus_dark: int = 0
    gpus_capped: int = 0
    gpus_cut_off: int = 0
    racks_dark: list[str] = field(default_factory=list)
    racks_capped: dict[str, float] = field(default_factory=dict)  # rack -> kW lost
    loops_over: list[str] = field(default_factory=list)
    fabrics: list[FabricState] = field(default_factory=list)
    storage_read_gbs: float | None = None  # GB/s
    checkpoint_s: float | None = None
    gpu_hours: float = 0.0
    findings: list[str] = field(default_factory=list)
    worst_element: tuple[str, float] | None = None  # most loaded: load / rating

    @property
    def bisection_gbps(self) -> float | None:
        figs = [f.bisection_mbps for f in self.fabrics if f.role == "compute"]
        known = [f for f in figs if f is not None]
        return sum(known) / 1000.0 if known else None


def evaluate(
    g: DesignGraph, p: Plant | None, fails: tuple[str, ...], network: bool = True
) -> Outcome:
    """The state after `fails`. `network=False` leaves out the fabrics and storage
    (RES001 asks only which GPUs go dark, and a switch never darkens one)."""
    down = resolve(g, p, fails)
    out = Outcome(fails)
    dark_devs = _power_and_cooling(g, p, down, out)
    if network:
        _network(g, down, dark_devs, out)
        _storage(g, dark_devs | down.devices, out)
    return out


def _power_and_cooling(
    g: DesignGraph, p: Plant | None, down: Down, out: Outcome
) -> set[str]:
    """Fill `out` with what power and cooling lose; returns the dark devices. Memoised
    on what the failure set takes down there: switch and link failures (thousands in a
    large fabric) share the design's own power state."""
    key = ("scenario_power", frozenset(down.elements), frozenset(down.feeds),
           frozenset(down.loops), frozenset(down.devices),
           frozenset((k, frozenset(v)) for k, v in down.cdus.items()))  # fmt: skip
    hit = g.memo.get(key)
    if hit is None:
        part = Outcome(())
        loops_down = _loops_down(g, down)
        st = state(g, p, frozenset(down.elements), frozenset(down.feeds),
                   frozenset(loops_down))  # fmt: skip
        over = _cooling(g, p, down, st, part)
        dark = _devices(g, st, down, over, part)
        _elements(p, st, part)
        hit = g.memo[key] = (part, dark)
    part, dark = hit
    out.gpus_dark, out.gpus_capped = part.gpus_dark, part.gpus_capped
    out.racks_dark = list(part.racks_dark)
    out.racks_capped = dict(part.racks_capped)
    out.loops_over = list(part.loops_over)
    out.findings = list(part.findings)
    out.worst_element = part.worst_element
    return set(dark)


def _loops_down(g: DesignGraph, down: Down) -> set[str]:
    cut = set(down.loops)
    for loop in g.loops():
        failed = down.cdus.get(loop.name, set())
        if loop.units and len(failed) >= len(loop.units):
            cut.add(loop.name)
    return cut


def _cooling(
    g: DesignGraph, p: Plant | None, down: Down, st: State, out: Outcome
) -> dict[str, float]:
    """Loops over capacity: loop name -> fraction of its heat it can still remove."""
    over: dict[str, float] = {}
    for loop in g.loops():
        heat = cooling.loop_heat(g, loop).to("kW").magnitude
        if loop.name in st.loops_cut:
            over[loop.name] = 0.0
            continue
        failed = down.cdus.get(loop.name, set())
        live = [u for k, u in enumerate(loop.units) if k not in failed]
        cap = sum(cooling.cdu_rating(g, loop, u.spec).capacity.to("kW").magnitude
                  for u in live)  # fmt: skip
        flows = [u.spec.flow for u in live]
        known = [f for f in flows if f is not None]
        if heat > 0 and flows and len(known) == len(flows):
            need = cooling.loop_flow_required(g, loop).to("L/min").magnitude
            have = sum(f.to("L/min").magnitude for f in known)
            if need > 0 and have < need:  # flow short: the heat it carries, in share
                cap = min(cap, heat * have / need)
        water = p.loop_of.get(loop.name) if p is not None else None
        if water is not None and p is not None:  # a water source only with a plant
            cap = min(cap, _water_share(p, st, water, heat))
        if heat > 0 and cap < heat * (1 - 1e-9):
            over[loop.name] = cap / heat
    for name, frac in sorted(over.items()):
        out.loops_over.append(name)
        what = "has no cooling" if frac == 0 else f"removes {frac:.0%} of its heat"
        out.findings.append(f"coolant loop {name} {what}")
    return over


def _water_share(p: Plant, st: State, water: str, heat: float) -> float:
    """Heat the loop's water source can take for it: all of it while the source is
    within its capacity, else the loop's share of what the source can remove."""
    el = p.elements[water]
    load = st.kw.get(water, 0.0)
    cap = el.capacity.to("kW").magnitude if el.capacity is not None else None
    if el.sources and el.kind == "water-loop":
        plant_cap = [p.elements[s].capacity for s in el.sources if s in st.live]
        known = [c for c in plant_cap if c is not None]
        if len(known) == len(plant_cap):
            total = sum(c.to("kW").magnitude for c in known)
            cap = total if cap is None else min(cap, total)
    if cap is None or load <= cap:
        return heat
    return float(heat * cap / load)


def _devices(
    g: DesignGraph, st: State, down: Down, over: dict[str, float], out: Outcome
) -> set[str]:
    dark: set[str] = set()
    for rack in g.racks():
        frac = min((over.get(lp.name, 1.0) for lp in g.loops_serving(rack)),
                   default=1.0)  # fmt: skip
        rs = st.racks[rack.id]
        n_dark = n_dev = 0
        lost = 0.0
        for dev in g.devices(rack):
            n_dev += 1
            ds = rs.devices[dev.id]
            gpus = gpu_count(dev)
            liquid = cooling.liquid_fraction(dev) > 0
            if (
                ds.state == failover.DARK
                or dev.id in down.devices
                or (liquid and frac == 0.0)
            ):
                dark.add(dev.id)
                n_dark += 1
                out.gpus_dark += gpus
            elif ds.state == failover.CAPPED or (liquid and frac < 1.0):
                out.gpus_capped += gpus
                lost += ds.kw_lost
                if liquid and frac < 1.0:
                    lost += ds.kw * (1.0 - frac)
        if n_dev and n_dark == n_dev:
            out.racks_dark.append(rack.name)
        elif lost > 0:
            out.racks_capped[rack.name] = round(lost, 3)
    return dark


def _elements(p: Plant | None, st: State, out: Outcome) -> None:
    if p is None:
        return
    for name in st.on_battery:
        out.findings.append(f"UPS {name} on battery, dark when it runs out")
    for name in sorted(st.lost_input):
        out.findings.append(f"UPS {name} loses its input (no battery stated): dark")
    for name, el in p.elements.items():
        if name not in st.live:
            continue
        for fig, load, unit in ((el.rating, st.kw, "kW"), (el.apparent, st.kva, "kVA"),
                                (el.capacity, st.kw, "kW")):  # fmt: skip
            if fig is None:
                continue
            limit = fig.to(unit).magnitude
            frac = load.get(name, 0.0) / limit if limit > 0 else 0.0
            if out.worst_element is None or frac > out.worst_element[1]:
                out.worst_element = (name, frac)
            if load.get(name, 0.0) > limit * (1 + 1e-9):
                out.findings.append(f"{el.kind} {name} carries "
                                    f"{load[name]:.1f} {unit} > {limit:.1f} {unit}")  # fmt: skip


def _network(g: DesignGraph, down: Down, dark: set[str], out: Outcome) -> None:
    from rackcheck.graph.fabric import network

    for fab in network.fabrics(g):
        index = {d: k for k, d in enumerate(fab.devices)}
        dark_nodes = {index[d] for d in dark if d in index}
        links = frozenset(down.links.get(fab.id, set()))
        fs = fabric_state(g, fab, down.switches.get(fab.id, set()), dark_nodes, links)
        out.fabrics.append(fs)
        if fs.role == "compute":
            out.gpus_cut_off += fs.cut_off
        if fs.cut_off:
            out.findings.append(f"{fs.cut_off} endpoint(s) cut off from fabric "
                                f"{fab.name}")  # fmt: skip


def _storage(g: DesignGraph, gone: set[str], out: Outcome) -> None:
    from rackcheck.graph.storage import checkpoint_size, efficiency, storage_systems

    systems = [d for d in storage_systems(g) if d.id not in gone]
    eff = efficiency(g)
    reads = [_figure(d, "read") for d in systems]
    writes = [_figure(d, "write") for d in systems]
    paths = [f.storage_mbps for f in out.fabrics if f.storage_mbps is not None]
    path_gbs = sum(paths) / 8000.0 * eff if paths else None
    if systems and all(r is not None for r in reads):
        read = float(sum(r for r in reads if r is not None))
        out.storage_read_gbs = min(read, path_gbs) if path_gbs is not None else read
    elif not systems and storage_systems(g):
        out.storage_read_gbs = 0.0
    size = checkpoint_size(g)
    if size is not None and systems and all(w is not None for w in writes):
        rate = float(sum(w for w in writes if w is not None))
        rate = min(rate, path_gbs) if path_gbs is not None else rate
        if rate > 0:
            out.checkpoint_s = size.to("GB").magnitude / rate


def _figure(dev: DeviceNode, name: str) -> float | None:
    fig: Quantity | None = (
        getattr(dev.assume, name, None) if dev.assume is not None else None
    )
    fig = fig if fig is not None else getattr(dev.spec, name, None)
    return float(fig.to("GB/s").magnitude) if fig is not None else None
