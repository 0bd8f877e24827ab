"""The heat a rack puts into room air stays within the site's per-rack air limit.

Air heat = each device's maximum power x (1 - liquid fraction). `site.max_rack_air_heat`
is what the room's air path (rear-door heat exchanger, in-row coolers, containment)
can take from one rack position.

**Fails**

```yaml
rackcheck: 1
name: four air-cooled DGX H100 in a 30 kW air position
site:
  max_rack_air_heat: "30 kW"
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4}
```

**Passes**

```yaml
rackcheck: 1
name: two air-cooled DGX H100 in a 30 kW air position
site:
  max_rack_air_heat: "30 kW"
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 2}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import cooling
from rackcheck.rules.engine import RuleContext, rule


@rule("COOL005", name="rack-air-heat", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    limit = ctx.graph.design.site.max_rack_air_heat
    if limit is None:
        return
    for rack in ctx.graph.racks():
        _, air = cooling.rack_heat(ctx.graph, rack)
        if air > limit:
            yield ctx.finding(
                rack,
                f"rack {rack.name} puts {air:.1f~P} into room air > "
                f"{limit.to('kW'):.1f~P} site limit per rack",
                "name",
            )
