"""UPS battery runtime at a load, from the datasheet's runtime table.

Model (stated, as FAC002 reports it): between two rows of the table, runtime follows a
power law t = t1 x (P1 / P)^k with k fitted to the two rows (log-log interpolation: a
piecewise Peukert law; batteries give less energy at higher discharge rates, so runtime
falls faster than 1/P). Below the table's lowest load the lowest row's runtime is used
(conservative). Above the highest load nothing is extrapolated unless the design states
the Peukert exponent `peukert` (k); a one-row table needs `peukert` for higher loads.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.model.facility import Battery


def runtime_min(battery: Battery, load_kw: float) -> tuple[float | None, str]:
    """(minutes, how it was found) at `load_kw`; minutes None when the table cannot
    say (the reason names the missing figure)."""
    rows = sorted(
        (float(r.load.to("kW").magnitude), float(r.time.to("min").magnitude))
        for r in battery.runtime
    )
    if load_kw <= 0.0:
        return None, "no load"
    if load_kw <= rows[0][0]:
        return rows[0][1], f"the table's row at {rows[0][0]:g} kW (lowest load)"
    for (p1, t1), (p2, t2) in zip(rows, rows[1:], strict=False):
        if p1 < load_kw <= p2 and t1 > 0 and t2 > 0:
            k = math.log(t1 / t2) / math.log(p2 / p1)
            return t1 * (p1 / load_kw) ** k, (
                f"log-log between the rows at {p1:g} and {p2:g} kW (k = {k:.2f})"
            )
    top_p, top_t = rows[-1]
    if battery.peukert is None:
        return None, (
            f"the load is above the table's highest row ({top_p:g} kW) and no "
            "Peukert exponent (`peukert`) is stated"
        )
    k = battery.peukert
    return top_t * (top_p / load_kw) ** k, (
        f"Peukert from the row at {top_p:g} kW with the stated k = {k:g}"
    )
