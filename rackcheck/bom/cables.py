"""The cable plan: one row per cable, from device/port to device/port.

Links come from the graph as wired (a generated fabric's from its plan). A NIC end's
port is the device's port of the fabric's role that the link takes (port i of a DGX
H100 is rail i); a switch's ports are numbered in link order - down links first, then
up links - as `cage/lane` on a twin-port cage (`1/1`, `1/2`) and plain on others. The
length is the stated one, else the run between the two racks of the layout plus the
design's slack; empty when neither is known.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.nodes import FabricNode

COLUMNS = ("cable", "fabric", "tier", "from_device", "from_port", "to_device",
           "to_port", "speed_gbps", "medium", "part", "transceivers", "length_m",
           "length_class")  # fmt: skip
FORMATS = ("csv", "xlsx", "json")


@dataclass(frozen=True)
class CableRow:
    cable: str
    fabric: str
    tier: str
    from_device: str
    from_port: str
    to_device: str
    to_port: str
    speed_gbps: float
    medium: str
    part: str
    transceivers: str  # "switch-side id + node-side id" for optical links
    length_m: float | None
    length_class: str


def cable_plan(graph: object) -> list[CableRow]:
    from rackcheck.graph.fabric import network

    g: DesignGraph = graph  # type: ignore[assignment]
    rows: list[CableRow] = []
    for fab in network.fabrics(g):
        rows += _fabric_rows(g, fab)
    width = len(str(len(rows)))
    return [
        CableRow(**{**asdict(r), "cable": f"C{i + 1:0{width}d}"})
        for i, r in enumerate(rows)
    ]


class _Ports:
    """Switch port numbering in link order."""

    def __init__(self, g: DesignGraph) -> None:
        self.g = g
        self.next: dict[str, int] = defaultdict(int)

    def take(self, sid: str) -> str:
        self.next[sid] += 1
        n = self.next[sid]
        spec = self.g.node(sid).spec
        per = spec.ports[0].per_cage if getattr(spec, "ports", None) else 1
        return f"{(n - 1) // per + 1}/{(n - 1) % per + 1}" if per > 1 else str(n)


def _fabric_rows(g: DesignGraph, fab: FabricNode) -> list[CableRow]:
    from rackcheck.bom.builder import length_class
    from rackcheck.bom.fabric_parts import (
        cable_part,
        run_m,
        tier_label,
        transceiver_parts,
    )
    from rackcheck.graph.fabric.network import end_name

    optic = transceiver_parts(g, fab)
    ports = _Ports(g)
    role = fab.spec.role
    rows = []
    for u, v in fab.links:  # lower tier first: down links take ports first
        data = g.g.edges[u, v]
        nic_ports = list(data.get("ports", ()))
        k = 0
        for n, s, spec in data["bundles"]:
            tier = tier_label(g, spec, u, v)
            run = run_m(g, spec, u, v)
            length = length_class(run)
            part = spec.cable.id if spec.cable is not None else cable_part(
                spec, s, length)[0]  # fmt: skip
            is_optic = spec.transceiver is not None or spec.medium in (
                "fibre", "transceiver")  # fmt: skip
            for _ in range(n):
                if u.startswith("nic:"):
                    a_port = f"{role}{nic_ports[k] + 1}" if k < len(nic_ports) else ""
                    a_side = "node"
                else:
                    a_port, a_side = ports.take(u), "switch"
                b_port = ports.take(v)
                pair = f"{optic[a_side][0]} + {optic['switch'][0]}" if is_optic else ""
                rows.append(CableRow(
                    "", fab.name, tier, end_name(g, u), a_port, end_name(g, v),
                    b_port, _gbps(s), spec.medium or "", part, pair,
                    None if run is None else round(run, 2), length or "",
                ))  # fmt: skip
                k += 1
    return rows


def _gbps(mbps: int) -> float:
    return mbps // 1000 if mbps % 1000 == 0 else mbps / 1000


def render(rows: list[CableRow], fmt: str) -> str | bytes:
    if fmt == "json":
        doc = {"version": 1, "cables": [asdict(r) for r in rows]}
        return json.dumps(doc, indent=2) + "\n"
    table = [[getattr(r, c) for c in COLUMNS] for r in rows]
    if fmt == "xlsx":
        from rackcheck.bom.xlsx import workbook_bytes

        return workbook_bytes([("cables", list(COLUMNS), table)])
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for row in table:
        w.writerow(["" if x is None else x for x in row])
    return out.getvalue()
