"""Rack systems (GB200 NVL72): their compute trays as network endpoints, and their
NVLink domains.

A rack system is one device for power, cooling and space (its catalog entry gives the
rack's figures). For the scale-out fabrics each contained part that has ports (a GB200
compute tray: 4 x 400G ConnectX-7 for the compute fabric, 2 x 400G BlueField-3 for
storage) becomes a tray node of its own, `rack/<model>-<n>` (`b01/gb200-compute-tray-3`),
linked to the system by a `part` edge, not contained by the rack: nothing is counted
twice. Fabrics select and link those trays like servers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.graph.nodes import DeviceNode, device_spec

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.jsontypes import JSONObject
    from rackcheck.model.catalog import NvLink


def add_parts(g: DesignGraph, system: DeviceNode) -> None:
    """Tray nodes for the system's parts with ports, in catalog order."""
    for part in system.contents:
        spec = device_spec(g.catalog.get(part.model))
        if spec is None or not getattr(spec, "ports", None):
            continue
        for n in range(part.count):
            name = f"{part.model}-{n + 1}"
            node = DeviceNode(
                f"{system.id}/{name}", name, system.path, system.file,
                rack=system.rack, spec=spec, assume=None,
            )  # fmt: skip
            g.g.add_node(node.id, obj=node)
            g.g.add_edge(system.id, node.id, rel="part")
            system.parts.append(node.id)


def endpoints(g: DesignGraph, dev: DeviceNode) -> list[DeviceNode]:
    """What stands for `dev` in a fabric: a rack system's trays with ports, else the
    device itself."""
    if dev.system and dev.parts:
        return [g.node(p) for p in dev.parts]
    return [dev]


def nvlink_metrics(g: DesignGraph) -> JSONObject | None:
    """`metrics.nvlink`: per rack-system model, its NVLink domains (one per rack), GPUs
    per domain and per-GPU NVLink bandwidth, from the catalog's `nvlink:` figures (their
    source stays in the catalog entry; no source key is written here)."""
    out: dict[str, dict[str, int | float]] = {}
    for rack in g.racks():
        for dev in g.devices(rack):
            link: NvLink | None = getattr(dev.spec, "nvlink", None)
            if not dev.system or link is None:
                continue
            entry = out.setdefault(dev.spec.id, {"domains": 0})
            entry["domains"] += 1
            per_gpu = link.per_gpu.to("GB/s").magnitude
            entry.update(
                gpus_per_domain=link.domain_gpus,
                per_gpu_gbs=round(per_gpu, 3),
                domain_gbs=round(per_gpu * link.domain_gpus, 3),
                gpus=entry["domains"] * link.domain_gpus,
            )
    return {k: {**v} for k, v in sorted(out.items())} or None
