"""Network figures asked of the graph: port budgets, link speeds, cable reach, tier
oversubscription, ECMP balance, rail alignment, bisection, and the fabric metrics.

Figures are integers in Mbit/s (and metres as floats) inside; rules turn them into pint
quantities only for the comparisons and messages they report.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.graph.fabric.nodes import FabricNode, LinkSpec, SwitchNode
from rackcheck.graph.fabric.plan import mbps

if TYPE_CHECKING:
    import numpy as np

    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.bisection import Bisection
    from rackcheck.graph.fabric.view import FabricView
    from rackcheck.graph.nodes import DeviceNode
    from rackcheck.model.catalog import Switch


def fabrics(g: DesignGraph) -> list[FabricNode]:
    """The design's fabrics, in design order (looked up once per graph)."""
    key = ("fabrics",)

    def compute() -> list[FabricNode]:
        return [
            g.node(f"fabric:{f.name}")
            for f in g.design.fabrics
            if f"fabric:{f.name}" in g.g
        ]

    return g.memo.query(key, compute)


def view(g: DesignGraph, fab: FabricNode) -> FabricView:
    """The fabric as arrays. A generated fabric's come from its plan, which wired the
    graph (tests/graph/test_bisection.py checks that both give the same arrays); an
    explicit fabric's are read from the graph."""
    from rackcheck.graph.fabric.view import from_graph, from_plan_in_graph

    if fab.plan is not None:
        return from_plan_in_graph(g, fab)
    return from_graph(g, fab)


def bisection(g: DesignGraph, fab: FabricNode) -> Bisection:
    """Max-flow bisection of the fabric (memoised: rules and metrics share it)."""
    from rackcheck.graph.fabric import bisection as bis

    key = ("bisection", fab.id)

    def compute() -> Bisection:
        return bis.bisection(view(g, fab))

    return g.memo.query(key, compute)


def switches(g: DesignGraph, fab: FabricNode) -> list[SwitchNode]:
    return [g.node(s) for s in fab.switches]


# -- port budgets ---------------------------------------------------------------------
def port_use(g: DesignGraph, spec: Switch, speed: int) -> tuple[int, int]:
    """(port group, links per physical port) that serve links of `speed` Mbit/s."""
    return g.memo.per_entry(
        f"port_use:{speed}", spec, None, lambda: _port_group(spec, speed)
    )


def _port_group(spec: Switch, speed: int) -> tuple[int, int]:
    groups = [(mbps(p.speed), i) for i, p in enumerate(spec.ports)]
    breakout = {mbps(b) for b in spec.breakout}
    for native, i in groups:
        if native == speed:
            return i, 1
    for native, i in groups:
        if native > speed and speed in breakout and native % speed == 0:
            return i, native // speed
    return max(groups)[1], 1


@dataclass(frozen=True)
class PortUse:
    switch: SwitchNode
    group: int
    have: int  # physical ports of the group
    need: int  # physical ports the links take
    detail: str  # "70 x 400 Gbit/s"


def port_budget(g: DesignGraph, fab: FabricNode) -> list[PortUse]:
    """Every (switch, port group) the fabric uses: ports needed vs ports it has, a
    breakout port counting once for all its links (800G = 2 x 400G)."""
    v = view(g, fab)
    out: list[PortUse] = []
    # Switches of one model with the same links (thousands, in a generated fabric)
    # have the same budget: worked out once per (model, usage).
    seen: dict[tuple[int, tuple[tuple[int, int], ...]], list[tuple[int, int, int, str]]]
    seen = {}
    for i, sw in enumerate(switches(g, fab)):
        usage = tuple(sorted(v.usage[i].items()))
        key = (id(sw.spec), usage)
        budget = seen.get(key)
        if budget is None:
            budget = seen[key] = _budget(g, sw.spec, usage)
        out.extend(PortUse(sw, *b) for b in budget)
    return out


def _budget(
    g: DesignGraph, spec: Switch, usage: tuple[tuple[int, int], ...]
) -> list[tuple[int, int, int, str]]:
    """(port group, ports it has, ports needed, detail) of a switch model for links
    of {Mbit/s: count}, sorted by speed."""
    need: dict[int, int] = defaultdict(int)
    parts: dict[int, list[str]] = defaultdict(list)
    for speed, links in usage:
        group, split = port_use(g, spec, speed)
        need[group] += -(-links // split)
        note = f" (breakout {split} per port)" if split > 1 else ""
        parts[group].append(f"{links} x {speed / 1000:g} Gbit/s{note}")
    return [
        (group, spec.ports[group].count, n, " + ".join(parts[group]))
        for group, n in need.items()
    ]


def nic_overuse(g: DesignGraph, fab: FabricNode) -> list[tuple[DeviceNode, int, int]]:
    """(device, ports the fabric takes, ports of the role it has) where it takes more"""
    out = []
    for nid in fab.nics:
        nic = g.g.nodes[nid]["obj"]
        if nic.device and nic.taken > nic.have:
            out.append((g.node(nic.device), nic.taken, nic.have))
    return out


# -- links --------------------------------------------------------------------------
def link_groups(
    g: DesignGraph, fab: FabricNode, wanted: list[LinkSpec] | None = None
) -> dict[LinkSpec, list[tuple[str, str, int, int]]]:
    """Per link entry (LinkSpec): its (end, end, links, Mbit/s) edges; only the
    `wanted` entries when given (rules ask for the few that matter)."""
    out: dict[LinkSpec, list[tuple[str, str, int, int]]] = defaultdict(list)
    if wanted is not None and not wanted:
        return out
    keep = None if wanted is None else set(wanted)
    succ = g.g.succ
    for u, v in fab.links:
        for n, s, spec in succ[u][v]["bundles"]:
            if keep is None or spec in keep:
                out[spec].append((u, v, n, s))
    return out


def end_name(g: DesignGraph, node_id: str) -> str:
    """A link end as people name it: rack/device for a NIC, else the switch name."""
    obj = g.node(node_id)
    if node_id.startswith("nic:") and obj.device:
        dev = g.node(obj.device)
        return f"{g.node(dev.rack).name}/{dev.name}"
    return str(obj.name)


def end_rack(g: DesignGraph, node_id: str) -> str | None:
    obj = g.node(node_id)
    if node_id.startswith("nic:"):
        return g.node(g.node(obj.device).rack).name if obj.device else None
    return obj.rack  # type: ignore[no-any-return]


def distance_m(g: DesignGraph, rack_a: str | None, rack_b: str | None) -> float | None:
    """Cable run between two racks of the layout, metres; None when not known."""
    layout = g.design.layout
    pos = g.memo.get(("layout",), {})
    if layout is None or rack_a not in pos or rack_b not in pos:
        return None
    (ra, pa), (rb, pb) = pos[rack_a], pos[rack_b]
    pitch = layout.pitch
    if pitch is None:
        pitch = g.node(f"rack:{rack_a}").spec.width
    if pitch is None and pa != pb:
        return None
    run = abs(pa - pb) * (pitch.to("m").magnitude if pa != pb else 0.0)
    if ra != rb:
        if layout.row_pitch is None:
            return None
        run += abs(ra - rb) * layout.row_pitch.to("m").magnitude
    slack = layout.slack.to("m").magnitude if layout.slack is not None else 0.0
    return float(run + slack)


def reach_m(spec: LinkSpec) -> tuple[float, str] | None:
    """The reach of the medium a link entry names, metres, and what gives it."""
    if spec.transceiver is not None and spec.transceiver.reach is not None:
        return spec.transceiver.reach.to("m").magnitude, spec.transceiver.id
    if spec.cable is not None and spec.cable.max_length is not None:
        return spec.cable.max_length.to("m").magnitude, spec.cable.id
    return None


# -- tiers ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TierLoad:
    tier: int
    down: int  # Mbit/s toward endpoints
    up: int  # Mbit/s toward the next tier
    worst: str  # switch with the highest down/up
    worst_ratio: float


def tier_loads(g: DesignGraph, fab: FabricNode) -> list[TierLoad]:
    """Down and up capacity of every tier that carries traffic, with its worst switch.

    A switch with down links and no up link is infinitely oversubscribed (ratio
    ``math.inf``) when the fabric has somewhere else to go: a leaf in a fabric of more
    than one switch, a spine in a fabric with cores. A lone switch is not."""
    import numpy as np

    v = view(g, fab)
    n = v.n_sw
    down = np.bincount(v.ep_sw, weights=v.ep_mbps, minlength=n).astype(np.int64)
    up = np.zeros(n, dtype=np.int64)
    tu, tv = v.sw_tier[v.pu], v.sw_tier[v.pv]
    known = (tu >= 0) & (tv >= 0) & (tu != tv)
    lower = np.where(tu < tv, v.pu, v.pv)[known]
    upper = np.where(tu < tv, v.pv, v.pu)[known]
    cap = v.pcap[known]
    np.add.at(up, lower, cap)
    np.add.at(down, upper, cap)
    out = []
    for tier in (0, 1):
        in_tier = v.sw_tier == tier
        above = n > 1 if tier == 0 else bool((v.sw_tier > tier).any())
        stranded = in_tier & (up == 0) & (down > 0) & above
        sel = in_tier & ((up > 0) | stranded)
        if not sel.any():
            continue
        ratio = np.where(sel, down / np.maximum(up, 1), -1.0)
        ratio[stranded] = math.inf
        worst = int(np.argmax(ratio))
        out.append(
            TierLoad(
                tier,
                int(down[sel].sum()),
                int(up[sel].sum()),
                v.sw_names[worst],
                float(ratio[worst]),
            )
        )
    return out


def uneven_pairs(g: DesignGraph, fab: FabricNode) -> list[tuple[int, int, list[str]]]:
    """ECMP balance: within each connected group of a tier and the tier above, every
    pair has the same number of links. (lower tier, usual count, uneven pairs)."""
    import numpy as np

    from rackcheck.graph.fabric.small import distinct, is_small

    v = view(g, fab)
    n = v.n_sw
    small = is_small(v)
    tu, tv = v.sw_tier[v.pu], v.sw_tier[v.pv]
    out = []
    for lo in (0, 1):
        sel = ((tu == lo) & (tv == lo + 1)) | ((tu == lo + 1) & (tv == lo))
        if not sel.any():
            continue
        low = np.where(tu[sel] == lo, v.pu[sel], v.pv[sel])
        high = np.where(tu[sel] == lo, v.pv[sel], v.pu[sel])
        cnt = v.pcount[sel]
        label = _components(n, low, high, small)
        comp = label[low]
        size = int(label.max()) + 1
        n_low = np.bincount(label[distinct(low)], minlength=size)
        n_high = np.bincount(label[distinct(high)], minlength=size)
        n_pairs = np.bincount(comp, minlength=size)
        some = np.zeros(size, dtype=np.int64)
        some[comp] = cnt  # one pair's count per group: any pair that differs is uneven
        differs = np.zeros(size, dtype=bool)
        differs[comp[cnt != some[comp]]] = True
        uneven = (n_pairs > 0) & ((n_pairs != n_low * n_high) | differs)
        for c in np.nonzero(uneven)[0].tolist():
            mine = comp == c
            pairs = dict(
                zip(
                    zip(low[mine].tolist(), high[mine].tolist(), strict=True),
                    cnt[mine].tolist(),
                    strict=True,
                )
            )
            lows, highs = sorted({a for a, _ in pairs}), sorted({b for _, b in pairs})
            counts = Counter(pairs.get((a, b), 0) for a in lows for b in highs)
            usual = counts.most_common(1)[0][0]
            bad = [
                f"{v.sw_names[a]}-{v.sw_names[b]}: {pairs.get((a, b), 0)}"
                for a in lows
                for b in highs
                if pairs.get((a, b), 0) != usual
            ]
            out.append((lo, usual, bad))
    return out


def _components(n: int, u: np.ndarray, v: np.ndarray, small: bool) -> np.ndarray:
    """Connected component of each switch, labelled in order of its lowest switch
    (scipy's labels; without scipy on a small fabric, see graph/fabric/small.py)."""
    if small:
        from rackcheck.graph.fabric.small import component_labels

        return component_labels(n, u.tolist(), v.tolist())
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(u.size), (u, v)), shape=(n, n))
    return np.asarray(connected_components(graph, directed=False)[1])


def misaligned(g: DesignGraph, fab: FabricNode) -> list[tuple[str, int, str, int]]:
    """(device, NIC index, leaf, leaf's rail) where NIC i does not land on rail i."""
    import numpy as np

    if not fab.rails:
        return []
    v = view(g, fab)
    rail = v.sw_rail[v.ep_sw]
    bad = np.nonzero(
        (v.ep_node >= 0) & (rail >= 0) & (v.ep_port < fab.rails) & (v.ep_port != rail)
    )[0]
    devs = [g.node(d) for d in fab.devices]
    return [
        (
            f"{g.node(devs[v.ep_node[k]].rack).name}/{devs[v.ep_node[k]].name}",
            int(v.ep_port[k]),
            v.sw_names[v.ep_sw[k]],
            int(rail[k]),
        )
        for k in bad.tolist()
    ]


def ratio_text(ratio: float) -> str:
    """3.0 -> '3:1', 0.5 -> '1:2', inf -> '1:0' (no uplink)."""
    if ratio == float("inf"):
        return "1:0 (no uplink)"
    if ratio >= 1:
        return f"{ratio:.3g}:1"
    return f"1:{1 / ratio:.3g}" if ratio > 0 else "0:1"
