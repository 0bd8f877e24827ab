"""BOM lines of the racks: racks, PDUs, power cords, systems, power-shelf PSUs, NICs,
CDUs."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rackcheck.bom.lines import Need

if TYPE_CHECKING:
    from rackcheck.bom.builder import _Builder
    from rackcheck.bom.lines import DataPath
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode
    from rackcheck.model.catalog import Component

# The IEC 60320 connector that mates with each appliance inlet, and the plug a cord
# needs for each PDU outlet (IEC 60320 pairs: C13/C14, C15/C16, C19/C20, C21/C22).
MATE = {"C14": "C13", "C16": "C15", "C20": "C19", "C22": "C21",
        "C13": "C14", "C15": "C16", "C19": "C20", "C21": "C22"}  # fmt: skip
# Outlets a cord for each inlet family prefers on the PDU: same size first.
OUTLET_PREFERENCE = {"C20": ("C19", "C21", "C13"), "C22": ("C21", "C19"),
                     "C14": ("C13", "C15", "C19"), "C16": ("C15", "C13")}  # fmt: skip


def add_racks(b: _Builder, g: DesignGraph) -> None:
    for rack in g.racks():
        if rack.spec.kind == "rack":
            b.component(rack.spec, 1, rack.path, rack=rack.name)
        for pdu in g.pdus(rack):
            b.component(pdu.spec, 1, pdu.path, rack=rack.name)
            _shelf_psus(b, g, pdu.spec, pdu.path, rack.name)
        for dev in g.devices(rack):
            b.component(dev.spec, 1, dev.path, rack=rack.name)
            if dev.spec.kind == "power-shelf":
                _shelf_psus(b, g, dev.spec, dev.path, rack.name)
            _cords(b, g, dev, rack.name)
            _nics(b, g, dev, rack.name)


def _shelf_psus(
    b: _Builder, g: DesignGraph, spec: Component, where: DataPath, rack: str
) -> None:
    """A power shelf's PSUs are separate parts: one line of its PSU model."""
    if spec.kind != "power-shelf" or spec.psus is None:
        return
    psus = spec.psus
    psu = g.catalog.components.get(psus.model) if psus.model else None
    if psu is None:
        b.notes.append(f"{spec.id}: {psus.count} PSUs per shelf, no PSU model in the "
                       "catalog: not listed")  # fmt: skip
        return
    b.component(psu, psus.count, where, rack=rack)


@lru_cache(maxsize=256)
def cord_for(inlet: str | None, outlet_types: str | None) -> tuple[str, str, Need]:
    """(id, description, need) of the cord from a PSU inlet to a PDU outlet."""
    connector = MATE.get(inlet or "")
    outlets = set(re.findall(r"C\d{1,2}", outlet_types or ""))
    plug = None
    for outlet in OUTLET_PREFERENCE.get(inlet or "", ()):
        if outlet in outlets:
            plug = MATE[outlet]
            break
    if connector is None:
        desc = "power cord (the PSU inlet type is not in the catalog)"
        return "power-cord", desc, Need("power-cord", generic=True)
    if plug is None:
        desc = (f"power cord, IEC 60320 {connector} to the PDU (the PDU's outlet "
                "types are not in the catalog)")  # fmt: skip
        return (
            f"power-cord-{connector.lower()}",
            desc,
            Need("power-cord", connector=connector),
        )
    desc = f"power cord, IEC 60320 {connector} to {plug}"
    line_id = f"power-cord-{connector.lower()}-{plug.lower()}"
    return line_id, desc, Need("power-cord", connector=connector, plug=plug)


def _cords(b: _Builder, g: DesignGraph, dev: DeviceNode, rack: str) -> None:
    """One cord per PSU edge (PSU k to its PDU), by inlet and outlet type."""
    from rackcheck.graph.outlets import psu_inlet

    inlet = psu_inlet(g, dev.spec)
    for psu in dev.psus:
        pdu = g.node(psu.pdu)
        line_id, desc, need = cord_for(inlet, getattr(pdu.spec, "outlet_types", None))
        b.add(line_id, 1, kind="power-cord", description=desc, where=dev.path,
              rack=rack, need=need)  # fmt: skip


def _nics(b: _Builder, g: DesignGraph, dev: DeviceNode, rack: str) -> None:
    """Ports that name a `nic:` catalog entry are add-in cards: ports / card ports.
    Ports built into a system name none and add no line."""
    for port in getattr(dev.spec, "ports", None) or []:
        nic = g.catalog.components.get(port.nic) if port.nic else None
        if nic is None:
            continue
        per_card = sum(p.count for p in getattr(nic, "ports", [])) or 1
        b.component(nic, -(-port.count // per_card), dev.path, rack=rack)


def add_cooling(b: _Builder, g: DesignGraph) -> None:
    for loop in g.loops():
        for unit in loop.units:
            if unit.spec is not None:
                b.component(unit.spec, 1, unit.path, for_=f"loop {loop.name}")
        if loop.units:
            b.notes.append("manifolds and secondary piping: the catalog has no kind "
                           "for them, not listed")  # fmt: skip
