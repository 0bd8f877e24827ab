"""A design as NetBox bulk-import CSV: racks.csv, devices.csv, interfaces.csv and
cables.csv, to import in that order (Organization > Racks, Devices > Devices,
Devices > Interfaces, Connections > Cables).

Device names are `rack/device` (`su1-r01/dgx-h100-1`, `su1-r01/pdu1`); a fabric switch
that stands in no rack of the design is `fabric/switch` (`compute/leaf1`) with no rack.
Device types are named by the catalog's vendor and model: create them (or import them
from the device-type library) first. Interfaces carry the cable plan's port names
(`compute1`, `1/2`), so interfaces.csv creates them; status is `planned` throughout.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.bom.cables import CableRow
    from rackcheck.graph.build import DesignGraph
    from rackcheck.model.catalog import Component

    Cell = str | int | float | None  # a CSV cell (None: empty)
    Row = list[Cell]

ROLE = {"server": "server", "switch": "switch", "storage": "storage", "pdu": "pdu",
        "power-shelf": "power-shelf", "cdu": "cdu", "tray": "tray",
        "rack-system": "rack-system"}  # fmt: skip
CABLE_TYPE = {"DAC": "dac-passive", "ACC": "dac-active", "AOC": "aoc"}
IF_TYPE = {(1, "RJ45"): "1000base-t", (100, "QSFP28"): "100gbase-x-qsfp28",
           (200, "QSFP56"): "200gbase-x-qsfp56", (400, "OSFP"): "400gbase-x-osfp",
           (400, "QSFP112"): "400gbase-x-qsfp112", (800, "OSFP"): "800gbase-x-osfp"}  # fmt: skip


def _csv(header: list[str], rows: list[Row]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue()


RACK_COLS = ["site", "name", "status", "width", "u_height"]
DEVICE_COLS = ["name", "role", "manufacturer", "device_type", "site", "rack",
               "position", "face", "status"]  # fmt: skip
CABLE_COLS = ["side_a_device", "side_a_type", "side_a_name", "side_b_device",
              "side_b_type", "side_b_name", "type", "status", "length", "length_unit",
              "label"]  # fmt: skip


def export_files(graph: object) -> dict[str, str]:
    """{file name: CSV text} for the design of `graph` (a DesignGraph)."""
    g: DesignGraph = graph  # type: ignore[assignment]
    site = g.design.site.name or g.design.name
    racks, devices, in_racks = _inventory(g, site)
    interfaces, cables = _cabling(g, in_racks)
    return {
        "racks.csv": _csv(RACK_COLS, racks),
        "devices.csv": _csv(DEVICE_COLS, devices),
        "interfaces.csv": _csv(
            ["device", "name", "type"], [[d, n, t] for (d, n), t in interfaces.items()]
        ),  # fmt: skip
        "cables.csv": _csv(CABLE_COLS, cables),
    }


def _inventory(g: DesignGraph, site: str) -> tuple[list[Row], list[Row], set[str]]:
    """Rack rows, device rows (PDUs, rack devices, fabric switches), rack device names."""
    racks, devices, in_racks = [], [], set()
    for rack in g.racks():
        units = getattr(rack.spec, "rack_units", None)
        racks.append([site, rack.name, "planned", 19, units])
        for pdu in g.pdus(rack):
            devices.append(_device(f"{rack.name}/{pdu.name}", pdu.spec, site, rack.name,
                                   None))  # fmt: skip
        for dev in g.devices(rack):
            name = f"{rack.name}/{dev.name.split('/')[-1]}"
            in_racks.add(name)
            devices.append(_device(name, dev.spec, site, rack.name, dev.position))
    devices += _fabric_switches(g, site)
    return racks, devices, in_racks


def _cabling(
    g: DesignGraph, in_racks: set[str]
) -> tuple[dict[tuple[str, str], str], list[Row]]:
    """Interfaces (device, port) -> NetBox type, and cable rows, from the cable plan."""
    from rackcheck.bom.cables import cable_plan

    interfaces: dict[tuple[str, str], str] = {}
    cables = []
    for row in cable_plan(g):
        a, b = (d if d in in_racks else f"{row.fabric}/{d}"
                for d in (row.from_device, row.to_device))  # fmt: skip
        kind = _if_type(row)
        interfaces.setdefault((a, row.from_port), kind)
        interfaces.setdefault((b, row.to_port), kind)
        cables.append([a, "dcim.interface", row.from_port, b, "dcim.interface",
                       row.to_port, CABLE_TYPE.get(row.medium, ""), "planned",
                       row.length_m, "m" if row.length_m is not None else None,
                       row.cable])  # fmt: skip
    return interfaces, cables


def _device(
    name: str, spec: Component, site: str, rack: str | None, pos: int | None
) -> Row:
    face = "front" if pos is not None else None
    return [name, ROLE.get(spec.kind, spec.kind), spec.vendor, spec.model, site, rack,
            pos, face, "planned"]  # fmt: skip


def _fabric_switches(g: DesignGraph, site: str) -> list[Row]:
    from rackcheck.graph.fabric.network import fabrics

    out = []
    for fab in fabrics(g):
        for sid in fab.switches:
            sw = g.node(sid)
            if not sw.device:
                out.append(_device(f"{fab.name}/{sw.name}", sw.spec, site, None, None))
    return out


def _if_type(row: CableRow) -> str:
    """NetBox interface type of a cable end, from its speed and the transceiver cage."""
    speed = int(row.speed_gbps)
    for (gbps, cage), slug in IF_TYPE.items():
        if gbps == speed and cage.lower() in (row.transceivers or "").lower():
            return slug
    return "other"  # the cage is not known: NetBox's generic type
