"""What each node of the design graph carries (the `obj` attribute)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rackcheck.findings import Location

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


@dataclass(eq=False)
class DeviceNode(Node):
    rack: str = ""
    spec: Any = None  # catalog server / switch / storage / tray / rack-system ...
    position: int | None = None
    cords: list[tuple[str, str | None]] = field(default_factory=list)  # (pdu id, phase)
    system: bool = False  # the rack-system itself (GB200 NVL72)
    assume: Any = None  # design Assume: figures the design states


@dataclass(eq=False)
class LoopNode(Node):
    spec: Any = None  # design Loop
    cdus: list[Any] = field(default_factory=list)  # catalog Cdu, one per unit


def where(node: Node, source: Any, *sub: str | int, key: bool = False) -> Location:
    """The file:line:column of `node` (or of a key below it) in its source map."""
    return source.at((*node.path, *sub), key=key)
