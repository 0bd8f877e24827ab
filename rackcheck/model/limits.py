"""Size limits of one design, checked before anything is allocated.

A design of 390,000 racks, `count: 100000000` or a range of 10**9 names would exhaust
memory long before a check ends; rackcheck counts what a design asks for first (ranges
are counted, not expanded) and refuses it, located, with INP007. The limits are far above
the largest published AI clusters (a 100,000-GPU cluster is ~12,500 servers) and are
documented in docs/design-format.md#limits.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from rackcheck.model.design import Design

    DataPath = tuple[str | int, ...]

MAX_RACKS = 20_000
MAX_DEVICES = 50_000  # device instances (servers, switches, storage, rack systems...)
MAX_PDUS = 100_000
MAX_PSUS = 400_000  # PSU cords, all devices together
MAX_CDUS = 10_000
MAX_ENDPOINTS = 200_000  # fabric endpoints (node ports + extra endpoints)
MAX_LINKS = 1_000_000  # link pairs of one explicit `links:` entry
MAX_COUNT = 1_000_000  # any one `count:`

_RANGE = re.compile(r"\{(\d+)\.\.(\d+)\}")


def range_size(name: str) -> int:
    """How many names `name` expands to, without expanding it (0 when a range counts
    down, which names.expand reports)."""
    total = 1
    for m in _RANGE.finditer(name):
        a, b = int(m.group(1)), int(m.group(2))
        if b < a:
            return 0
        total *= b - a + 1
    return total


def design_sizes(
    design: Design, psus_of: Callable[[str], int]
) -> dict[str, tuple[int, DataPath]]:
    """Totals of what the design asks for, each with the path of its largest
    contributor: {"racks": (n, path), ...}. `psus_of(model)` is a device model's
    PSU count (0 when unknown)."""
    keys = ("racks", "devices", "pdus", "psus", "cdus")
    totals = dict.fromkeys(keys, 0)
    largest: dict[str, tuple[int, DataPath]] = dict.fromkeys(keys, (0, ()))

    def add(key: str, n: int, path: DataPath) -> None:
        totals[key] += n
        if n > largest[key][0]:
            largest[key] = (n, path)

    for i, rack in enumerate(design.racks):
        n = range_size(rack.name)
        add("racks", n, ("racks", i, "name"))
        n_pdus = sum(p.count for p in rack.pdus)
        add("pdus", n * n_pdus, ("racks", i, "pdus"))
        for j, dev in enumerate(rack.devices):
            path = ("racks", i, "devices", j, "count")
            add("devices", n * dev.count, path)
            cords = psus_of(dev.model) or max(n_pdus, 1)
            add("psus", n * dev.count * cords, path)
    for i, loop in enumerate(design.cooling.loops):
        for k, cdu in enumerate(loop.cdus):
            add("cdus", cdu.count, ("cooling", "loops", i, "cdus", k, "count"))
    return {k: (totals[k], largest[k][1]) for k in keys}


LIMITS = {
    "racks": MAX_RACKS,
    "devices": MAX_DEVICES,
    "pdus": MAX_PDUS,
    "psus": MAX_PSUS,
    "cdus": MAX_CDUS,
}
LABELS = {
    "racks": "racks",
    "devices": "devices",
    "pdus": "PDUs",
    "psus": "PSU cords",
    "cdus": "CDUs",
}


def over_limits(
    design: Design, psus_of: Callable[[str], int]
) -> list[tuple[str, DataPath]]:
    """(message, data path) for every limit the design exceeds."""
    out = []
    for key, (n, path) in design_sizes(design, psus_of).items():
        if n > LIMITS[key]:
            out.append(
                (
                    f"the design asks for {n:,} {LABELS[key]}, more than the "
                    f"{LIMITS[key]:,} rackcheck checks in one design "
                    "(docs/design-format.md#limits)",
                    path,
                )
            )
    return out
