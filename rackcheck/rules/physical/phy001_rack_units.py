"""Devices fit in the rack: total rack units, and no two devices in the same U.

Used U = the sum of each device's height (a rack system: its trays and shelves), in the
rack's own pitch: EIA-310 U are 44.45 mm (1.75 in), ORv3 OpenU 48 mm (OCP Open Rack V3
Base Specification). Devices of the other pitch are converted by height: 46 x 1 U EIA
devices (2044.7 mm) take 42.6 OU of a 44 OU ORv3 rack, and a device at a `position`
spans its height rounded up to whole units of the rack (an 8 U server spans 8 OU). Where
devices give a `position` (the lowest U, 1 = bottom), every U they take must lie inside
the rack and no U may be taken twice. A `position` with `count: n` stacks the n devices
upward from it.

**Fails**

```yaml
rackcheck: 1
name: six 8U systems in a 42U rack
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 6}
```

**Passes**

```yaml
rackcheck: 1
name: four 8U systems stacked from U3
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import physical
from rackcheck.rules.engine import RuleContext, rule


@rule("PHY001", name="rack-units", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for rack in g.racks():
        have = physical.rack_units_available(rack)
        used = physical.rack_units_used(g, rack)
        unit = "OU" if physical.pitch(rack.spec) == "ORv3" else "U"
        if have is not None and used > have:
            yield ctx.finding(
                rack,
                f"rack {rack.name} needs {used:g} {unit} > {have} {unit} available",
                "devices",
                key=True,
            )
        taken: dict[int, str] = {}
        for dev in g.devices(rack):
            if dev.position is None:
                continue
            height = physical.units_in_rack(dev, g, rack)
            top = dev.position + height - 1
            if have is not None and top > have:
                yield ctx.finding(
                    dev,
                    f"{dev.name} at U{dev.position} takes U{dev.position}-U{top}, "
                    f"above the rack's top U{have}",
                    "position",
                )
                continue
            for u in range(dev.position, top + 1):
                if u in taken:
                    yield ctx.finding(
                        dev,
                        f"{dev.name} at U{dev.position} overlaps {taken[u]} at U{u}",
                        "position",
                    )
                    break
                taken[u] = dev.name
