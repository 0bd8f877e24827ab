"""Facility water stays above the room's dew point (no condensation on pipes,
manifolds and CDU primaries).

The room's dew point is `facility.room.dew_point`, else it follows from the cold-aisle
temperature (`site.inlet_temperature`) and `facility.room.relative_humidity` by the
Magnus formula (Alduchov and Eskridge 1996 constants: graph/environment.py). The water
supply temperatures are `site.facility_water_temperature` and every chiller's, dry
cooler's or water loop's `supply_temperature`; each must be above the dew point.

**Fails**

```yaml
rackcheck: 1
name: 12 degC water in a 25 degC, 60 % RH room (dew point 16.7 degC)
site: {inlet_temperature: "25 degC", facility_water_temperature: "12 degC"}
racks:
  - {name: r01, model: apc-netshelter-sx-ar3100}
facility:
  room: {relative_humidity: 0.6}
```

**Passes**

```yaml
rackcheck: 1
name: 30 degC water in the same room
site: {inlet_temperature: "25 degC", facility_water_temperature: "30 degC"}
racks:
  - {name: r01, model: apc-netshelter-sx-ar3100}
facility:
  room: {relative_humidity: 0.6}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.environment import dew_point_c
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.rules.rack._common import note


@rule("RCK005", name="condensation", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    fac = g.design.facility
    room = fac.room if fac is not None else None
    if fac is None or room is None:
        return
    site = g.design.site
    supplies: list[tuple[str, float, tuple[str | int, ...]]] = []
    if site.facility_water_temperature is not None:
        supplies.append(("site facility water",
                         float(site.facility_water_temperature.to("degC").magnitude),
                         ("site", "facility_water_temperature")))  # fmt: skip
    for i, el in enumerate(fac.elements):
        if el.supply_temperature is not None:
            supplies.append((f"{el.kind} {el.name} supply",
                             float(el.supply_temperature.to("degC").magnitude),
                             ("facility", "elements", i, "supply_temperature")))  # fmt: skip
    if not supplies:
        return
    if room.dew_point is not None:
        dew = float(room.dew_point.to("degC").magnitude)
        how = "stated"
    elif room.relative_humidity is not None and site.inlet_temperature is not None:
        t = float(site.inlet_temperature.to("degC").magnitude)
        dew = dew_point_c(t, room.relative_humidity)
        how = f"{t:.0f} °C at {room.relative_humidity:.0%} RH"
    else:
        yield note(ctx, "the room's dew point is not stated (facility.room.dew_point, "
                   "or relative_humidity with site.inlet_temperature): condensation "
                   "is not checked", "facility", "room")  # fmt: skip
        return
    for what, temp, path in supplies:
        if temp <= dew:
            yield ctx.finding(
                None,
                f"{what} at {temp:.1f} °C is at or below the room's dew point "
                f"{dew:.1f} °C ({how}): pipes and manifolds will sweat",
                *path,
            )  # fmt: skip
