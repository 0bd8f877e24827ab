"""NIC i of every node lands on rail i's leaf (rail-optimized fabrics).

In a rail-optimized fabric GPU i of every node talks to GPU i of every other node
through one leaf (rail i), one hop; a NIC cabled to another rail's leaf sends that
traffic over the spines instead, and collective operations slow down. A generated
fabric is wired by rail. In an explicit fabric, leaves say `rail: n` (1-based) and a
device's NIC ports are numbered in the order its links take them; port i (i < the
number of rails) must reach a leaf of rail i.

**Fails**

```yaml
rackcheck: 1
name: the two rails cabled the wrong way round
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: rail1, model: qm9700, rail: 1}
      - {name: rail2, model: qm9700, rail: 2}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: [rail2, rail1]}
```

**Passes**

```yaml
rackcheck: 1
name: NIC 1 to rail 1, NIC 2 to rail 2
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: rail1, model: qm9700, rail: 1}
      - {name: rail2, model: qm9700, rail: 2}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: [rail1, rail2]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.fabric import network
from rackcheck.rules.engine import RuleContext, rule

SHOWN = 4


@rule("NET006", name="rail-alignment", severity=Severity.WARNING)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for fab in network.fabrics(g):
        bad = network.misaligned(g, fab)
        if not bad:
            continue
        shown = ", ".join(
            f"{dev} NIC {port + 1} -> {leaf} (rail {rail + 1})"
            for dev, port, leaf, rail in bad[:SHOWN]
        )
        more = f" and {len(bad) - SHOWN} more" if len(bad) > SHOWN else ""
        sub = ("links",) if fab.spec.links else ("generate",)
        yield ctx.finding(
            fab,
            f"fabric {fab.name}: {len(bad)} NIC port(s) off their rail: {shown}{more}",
            *sub,
            key=True,
        )
