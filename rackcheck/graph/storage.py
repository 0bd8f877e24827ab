"""Storage figures: what the systems deliver, what the GPU nodes need, checkpoints.

Requirement tiers are NVIDIA's published guideline points (DGX SuperPOD reference
architecture featuring DGX H100, RA-11333-001, "Storage Architecture", Table 6), in GB/s:

|                            | good | better | best |
|----------------------------|------|--------|------|
| single-node read / write   | 4/2  | 8/4    | 40/20|
| 1 SU (32 nodes) read/write | 15/7 | 40/20  | 125/62|
| 4 SU (128 nodes) read/write| 60/30| 160/80 | 500/250|

They are requirement points, not "per node x N", and they are per DGX H100, i.e. per 8
GPUs: rackcheck counts a design's GPUs and divides by 8 (a GB200 NVL72 rack's 18 trays
of 4 GPUs are 9 DGX-equivalents), and a node's single-node need is the tier's figure x
its GPUs / 8. Between 32 and 128 nodes rackcheck
interpolates linearly between the two points; below 32 nodes it scales the 1-SU point by
nodes/32 (never below the single-node figure); above 128 it extrapolates with the slope
between the points. For every tier the 4-SU point is 4x the 1-SU point (the 62 GB/s write
of "best" rounds 62.5), so the line passes through both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.graph.storage_nodes import efficiency as efficiency
from rackcheck.graph.storage_nodes import gpu_nodes as gpu_nodes
from rackcheck.graph.storage_nodes import gpus_of as gpus_of
from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode
    from rackcheck.model.catalog import Server
    from rackcheck.units import Quantity

# tier -> (single read, single write, 1-SU read, 1-SU write, 4-SU read, 4-SU write), GB/s
TIERS: dict[str, tuple[float, float, float, float, float, float]] = {
    "good": (4, 2, 15, 7, 60, 30),
    "better": (8, 4, 40, 20, 160, 80),
    "best": (40, 20, 125, 62, 500, 250),
}
SU_NODES = 32


def tier_aggregate(single: float, one_su: float, four_su: float, nodes: float) -> float:
    """Interpolate a tier's aggregate requirement (GB/s) for `nodes` 8-GPU DGX (a
    fraction where the design's GPUs are not a multiple of 8)."""
    if nodes <= SU_NODES:
        return max(single, one_su * nodes / SU_NODES) if nodes else 0.0
    slope = (four_su - one_su) / (4 * SU_NODES - SU_NODES)
    return one_su + slope * (nodes - SU_NODES)


DGX_GPUS = 8  # the guideline's unit: one DGX H100 (8 GPUs)


@dataclass(frozen=True)
class Need:
    read_node: Quantity | None  # per node as stated, or per 8-GPU DGX (tier)
    write_node: Quantity | None
    read_total: Quantity | None
    write_total: Quantity | None
    basis: str
    tier_read: bool = False  # read_node comes from the tier: scale by the node's GPUs
    tier_write: bool = False

    def for_node(self, gpus: int) -> tuple[Quantity | None, Quantity | None]:
        """(read, write) one node with `gpus` GPUs needs: a tier's single-node figure
        is per 8-GPU DGX, so a 4-GPU tray needs half; a stated figure is per node."""
        scale = gpus / DGX_GPUS
        r, w = self.read_node, self.write_node
        return (
            r * scale if r is not None and self.tier_read else r,
            w * scale if w is not None and self.tier_write else w,
        )


def node_count(graph: DesignGraph) -> int:
    return sum(n for _, _, n in gpu_nodes(graph))


def gpu_count(graph: DesignGraph) -> int:
    """GPUs in the GPU nodes (a rack system's: those of its GPU trays)."""
    return sum(gpus_of(spec) * n for _, spec, n in gpu_nodes(graph))


def requirement(graph: DesignGraph) -> Need | None:
    """What the workload needs. A tier's figures are per DGX of 8 GPUs (SuperPOD RA
    Table 6), so the aggregate is interpolated at GPUs / 8 DGX-equivalents, not at the
    node count: 18 GB200 trays of 4 GPUs are 9 DGX, not 18."""
    w = graph.design.workload
    if w is None:
        return None
    gpus = gpu_count(graph)
    dgx = gpus / DGX_GPUS
    vals: list[Quantity | None] = [None, None, None, None]
    basis = "stated"
    if w.storage_tier is not None:
        s_r, s_w, r1, w1, r4, w4 = TIERS[w.storage_tier]
        vals = [
            q(s_r, "GB/s"),
            q(s_w, "GB/s"),
            q(tier_aggregate(s_r, r1, r4, dgx), "GB/s"),
            q(tier_aggregate(s_w, w1, w4, dgx), "GB/s"),
        ]
        basis = f"tier '{w.storage_tier}' for {gpus} GPUs = {dgx:g} x 8-GPU DGX"
    stated = [w.read_per_node, w.write_per_node, w.aggregate_read, w.aggregate_write]
    tier = [s is None and v is not None for s, v in zip(stated, vals, strict=True)]
    vals = [s if s is not None else v for s, v in zip(stated, vals, strict=True)]
    read_node, write_node, read_total, write_total = vals
    return Need(read_node, write_node, read_total, write_total, basis, tier[0], tier[1])


def _figure(dev: DeviceNode, name: str) -> Quantity | None:
    """The design's `assume:` figure, else the catalog's (None: not published)."""
    figure: Quantity | None = None
    if dev.assume is not None:
        figure = getattr(dev.assume, name, None)
    return figure if figure is not None else getattr(dev.spec, name, None)


def storage_systems(graph: DesignGraph) -> list[DeviceNode]:
    return [
        d for r in graph.racks() for d in graph.devices(r) if d.spec.kind == "storage"
    ]


def aggregate(graph: DesignGraph, name: str) -> Quantity | None:
    """Sum of the systems' rated `read` or `write` (GB/s); None if any is unknown."""
    systems = storage_systems(graph)
    figures = [_figure(d, name) for d in systems]
    known = [f for f in figures if f is not None]
    if not systems or len(known) < len(figures):
        return None
    return q(sum(f.to("GB/s").magnitude for f in known), "GB/s")


BASIS_TEXT = {
    "measured": "measured (benchmark)",
    "rated": "rated (datasheet)",
    "assumed": "assumed (design's assume:)",
    None: "basis not stated",
}


def figure_basis(graph: DesignGraph, name: str) -> str:
    """How the systems' `read` or `write` figures were obtained, for messages:
    "measured (benchmark)", "rated (datasheet)", both joined, "assumed (design's
    assume:)" for the design's own figures, or "basis not stated"."""
    kinds: set[str | None] = set()
    for dev in storage_systems(graph):
        if dev.assume is not None and getattr(dev.assume, name, None) is not None:
            kinds.add("assumed")
        else:
            spec = dev.spec  # a storage system's
            kinds.add(spec.basis_of(name) if spec.kind == "storage" else None)
    return ", ".join(BASIS_TEXT[k] for k in sorted(kinds, key=lambda k: k or "~"))


def capacity(graph: DesignGraph) -> Quantity | None:
    figures = [_figure(d, "capacity") for d in storage_systems(graph)]
    known = [f for f in figures if f is not None]
    if not figures or len(known) < len(figures):
        return None
    return q(sum(f.to("TB").magnitude for f in known), "TB")


def node_line_rate(spec: Server) -> Quantity:
    """Line rate of one node's storage ports, Gbit/s."""
    gbps = sum(p.count * p.speed.to("Gbit/s").magnitude for p in spec.ports
               if p.role == "storage")  # fmt: skip
    return q(gbps, "Gbit/s")


def checkpoint_size(graph: DesignGraph) -> Quantity | None:
    w = graph.design.workload
    ck = w.checkpoint if w is not None else None
    if ck is None:
        return None
    if ck.size is not None:
        return ck.size.to("TB")
    if ck.parameters is not None and ck.bytes_per_parameter is not None:
        return q(ck.parameters * ck.bytes_per_parameter / 1e12, "TB")
    return None


def young_daly(write_time: Quantity, mtbf: Quantity) -> Quantity:
    """Young/Daly first-order optimum checkpoint interval: sqrt(2 C MTBF)."""
    c, m = write_time.to("s").magnitude, mtbf.to("s").magnitude
    return q(math.sqrt(2.0 * c * m), "s")


def nodes_write_capacity(graph: DesignGraph) -> Quantity:
    """What all GPU nodes' storage NICs can move at once, GB/s (after protocol overhead)."""
    eff = efficiency(graph)
    total = sum(node_line_rate(spec).to("GB/s").magnitude * n
                for _, spec, n in gpu_nodes(graph))  # fmt: skip
    return q(total * eff, "GB/s")


def path_capacity(graph: DesignGraph) -> Quantity | None:
    """Max-flow from the storage systems to all GPU nodes over the storage fabric, GB/s,
    or None when the design names no storage fabric."""
    s = graph.design.storage
    if s is None or s.fabric is None:
        return None
    from rackcheck.graph import storage_path

    return storage_path.max_flow(graph, s.fabric)


def write_bottleneck(graph: DesignGraph) -> tuple[Quantity, str] | None:
    """The binding write rate for a checkpoint and what binds it."""
    options = [(aggregate(graph, "write"), "storage systems' aggregate write"),
               (path_capacity(graph), "storage fabric path"),
               (nodes_write_capacity(graph), "GPU nodes' storage NICs")]  # fmt: skip
    known = [(r, name) for r, name in options if r is not None and r.magnitude > 0]
    if not known:
        return None
    return min(known, key=lambda x: x[0].to("GB/s").magnitude)


def checkpoint_time(
    graph: DesignGraph,
) -> tuple[Quantity, Quantity, str] | None:
    """(seconds, rate, what binds the rate) for one checkpoint, or None if unknown."""
    size = checkpoint_size(graph)
    bottleneck = write_bottleneck(graph)
    if size is None or bottleneck is None:
        return None
    rate, binding = bottleneck
    return (size / rate).to("s"), rate.to("GB/s"), binding
