"""The parts of bill-of-materials derivation that the rack and fabric part lists
share: the line accumulator, needs of a part, length classes (see bom/derive.py).

Counts come from the graph the checks use: racks, PDUs and devices as built, one power
cord per PSU edge, switches and links of each fabric as wired (a generated fabric's
from its plan), transceivers as the fabric metrics count them (`fabric.metrics.optics`: a
twin-port cage holds one module). Nothing is counted a second way here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rackcheck.bom.lines import BomLine, DataPath, Need

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.model.catalog import Component

SECTION_OF_KIND = {
    "rack": "racks",
    "pdu": "power",
    "power-shelf": "power",
    "psu": "power",
    "power-cord": "power",
    "cdu": "cooling",
    "switch": "systems",
    "nic": "nics",
}


@dataclass
class _Acc:
    kind: str
    part_number: str
    description: str
    section: str
    where: DataPath
    need: Need | None
    fixed_for: str | None = None  # fabric lines: "fabric compute, leaf-spine"
    quantity: int = 0
    racks: dict[str, None] = field(default_factory=dict)  # ordered, unique


class _Builder:
    def __init__(self, g: DesignGraph) -> None:
        self.g = g
        self.acc: dict[tuple[str, str, str], _Acc] = {}
        self.notes: list[str] = []
        # per catalog id: (description, need), computed once however many racks use it
        self._parts: dict[str, tuple[str, Need | None]] = {}

    def add(self, line_id: str, qty: int, *, kind: str, description: str,
            where: DataPath, rack: str | None = None, for_: str | None = None,
            section: str | None = None, part_number: str = "",
            need: Need | None = None) -> None:  # fmt: skip
        section = section or SECTION_OF_KIND.get(kind, "systems")
        key = (section, line_id, for_ or "")
        a = self.acc.get(key)
        if a is None:
            a = self.acc[key] = _Acc(kind, part_number, description, section, where,
                                     need, for_)  # fmt: skip
        a.quantity += qty
        if rack is not None:
            a.racks[rack] = None

    def component(self, spec: Component, qty: int, where: DataPath, rack: str | None = None,
                  for_: str | None = None, section: str | None = None) -> None:  # fmt: skip
        part = self._parts.get(spec.id)
        if part is None:
            part = self._parts[spec.id] = (describe(spec), need_of(spec))
        self.add(spec.id, qty, kind=spec.kind, description=part[0], where=where,
                 rack=rack, for_=for_, section=section,
                 part_number=spec.part_number or "", need=part[1])  # fmt: skip

    def lines(self) -> list[BomLine]:
        out = []
        for (section, line_id, _), a in self.acc.items():
            for_ = a.fixed_for if a.fixed_for is not None else racks_text(list(a.racks))
            out.append(BomLine(line_id, a.kind, a.part_number, a.description,
                               a.quantity, for_, section, a.where, a.need))  # fmt: skip
        return sorted(out, key=BomLine.sort_key)


def describe(spec: Component) -> str:
    return f"{spec.vendor} {spec.model}"


def need_of(spec: Component) -> Need | None:
    """What another part must match to stand in for `spec` (BOM005 says which)."""
    from rackcheck.graph.fabric.plan import mbps

    if spec.kind == "pdu":
        return Need("pdu", voltage_v=float(spec.voltage.to("V").magnitude),
                    phases=spec.phases, plug=spec.plug)  # fmt: skip
    if spec.kind == "cable":
        return Need("cable", speed_mbps=mbps(spec.speed), cage=spec.cage,
                    medium=spec.medium)  # fmt: skip
    if spec.kind == "transceiver":
        return Need("transceiver", speed_mbps=mbps(spec.speed), cage=spec.cage,
                    media=spec.media)  # fmt: skip
    return Need(spec.kind)


def racks_text(names: list[str]) -> str:
    """'su1-r01', 'r01, r02', '32 racks: su1-r01 ... su4-r08'."""
    if not names:
        return ""
    if len(names) <= 3:
        return "racks " + ", ".join(names) if len(names) > 1 else f"rack {names[0]}"
    return f"{len(names)} racks: {names[0]} ... {names[-1]}"


def length_class(metres: float | None) -> str | None:
    """A run rounded up to whole metres ('3 m'); None when not known."""
    if metres is None:
        return None
    return f"{max(1, math.ceil(metres - 1e-9))} m"
