"""A CDU's capacity is taken at its nameplate because its datasheet does not cover the
loop's conditions.

A CDU's nameplate kW holds at a stated rating point: an approach (facility supply to
secondary supply; Vertiv XDU1350: 4 K, CoolIT CHx2000: 5 K) and a coolant (water or
PG25, whose lower specific heat and higher viscosity carry less heat). COOL001 and
COOL002 use the capacity at the loop's conditions (graph.cooling.cdu_rating): the
largest rating point (nameplate, or `ratings:` in the catalog) whose coolant is the
loop's and whose approach the design allows (the served devices' lowest
`cooling.max_supply_temperature` minus `site.facility_water_temperature`). Where no
point applies, the nameplate is used and this note says why, once per loop and CDU
model: the rated coolant is not published or differs, the approach is not published,
the design's approach is not known, or it is smaller than the rated one.

**Fails**

```yaml
rackcheck: 1
name: a PG25 loop on a CDU whose rating fluid is not published
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
  - name: "r{01..04}"
    model: example-liquid-rack
cooling:
  loops:
    - name: loop1
      cdus: [{model: cdu-vertiv-xdu1350}]
      serves: ["r{01..04}"]
      redundancy: "N"
      coolant: pg25
```

**Passes**

```yaml
rackcheck: 1
name: an air-cooled rack (no coolant loop)
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
from rackcheck.graph import cooling
from rackcheck.rules.engine import RuleContext, rule


@rule("DAT004", name="cdu-rating-point", severity=Severity.NOTE)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for loop in g.loops():
        seen: set[str] = set()
        for k, ref in enumerate(loop.spec.cdus):
            cdu = g.catalog.get(ref.model)
            if cdu is None or cdu.kind != "cdu" or cdu.id in seen:
                continue
            seen.add(cdu.id)
            rating = cooling.cdu_rating(g, loop, cdu)
            if rating.exact:
                continue
            yield ctx.finding(
                loop,
                f"loop {loop.name}: {cdu.id} counted at its nameplate "
                f"{rating.capacity:.0f~P}: {'; '.join(rating.assumed)}",
                "cdus",
                k,
                "model",
            )
