"""The storage holds the dataset plus the retained checkpoints.

Needed = `workload.dataset` + `checkpoint.retained` x checkpoint size. Available = the
sum of the storage systems' `capacity` (usable where the catalog says so; a raw figure is
named in the message, since RAID/erasure coding and spares take their share).

**Fails**

```yaml
rackcheck: 1
name: a 300 TB dataset on one 249 TiB appliance
racks:
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo}
workload:
  dataset: "300 TB"
```

**Passes**

```yaml
rackcheck: 1
name: a 100 TB dataset and three 19.2 TB checkpoints on two appliances
racks:
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo, count: 2}
workload:
  dataset: "100 TB"
  checkpoint: {size: "19.2 TB", retained: 3}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import storage
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("STO006", name="storage-capacity", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    w = g.design.workload
    if w is None:
        return
    have = storage.capacity(g)
    if have is None:
        return
    need = w.dataset.to("TB") if w.dataset is not None else q(0.0, "TB")
    ck = storage.checkpoint_size(g)
    retained = w.checkpoint.retained if w.checkpoint is not None else 0
    if ck is not None:
        need = need + ck * retained
    if need > have:
        raw = [d.spec.id for d in storage.storage_systems(g)
               if getattr(d.spec, "capacity_basis", None) == "raw"]  # fmt: skip
        basis = " (raw capacity: " + ", ".join(sorted(set(raw))) + ")" if raw else ""
        yield ctx.finding(
            None,
            f"storage holds {have:.1f~P}{basis} < {need:.1f~P} needed for the dataset "
            f"and {retained} checkpoint(s)",
            "workload",
        )
