"""Every leaf has the same number of links to every spine (balanced ECMP).

Equal-cost multipath spreads flows evenly over a switch's uplinks; when one leaf-spine
pair has more links than another, the pairs with fewer saturate first and the fabric
delivers less than its link count promises. Within each connected group of a tier and
the tier above (a pod's leaves and spines; a core plane's spines and cores), every pair
must have the same number of links, a missing pair counting 0. The finding names the
uneven pairs and the usual count.

**Fails**

```yaml
rackcheck: 1
name: leaf2 sends all 16 uplinks to spine1
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: "leaf{1..2}", model: qm9700}
      - {name: "spine{1..2}", model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: "leaf{1..2}", count: 4}
      - {from: leaf1, to: "spine{1..2}", count: 8}
      - {from: leaf2, to: spine1, count: 16}
```

**Passes**

```yaml
rackcheck: 1
name: every leaf-spine pair has 8 links
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: "leaf{1..2}", model: qm9700}
      - {name: "spine{1..2}", model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: "leaf{1..2}", count: 4}
      - {from: "leaf{1..2}", to: "spine{1..2}", count: 8}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.fabric import network
from rackcheck.graph.fabric.nodes import TIER_NAME
from rackcheck.rules.engine import RuleContext, rule

SHOWN = 8  # uneven pairs named in one finding


@rule("NET005", name="ecmp-balance", severity=Severity.WARNING)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for fab in network.fabrics(g):
        sub = ("links",) if fab.spec.links else ("generate",)
        for lower, usual, bad in network.uneven_pairs(g, fab):
            pair = f"{TIER_NAME[lower]}-{TIER_NAME[lower + 1]}"
            more = f" and {len(bad) - SHOWN} more" if len(bad) > SHOWN else ""
            yield ctx.finding(
                fab,
                f"fabric {fab.name}: uneven {pair} links ({usual} per pair usual): "
                f"{', '.join(bad[:SHOWN])}{more}",
                *sub,
                key=True,
            )
