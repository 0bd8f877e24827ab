"""What the storage figures start from: the GPU nodes that read and write, and the
protocol efficiency applied to line rates (shared by graph/storage.py and
graph/storage_path.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode
    from rackcheck.model.catalog import Server


def gpu_nodes(graph: DesignGraph) -> list[tuple[DeviceNode, Server, int]]:
    """(device, spec of one node, how many nodes it stands for) for every GPU node: a
    server with GPUs is one node; a rack system counts each GPU tray it contains."""
    # Only servers (trays, rack systems) have `gpus`; loaded with the catalog entries.
    from rackcheck.model.catalog import Server

    out: list[tuple[DeviceNode, Server, int]] = []
    for rack in graph.racks():
        for dev in graph.devices(rack):
            if dev.system:
                for part in dev.contents:
                    spec = graph.catalog.get(part.model)
                    if isinstance(spec, Server) and spec.gpus is not None:
                        out.append((dev, spec, part.count))
            elif isinstance(dev.spec, Server) and dev.spec.gpus is not None:
                out.append((dev, dev.spec, 1))
    return out


def gpus_of(spec: Server) -> int:
    """The GPUs of one node of `gpu_nodes` (it keeps only servers that list them)."""
    return spec.gpus.count if spec.gpus is not None else 0


def efficiency(graph: DesignGraph) -> float:
    s = graph.design.storage
    return float(s.protocol_efficiency) if s is not None else 0.9
