"""A link runs at the speed of its slower end: ends that differ are flagged.

Two ends agree when they share a speed: natively, or through a breakout the switch
lists (a 400G NIC on an 800G SN5600 port split 2 x 400G agrees). Otherwise the link runs
at the slower end's speed and the faster port's bandwidth is lost: a 400G DGX storage
port on a 100G SN4600C runs at 100 Gbit/s. A `speed:` stated on a link that neither end
runs at is flagged too. Capacities everywhere else (oversubscription, bisection) use the
speed the link really runs at.

**Fails**

```yaml
rackcheck: 1
name: 400G storage ports on a 100G switch
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: storage
    role: storage
    switches:
      - {name: st-leaf1, model: sn4600c}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: st-leaf1, count: 2}
```

**Passes**

```yaml
rackcheck: 1
name: 400G storage ports on an SN5600 (800G ports split 2 x 400G)
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: storage
    role: storage
    switches:
      - {name: st-leaf1, model: sn5600}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: st-leaf1, count: 2}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.fabric import network
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("NET002", name="link-speed", severity=Severity.WARNING)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for fab in network.fabrics(g):
        wanted = [s for s in fab.specs if s.mismatch]
        for spec, edges in network.link_groups(g, fab, wanted).items():
            links = sum(n for _, _, n, _ in edges)
            u, v, _, speed = edges[0]
            a, b = (q(x / 1000, "Gbit/s") for x in spec.ends)
            runs = q(speed / 1000, "Gbit/s")
            stated = ""
            if spec.stated is not None:
                stated = (
                    f"; stated {q(spec.stated / 1000, 'Gbit/s'):.4g~P} is not a speed "
                )
                stated += "both ends run at"
            yield ctx.finding(
                None,
                f"fabric {fab.name} {spec.label}: {links} link(s) such as "
                f"{network.end_name(g, u)} - {network.end_name(g, v)} run at "
                f"{runs:.4g~P}, the slower end ({a:.4g~P} vs {b:.4g~P}, no common or "
                f"breakout "
                f"speed){stated}",
                *spec.path,
            )
