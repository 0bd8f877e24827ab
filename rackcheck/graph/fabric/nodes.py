"""What fabric nodes and links carry in the design graph.

Nodes: ``fabric:<name>`` (FabricNode), ``sw:<fabric>/<switch>`` (SwitchNode) and
``nic:<fabric>/<device id>`` (NicNode: a device's ports of the fabric's role).
Edges: ``nic`` (device > its NicNode) and ``link`` (NicNode or switch > switch, lower
tier first). A link edge carries ``bundles``: a tuple of (count, Mbit/s per link,
LinkSpec); parallel links between two ends are collapsed into one edge, and its
capacity is sum(count x Mbit/s) - see `capacity()`, which returns a pint quantity. A
link edge from a NicNode also carries ``ports``: the 0-based NIC port of each of its
links, in bundle order (port i of a DGX H100 is rail i).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rackcheck.graph.nodes import DataPath, Node

if TYPE_CHECKING:
    from rackcheck.graph.fabric.plan import Plan
    from rackcheck.units import Quantity

TIER = {"leaf": 0, "spine": 1, "core": 2}
TIER_NAME = {0: "leaf", 1: "spine", 2: "core", -1: "switch"}

Bundle = tuple[int, int, "LinkSpec"]  # (links, Mbit/s each, how they are made)


@dataclass(frozen=True, eq=False)
class LinkSpec:
    """One YAML link entry (or a tier of a generated fabric): how its links are made."""

    path: DataPath  # where it is written, for findings
    label: str  # "node-leaf", "links[2]"
    medium: str | None = None  # DAC, ACC, AOC, fibre, transceiver
    cable: Any = None  # catalog Cable
    transceiver: Any = None  # catalog Transceiver
    length: Quantity | None = None  # stated length
    stated: int | None = None  # stated speed, Mbit/s
    ends: tuple[int, int] = (0, 0)  # native speeds of the two ends, Mbit/s
    mismatch: bool = False  # no common native or breakout speed: runs at the slower


@dataclass(eq=False)
class FabricNode(Node):
    spec: Any = None  # model.fabric.Fabric
    plan: Plan | None = None  # of a generated fabric
    switches: list[str] = field(default_factory=list)
    nics: list[str] = field(default_factory=list)  # endpoint order
    links: list[tuple[str, str]] = field(default_factory=list)  # link edges
    specs: list[LinkSpec] = field(default_factory=list)  # how its links are made
    devices: list[str] = field(default_factory=list)  # endpoint devices, in order
    rails: int | None = None  # generated: rails; explicit: highest `rail:` given


@dataclass(eq=False)
class SwitchNode(Node):
    fabric: str = ""
    spec: Any = None  # catalog Switch
    tier: int = -1  # 0 leaf, 1 spine, 2 core, -1 not stated
    rail: int = -1  # 0-based rail a leaf serves, -1 none
    pod: int = -1
    su: int = -1
    rack: str | None = None  # rack name where it stands
    device: str | None = None  # a rack device used as this switch


@dataclass(eq=False)
class NicNode(Node):
    fabric: str = ""
    device: str = ""  # device node id; "" for an extra endpoint
    have: int = 0  # ports of the fabric's role the device has
    taken: int = 0  # ports the fabric's links take (> have: over-allocated)


def capacity(edge: dict[str, Any]) -> Quantity:
    """A link edge's capacity (all its parallel links) as a quantity in Gbit/s."""
    from rackcheck.units import q

    return q(sum(n * s for n, s, _ in edge["bundles"]) / 1000, "Gbit/s")
