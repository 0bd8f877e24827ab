"""A UPS gives its required battery runtime at the load it carries after a failure.

Each UPS with a `battery` is loaded as FAC001 loads it, in normal operation and after
each single failure; at the highest of these loads (its failed-over load: in a 2N plant
the whole load of both sides) the runtime comes from the battery's runtime table (model
in graph/ups.py: log-log interpolation between the datasheet's rows, a piecewise
Peukert law; no extrapolation above the table without a stated Peukert exponent). The
runtime must reach `battery.required` (e.g. the generators' start and transfer time with
margin). Where the runtime cannot be computed (no `battery`, or a load beyond the table), a note names
the missing figure.

**Fails**

```yaml
rackcheck: 1
name: 2N UPS whose batteries are sized for half the load
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
  elements:
    - {name: utility, kind: utility}
    - name: ups-1
      kind: ups
      from: [utility]
      battery:
        runtime: [{load: "20 kW", time: "10 min"}, {load: "50 kW", time: "3 min"}]
        required: "5 min"
    - name: ups-2
      kind: ups
      from: [utility]
      battery:
        runtime: [{load: "20 kW", time: "20 min"}, {load: "60 kW", time: "6 min"}]
        required: "5 min"
  feeds:
    - {feed: A, from: ups-1}
    - {feed: B, from: ups-1}
    - {feed: C, from: ups-2}
```

**Passes**

```yaml
rackcheck: 1
name: 2N UPS with batteries for the whole load
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
  elements:
    - {name: utility, kind: utility}
    - name: ups-1
      kind: ups
      from: [utility]
      battery:
        runtime: [{load: "20 kW", time: "20 min"}, {load: "60 kW", time: "6 min"}]
        required: "5 min"
    - name: ups-2
      kind: ups
      from: [utility]
      battery:
        runtime: [{load: "20 kW", time: "20 min"}, {load: "60 kW", time: "6 min"}]
        required: "5 min"
  feeds:
    - {feed: A, from: ups-1}
    - {feed: B, from: ups-1}
    - {feed: C, from: ups-2}
```
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.facility import plant
from rackcheck.graph.facility_load import single_states, when
from rackcheck.graph.ups import runtime_min
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("FAC002", name="ups-runtime", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    p = plant(ctx.graph)
    if p is None:
        return
    states = single_states(ctx.graph)
    for name, el in p.elements.items():
        if el.kind != "ups":
            continue
        if el.battery is None:
            yield dataclasses.replace(
                ctx.finding(None, f"UPS {name} states no battery runtime: its "
                            "ride-through is not checked",
                            "facility", "elements", p.index[name], "name"),
                severity=Severity.NOTE,
            )  # fmt: skip
            continue
        path = ("facility", "elements", p.index[name], "battery")
        load, failed = max(
            ((st.kw.get(name, 0.0), f) for f, st in states if name in st.live),
            key=lambda x: x[0],
            default=(0.0, None),
        )
        minutes, how = runtime_min(el.battery, load)
        at = f"{q(load, 'kW'):.1f~P} ({when(failed)})"
        if minutes is None:
            yield dataclasses.replace(
                ctx.finding(None, f"UPS {name}: runtime at {at} unknown: {how}",
                            *path, "runtime"),
                severity=Severity.NOTE,
            )  # fmt: skip
            continue
        need = el.battery.required
        if need is not None and minutes < need.to("min").magnitude:
            yield ctx.finding(
                None,
                f"UPS {name} runs {q(minutes, 'min'):.1f~P} on battery at {at} < "
                f"{need.to('min'):.1f~P} required ({how})",
                *path, "required",
            )  # fmt: skip
