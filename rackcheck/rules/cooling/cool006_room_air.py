"""The room's air cooling removes the air heat of all racks together.

Total air heat = the sum over racks of their air heat, plus the heat of fabric switches
placed in no rack (all their power leaves as air heat: metrics `unplaced`);
`site.air_cooling` is the room's (CRAH/CRAC, N capacity) heat removal.

**Fails**

```yaml
rackcheck: 1
name: 20 DGX H100 racks in a 500 kW room
site:
  air_cooling: "500 kW"
racks:
  - name: "r{01..20}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4}
```

**Passes**

```yaml
rackcheck: 1
name: 20 DGX H100 racks in a 1 MW room
site:
  air_cooling: "1 MW"
racks:
  - name: "r{01..20}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import cooling
from rackcheck.graph.unplaced import unplaced_totals
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("COOL006", name="room-air-capacity", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    capacity = g.design.site.air_cooling
    if capacity is None:
        return
    total = sum((cooling.rack_heat(g, r)[1] for r in g.racks()), q(0.0, "kW"))
    unplaced = unplaced_totals(g)
    extra = q(unplaced["heat_air_kw"], "kW") if unplaced is not None else q(0.0, "kW")
    if total + extra > capacity:
        also = f" + {extra:.1f~P} from unplaced switches" if extra.magnitude else ""
        yield ctx.finding(
            None,
            f"racks put {total:.1f~P}{also} into room air > "
            f"{capacity.to('kW'):.1f~P} room air cooling",
            "site",
            "air_cooling",
        )
