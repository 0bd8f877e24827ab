"""The site's inlet air is within every device's maximum inlet temperature.

Compares `site.inlet_temperature` (the cold-aisle supply the room is designed for) with
each device's `cooling.max_inlet_air`, the top of the operating range its datasheet
gives (30 °C for DGX H100: NVIDIA DGX H100/H200 User Guide, Environmental
Specifications). A device whose range is not published is not checked, and DAT003
names it when the site states an inlet temperature.

**Fails**

```yaml
rackcheck: 1
name: a 38 degC cold aisle
site:
  inlet_temperature: "38 degC"
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
```

**Passes**

```yaml
rackcheck: 1
name: a 27 degC cold aisle (ASHRAE recommended upper bound)
site:
  inlet_temperature: "27 degC"
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.rules.engine import RuleContext, rule


@rule("COOL007", name="inlet-air-temperature", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    inlet = g.design.site.inlet_temperature
    if inlet is None:
        return
    seen: set[object] = set()
    for rack in g.racks():
        for dev in g.devices(rack):
            cooling = getattr(dev.spec, "cooling", None)
            limit = cooling.max_inlet_air if cooling is not None else None
            if limit is None or inlet <= limit or dev.path in seen:
                continue
            seen.add(dev.path)
            yield ctx.finding(
                dev,
                f"{dev.spec.id} allows {limit.to('degC'):.0f~P} inlet air; the site "
                f"supplies {inlet.to('degC'):.0f~P}",
                "model",
            )
