"""Facility water is cool enough for the CDUs and, after their approach, the devices.

The site's `facility_water_temperature` must lie in each CDU's accepted
`supply_temperature` range. The secondary coolant leaves a CDU at facility temperature
plus the CDU's `approach`; that must not exceed any served device's
`cooling.max_supply_temperature`. Where a CDU states no approach, the facility
temperature itself is compared (an optimistic bound, said in the message).

**Fails**

```yaml
rackcheck: 1
name: 45 degC facility water for a 40 degC device
site:
  facility_water_temperature: "45 degC"
components:
  - id: example-liquid-rack
    kind: rack-system
    vendor: Example
    model: liquid-cooled rack (illustration, not a real product)
    source: "rackcheck documentation example"
    rack_units: 44
    power: {max: "125 kW"}
    cooling: {liquid_fraction: 0.8, max_supply_temperature: "40 degC"}
racks:
  - name: r01
    model: example-liquid-rack
cooling:
  loops:
    - name: loop1
      cdus: [{model: cdu-vertiv-xdu1350}]
      serves: [r01]
      redundancy: "N"
```

**Passes**

```yaml
rackcheck: 1
name: 30 degC facility water, 4 K approach, 40 degC device
site:
  facility_water_temperature: "30 degC"
components:
  - id: example-liquid-rack
    kind: rack-system
    vendor: Example
    model: liquid-cooled rack (illustration, not a real product)
    source: "rackcheck documentation example"
    rack_units: 44
    power: {max: "125 kW"}
    cooling: {liquid_fraction: 0.8, max_supply_temperature: "40 degC"}
racks:
  - name: r01
    model: example-liquid-rack
cooling:
  loops:
    - name: loop1
      cdus: [{model: cdu-vertiv-xdu1350}]
      serves: [r01]
      redundancy: "N"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("COOL004", name="supply-temperature", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    facility = g.design.site.facility_water_temperature
    if facility is None:
        return
    fac_c = facility.to("degC").magnitude
    for loop in g.loops():
        approach = max(
            (c.approach.to("K").magnitude for c in loop.cdus if c.approach is not None),
            default=None,
        )
        for cdu in {c.id: c for c in loop.cdus}.values():
            rng = cdu.supply_temperature
            if rng is None:
                continue
            lo = rng.min.to("degC").magnitude if rng.min is not None else None
            hi = rng.max.to("degC").magnitude if rng.max is not None else None
            if (lo is not None and fac_c < lo) or (hi is not None and fac_c > hi):
                yield ctx.finding(
                    loop,
                    f"facility water at {fac_c:.1f} °C is outside {cdu.id}'s accepted "
                    f"{_range(lo, hi)}",
                    "cdus",
                )
        secondary = fac_c + (approach or 0.0)
        how = (
            f"{fac_c:.1f} °C + {approach:.1f} K approach"
            if approach
            else (f"{fac_c:.1f} °C facility water, CDU approach unknown")
        )
        for rack in g.served_racks(loop):
            for dev in g.devices(rack):
                cooling = getattr(dev.spec, "cooling", None)
                if cooling is None or cooling.liquid_fraction == 0:  # air-only device
                    continue
                limit = cooling.max_supply_temperature
                if limit is None:
                    continue
                if q(secondary, "degC") > limit:
                    yield ctx.finding(
                        loop,
                        f"coolant reaches {dev.name} in rack {rack.name} at "
                        f"{secondary:.1f} °C ({how}) > {limit.to('degC'):.1f~P} allowed",
                        "serves",
                    )
                    break


def _range(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f"{lo:.0f}-{hi:.0f} °C"
    return f">= {lo:.0f} °C" if lo is not None else f"<= {hi:.0f} °C"
