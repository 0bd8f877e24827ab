"""Each GPU node's storage NICs carry the single-node read and write it needs.

A node's storage bandwidth = its `role: storage` ports' line rate x
`storage.protocol_efficiency` (0.9 by default: RDMA/NFS/Lustre framing and protocol
overhead), converted from bits to bytes: 2 x 400 Gbit/s = 100 GB/s line rate, 90 GB/s
usable. Needed = `workload.read_per_node` / `write_per_node`, or the tier's single-node
figure scaled by the node's GPUs: NVIDIA's guideline is per 8-GPU DGX ("best" = 40 GB/s
read), so a 4-GPU GB200 compute tray needs 20 GB/s.

**Fails**

```yaml
rackcheck: 1
name: 120 GB/s per node over two 400G storage ports
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
workload:
  read_per_node: "120 GB/s"
```

**Passes**

```yaml
rackcheck: 1
name: the "best" tier, 40 GB/s per node
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
workload:
  storage_tier: best
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import storage
from rackcheck.rules.engine import RuleContext, rule


@rule("STO002", name="node-storage-bandwidth", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    need = storage.requirement(g)
    if need is None:
        return
    eff = storage.efficiency(g)
    seen: set[str] = set()
    for dev, spec, _ in storage.gpu_nodes(g):
        if spec.id in seen:
            continue
        seen.add(spec.id)
        line = storage.node_line_rate(spec)
        usable = (line * eff).to("GB/s")
        ports = [p for p in spec.ports if p.role == "storage"]
        shown = (
            " + ".join(f"{p.count} x {p.speed:~P}" for p in ports) or "no storage ports"
        )
        read, write = need.for_node(storage.gpus_of(spec))
        for what, wanted in (("read", read), ("write", write)):
            if wanted is not None and usable < wanted:
                yield ctx.finding(
                    dev,
                    f"{spec.id} storage NICs give {shown} = {line.to('GB/s'):.1f~P} line "
                    f"rate, {usable:.1f~P} at {eff:.0%} protocol efficiency < "
                    f"{wanted:.1f~P} single-node {what} needed ({need.basis})",
                    "model",
                )
