"""The CDUs of a coolant loop remove the liquid heat of the racks it serves.

Each device's heat is its maximum power; `cooling.liquid_fraction` of it goes to liquid.
A loop's liquid heat is the sum over the racks it `serves` (a rack served by k loops
gives each 1/k); its capacity is the sum of its CDUs' capacity at the loop's conditions:
the largest datasheet rating point (nameplate at its `approach` and `rated_coolant`, or
`ratings:`) whose coolant is the loop's and whose approach the design allows (the
served devices' lowest `max_supply_temperature` minus the facility water temperature);
else the nameplate, and DAT004 says why. A rack with liquid heat and no loop at all is
reported too.

**Fails**

```yaml
rackcheck: 1
name: 2.1 MW of liquid heat on one 2 MW CDU
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
  - name: "r{01..21}"
    model: example-liquid-rack
cooling:
  loops:
    - name: loop1
      cdus: [{model: cdu-coolit-chx2000}]
      serves: ["r{01..21}"]
      redundancy: "N"
      delta_t: "15 K"
```

**Passes**

```yaml
rackcheck: 1
name: 1.9 MW of liquid heat on one 2 MW CDU
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
  - name: "r{01..19}"
    model: example-liquid-rack
cooling:
  loops:
    - name: loop1
      cdus: [{model: cdu-coolit-chx2000}]
      serves: ["r{01..19}"]
      redundancy: "N"
      delta_t: "15 K"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import cooling
from rackcheck.rules.engine import RuleContext, rule


@rule("COOL001", name="cdu-capacity", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for loop in g.loops():
        heat = cooling.loop_heat(g, loop)
        cap = cooling.loop_capacity(loop, graph=g)
        if heat > cap:
            yield ctx.finding(
                loop,
                f"loop {loop.name} must remove {heat:.1f~P} of liquid heat > "
                f"{cap:.1f~P} CDU capacity ({len(loop.cdus)} CDU(s))",
                "cdus",
            )
    for rack in g.racks():
        liquid, _ = cooling.rack_heat(g, rack)
        if liquid.magnitude > 0 and not g.loops_serving(rack):
            yield ctx.finding(
                rack,
                f"rack {rack.name} has {liquid:.1f~P} of liquid heat but no coolant "
                "loop serves it",
                "name",
            )
