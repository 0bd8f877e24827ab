"""A device's catalog entry lacks a figure the checks need, or the design assumes one.

rackcheck never invents a figure. Where the catalog has no published maximum power,
the checks use its typical power, else 0 W; no weight or rack-unit height counts as 0;
an unknown liquid/air split counts as all air. This note says so, once per design
entry, so a result is not read as clean by mistake; it also names figures the design
states itself under `assume:` (with their basis). Add the figure, with its `source:`,
in an extra catalog file to close it.

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
    cooling: {liquid_fraction: 0.0}
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
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.rules.engine import RuleContext, rule

if TYPE_CHECKING:
    from rackcheck.graph.nodes import DeviceNode
    from rackcheck.model.catalog import CoolingSpec


@rule("DAT001", name="missing-figure", severity=Severity.NOTE)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    seen: set[object] = set()
    for rack in ctx.graph.racks():
        for dev in ctx.graph.devices(rack):
            if dev.path in seen:
                continue
            seen.add(dev.path)
            said = _missing(dev) + _assumed(dev)
            if said:
                yield ctx.finding(dev, f"{dev.spec.id}: {'; '.join(said)}", "model")


def _missing(dev: DeviceNode) -> list[str]:
    spec, assume = dev.spec, dev.assume
    out = []
    power = spec.power
    if not (assume and assume.max_power is not None):
        if power is None or (power.max is None and power.typical is None):
            out.append("no published power: counted as 0 W")
        elif power.max is None:
            out.append(f"no published maximum power: typical {power.typical:~P} used")
    if spec.weight is None:
        out.append("no published weight: counted as 0 kg")
    if spec.rack_units is None and not dev.system:
        out.append("no published height: counted as 0 U")
    cooling: CoolingSpec | None = getattr(spec, "cooling", None)
    known = cooling is not None and cooling.liquid_fraction is not None
    if not known and not (assume and assume.liquid_fraction is not None):
        out.append("liquid/air heat split not published: counted as all air")
    return out


def _assumed(dev: DeviceNode) -> list[str]:
    a = dev.assume
    if a is None:
        return []
    parts = []
    if a.max_power is not None:
        parts.append(f"max power {a.max_power:~P}")
    if a.liquid_fraction is not None:
        parts.append(f"liquid fraction {a.liquid_fraction:g}")
    return [f"design assumes {', '.join(parts)} ({a.basis})"] if parts else []
