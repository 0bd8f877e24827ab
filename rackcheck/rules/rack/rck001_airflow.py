"""The racks of an air zone need no more air than the zone is supplied.

Each rack's airflow is the sum of its devices' published airflow (`cooling.airflow`),
else the airflow that carries their air heat at the room's stated temperature rise
`facility.room.air_delta_t` (V = P / (rho c_p dT), dry air 1.204 kg/m3, 1.006 kJ/(kg K):
graph/environment.py). Each `facility.air` zone (a row, an aisle, the tiles in front of
some racks) must supply at least the sum over its racks. Without containment
(`containment: none`) supply and demand balancing is necessary but not sufficient (hot
air recirculates): a note says so. Devices with neither figure are named in a note.

**Fails**

```yaml
rackcheck: 1
name: one rack of four DGX H100 on a 6,000 m3/h tile supply
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
  room: {air_delta_t: "15 K"}
  air:
    - {name: row-1, racks: [r01], supply: "6000 m**3/h", containment: hot-aisle}
  elements: [{name: u, kind: utility}]
  feeds: [{feed: A, from: u}, {feed: B, from: u}, {feed: C, from: u}]
```

**Passes**

```yaml
rackcheck: 1
name: the same rack on a 9,000 m3/h contained supply
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
  room: {air_delta_t: "15 K"}
  air:
    - {name: row-1, racks: [r01], supply: "9000 m**3/h", containment: hot-aisle}
  elements: [{name: u, kind: utility}]
  feeds: [{feed: A, from: u}, {feed: B, from: u}, {feed: C, from: u}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.environment import rack_airflow
from rackcheck.model.names import expand
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.rules.rack._common import note
from rackcheck.units import q

CFM_PER_M3H = 1.0 / 1.69901  # 1 CFM = 1.69901 m3/h


@rule("RCK001", name="air-zone-supply", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    fac = g.design.facility
    if fac is None:
        return
    room = fac.room
    dt = room.air_delta_t if room is not None else None
    dt_k = float(dt.to("K").magnitude) if dt is not None else None
    racks = {r.name: r for r in g.racks()}
    for i, zone in enumerate(fac.air):
        path = ("facility", "air", i)
        names = [n for pat in zone.racks for n in expand(pat) if n in racks]
        need, missing = 0.0, []
        for n in names:
            flow, miss = rack_airflow(g, racks[n], dt_k)
            need += flow
            missing += miss
        if missing:
            yield note(ctx, f"air zone {zone.name}: no published airflow for "
                       f"{', '.join(sorted(set(missing)))} and no facility.room."
                       "air_delta_t to derive it: those devices are not counted",
                       *path, "name")  # fmt: skip
        have = float(zone.supply.to("m**3/h").magnitude)
        if need > have:
            yield ctx.finding(
                None,
                f"air zone {zone.name}: its racks need {_flow(need)} > "
                f"{_flow(have)} supplied",
                *path, "supply",
            )  # fmt: skip
        if zone.containment == "none":
            yield note(ctx, f"air zone {zone.name} has no containment: the supply "
                       "balancing the racks' airflow does not bound recirculation",
                       *path, "containment")  # fmt: skip


def _flow(m3h: float) -> str:
    return f"{q(m3h, 'm**3/h'):.0f~P} ({m3h * CFM_PER_M3H:.0f} CFM)"
