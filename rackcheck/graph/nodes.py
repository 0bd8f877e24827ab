"""What each node of the design graph carries (the `obj` attribute)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DataPath = tuple[str | int, ...]


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
    spec: Any = None  # model.design.Feed


@dataclass(eq=False)
class RackNode(Node):
    spec: Any = None  # catalog Rack or RackSystem
    entry: Any = None  # design RackEntry


@dataclass(eq=False)
class PduNode(Node):
    rack: str = ""
    feed: str = ""
    spec: Any = None  # catalog Pdu
    ref: Any = None  # design PduRef


@dataclass(eq=False)
class DeviceNode(Node):
    rack: str = ""
    spec: Any = None  # catalog server / switch / storage / tray / rack-system ...
    position: int | None = None
    system: bool = False  # the rack-system itself (GB200 NVL72)
    assume: Any = None  # design Assume: figures the design states
    psus: list[PsuNode] = field(default_factory=list)  # its cords, in PSU order


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
    spec: Any = None  # catalog Cdu


@dataclass(eq=False)
class LoopNode(Node):
    spec: Any = None  # design Loop
    units: list[CduNode] = field(default_factory=list)

    @property
    def cdus(self) -> list[Any]:
        """The catalog entry of each CDU unit on the loop."""
        return [u.spec for u in self.units]
