"""A loop marked N+1 still removes its liquid heat, and pumps its flow, with its largest
CDU failed.

With one CDU down the loop keeps the sum of its CDUs' capacities minus the largest, and
the sum of their rated flows minus the largest: both must still cover the liquid heat
and the coolant flow it needs (flow as COOL003 computes it: Q = P / (rho x c_p x dT),
ASHRAE Handbook - Fundamentals, ch. 31 coolant properties). N+1 is the Uptime Institute
/ ASHRAE TC 9.9 sense of redundancy: any one unit may fail or be serviced with the full
load still carried, so flow counts as much as kW: a loop whose remaining CDUs cannot
pump the flow starves the cold plates however much heat they could exchange. Applies
to loops with `redundancy: N+1` (the default); `redundancy: N` opts a loop out. A loop
with a single CDU has nothing left when it fails. Where a CDU's flow is not in the
catalog the flow check cannot run: DAT003 says so.

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
        left = cooling.loop_capacity(loop, failed_largest=True, graph=g)
        if heat > left:
            yield ctx.finding(
                loop,
                f"loop {loop.name} with its largest CDU failed has {left:.1f~P} for "
                f"{heat:.1f~P} of liquid heat (N+1 asked)",
                "cdus",
            )
            continue
        flow = cooling.loop_flow_n_minus_1(loop)
        need = cooling.loop_flow_required(g, loop)
        if flow is not None and need > flow:
            yield ctx.finding(
                loop,
                f"loop {loop.name} with its largest CDU failed pumps {flow:.0f~P} for "
                f"the {need:.0f~P} its {heat:.1f~P} of liquid heat needs (N+1 asked)",
                "cdus",
            )
