"""Every switch has the ports its links take, and every device the NIC ports.

A switch's ports are counted as the catalog sells them (QM9700: 64 x 400G on 32 OSFP
cages). A link slower than the port, at a speed the switch lists under `breakout`,
shares a port: one 800G port carries two 400G links, so 128 x 400G links fit 64 x 800G
ports. A link at a speed the switch can neither run nor break out to takes a whole port
(NET002 flags the speed). Ports needed = whole-speed links + ceil(breakout links /
links per port), per port group, against the group's count. A device gives as many
links as it has ports of the fabric's role (`role: compute` takes a DGX H100's eight
400G compute ports).

**Fails**

```yaml
rackcheck: 1
name: a QM9700 leaf with 32 node links and 40 uplinks (72 > 64 ports)
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: leaf1, model: qm9700}
      - {name: spine1, model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: leaf1, count: 8}
      - {from: leaf1, to: spine1, count: 40}
```

**Passes**

```yaml
rackcheck: 1
name: a QM9700 leaf with 32 node links and 32 uplinks
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: leaf1, model: qm9700}
      - {name: spine1, model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: leaf1, count: 8}
      - {from: leaf1, to: spine1, count: 32}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.fabric import network
from rackcheck.rules.engine import RuleContext, rule


@rule("NET001", name="port-budget", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for fab in network.fabrics(g):
        for use in network.port_budget(g, fab):
            if use.need <= use.have:
                continue
            sw, port = use.switch, use.switch.spec.ports[use.group]
            sub = () if sw.path[-1] == "switch" else ("model",)  # generated: the switch
            yield ctx.finding(
                sw,
                f"fabric {fab.name}: switch {sw.name} ({sw.spec.id}) needs {use.need} "
                f"ports for {use.detail} but has {use.have} x {port.speed:.4g~P}",
                *sub,
            )
        for dev, taken, have in network.nic_overuse(g, fab):
            yield ctx.finding(
                dev,
                f"fabric {fab.name}: {dev.name} has {have} {fab.spec.role} ports; its "
                f"links take {taken}",
                "model",
            )
