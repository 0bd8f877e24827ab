"""A rack's maximum power stays within the site's per-rack power limit.

`site.max_rack_power` is what the hall was built for per rack position (busway taps,
floor cooling, contract). The rack's load is the sum of its devices' maximum power.

**Fails**

```yaml
rackcheck: 1
name: four DGX H100 in a 20 kW position
site:
  max_rack_power: "20 kW"
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4}
```

**Passes**

```yaml
rackcheck: 1
name: four DGX H100 in a 45 kW position
site:
  max_rack_power: "45 kW"
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import power
from rackcheck.rules.engine import RuleContext, rule


@rule("POW005", name="rack-power-density", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    limit = ctx.graph.design.site.max_rack_power
    if limit is None:
        return
    for rack in ctx.graph.racks():
        load = power.rack_power(ctx.graph, rack)
        if load > limit:
            yield ctx.finding(
                rack,
                f"rack {rack.name} draws {load:.1f~P} > {limit.to('kW'):.1f~P} "
                "site limit per rack",
                "name",
            )
