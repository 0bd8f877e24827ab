"""A fabric as flat integer arrays: what bisection, port budgets and metrics read.

Built once per fabric from the design graph (`from_graph`, memoised), or straight from a
sizing plan (`from_plan`, for `rackcheck fabric size`, no graph needed). Capacities are
whole Mbit/s; parallel links between two switches are collapsed into one pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.nodes import FabricNode
    from rackcheck.graph.fabric.plan import Plan


@dataclass
class FabricView:
    name: str
    sw_names: list[str]
    sw_tier: np.ndarray  # 0 leaf, 1 spine, 2 core, -1 unknown
    sw_rail: np.ndarray  # -1: none
    sw_pod: np.ndarray  # -1: none
    sw_su: np.ndarray  # -1: none
    pu: np.ndarray  # switch pairs (u < v), collapsed
    pv: np.ndarray
    pcap: np.ndarray  # Mbit/s of all links of the pair
    pcount: np.ndarray  # links of the pair
    ep_sw: np.ndarray  # per endpoint (NIC port): the switch it attaches to
    ep_mbps: np.ndarray  # its link speed
    ep_node: np.ndarray  # index into node_names, -1: an extra endpoint
    ep_port: np.ndarray  # port ordinal on its device (= rail when rail-optimized)
    ep_rack: np.ndarray  # rack ordinal, -1: unknown
    node_names: list[str]
    usage: list[dict[int, int]] = field(
        default_factory=list
    )  # per switch {Mbit/s: links}

    @property
    def n_sw(self) -> int:
        return len(self.sw_names)

    @property
    def endpoints(self) -> int:
        return int(self.ep_sw.shape[0])

    def injection(self) -> int:
        """Sum of the endpoints' link speeds, Mbit/s."""
        return int(self.ep_mbps.sum())


def from_plan(p: Plan, name: str = "fabric") -> FabricView:
    """The view of a sized plan, wired as graph/fabric/build.py wires it."""
    import numpy as np

    L, S, C = p.leaves, p.spines, p.cores
    tier = np.array([0] * L + [1] * S + [2] * C, dtype=np.int8)
    names = p.names()
    leaf = np.arange(L, dtype=np.int64)
    pods = leaf // p.leaves_per_pod
    sp = p.spines_per_pod
    j = np.arange(sp, dtype=np.int64)
    pu = np.repeat(leaf, sp)
    pv = L + (np.repeat(pods, sp) * sp + np.tile(j, L))
    cnt = np.full(pu.shape, p.leaf_spine_links(), dtype=np.int64)
    if p.tiers == 3:
        cp = p.cores_per_plane
        spine = np.arange(S, dtype=np.int64)
        cu = L + np.repeat(spine, cp)
        cv = L + S + (np.repeat(spine % sp, cp) * cp + np.tile(np.arange(cp), S))
        pu, pv = np.concatenate([pu, cu]), np.concatenate([pv, cv])
        cnt = np.concatenate([cnt, np.full(cu.shape, p.spine_core_links(), np.int64)])
    ep_leaf = np.asarray(p.ep_leaf, dtype=np.int64)
    n_ep = ep_leaf.shape[0]
    node_ep = p.nodes * p.rails
    ep_node = np.full(n_ep, -1, dtype=np.int64)
    ep_node[:node_ep] = np.repeat(np.arange(p.nodes), p.rails)
    ep_port = np.zeros(n_ep, dtype=np.int64)
    ep_port[:node_ep] = np.tile(np.arange(p.rails), p.nodes)
    pod_of = np.concatenate(
        [pods, np.repeat(np.arange(p.pods), sp), -np.ones(C, np.int64)]
    )
    su = np.concatenate([np.asarray(p.leaf_su, np.int64), -np.ones(S + C, np.int64)])
    rail = np.concatenate(
        [np.asarray(p.leaf_rail, np.int64), -np.ones(S + C, np.int64)]
    )
    return FabricView(
        name,
        names,
        tier,
        rail,
        pod_of,
        su,
        pu,
        pv,
        cnt * p.speed,
        cnt,
        ep_leaf,
        np.full(n_ep, p.speed, dtype=np.int64),
        ep_node,
        ep_port,
        np.full(n_ep, -1, dtype=np.int64),
        [f"node{i + 1}" for i in range(p.nodes)],
    )


def from_plan_in_graph(g: DesignGraph, fab: FabricNode) -> FabricView:
    """A generated fabric's view from its plan, with the design's racks and names and
    each switch's port usage (memoised per graph)."""
    return g.memo.query(("fabric_view", fab.id), lambda: _from_plan_in_graph(g, fab))


def _from_plan_in_graph(g: DesignGraph, fab: FabricNode) -> FabricView:
    import numpy as np

    p = fab.plan
    assert p is not None  # a generated fabric's (network.view)
    view = from_plan(p, fab.name)
    racks = {r.id: k for k, r in enumerate(g.racks())}
    devs = [g.node(d) for d in fab.devices]
    rack = np.array([racks[d.rack] for d in devs], dtype=np.int64)
    view.ep_rack[: len(devs) * p.rails] = np.repeat(rack, p.rails)
    view.node_names = [d.name for d in devs]
    s = p.speed
    view.usage = [{s: d + p.up_leaf} for d in p.leaf_down]
    view.usage += [
        {s: d + p.up_spine} if p.tiers == 3 else {s: d} for d in p.spine_down()
    ]
    view.usage += [{s: p.pods * p.spine_core_links()} for _ in range(p.cores)]
    return view


def from_graph(g: DesignGraph, fab: FabricNode) -> FabricView:
    """The view of a fabric as the design graph holds it (memoised per graph)."""
    return g.memo.query(("fabric_view", fab.id), lambda: _from_graph(g, fab))


def _from_graph(g: DesignGraph, fab: FabricNode) -> FabricView:
    import numpy as np

    gg = g.g
    sw = [g.node(s) for s in fab.switches]
    index = {s.id: i for i, s in enumerate(sw)}
    usage: list[dict[int, int]] = [{} for _ in sw]
    pairs: dict[tuple[int, int], list[int]] = {}
    succ = gg.succ
    for i, sid in enumerate(fab.switches):
        for v, data in succ[sid].items():
            j = index.get(v)
            if j is None or data.get("rel") != "link":
                continue
            acc = pairs.setdefault((i, j) if i < j else (j, i), [0, 0])
            for n, s, _ in data["bundles"]:
                acc[0] += n * s
                acc[1] += n
                usage[i][s] = usage[i].get(s, 0) + n
                usage[j][s] = usage[j].get(s, 0) + n
    nic_links = _nic_links(g, fab, index, usage)
    rack_index = {r.id: k for k, r in enumerate(g.racks())}
    dev_index = {d: k for k, d in enumerate(fab.devices)}
    rows: list[tuple[int, int, int, int, int]] = []
    for nid in fab.nics:
        dev = gg.nodes[nid]["obj"].device
        node = dev_index[dev] if dev else -1
        rack = rack_index[gg.nodes[dev]["obj"].rack] if dev else -1
        rows.extend(
            (swi, s, node, port, rack) for port, swi, s in sorted(nic_links[nid])
        )
    ep = np.array(rows, dtype=np.int64).reshape(-1, 5).T
    keys = sorted(pairs)
    pu = np.array([a for a, _ in keys], dtype=np.int64)
    pv = np.array([b for _, b in keys], dtype=np.int64)
    vals = np.array([pairs[x] for x in keys], dtype=np.int64).reshape(-1, 2)
    view = FabricView(
        fab.name,
        [s.name for s in sw],
        np.array([s.tier for s in sw], dtype=np.int8),
        np.array([s.rail for s in sw], dtype=np.int64),
        np.array([s.pod for s in sw], dtype=np.int64),
        np.array([s.su for s in sw], dtype=np.int64),
        pu,
        pv,
        vals[:, 0],
        vals[:, 1],
        ep[0],
        ep[1],
        ep[2],
        ep[3],
        ep[4],
        [gg.nodes[d]["obj"].name for d in fab.devices],
        usage,
    )
    _pods(view)
    return view


def _nic_links(
    g: DesignGraph, fab: FabricNode, index: dict[str, int], usage: list[dict[int, int]]
) -> dict[str, list[tuple[int, int, int]]]:
    """Each NIC's links: nic -> [(port, switch index, Mbit/s)]; counts them in `usage`."""
    succ = g.g.succ
    nic_links: dict[str, list[tuple[int, int, int]]] = {}
    for nid in fab.nics:
        out = nic_links[nid] = []
        for v, data in succ[nid].items():
            j = index[v]
            bundles, use = data["bundles"], usage[j]
            if (
                len(bundles) == 1 and bundles[0][0] == 1
            ):  # the usual: one port, one link
                s = bundles[0][1]
                use[s] = use.get(s, 0) + 1
                out.append((data["ports"][0], j, s))
                continue
            ports = iter(data["ports"])
            for n, s, _ in bundles:
                use[s] = use.get(s, 0) + n
                out.extend((next(ports), j, s) for _ in range(n))
    return nic_links


def _pods(view: FabricView) -> None:
    """Explicit fabrics: a pod is a connected group of leaves and spines."""
    import numpy as np

    if (view.sw_pod >= 0).any() or not (view.sw_tier == 1).any():
        return
    parent = list(range(view.n_sw))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tiers = view.sw_tier
    for a, b in zip(view.pu.tolist(), view.pv.tolist(), strict=True):
        if {int(tiers[a]), int(tiers[b])} == {0, 1}:
            parent[find(a)] = find(b)
    roots: dict[int, int] = {}
    pod = np.full(view.n_sw, -1, dtype=np.int64)
    for i in range(view.n_sw):
        if tiers[i] in (0, 1):
            pod[i] = roots.setdefault(find(i), len(roots))
    view.sw_pod = pod
