"""A device's PSUs are N+M redundant: N of them carry its maximum load, M >= 1 spare.

N is the catalog's `psus.required`, else N = ceil(P_max / PSU rating), the fewest PSUs
whose rating covers the device's maximum power (the same N POW002 uses after a feed loss). The check fails when N PSUs (by their catalog rating) cannot carry
the maximum load, or when no PSU is spare (M < `min_spare`).

Why: a server that needs all of its PSUs stops or throttles when one fails; a PSU
"redundancy" whose N cannot carry peak load is no redundancy at all.

Options: `min_spare` (1).

**Fails**

```yaml
rackcheck: 1
name: a server whose two PSUs are both needed
# No PDUs described: corded to two feeds, the same server would also fail POW002 (the
# one PSU left after a feed loss carries 3.3 kW of its 6 kW).
components:
  - id: example-2psu-server
    kind: server
    vendor: Example
    model: two-PSU server (illustration, not a real product)
    source: "rackcheck documentation example"
    rack_units: 2
    power:
      max: "6 kW"
      psus: {model: psu-3300w, count: 2}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: example-2psu-server}
```

**Passes**

```yaml
rackcheck: 1
name: DGX B200, six 3.3 kW PSUs in 5+1
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-b200}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rackcheck.findings import Finding, Severity
from rackcheck.graph import power
from rackcheck.rules.engine import RuleContext, rule


@dataclass(frozen=True)
class Options:
    min_spare: int = 1


@rule("POW003", name="psu-redundancy", severity=Severity.ERROR, options=Options)
def check(ctx: RuleContext[Options]) -> Iterator[Finding]:
    g = ctx.graph
    seen: set[tuple[object, str]] = set()
    for rack in g.racks():
        for dev in g.devices(rack):
            psus = dev.spec.power.psus if dev.spec.power else None
            if psus is None or (dev.path, dev.spec.id) in seen:
                continue
            seen.add((dev.path, dev.spec.id))  # one finding per design entry
            load = power.device_power(dev, g).to("kW")
            rating = power.psu_rating(g, dev)
            need = power.psus_needed(g, dev)
            if need is None:
                continue
            if rating is not None and rating * need < load:
                yield ctx.finding(
                    dev,
                    f"{dev.spec.id}: {need} x {rating:.2f~P} PSUs = "
                    f"{rating * need:.1f~P} < {load:.1f~P} maximum load",
                    "model",
                )
            elif psus.count - need < ctx.options.min_spare:
                yield ctx.finding(
                    dev,
                    f"{dev.spec.id}: {psus.count} PSUs with {need} needed leaves "
                    f"{psus.count - need} spare (N+{ctx.options.min_spare} wanted)",
                    "model",
                )
