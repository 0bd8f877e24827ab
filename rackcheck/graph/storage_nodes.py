"""What the storage figures start from: the GPU nodes that read and write, and the
protocol efficiency applied to line rates (shared by graph/storage.py and
graph/storage_path.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode


def gpu_nodes(graph: DesignGraph) -> list[tuple[DeviceNode, Any, int]]:
    """(device, spec of one node, how many nodes it stands for) for every GPU node: a
    server with GPUs is one node; a rack system counts each GPU tray it contains."""
    out = []
    for rack in graph.racks():
        for dev in graph.devices(rack):
            if dev.system:
                for part in dev.spec.contains:
                    spec = graph.catalog.get(part.model)
                    if spec is not None and getattr(spec, "gpus", None) is not None:
                        out.append((dev, spec, part.count))
            elif getattr(dev.spec, "gpus", None) is not None:
                out.append((dev, dev.spec, 1))
    return out


def efficiency(graph: DesignGraph) -> float:
    s = graph.design.storage
    return float(s.protocol_efficiency) if s is not None else 0.9
