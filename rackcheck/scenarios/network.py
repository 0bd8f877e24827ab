"""A fabric with some switches failed and some devices dark: its bisection (by the
max-flow code of graph/fabric/bisection.py, on a reduced view), the GPUs cut off, the ECMP
imbalance left, and the storage path.

The reduced view drops the failed switches' links and the endpoints that hang on a
failed switch or belong to a dark device. In a rail-optimized fabric each endpoint is
one GPU's NIC: an endpoint on a failed leaf is a GPU cut off from the fabric.
ECMP imbalance: over the leaves that keep uplinks, the largest uplink capacity divided
by the smallest (1.0 balanced; after a spine fails, leaves wired to it have less).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.nodes import FabricNode
    from rackcheck.graph.fabric.view import FabricView


@dataclass(frozen=True)
class FabricState:
    fabric: str
    role: str
    endpoints: int  # live endpoints (GPU NICs on compute fabrics)
    cut_off: int  # endpoints of live devices on failed switches
    bisection_mbps: int | None
    imbalance: float | None
    storage_mbps: int | None  # max-flow storage -> GPU nodes (storage fabric)


def reduced(
    view: FabricView,
    failed_sw: set[int],
    dark_nodes: set[int],
    links: frozenset[tuple[int, int]] = frozenset(),
) -> tuple[FabricView, int]:
    """(view without the failed switches, failed link bundles (switch index pairs) and
    dark endpoints; endpoints cut off)."""
    import numpy as np

    sw_dead = np.zeros(view.n_sw, dtype=bool)
    sw_dead[list(failed_sw)] = True
    node_dark = np.zeros(len(view.node_names) + 1, dtype=bool)
    node_dark[list(dark_nodes)] = True
    ep_dark = node_dark[view.ep_node]  # -1 -> the extra last slot: not dark
    on_dead = sw_dead[view.ep_sw]
    keep_ep = ~(ep_dark | on_dead)
    keep_pair = ~(sw_dead[view.pu] | sw_dead[view.pv])
    if links:
        gone = np.array([(int(a), int(b)) in links
                         for a, b in zip(view.pu, view.pv, strict=True)], dtype=bool)  # fmt: skip
        keep_pair &= ~gone
    cut = int((on_dead & ~ep_dark).sum())
    new = dataclasses.replace(
        view,
        pu=view.pu[keep_pair], pv=view.pv[keep_pair],
        pcap=view.pcap[keep_pair], pcount=view.pcount[keep_pair],
        ep_sw=view.ep_sw[keep_ep], ep_mbps=view.ep_mbps[keep_ep],
        ep_node=view.ep_node[keep_ep], ep_port=view.ep_port[keep_ep],
        ep_rack=view.ep_rack[keep_ep],
    )  # fmt: skip
    return new, cut


def imbalance(view: FabricView) -> float | None:
    import numpy as np

    tier = view.sw_tier
    up = np.zeros(view.n_sw)
    for a, b, c in ((view.pu, view.pv, view.pcap), (view.pv, view.pu, view.pcap)):
        mask = (tier[a] == 0) & (tier[b] > 0)
        np.add.at(up, a[mask], c[mask])
    leaves = np.nonzero((tier == 0) & (up > 0))[0]
    if leaves.size < 2:
        return None
    return float(up[leaves].max() / up[leaves].min())


def fabric_state(
    g: DesignGraph,
    fab: FabricNode,
    failed_sw: set[int],
    dark_nodes: set[int],
    links: frozenset[tuple[int, int]] = frozenset(),
) -> FabricState:
    """Memoised per (fabric, failed switches, dark devices, failed link bundles)."""
    key = (
        "scenario_fabric",
        fab.id,
        frozenset(failed_sw),
        frozenset(dark_nodes),
        links,
    )
    if key not in g.memo:
        g.memo[key] = _fabric_state(g, fab, failed_sw, dark_nodes, links)
    return g.memo[key]  # type: ignore[no-any-return]


def _fabric_state(
    g: DesignGraph,
    fab: FabricNode,
    failed_sw: set[int],
    dark_nodes: set[int],
    links: frozenset[tuple[int, int]],
) -> FabricState:
    from rackcheck.graph.fabric import network
    from rackcheck.graph.fabric.bisection import FlowNetwork, bisection

    base = network.view(g, fab)
    role = str(getattr(fab.spec, "role", "compute") or "compute")
    # Bisection is asked of compute fabrics only (a storage fabric's figure is its
    # storage path): the max-flow cuts are most of a scenario's time.
    bis = None
    if failed_sw or dark_nodes or links:
        view, cut = reduced(base, failed_sw, dark_nodes, links)
        if role == "compute":
            bis = bisection(view).mbps
    else:
        view, cut = base, 0
        if role == "compute":
            bis = network.bisection(g, fab).mbps
    storage = None
    base_kinds = _kinds(g, fab)[base.ep_node]
    if (base_kinds == 2).any() and (base_kinds == 1).any():
        kinds = _kinds(g, fab)[view.ep_node]  # a failure may leave one side empty: 0
        storage = 0
        if (kinds == 2).any() and (kinds == 1).any():
            storage = FlowNetwork(view).between(kinds == 2, kinds == 1)
    return FabricState(fab.name, role, view.endpoints, cut, bis,
                       imbalance(view), storage)  # fmt: skip


def _kinds(g: DesignGraph, fab: FabricNode) -> Any:
    """Per endpoint device (and a last slot for extra endpoints): 2 storage, 1 GPU
    node, 0 other (memoised)."""
    key = ("scenario_kinds", fab.id)
    if key not in g.memo:
        import numpy as np

        kinds = []
        for dev_id in fab.devices:
            dev = g.node(dev_id)
            gpus = getattr(dev.spec, "gpus", None) is not None or dev.system
            kinds.append(2 if dev.spec.kind == "storage" else 1 if gpus else 0)
        g.memo[key] = np.array([*kinds, 0], dtype=np.int8)
    return g.memo[key]
