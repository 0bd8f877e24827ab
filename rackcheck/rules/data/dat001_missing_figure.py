"""A device's catalog entry lacks a figure the checks need (power, weight, height).

rackcheck never invents a figure: where the catalog has no published maximum power,
weight or rack-unit height for a device, the power, weight and space checks count it as
zero and this note says so, once per design entry, so the result is not read as clean
by mistake. Add the figure (with its `source:`) in an extra catalog file to close it.

**Fails**

```yaml
rackcheck: 1
name: a server with no published power figure
components:
  - id: example-unknown-power
    kind: server
    vendor: Example
    model: server without a power figure (illustration, not a real product)
    source: "rackcheck documentation example"
    rack_units: 2
    weight: "30 kg"
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: example-unknown-power}
```

**Passes**

```yaml
rackcheck: 1
name: DGX H100 (every figure published)
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
from rackcheck.rules.engine import RuleContext, rule


@rule("DAT001", name="missing-figure", severity=Severity.NOTE)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    seen: set[object] = set()
    for rack in ctx.graph.racks():
        for dev in ctx.graph.devices(rack):
            if dev.path in seen:
                continue
            seen.add(dev.path)
            spec = dev.spec
            missing = []
            if spec.power is None or spec.power.max is None:
                missing.append("maximum power")
            if spec.weight is None:
                missing.append("weight")
            if spec.rack_units is None and not dev.system:
                missing.append("rack units")
            if missing:
                yield ctx.finding(
                    dev,
                    f"catalog entry {spec.id} has no {', '.join(missing)}: counted as 0",
                    "model",
                )
