"""The storage fabric carries the aggregate throughput from the storage to the GPU nodes.

Path capacity = max-flow from every storage system's fabric ports to every GPU node's,
over the fabric named in `storage.fabric` (switch-to-switch links collapsed into one
capacity per pair; scipy's compiled Dinic max-flow), times `storage.protocol_efficiency`.
It is compared with the aggregate read and write the workload needs, so a storage leaf
with too few uplinks is found even when the appliances themselves are fast enough.

**Fails**

```yaml
rackcheck: 1
name: a fast appliance behind one 400G uplink
racks:
  - name: "c{01..08}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo, position: 20}
fabrics:
  - name: storage
    role: storage
    switches:
      - {name: "leaf{1..3}", model: qm9700, tier: leaf}
      - {name: spine1, model: qm9700, tier: spine}
    links:
      - {from: {racks: ["c{01..04}"]}, to: leaf1}
      - {from: {racks: ["c{05..08}"]}, to: leaf2}
      - {from: s01/ddn-ai400x2-turbo, to: leaf3, count: 8, speed: "200 Gbit/s"}
      - {from: "leaf{1..3}", to: spine1, count: 1}
storage:
  fabric: storage
workload:
  aggregate_read: "60 GB/s"
  aggregate_write: "40 GB/s"
```

**Passes**

```yaml
rackcheck: 1
name: the same appliance behind four 400G uplinks
racks:
  - name: "c{01..08}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo, position: 20}
fabrics:
  - name: storage
    role: storage
    switches:
      - {name: "leaf{1..3}", model: qm9700, tier: leaf}
      - {name: spine1, model: qm9700, tier: spine}
    links:
      - {from: {racks: ["c{01..04}"]}, to: leaf1}
      - {from: {racks: ["c{05..08}"]}, to: leaf2}
      - {from: s01/ddn-ai400x2-turbo, to: leaf3, count: 8, speed: "200 Gbit/s"}
      - {from: "leaf{1..3}", to: spine1, count: 4}
storage:
  fabric: storage
workload:
  aggregate_read: "60 GB/s"
  aggregate_write: "40 GB/s"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import storage, storage_path
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("STO003", name="storage-fabric-path", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    need = storage.requirement(g)
    section = g.design.storage
    if need is None or section is None or section.fabric is None:
        return
    mbps = storage_path.max_flow_mbps(g, section.fabric)
    path = storage.path_capacity(g)
    if mbps is None or path is None:
        return
    line = q(mbps / 1000.0, "Gbit/s")
    for what, wanted in (("read", need.read_total), ("write", need.write_total)):
        if wanted is not None and path < wanted:
            yield ctx.finding(
                None,
                f"storage fabric {section.fabric!r} carries {line:.0f~P} = "
                f"{line.to('GB/s'):.1f~P} line rate from the storage to the GPU nodes, "
                f"{path:.1f~P} at {storage.efficiency(g):.0%} protocol efficiency < "
                f"{wanted:.1f~P} aggregate {what} needed ({need.basis})",
                "storage",
                "fabric",
            )
            return
