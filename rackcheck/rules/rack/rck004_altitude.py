"""Above 900 m the inlet air stays within each device's altitude-derated maximum.

ASHRAE TC 9.9, Thermal Guidelines for Data Processing Environments (5th ed., 2021),
footnote to the environmental classes: the maximum allowable dry-bulb temperature is
derated by 1 degC per 300 m above 900 m. With `facility.room.altitude`, each device's
`cooling.max_inlet_air` is derated so, and `site.inlet_temperature` must not exceed it
(COOL007 checks the sea-level limit). Each catalog entry is reported once.

**Fails**

```yaml
rackcheck: 1
name: DGX H100 at 2,400 m with a 27 degC cold aisle
site: {inlet_temperature: "27 degC"}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
facility:
  room: {altitude: "2400 m"}
```

**Passes**

```yaml
rackcheck: 1
name: DGX H100 at 2,400 m with a 24 degC cold aisle
site: {inlet_temperature: "24 degC"}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
facility:
  room: {altitude: "2400 m"}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.environment import derated_inlet_c
from rackcheck.rules.engine import RuleContext, rule


@rule("RCK004", name="altitude-derating", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    fac = g.design.facility
    inlet = g.design.site.inlet_temperature
    room = fac.room if fac is not None else None
    if room is None or room.altitude is None or inlet is None:
        return
    alt = float(room.altitude.to("m").magnitude)
    if alt <= 900.0:
        return
    inlet_c = float(inlet.to("degC").magnitude)
    seen: set[str] = set()
    for rack in g.racks():
        for dev in g.devices(rack):
            cooling = getattr(dev.spec, "cooling", None)
            limit = getattr(cooling, "max_inlet_air", None) if cooling else None
            if limit is None or dev.spec.id in seen:
                continue
            seen.add(dev.spec.id)
            derated = derated_inlet_c(float(limit.to("degC").magnitude), alt)
            if inlet_c > derated:
                yield ctx.finding(
                    dev,
                    f"at {alt:.0f} m, {dev.spec.id} allows {derated:.1f} °C inlet air "
                    f"({limit.to('degC'):.0f~P} less 1 °C per 300 m above 900 m, "
                    f"ASHRAE TC 9.9) < {inlet_c:.1f} °C supplied",
                    "model",
                )  # fmt: skip
