"""The storage path: max-flow from the storage systems to the GPU nodes over the
storage fabric, so a thin uplink anywhere between them is found.

Sources are the fabric's endpoints on storage devices, sinks those on GPU nodes; each
endpoint's capacity is its link speed and each switch pair's the sum of its links
(parallel links collapsed). A max-flow (Dinic: scipy's compiled one, or on a small
fabric a pure-Python one, see graph/fabric/bisection.py) runs on the fabric's
integer view. The result is line rate; like the nodes' NICs it is multiplied by
`storage.protocol_efficiency` before it is compared with what the workload needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.units import Quantity


def max_flow_mbps(graph: DesignGraph, fabric: str) -> int | None:
    """Line-rate max-flow, Mbit/s; None if the fabric has no storage or no GPU side."""
    return graph.memo.query(
        ("storage_path", fabric), lambda: _max_flow_mbps(graph, fabric)
    )


def _max_flow_mbps(graph: DesignGraph, fabric: str) -> int | None:
    import numpy as np

    from rackcheck.graph.fabric import network
    from rackcheck.graph.fabric.bisection import FlowNetwork

    fab = next((f for f in network.fabrics(graph) if f.name == fabric), None)
    value = None
    if fab is not None:
        view = network.view(graph, fab)
        kinds = []
        for dev_id in fab.devices:
            dev = graph.node(dev_id)
            gpus = getattr(dev.spec, "gpus", None) is not None or dev.system
            kinds.append(2 if dev.spec.kind == "storage" else 1 if gpus else 0)
        kind = np.array(kinds + [0], dtype=np.int8)[view.ep_node]  # -1 -> extra: 0
        sources, sinks = kind == 2, kind == 1
        if sources.any() and sinks.any():
            value = FlowNetwork(view).between(sources, sinks)
    return value


def max_flow(graph: DesignGraph, fabric: str) -> Quantity | None:
    """Usable storage path capacity, GB/s (line rate x protocol efficiency)."""
    from rackcheck.graph.storage_nodes import efficiency

    mbps = max_flow_mbps(graph, fabric)
    if mbps is None:
        return None
    return q(mbps / 8000.0 * efficiency(graph), "GB/s")


def node_paths(graph: DesignGraph, fabric: str) -> list[tuple[str, int, int | None]]:
    """(name, GPUs, Mbit/s the storage can send it alone) for every GPU node, in design
    order: None when the node has no link in the fabric or no path to a storage
    system. A node's figure is the max-flow from every storage endpoint to its ports,
    computed once per way of attaching (the switches and speeds of its ports)."""
    import numpy as np

    from rackcheck.graph.fabric import network
    from rackcheck.graph.fabric.bisection import FlowNetwork
    from rackcheck.graph.storage_nodes import gpu_nodes, gpus_of

    fab = next((f for f in network.fabrics(graph) if f.name == fabric), None)
    index = {d: i for i, d in enumerate(fab.devices)} if fab is not None else {}
    view = network.view(graph, fab) if fab is not None else None
    flow = None
    sources = None
    if view is not None and fab is not None:
        kinds = [graph.node(d).spec.kind == "storage" for d in fab.devices]
        sources = np.array(kinds + [False], dtype=bool)[view.ep_node]
        if sources.any():
            flow = FlowNetwork(view)
    memo: dict[tuple[tuple[int, int], ...], int | None] = {}
    out: list[tuple[str, int, int | None]] = []
    seen: set[str] = set()
    for dev, spec, count in gpu_nodes(graph):
        if dev.id in seen:
            continue
        seen.add(dev.id)
        rack = graph.node(dev.rack).name
        ids = list(dev.parts) if dev.parts else [dev.id]
        if not dev.parts and dev.system:
            out.append((f"{rack}/{dev.name} ({count} trays)",
                        gpus_of(spec) * count, None))  # fmt: skip
            continue
        for dev_id in ids:
            part = graph.node(dev_id)
            value = None
            if dev_id in index and view is not None and flow is not None:
                assert sources is not None
                mine = view.ep_node == index[dev_id]
                sig = tuple(sorted(zip(view.ep_sw[mine].tolist(),
                                       view.ep_mbps[mine].tolist(), strict=True)))  # fmt: skip
                if sig not in memo:
                    memo[sig] = flow.between(sources, mine) or None
                value = memo[sig]
            out.append((f"{rack}/{part.name}", part.spec.gpus.count, value))
    return out
