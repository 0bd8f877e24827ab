"""Checkpoint overhead stays small, and the interval is near the Young/Daly optimum.

Overhead = write time / `checkpoint.interval`: the share of time training is stopped for
checkpoints. With `checkpoint.mtbf` (the cluster's mean time between failures) the
first-order optimum interval is sqrt(2 x C x MTBF) (Young 1974, Daly 2006), where C is the
write time; an interval more than 2x away from it wastes either checkpoint time or
recomputation after failures.

Options: `max_overhead` (0.1 = 10 %), `optimum_ratio` (2.0).

**Fails**

```yaml
rackcheck: 1
name: a 4-minute checkpoint every 20 minutes
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
    size: "19.2 TB"
    interval: "20 min"
```

**Passes**

```yaml
rackcheck: 1
name: the same checkpoint every hour with an 8-hour MTBF (optimum 62 min)
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
    size: "19.2 TB"
    interval: "1 h"
    mtbf: "8 h"
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rackcheck.findings import Finding, Severity
from rackcheck.graph import storage
from rackcheck.rules.engine import RuleContext, rule


@dataclass(frozen=True)
class Options:
    max_overhead: float = 0.1
    optimum_ratio: float = 2.0


@rule("STO005", name="checkpoint-interval", severity=Severity.WARNING, options=Options)
def check(ctx: RuleContext[Options]) -> Iterator[Finding]:
    g = ctx.graph
    w = g.design.workload
    ck = w.checkpoint if w is not None else None
    if ck is None or ck.interval is None:
        return
    result = storage.checkpoint_time(g)
    if result is None:
        return
    seconds = result[0]
    overhead = (seconds / ck.interval).to("").magnitude
    best = storage.young_daly(seconds, ck.mtbf) if ck.mtbf is not None else None
    hint = (
        f"; Young/Daly optimum sqrt(2 C MTBF) = {best.to('min'):.0f~P}" if best else ""
    )
    if overhead > ctx.options.max_overhead:
        yield ctx.finding(
            None,
            f"checkpoints take {seconds.to('s'):.0f~P} every {ck.interval:.4g~P}: "
            f"{overhead:.0%} of training time > {ctx.options.max_overhead:.0%}{hint}",
            "workload", "checkpoint", "interval",
        )  # fmt: skip
    elif best is not None:
        ratio = (ck.interval / best).to("").magnitude
        r = ctx.options.optimum_ratio
        if ratio > r or ratio < 1 / r:
            yield ctx.finding(
                None,
                f"checkpoint interval {ck.interval:.4g~P} is {ratio:.1f}x the Young/Daly "
                f"optimum {best.to('min'):.0f~P} (C = {seconds.to('s'):.0f~P}, "
                f"MTBF = {ck.mtbf:.4g~P})",
                "workload", "checkpoint", "interval",
            )  # fmt: skip
