"""A rack's weight stays within the room's floor rating, spread and on each foot.

The rack's mass (its own `weight`, its devices' and PDUs') over its footprint (the
rack's `width` x `depth` from the catalog) must stay within `facility.room.floor_load`
(kg/m2, the floor's uniform load rating), and the mass on each caster or levelling foot
(mass / `points_per_rack`, 4 by default: an even spread, the best case) within
`facility.room.point_load`. Racks from one design entry are checked once. Missing
figures (a rack without a footprint) are named in a note.

**Fails**

```yaml
rackcheck: 1
name: four DGX H100 on a light floor
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4, position: 3}
facility:
  room: {floor_load: "600 kg/m**2", point_load: "100 kg"}
  elements: [{name: u, kind: utility}]
  feeds: [{feed: A, from: u}, {feed: B, from: u}, {feed: C, from: u}]
```

**Passes**

```yaml
rackcheck: 1
name: four DGX H100 on a floor rated for them
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4, position: 3}
facility:
  room: {floor_load: "1200 kg/m**2", point_load: "200 kg"}
  elements: [{name: u, kind: utility}]
  feeds: [{feed: A, from: u}, {feed: B, from: u}, {feed: C, from: u}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.environment import footprint_m2, rack_mass_kg
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.rules.rack._common import note
from rackcheck.units import q


@rule("RCK003", name="floor-load", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    fac = g.design.facility
    if fac is None:
        return
    room = fac.room
    if room is None:
        yield note(ctx, "facility.room is not stated: floor loading, altitude "
                   "derating and condensation are not checked", "facility")  # fmt: skip
        return
    seen: set[object] = set()
    for rack in g.racks():
        if rack.path in seen:
            continue
        seen.add(rack.path)
        kg = rack_mass_kg(g, rack)
        area = footprint_m2(rack)
        if room.floor_load is not None:
            if area is None:
                yield note(ctx, f"rack {rack.name}: {rack.spec.id} has no width or "
                           "depth in the catalog: floor loading not checked",
                           *rack.path, "model")  # fmt: skip
            else:
                limit = float(room.floor_load.to("kg/m**2").magnitude)
                if kg / area > limit:
                    yield ctx.finding(
                        rack,
                        f"rack {rack.name} loads the floor with {kg / area:.0f} kg/m² "
                        f"({q(kg, 'kg'):.0f~P} on {area:.2f} m²) > {limit:.0f} kg/m² "
                        "rated",
                        "model",
                    )  # fmt: skip
        if room.point_load is not None:
            per = kg / room.points_per_rack
            limit = float(room.point_load.to("kg").magnitude)
            if per > limit:
                yield ctx.finding(
                    rack,
                    f"rack {rack.name} puts {q(per, 'kg'):.0f~P} on each of its "
                    f"{room.points_per_rack} feet > {q(limit, 'kg'):.0f~P} point load",
                    "model",
                )  # fmt: skip
