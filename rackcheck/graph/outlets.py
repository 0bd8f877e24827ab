"""PDU outlets: how many cords of each kind a PDU takes, and which bank each cord is on.

- Outlet groups come from the catalog's `outlet_types` text ("36 x C13, 6 x C19",
  "21 x C13/C15, 21 x C13/C15/C19/C21 combination"): a count and the IEC 60320 kinds
  each outlet of the group accepts.
- The outlet a cord needs mates with the device's PSU inlet (`inlet` of the PSU entry):
  C14 -> C13, C16 -> C15, C20 -> C19, C22 -> C21 (IEC 60320-1 pairs; a C14 plug also
  fits a C15 outlet, a C20 plug a C21). Without an inlet figure, a PSU drawing more than 10 A needs at
  least a C19 (C13/C14 are rated 10 A, C19/C20 16 A by IEC 60320-1); otherwise the kind
  is unknown.
- Cords are fitted most constrained first, each to the group accepting the fewest kinds.
- Banks: cords are dealt round-robin over a PDU's `banks` in plugging order (devices in
  design order, PSUs in order). A bank on a PDU of at most 250 V line-to-line sits
  between two phases (208 V banks, as APC documents for the AP8868); above that, IEC
  outlets rated 250 V sit between a phase and neutral (415 V -> 240 V). The catalog's
  `outlet_connection` (L-L, L-N) overrides this where stated.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode
    from rackcheck.model.catalog import Base, Pdu

MATE = {"C14": "C13", "C16": "C15", "C20": "C19", "C22": "C21"}
ALSO = {"C13": {"C15"}, "C19": {"C21"}}  # C14 plugs fit C15 outlets, C20 plugs C21


def groups(outlet_types: str | None) -> list[tuple[int, set[str]]]:
    if not outlet_types:
        return []
    out = []
    for part in outlet_types.split(","):
        m = re.match(r"\s*(\d+)\s*x\s*(.+)", part)
        if m:
            out.append((int(m.group(1)), set(re.findall(r"C\d+", m.group(2)))))
    return out


def psu_inlet(graph: DesignGraph, spec: Base) -> str | None:
    """The IEC 60320 inlet of each PSU of a catalog entry, from its one place: the PSU
    entry's `inlet` (`psus.model`); a system's own `power.inlet` (the older spelling,
    still read) where its PSU entry names none."""
    power = getattr(spec, "power", None)
    psus = power.psus if power is not None else None
    psu = graph.catalog.get(psus.model) if psus is not None and psus.model else None
    inlet = getattr(psu, "inlet", None) if psu is not None else None
    if inlet is None and power is not None:
        inlet = power.inlet
    return None if inlet is None else str(inlet)


def needed(graph: DesignGraph, dev: DeviceNode) -> str | None:
    """The outlet kind one cord of `dev` needs, or None when unknown."""
    psus = dev.spec.power.psus if dev.spec.power else None
    psu = graph.catalog.get(psus.model) if psus is not None and psus.model else None
    inlet = psu_inlet(graph, dev.spec)
    if inlet is not None:
        return MATE.get(inlet)
    text = getattr(psu, "input_voltage", None) if psu is not None else None
    m = re.search(r"(\d+(?:\.\d+)?)\s*A\b", text or "")
    return "C19" if m and float(m.group(1)) > 10.0 else None


def fit(outlets: list[tuple[int, set[str]]], cords: list[str | None]) -> int:
    """Cords left without an outlet (unknown kinds need an outlet accepting every kind
    any other cord could need: the worst case)."""
    free: list[tuple[list[int], set[str]]] = [([n], kinds) for n, kinds in outlets]
    every = set().union(*(k for _, k in outlets)) if outlets else set()

    def accepts(kinds: set[str], need: str | None) -> bool:
        if need is None:
            return kinds >= (every & {"C13", "C19"}) or kinds == every
        return need in kinds or bool(ALSO.get(need, set()) & kinds)

    order = sorted(cords, key=lambda c: sum(accepts(k, c) for _, k in outlets))
    left = 0
    for need in order:
        slot = min((g for g in free if g[0][0] > 0 and accepts(g[1], need)),
                   key=lambda g: len(g[1]), default=None)  # fmt: skip
        if slot is None:
            left += 1
        else:
            slot[0][0] -= 1
    return left


def bank_volts(pdu_spec: Pdu) -> float:
    """The catalog's `outlet_connection` (L-L / L-N) where stated, else by voltage."""
    v = float(pdu_spec.voltage.to("V").magnitude)
    conn = getattr(pdu_spec, "outlet_connection", None)
    if pdu_spec.phases == 1 or conn == "L-L":
        return v
    if conn == "L-N":
        return v / math.sqrt(3)
    return v if v <= 250.0 else v / math.sqrt(3)
