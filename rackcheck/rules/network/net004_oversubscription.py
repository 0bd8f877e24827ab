"""Each tier's oversubscription stays within the fabric's target.

A switch's oversubscription is the capacity of its down links (to endpoints or the tier
below) over the capacity of its up links (to the tier above), at the speeds the links
really run at. Each tier is held to `oversubscription:` (one ratio for every tier, or
`{leaf: "1:1", spine: "7:1"}`); ratios read either way round: "1:7" = "7:1" = down is
seven times up. The finding names the tier's worst switch and the whole tier's ratio
(its down capacity over its up capacity). A leaf with endpoints and no uplink, in a
fabric of more than one switch, is infinitely oversubscribed (`1:0`): its endpoints
reach nothing beyond it; so is a spine with no uplink when the fabric has cores. A
lone switch needs no uplink. Generated fabrics are built
to their target, so this rule mostly guards explicit fabrics and hand edits. Tiers are
the switches' `tier:`, else inferred: leaf (endpoints attach), spine, core.

**Fails**

```yaml
rackcheck: 1
name: 32 x 400G down and 8 x 400G up on a leaf held to 1:1
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    oversubscription: "1:1"
    switches:
      - {name: leaf1, model: qm9700}
      - {name: spine1, model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: leaf1, count: 8}
      - {from: leaf1, to: spine1, count: 8}
```

**Passes**

```yaml
rackcheck: 1
name: the same leaf held to 4:1
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    oversubscription: "4:1"
    switches:
      - {name: leaf1, model: qm9700}
      - {name: spine1, model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: leaf1, count: 8}
      - {from: leaf1, to: spine1, count: 8}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.fabric import network
from rackcheck.graph.fabric.nodes import TIER_NAME
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("NET004", name="oversubscription", severity=Severity.WARNING)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    fabrics = network.fabrics(g)
    if not fabrics:
        return
    from rackcheck.model.fabric import tier_ratios  # loaded with the fabrics section

    for fab in fabrics:
        targets = tier_ratios(fab.spec.oversubscription)
        for load in network.tier_loads(g, fab):
            name = TIER_NAME[load.tier]
            target = targets[name]
            if target is None or load.worst_ratio <= target * (1 + 1e-9):
                continue
            down, up = q(load.down / 1e6, "Tbit/s"), q(load.up / 1e6, "Tbit/s")
            overall = load.down / load.up if load.up else float("inf")
            sub: tuple[str, ...] = ("oversubscription",)
            if not isinstance(fab.spec.oversubscription, str):
                sub = ("oversubscription", name)
            yield ctx.finding(
                fab,
                f"fabric {fab.name}: {name} tier oversubscribed "
                f"{network.ratio_text(overall)} (down {down:.3g~P}, up {up:.3g~P}); "
                f"worst {load.worst} {network.ratio_text(load.worst_ratio)} > target "
                f"{network.ratio_text(target)}",
                *sub,
            )
