"""A checkpoint is written within the longest acceptable time.

Write time = checkpoint size / min(aggregate storage write, storage path capacity, the
GPU nodes' storage NICs). The size is `checkpoint.size`, or `parameters x
bytes_per_parameter` (about 2 B per parameter for bf16 weights only; 14-16 B with
mixed-precision Adam optimizer state). Training stops while a synchronous checkpoint is
written, so the limit is `checkpoint.max_write_time`.

**Fails**

```yaml
rackcheck: 1
name: a 405B-parameter checkpoint through one appliance
racks:
  - name: "c{01..32}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo}
workload:
  checkpoint:
    parameters: 405e9
    bytes_per_parameter: 16
    max_write_time: "60 s"
```

**Passes**

```yaml
rackcheck: 1
name: the same checkpoint with five minutes allowed
racks:
  - name: "c{01..32}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo}
workload:
  checkpoint:
    parameters: 405e9
    bytes_per_parameter: 16
    max_write_time: "5 min"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import storage
from rackcheck.rules.engine import RuleContext, rule


@rule("STO004", name="checkpoint-write-time", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    w = g.design.workload
    ck = w.checkpoint if w is not None else None
    if ck is None or ck.max_write_time is None:
        return
    result = storage.checkpoint_time(g)
    if result is None:
        return
    seconds, rate, binding = result
    if seconds > ck.max_write_time:
        size = storage.checkpoint_size(g)
        yield ctx.finding(
            None,
            f"checkpoint of {size:.2f~P} takes {seconds.to('s'):.0f~P} at "
            f"{rate:.1f~P} ({binding}) > {ck.max_write_time:.4g~P} allowed",
            "workload",
            "checkpoint",
            "max_write_time",
        )
