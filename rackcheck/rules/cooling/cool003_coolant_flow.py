"""The CDUs of a loop pump the coolant flow its liquid heat needs.

Flow needed = the devices' own flow figure where the catalog gives one, else
P / (rho x c_p x dT) for the loop's coolant and temperature rise (`delta_t`, 10 K by
default; water 1.44 L/min per kW at 10 K), or `flow_per_kw` when the loop states one.
Flow available = the sum of the CDUs' rated flow. Skipped (with no finding) when a CDU's
flow is not in the catalog.

**Fails**

```yaml
rackcheck: 1
name: a 5 K rise doubles the flow
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
      redundancy: "N"
      delta_t: "5 K"
```

**Passes**

```yaml
rackcheck: 1
name: the same loop at a 10 K rise
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
      redundancy: "N"
      delta_t: "10 K"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import cooling
from rackcheck.rules.engine import RuleContext, rule


@rule("COOL003", name="coolant-flow", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for loop in g.loops():
        have = cooling.loop_flow_available(loop)
        if have is None:
            continue
        need = cooling.loop_flow_required(g, loop)
        if need > have:
            heat = cooling.loop_heat(g, loop)
            yield ctx.finding(
                loop,
                f"loop {loop.name} needs {need:.0f~P} of coolant for {heat:.1f~P} > "
                f"{have:.0f~P} CDU flow",
                "cdus",
            )
