"""What the drawings show of each rack, read from the design graph and the metrics the
check computed (no physics is recomputed here): devices at their U positions, the
rack's figures, its findings, and the PDU capacity left when each feed fails."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rackcheck.jsontypes import number, obj

if TYPE_CHECKING:
    from rackcheck.findings import Finding
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DataPath, RackNode
    from rackcheck.jsontypes import JSONObject

DEFAULT_UNITS = 42  # drawn height of a rack whose catalog entry gives none


@dataclass(frozen=True)
class Slot:
    """One device (or one part of a rack system) drawn in a rack."""

    bottom: int | None  # lowest U, or None when the design gives no position
    height: int
    kind: str
    model: str  # the catalog's vendor model name
    name: str  # the device's name in the design
    placed: bool = True  # False: the design gives no position; drawn where it fits


@dataclass
class RackView:
    name: str
    model: str
    units: int
    slots: list[Slot]
    figures: JSONObject  # metrics.racks[name]
    after_feed_kva: dict[str, float]  # derated PDU capacity left when a feed fails
    findings: list[int] = field(default_factory=list)  # indexes into the findings
    members: list[str] = field(default_factory=list)  # racks drawn as this one
    row: str | None = None  # the design's `row:` of the rack

    def figure(self, key: str) -> float | None:
        """A number of `metrics.racks[name]` (None when it is not there)."""
        return number(self.figures.get(key))

    @property
    def worst_feed(self) -> tuple[str, float] | None:
        if not self.after_feed_kva:
            return None
        return min(self.after_feed_kva.items(), key=lambda kv: (kv[1], kv[0]))


def slots(graph: DesignGraph, rack: RackNode) -> list[Slot]:
    """Devices with their positions; a rack system's catalog parts stacked from U1
    (the catalog lists what it contains, not where); devices without a position
    stacked in the lowest free units, marked `placed=False`."""
    from rackcheck.graph.physical import device_units

    out: list[Slot] = []
    for dev in graph.devices(rack):
        if dev.system:
            u = 1
            for part in dev.contents:
                spec = graph.catalog.get(part.model)
                if spec is None:
                    continue
                h = int(spec.rack_units or 0) or 1
                for n in range(part.count):
                    name = f"{part.model}-{n + 1}"
                    out.append(Slot(u, h, spec.kind, spec.model, name))
                    u += h
            continue
        h = device_units(dev, graph) or 1
        out.append(Slot(dev.position, h, dev.spec.kind, dev.spec.model, dev.name))
    return _place(out, physical_units(rack))


def physical_units(rack: RackNode) -> int:
    return int(rack.spec.rack_units or DEFAULT_UNITS)


def _place(drawn: list[Slot], units: int) -> list[Slot]:
    """Give each device without a position the lowest free units it fits in."""
    taken = {u for s in drawn if s.bottom for u in range(s.bottom, s.bottom + s.height)}
    out = []
    for s in drawn:
        if s.bottom is not None:
            out.append(s)
            continue
        at = next(
            (u for u in range(1, units - s.height + 2)
             if taken.isdisjoint(range(u, u + s.height))),
            None,
        )  # fmt: skip
        if at is not None:
            taken.update(range(at, at + s.height))
        out.append(Slot(at, s.height, s.kind, s.model, s.name, placed=False))
    return out


def after_feed_loss(
    graph: DesignGraph, rack: RackNode, derating: float | None
) -> dict[str, float]:
    """Per feed of the rack: the derated capacity (kVA) of its PDUs on other feeds."""
    from rackcheck.graph import power

    pdus = graph.pdus(rack)
    feeds = sorted({p.feed for p in pdus})
    if len(feeds) < 1:
        return {}
    caps = [
        (p.feed, power.pdu_capacity(graph, p, derating).to("kVA").magnitude)
        for p in pdus
        if not power.is_shelf(p)  # a DC shelf's rating is kW, not kVA
    ]
    return {f: round(sum(c for feed, c in caps if feed != f), 3) for f in feeds}


def rack_views(
    graph: DesignGraph, metrics: JSONObject, derating: float | None
) -> list[RackView]:
    """One view per rack, in design order. Racks expanded from one design entry share
    their devices, so those are read once per entry."""
    per_entry: dict[DataPath, tuple[list[Slot], dict[str, float]]] = {}
    racks = obj(metrics.get("racks", {}))
    out = []
    for rack in graph.racks():
        if rack.path not in per_entry:
            per_entry[rack.path] = (
                slots(graph, rack),
                after_feed_loss(graph, rack, derating),
            )
        drawn, after = per_entry[rack.path]
        figures = obj(racks.get(rack.name, {}))
        units = int(number(figures.get("units_available")) or 0)
        top = max((s.bottom + s.height - 1 for s in drawn if s.bottom), default=0)
        used = int(number(figures.get("units_used")) or 0)
        height = max(units, top, used) or DEFAULT_UNITS
        view = RackView(rack.name, rack.spec.model, height, drawn, figures, after)
        view.members = [rack.name]
        view.row = rack.entry.row
        out.append(view)
    return out


def configuration(graph: DesignGraph, rack: RackNode) -> str:
    """What makes two racks draw the same: model, PDUs, devices (names left out)."""
    e = rack.entry
    data = e.model_dump(mode="json", exclude={"name", "row"})
    return json.dumps(data, sort_keys=True)


def grouped(graph: DesignGraph, views: list[RackView]) -> list[RackView]:
    """Racks of the same configuration drawn once: the first rack stands for the
    group, `members` lists them all, findings are the union."""
    by_name = {r.name: r for r in graph.racks()}
    groups: dict[str, RackView] = {}
    keys: dict[DataPath, str] = {}
    for v in views:
        rack = by_name[v.name]
        if rack.path not in keys:
            keys[rack.path] = configuration(graph, rack)
        key = keys[rack.path]
        head = groups.get(key)
        if head is None:
            groups[key] = v
            continue
        head.members.append(v.name)
        head.findings = sorted(set(head.findings) | set(v.findings))
    return list(groups.values())


_RACK_WORD = re.compile(r"\brack ([A-Za-z0-9._/-]+)")


def attach_findings(
    graph: DesignGraph, findings: list[Finding], views: list[RackView]
) -> dict[int, list[str]]:
    """Which racks each finding is about: the design entry it is located in (a rack,
    its PDUs or its devices), narrowed to the rack its message names; or any rack its
    subject or message names. An entry of N racks whose rule gave N identical findings
    (one per rack, in design order) gives the k-th to the k-th rack. Returns finding
    index -> rack names, and fills each view's findings."""
    entry_of: dict[tuple[int, int], int] = {}
    for table in (graph.source.values, graph.source.keys):
        for path, (line, col) in table.items():
            if len(path) >= 2 and path[0] == "racks" and isinstance(path[1], int):
                entry_of.setdefault((line, col), path[1])
    members: dict[int, list[str]] = {}
    for rack in graph.racks():
        members.setdefault(int(rack.path[1]), []).append(rack.name)
    index = {v.name: v for v in views}
    same = Counter(_key(f) for f in findings)
    seen: Counter[tuple[str, str, str]] = Counter()
    out: dict[int, list[str]] = {}
    for i, f in enumerate(findings):
        names = [m for m in _RACK_WORD.findall(f.message) if m in index]
        if f.subject in index:
            names.insert(0, f.subject)
        where = (f.location.line, f.location.column)
        entry = entry_of.get(where) if f.location.path == graph.file else None
        if entry is not None:
            own = members.get(entry, [])
            narrowed = [n for n in names if n in own]
            if narrowed:
                names = narrowed
            elif len(own) > 1 and same[_key(f)] == len(own):
                names = [own[seen[_key(f)]]]
                seen[_key(f)] += 1
            else:
                names = own
        names = list(dict.fromkeys(names))
        for n in names:
            index[n].findings.append(i)
        if names:
            out[i] = names
    return out


def _key(f: Finding) -> tuple[str, str, str]:
    return (str(f.location), f.rule_id, f.message)
