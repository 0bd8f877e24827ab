"""What a fabric plan is made of: switch lanes at a speed, the down/up split of a
switch's ports at an oversubscription ratio, speeds as integer Mbit/s, and the error a
plan raises (shared by graph/fabric/plan.py and graph/fabric/tiers.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.model.catalog import Switch
    from rackcheck.units import Quantity


class PlanError(ValueError):
    """A fabric that cannot be built as asked; `key` names the option at fault."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


def mbps(quantity: Quantity) -> int:
    """A bitrate quantity as whole Mbit/s (the one internal unit of network figures)."""
    from rackcheck.units import unit

    return int(round(quantity.m_as(unit("Mbit/s"))))


def gbit(value_mbps: float) -> str:
    """12800000 -> '12.8 Tbit/s': a figure in Mbit/s, printed with a readable prefix."""
    for div, unit in ((1e9, "Pbit/s"), (1e6, "Tbit/s"), (1e3, "Gbit/s")):
        if abs(value_mbps) >= div:
            return f"{value_mbps / div:g} {unit}"
    return f"{value_mbps:g} Mbit/s"


@dataclass(frozen=True)
class Lanes:
    """How a switch serves links of one speed: k lanes, each `lane` Mbit/s."""

    k: int
    lane: int  # Mbit/s a link runs at on this switch
    native: int  # Mbit/s of the physical port
    split: int  # links per physical port (breakout), 1 without
    per_cage: int  # ports per cage (twin-port OSFP: 2)
    exact: bool  # False: no native or breakout mode at the wanted speed


def lanes(switch: Switch, want: int | None) -> Lanes:
    """The switch's radix at speed `want` (Mbit/s; None: its fastest native speed)."""
    groups = [(mbps(p.speed), p) for p in switch.ports]
    if not groups:
        raise PlanError(f"catalog entry {switch.id!r} lists no ports", "switch")
    breakout = {mbps(b) for b in switch.breakout}
    if want is None:
        want = max(n for n, _ in groups)
    best: Lanes | None = None
    for native, port in groups:
        if native == want:
            cand = Lanes(port.count, want, native, 1, port.per_cage, True)
        elif native > want and want in breakout and native % want == 0:
            split = native // want
            cand = Lanes(port.count * split, want, native, split, port.per_cage, True)
        else:
            continue
        if best is None or cand.k > best.k:
            best = cand
    if best is not None:
        return best
    native, port = max(groups, key=lambda g: (g[0], g[1].count))
    return Lanes(port.count, min(native, want), native, 1, port.per_cage, False)


def split_ports(k: int, ratio: float) -> tuple[int, int]:
    """(down, up): the most down ports with down / up <= ratio, the rest up."""
    down = int(k * ratio / (1 + ratio))
    while down > 0 and down + math.ceil(down / ratio - 1e-9) > k:
        down -= 1
    while down + 1 + math.ceil((down + 1) / ratio - 1e-9) <= k:
        down += 1
    return down, k - down
