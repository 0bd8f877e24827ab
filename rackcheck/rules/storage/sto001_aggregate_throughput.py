"""The storage systems' read and write throughput meet the workload's aggregate need.

Delivered = the sum of the `read` / `write` (GB/s) of every storage device in the
racks (or the design's `assume:` figures). Needed = `workload.aggregate_read` /
`aggregate_write`, or the `storage_tier` preset interpolated for the design's GPUs / 8:
NVIDIA's guideline is per DGX of 8 GPUs (DGX SuperPOD H100 RA, Table 6: e.g. "better" =
40 GB/s read per SU of 32 DGX, 160 GB/s for 4 SUs), so a GB200 NVL72 rack (18 trays of
4 GPUs) counts as 9 DGX, not 18. Skipped when a system's figure is not published.

The message says how the figures were obtained: *measured* (a published benchmark such
as MLPerf Storage, whose "MB/s" are MiB/s), *rated* (the maker's datasheet), or the
design's `assume:` figures: the catalog entry's `basis:`.

**Fails**

```yaml
rackcheck: 1
name: one appliance for 128 nodes at "better"
racks:
  - name: "c{001..128}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo, count: 1}
workload:
  storage_tier: better
```

**Passes**

```yaml
rackcheck: 1
name: two appliances for 128 nodes at "better"
racks:
  - name: "c{001..128}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo, count: 2}
workload:
  storage_tier: better
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import storage
from rackcheck.rules.engine import RuleContext, rule


@rule("STO001", name="aggregate-throughput", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    need = storage.requirement(g)
    if need is None:
        return
    n = len(storage.storage_systems(g))
    for what, wanted in (("read", need.read_total), ("write", need.write_total)):
        have = storage.aggregate(g, what)
        if wanted is None or have is None or have >= wanted:
            continue
        yield ctx.finding(
            None,
            f"storage delivers {have:.1f~P} aggregate {what} ({n} system(s), "
            f"{have.to('Gbit/s'):.0f~P}; {storage.figure_basis(g, what)}) < "
            f"{wanted:.1f~P} needed ({need.basis})",
            "workload",
        )
