"""What each node of the design graph carries (the `obj` attribute)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from rackcheck.model.catalog import (
        Cdu,
        Entry,
        Nic,
        Part,
        Pdu,
        PowerShelf,
        Rack,
        RackSystem,
        Server,
        Storage,
        Switch,
        Tray,
    )
    from rackcheck.model.design import Assume, Feed, Loop, PduRef, RackEntry

    # What a device node stands for: a rack's `devices:` entry (model/refs.py
    # DEVICE_KINDS) or a rack system's part with ports. Each has its own `kind`, which
    # narrows it (Tray and RackSystem are Servers too).
    DeviceSpec: TypeAlias = (
        Server | Tray | RackSystem | Switch | Storage | Cdu | PowerShelf | Nic
    )

DataPath = tuple[str | int, ...]


def device_spec(entry: Entry | None) -> DeviceSpec | None:
    """`entry` if it is of a kind a device node may stand for, else None."""
    if (
        entry is None
        or entry.kind == "psu"
        or entry.kind == "pdu"
        or entry.kind == "rack"
        or entry.kind == "transceiver"
        or entry.kind == "cable"
    ):
        return None
    return entry


@dataclass(eq=False)
class Node:
    """Base: a node knows its graph id, its display name and where it was written."""

    id: str
    name: str
    path: DataPath
    file: str

    @property
    def kind(self) -> str:
        return type(self).__name__.lower()


@dataclass(eq=False)
class FeedNode(Node):
    spec: Feed | None = None  # None: a feed named by a PDU only


@dataclass(eq=False)
class RackNode(Node):
    spec: Rack | RackSystem = field(kw_only=True)
    entry: RackEntry = field(kw_only=True)


@dataclass(eq=False)
class PduNode(Node):
    rack: str = ""
    feed: str = ""
    spec: Pdu | PowerShelf = field(kw_only=True)
    ref: PduRef = field(kw_only=True)


@dataclass(eq=False)
class DeviceNode(Node):
    rack: str = ""
    spec: DeviceSpec = field(kw_only=True)
    position: int | None = None
    system: bool = False  # the rack-system itself (GB200 NVL72)
    parts: list[str] = field(default_factory=list)  # a system's trays with ports (ids)
    assume: Assume | None = None  # design Assume: figures the design states
    psus: list[PsuNode] = field(default_factory=list)  # its cords, in PSU order

    @property
    def contents(self) -> list[Part]:
        """A rack system's parts (catalog `contains:`); none for any other device."""
        spec = self.spec
        return spec.contains if spec.kind == "rack-system" else []


@dataclass(eq=False)
class PsuNode(Node):
    """One PSU (or power-shelf input) of a device and the PDU outlet it plugs into."""

    device: str = ""
    pdu: str = ""
    phase: str | None = None
    feed: str = (
        ""  # the feed its PDU hangs on (set when built: feed-loss asks it a lot)
    )


@dataclass(eq=False)
class CduNode(Node):
    loop: str = ""
    spec: Cdu = field(kw_only=True)


@dataclass(eq=False)
class LoopNode(Node):
    spec: Loop = field(kw_only=True)
    units: list[CduNode] = field(default_factory=list)

    @property
    def cdus(self) -> list[Cdu]:
        """The catalog entry of each CDU unit on the loop."""
        return [u.spec for u in self.units]
