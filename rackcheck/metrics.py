"""Every figure a check computes, as plain numbers for JSON and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.figures import find
from rackcheck.graph import cooling, physical, power
from rackcheck.graph.unplaced import unplaced_totals

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import RackNode
    from rackcheck.jsontypes import JSONObject
    from rackcheck.units import Quantity


def _r(x: float, nd: int = 3) -> float:
    return round(float(x), nd)


def design_metrics(g: DesignGraph, derating: float | None = None) -> JSONObject:
    racks: JSONObject = {}
    tot: dict[str, float] = {"racks": 0, "devices": 0, "gpus": 0, "it_power_kw": 0.0,
           "apparent_power_kva": 0.0, "heat_liquid_kw": 0.0, "heat_air_kw": 0.0,
           "weight_kg": 0.0, "units_used": 0}  # fmt: skip
    for rack in sorted(g.racks(), key=lambda r: r.name):
        entry, sums = _rack(g, rack, derating)
        racks[rack.name] = entry
        tot["racks"] += 1
        for k, v in sums.items():
            tot[k] += v
    unplaced = unplaced_totals(g)
    if unplaced is not None:  # switches in no rack: still IT power and heat to air
        for k in ("it_power_kw", "apparent_power_kva", "heat_air_kw"):
            tot[k] += unplaced[k]
    for k, v in tot.items():  # rounded as rackcheck/figures.py declares
        fig = find(f"totals.{k}")
        if fig is not None and fig.digits is not None:
            tot[k] = _r(v, fig.digits)
    loops = _loops(g)
    feeds: JSONObject = {
        name: _r(load.to("kVA").magnitude) for name, load in
        sorted(power.feed_loads(g).items())
    }  # fmt: skip
    code = power.site_code(g)
    out: JSONObject = {"totals": {**tot}, "racks": racks, "loops": loops, "feeds_kva": feeds,
           "electrical_code": {"code": code.code, "basis": code.why,
                               "continuous_rating": code.factor}}  # fmt: skip
    if unplaced is not None:
        out["unplaced"] = {**unplaced}
    sto = storage_metrics(g)
    if sto is not None:
        out["storage"] = sto
    if g.design.fabrics:
        from rackcheck.graph.fabric.metrics import fabric_metrics

        out["fabrics"] = fabric_metrics(g)
    from rackcheck.graph.systems import nvlink_metrics

    nvlink = nvlink_metrics(g)
    if nvlink is not None:
        out["nvlink"] = nvlink
    out.update(_data_metrics(g, out))
    return out


def _rack(
    g: DesignGraph, rack: RackNode, derating: float | None
) -> tuple[JSONObject, dict[str, float]]:
    """A rack's figures (metrics.racks), and what it adds to the totals (its kW and
    kVA unrounded)."""
    devices = g.devices(rack)
    kw = power.rack_power(g, rack).to("kW").magnitude
    kva = power.rack_apparent(g, rack).to("kVA").magnitude
    cap = power.rack_pdu_capacity(g, rack, derating).to("kVA").magnitude
    pf = kw / kva if kva else float(g.design.site.power_factor)
    liquid, air = cooling.rack_heat(g, rack)
    gpus = sum(physical.gpu_count(d) for d in devices)
    units_used = physical.rack_units_used(g, rack)
    figures = {"devices": len(devices), "gpus": gpus, "it_power_kw": kw,
               "apparent_power_kva": kva,
               "heat_liquid_kw": _r(liquid.to("kW").magnitude),
               "heat_air_kw": _r(air.to("kW").magnitude),
               "weight_kg": _r(physical.rack_weight(g, rack).to("kg").magnitude, 2),
               "units_used": units_used}  # fmt: skip
    entry: JSONObject = {
        "model": rack.spec.id,
        "devices": len(devices),
        "gpus": gpus,
        "power_kw": _r(kw),
        "apparent_power_kva": _r(kva),
        "pdu_capacity_kva": _r(cap),
        "pdu_capacity_kw": _r(cap * pf),
        "heat_liquid_kw": figures["heat_liquid_kw"],
        "heat_air_kw": figures["heat_air_kw"],
        "units_used": units_used,
        "units_available": physical.rack_units_available(rack),
        "weight_kg": figures["weight_kg"],
        "feeds": [*power.rack_feeds(g, rack)],
        "after_feed_loss": _after_feed_loss(g, rack),
    }
    return entry, figures


def _loops(g: DesignGraph) -> JSONObject:
    """Per cooling loop: heat, CDU capacity (N and N-1), coolant flow."""
    loops: JSONObject = {}
    for loop in sorted(g.loops(), key=lambda x: x.name):
        have = cooling.loop_flow_available(loop)
        loops[loop.name] = {
            "heat_liquid_kw": _r(cooling.loop_heat(g, loop).to("kW").magnitude),
            "cdu_capacity_kw": _r(
                cooling.loop_capacity(loop, graph=g).to("kW").magnitude
            ),
            "cdu_capacity_n_minus_1_kw": _r(
                cooling.loop_capacity(loop, True, g).to("kW").magnitude
            ),
            "flow_required_l_min": _r(
                cooling.loop_flow_required(g, loop).to("L/min").magnitude, 1
            ),
            "flow_available_l_min": None
            if have is None
            else _r(have.to("L/min").magnitude, 1),
            "flow_n_minus_1_l_min": None
            if (left := cooling.loop_flow_n_minus_1(loop)) is None
            else _r(left.to("L/min").magnitude, 1),
        }
    return loops


def _data_metrics(g: DesignGraph, final: JSONObject) -> JSONObject:
    """`sovereignty`, `flows` and `phases` where the design has them."""
    from rackcheck.graph import data_metrics as dm
    from rackcheck.graph.sites import uses_design

    out: JSONObject = {}
    if uses_design(g):
        out["sovereignty"] = dm.sovereignty_metrics(g)
        out["flows"] = {**dm.flow_metrics(g)}
    if g.design.phases:
        out["phases"] = dm.phase_metrics(g, final, design_metrics)
    return out


def _after_feed_loss(g: DesignGraph, rack: RackNode) -> JSONObject:
    """Per feed of the rack, each device's state with that feed down (from
    graph.power.after_failure): how many keep full power, the capped ones with the kW
    they are left with, and the dark ones. Devices not listed are full."""
    feeds = power.rack_feeds(g, rack)
    if len(feeds) < 2:
        return {}
    out: JSONObject = {}
    for feed in feeds:
        if power.all_full(g, rack, (feed,)):
            out[feed] = {"full": len(g.devices(rack)), "capped_kw": {}, "dark": []}
            continue
        states = power.after_failure_rack(g, rack, (feed,))
        out[feed] = {
            "full": sum(1 for st in states if st.state == "full"),
            "capped_kw": {
                st.name: _r(st.delivered_kw) for st in states if st.state == "capped"
            },
            "dark": [*sorted(st.name for st in states if st.state == "dark")],
        }
    return out


def storage_metrics(g: DesignGraph) -> JSONObject | None:
    """`metrics.storage`: what the systems, the path and the nodes deliver, what the
    workload needs, what binds a checkpoint and how long it takes."""
    from rackcheck.graph import storage

    systems = storage.storage_systems(g)
    need = storage.requirement(g)
    if not systems and need is None:
        return None

    def gbs(x: Quantity | None) -> float | None:
        return None if x is None else _r(x.to("GB/s").magnitude)

    nodes = storage.gpu_nodes(g)
    per_node: JSONObject = {spec.id: _r(storage.node_line_rate(spec).to("GB/s").magnitude
                            * storage.efficiency(g))
                for _, spec, _ in nodes}  # fmt: skip
    out: JSONObject = {
        "systems": len(systems),
        "gpu_nodes": storage.node_count(g),
        "gpus": storage.gpu_count(g),
        "aggregate_read_gbs": gbs(storage.aggregate(g, "read")),
        "aggregate_write_gbs": gbs(storage.aggregate(g, "write")),
        "aggregate_basis": {
            "read": storage.figure_basis(g, "read"),
            "write": storage.figure_basis(g, "write"),
        },
        "path_gbs": gbs(storage.path_capacity(g)),
        "nodes_nic_gbs": gbs(storage.nodes_write_capacity(g)),
        "per_node_gbs": per_node,
        "protocol_efficiency": storage.efficiency(g),
    }
    cap = storage.capacity(g)
    out["capacity_tb"] = None if cap is None else _r(cap.to("TB").magnitude)
    if need is not None:
        out["required"] = {
            "basis": need.basis,
            "read_per_node_gbs": gbs(need.read_node),
            "write_per_node_gbs": gbs(need.write_node),
            "aggregate_read_gbs": gbs(need.read_total),
            "aggregate_write_gbs": gbs(need.write_total),
        }
    bottleneck = storage.write_bottleneck(g)
    out["binding_constraint"] = bottleneck[1] if bottleneck else None
    ck = storage.checkpoint_time(g)
    size = storage.checkpoint_size(g)
    out["checkpoint_tb"] = None if size is None else _r(size.to("TB").magnitude)
    out["checkpoint_seconds"] = None if ck is None else _r(ck[0].to("s").magnitude, 1)
    return out
