"""A loop marked N+1 still removes its liquid heat with its largest CDU failed.

Capacity with one CDU down = sum of the loop's CDU capacities - the largest one. Applies
to loops with `redundancy: N+1` (the default); `redundancy: N` opts a loop out. A loop
with a single CDU has nothing left when it fails.

**Fails**

```yaml
rackcheck: 1
name: one CDU, no spare
components:
  - id: example-liquid-rack
    kind: rack-system
    vendor: Example
    model: liquid-cooled rack (illustration, not a real product)
    source: "rackcheck documentation example"
    rack_units: 44
    power: {max: "125 kW"}
    cooling: {liquid_fraction: 0.8}
racks:
  - name: "r{01..08}"
    model: example-liquid-rack
cooling:
  loops:
    - name: loop1
      cdus: [{model: cdu-vertiv-xdu1350}]
      serves: ["r{01..08}"]
```

**Passes**

```yaml
rackcheck: 1
name: two CDUs, one spare
components:
  - id: example-liquid-rack
    kind: rack-system
    vendor: Example
    model: liquid-cooled rack (illustration, not a real product)
    source: "rackcheck documentation example"
    rack_units: 44
    power: {max: "125 kW"}
    cooling: {liquid_fraction: 0.8}
racks:
  - name: "r{01..08}"
    model: example-liquid-rack
cooling:
  loops:
    - name: loop1
      cdus: [{model: cdu-vertiv-xdu1350, count: 2}]
      serves: ["r{01..08}"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import cooling
from rackcheck.rules.engine import RuleContext, rule


@rule("COOL002", name="cdu-redundancy", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for loop in g.loops():
        if loop.spec.redundancy != "N+1" or not loop.cdus:
            continue
        heat = cooling.loop_heat(g, loop)
        left = cooling.loop_capacity(loop, failed_largest=True)
        if heat > left:
            yield ctx.finding(
                loop,
                f"loop {loop.name} with its largest CDU failed has {left:.1f~P} for "
                f"{heat:.1f~P} of liquid heat (N+1 asked)",
                "cdus",
            )
