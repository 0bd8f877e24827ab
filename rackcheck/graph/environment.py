"""The rack in its room: airflow, floor loading, altitude derating, dew point.

- Airflow: a device's published airflow (`cooling.airflow`), else the airflow that
  carries its air heat at the stated air temperature rise: V = P / (rho x c_p x dT) with
  dry air at 20 degC and sea level, rho = 1.204 kg/m3 and c_p = 1.006 kJ/(kg K) (ASHRAE
  Handbook - Fundamentals, ch. 1, psychrometrics). 1 kW at 10 K is 297 m3/h (175 CFM).
- Altitude: ASHRAE TC 9.9, Thermal Guidelines for Data Processing Environments (5th
  ed., 2021), environmental classes table, footnote: derate the maximum allowable
  dry-bulb temperature by 1 degC per 300 m above 900 m.
- Dew point: Magnus formula with Alduchov and Eskridge's constants (J. Appl. Meteor.
  35, 1996): a = 17.625, b = 243.04 degC; gamma = ln(RH) + a T / (b + T),
  Td = b gamma / (a - gamma).
- Floor: the rack's weight (its own, its devices' and PDUs') over its footprint
  (width x depth), and per caster or foot (`points_per_rack`, 4 by default).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rackcheck.graph.cooling import device_heat
from rackcheck.graph.physical import rack_weight

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import RackNode

AIR_RHO = 1.204  # kg/m3
AIR_CP = 1006.0  # J/(kg K)


def air_m3h(heat_kw: float, delta_t_k: float) -> float:
    return heat_kw * 1000.0 / (AIR_RHO * AIR_CP * delta_t_k) * 3600.0


def rack_airflow(
    g: DesignGraph, rack: RackNode, delta_t_k: float | None
) -> tuple[float, list[str]]:
    """(m3/h, catalog ids whose airflow is neither published nor derivable)."""
    total = 0.0
    missing: list[str] = []
    for dev in g.devices(rack):
        cooling = getattr(dev.spec, "cooling", None)
        flow = getattr(cooling, "airflow", None) if cooling is not None else None
        if flow is not None:
            total += float(flow.to("m**3/h").magnitude)
            continue
        air_kw = float(device_heat(dev, g)[1].to("kW").magnitude)
        if air_kw <= 0.0:
            continue
        if delta_t_k is None:
            missing.append(dev.spec.id)
            continue
        total += air_m3h(air_kw, delta_t_k)
    return total, sorted(set(missing))


def dew_point_c(temp_c: float, rh: float) -> float:
    a, b = 17.625, 243.04
    gamma = math.log(rh) + a * temp_c / (b + temp_c)
    return b * gamma / (a - gamma)


def derated_inlet_c(max_c: float, altitude_m: float) -> float:
    """ASHRAE TC 9.9: 1 degC less per 300 m above 900 m."""
    return max_c - max(0.0, altitude_m - 900.0) / 300.0


def rack_mass_kg(g: DesignGraph, rack: RackNode) -> float:
    own = rack.spec.weight
    kg = float(rack_weight(g, rack).to("kg").magnitude)
    return kg + (float(own.to("kg").magnitude) if own is not None else 0.0)


def footprint_m2(rack: RackNode) -> float | None:
    w, d = getattr(rack.spec, "width", None), getattr(rack.spec, "depth", None)
    if w is None or d is None:
        return None
    return float(w.to("m").magnitude * d.to("m").magnitude)
