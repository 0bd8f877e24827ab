"""The storage fabric carries the aggregate throughput from the storage to the GPU nodes.

Path capacity = max-flow from every storage system's fabric ports to every GPU node's,
over the fabric named in `storage.fabric` (switch-to-switch links collapsed into one
capacity per pair; Dinic's max-flow, exact), times `storage.protocol_efficiency`.
It is compared with the aggregate read and write the workload needs, so a storage leaf
with too few uplinks is found even when the appliances themselves are fast enough.

Every GPU node must reach the storage: a node (a server, or a rack system's compute
tray) with no link in the storage fabric, or no path from it to a storage system, is
named; so is a node whose own max-flow from the storage (times the efficiency) is below
its share of the aggregate need (its GPUs over all GPUs, the larger of read and write).

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
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.graph import storage, storage_path
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.storage import Need

SHOWN = 8  # nodes named in one finding


@rule("STO003", name="storage-fabric-path", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    need = storage.requirement(g)
    section = g.design.storage
    if need is None or section is None or section.fabric is None:
        return
    yield from _aggregate(ctx, need, section.fabric)
    yield from _per_node(ctx, need, section.fabric)


def _aggregate(ctx: RuleContext[object], need: Need, fabric: str) -> Iterator[Finding]:
    g = ctx.graph
    mbps = storage_path.max_flow_mbps(g, fabric)
    path = storage.path_capacity(g)
    if mbps is None or path is None:
        return
    line = q(mbps / 1000.0, "Gbit/s")
    for what, wanted in (("read", need.read_total), ("write", need.write_total)):
        if wanted is not None and path < wanted:
            yield ctx.finding(
                None,
                f"storage fabric {fabric!r} carries {line:.0f~P} = "
                f"{line.to('GB/s'):.1f~P} line rate from the storage to the GPU nodes, "
                f"{path:.1f~P} at {storage.efficiency(g):.0%} protocol efficiency < "
                f"{wanted:.1f~P} aggregate {what} needed ({need.basis})",
                "storage",
                "fabric",
            )
            return


def _per_node(ctx: RuleContext[object], need: Need, fabric: str) -> Iterator[Finding]:
    """GPU nodes with no path to the storage, or a path below their share of the
    aggregate need (their GPUs' share of all GPUs)."""
    g = ctx.graph
    nodes = storage_path.node_paths(g, fabric)
    gpus = sum(n for _, n, _ in nodes) or 1
    eff = storage.efficiency(g)
    wanted = [w for w in (need.read_total, need.write_total) if w is not None]
    most = max(wanted, key=lambda w: w.to("GB/s").magnitude) if wanted else None
    none = [name for name, _, v in nodes if v is None]
    if none:
        more = f" and {len(none) - SHOWN} more" if len(none) > SHOWN else ""
        yield ctx.finding(
            None,
            f"storage fabric {fabric!r}: {len(none)} GPU node(s) have no path to the "
            f"storage: {', '.join(none[:SHOWN])}{more}",
            "storage",
            "fabric",
        )
    if most is None:
        return
    low = []
    for name, n, v in nodes:
        if v is None:
            continue
        have = q(v / 8000.0 * eff, "GB/s")
        share = (most * n / gpus).to("GB/s")
        if have < share * (1 - 1e-9):
            low.append(f"{name} {have:.1f~P} < {share:.1f~P}")
    if low:
        more = f" and {len(low) - SHOWN} more" if len(low) > SHOWN else ""
        yield ctx.finding(
            None,
            f"storage fabric {fabric!r}: {len(low)} GPU node(s) reach the storage "
            f"below their share of the {most:.1f~P} aggregate need ({need.basis}), "
            f"at {eff:.0%} protocol efficiency: {'; '.join(low[:SHOWN])}{more}",
            "storage",
            "fabric",
        )
