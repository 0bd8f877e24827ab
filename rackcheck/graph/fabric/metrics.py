"""The fabric metrics of `rackcheck check --format json` (`fabrics`): switches per
tier, links, optics, oversubscription, bisection, switch power, per fabric."""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Any

from rackcheck.graph.fabric.network import (
    bisection,
    fabrics,
    link_groups,
    port_use,
    switches,
    tier_loads,
    view,
)
from rackcheck.graph.fabric.nodes import TIER_NAME, FabricNode, SwitchNode
from rackcheck.graph.fabric.plan import summary

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.bisection import Bisection
    from rackcheck.graph.fabric.view import FabricView


def fabric_metrics(g: DesignGraph) -> dict[str, Any]:
    """Per fabric: the sizing figures (generated fabrics: as `rackcheck fabric size`),
    with the bisection of the graph by max-flow."""
    out: dict[str, Any] = {}
    for fab in fabrics(g):
        bis = bisection(g, fab)
        if fab.plan is not None:
            entry = summary(fab.plan, bis.mbps, bis.cut)
        else:
            entry = _explicit_summary(g, fab, bis)
        entry["bisection"] = bis.as_dict()
        out[fab.name] = entry
    return out


def _explicit_summary(
    g: DesignGraph, fab: FabricNode, bis: Bisection
) -> dict[str, Any]:
    v = view(g, fab)
    tiers = [int(t) for t in v.sw_tier.tolist()]
    count = {name: tiers.count(t) for t, name in TIER_NAME.items() if t >= 0}
    cables = {"node_leaf": v.endpoints, "leaf_spine": 0, "spine_core": 0}
    for a, b, c in zip(v.pu.tolist(), v.pv.tolist(), v.pcount.tolist(), strict=True):
        pair = {tiers[a], tiers[b]}
        if pair == {0, 1}:
            cables["leaf_spine"] += c
        elif pair == {1, 2}:
            cables["spine_core"] += c
    loads = {TIER_NAME[t.tier]: _ratio(t.worst_ratio) for t in tier_loads(g, fab)}
    whole = {
        TIER_NAME[t.tier]: _ratio(t.down / t.up if t.up else math.inf)
        for t in tier_loads(g, fab)
    }
    return {
        "tiers": max(tiers, default=-1) + 1,
        "leaf": count["leaf"],
        "spine": count["spine"],
        "core": count["core"],
        "endpoints": v.endpoints,
        "cables": cables,
        "transceivers": _explicit_optics(g, fab),
        "switch_power_kw": _switch_power(switches(g, fab)),
        "bisection_gbps": None if bis.mbps is None else bis.mbps / 1000,
        "bisection_cut": bis.cut,
        "bisection_analytic_gbps": _analytic(v) / 1000,
        "oversubscription": {"leaf": loads.get("leaf"), "spine": loads.get("spine")},
        "oversubscription_tier": {
            "leaf": whole.get("leaf"),
            "spine": whole.get("spine"),
        },
    }


def _ratio(r: float) -> float | str:
    """A ratio for the metrics: rounded, or "inf" (JSON has no infinity)."""
    return "inf" if math.isinf(r) else round(r, 4)


def _analytic(v: FabricView) -> int:
    """Half the narrowest layer (Mbit/s): injection, leaf uplinks when there are two
    leaves or more, spine uplinks when there are two pods or more."""
    from rackcheck.graph.fabric.bisection import full_bisection

    tu, tw = v.sw_tier[v.pu], v.sw_tier[v.pv]
    layers = [2 * full_bisection(v)]  # the smaller half of a balanced split
    pods = {int(p) for p in v.sw_pod[v.sw_tier == 1].tolist() if p >= 0}
    for lo, enough in ((0, int((v.sw_tier == 0).sum()) > 1), (1, len(pods) > 1)):
        sel = ((tu == lo) & (tw == lo + 1)) | ((tu == lo + 1) & (tw == lo))
        if enough and sel.any():
            layers.append(int(v.pcap[sel].sum()))
    return min(layers) // 2


def optics(g: DesignGraph, fab: FabricNode) -> dict[str, int]:
    """Transceivers of a fabric, switch side and node side, as its metrics count them
    (a twin-port cage holds one)."""
    if fab.plan is not None:
        return fab.plan.transceivers()
    return _explicit_optics(g, fab)


def _explicit_optics(g: DesignGraph, fab: FabricNode) -> dict[str, int]:
    """Transceivers of optical links (a transceiver named, or medium fibre): switch side
    per cage (twin-port cages once), node side one per NIC port."""
    per_switch: Counter[tuple[str, int]] = Counter()
    node = 0
    for spec, edges in link_groups(g, fab).items():
        if spec.transceiver is None and spec.medium != "fibre":
            continue
        for u, w, n, s in edges:
            for end in (u, w):
                if end.startswith("nic:"):
                    node += n
                else:
                    per_switch[(end, s)] += n
    total = 0
    for (sid, s), links in per_switch.items():
        sw = g.node(sid)
        group, split = port_use(g, sw.spec, s)
        total += -(-links // (sw.spec.ports[group].per_cage * split))
    return {"switch": total, "node": node}


def _switch_power(sws: list[SwitchNode]) -> float | None:
    kw = 0.0
    for sw in sws:
        p = sw.spec.power
        each = None if p is None else (p.max if p.max is not None else p.typical)
        if each is None:
            return None
        kw += each.to("kW").magnitude
    return round(kw, 3)
