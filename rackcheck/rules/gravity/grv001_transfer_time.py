"""A cross-site data flow takes longer than the design allows.

Transfer time = size / (link bandwidth x link efficiency): 2 PB over 100 Gbit/s at
line rate (efficiency 1.0) is 2e15 x 8 bit / 1e11 bit/s = 160,000 s = 1.85 days; at
0.8 it is 2.31 days. The limit is the flow's `max_time`, else
`policy.max_transfer_time`. Flows are the design's `flows:` and one per dataset or
model used at a site without a copy (see `metrics.flows` for every figure).

**Fails**

```yaml
rackcheck: 1
name: 2 PB to London over one 100G wave
sites:
  - {name: london, country: GB}
  - {name: dublin, country: IE}
links:
  - {name: lon-dub, between: [london, dublin], bandwidth: "100 Gbit/s", efficiency: 0.8}
policy:
  max_transfer_time: "24 h"
datasets:
  - name: corpus
    size: "2 PB"
    stored_at: {site: dublin}
    used_by: [{workload: pretrain, site: london}]
```

**Passes**

```yaml
rackcheck: 1
name: 2 PB to London over four 400G waves
sites:
  - {name: london, country: GB}
  - {name: dublin, country: IE}
links:
  - {name: lon-dub, between: [london, dublin], bandwidth: "1600 Gbit/s", efficiency: 0.8}
policy:
  max_transfer_time: "24 h"
datasets:
  - name: corpus
    size: "2 PB"
    stored_at: {site: dublin}
    used_by: [{workload: pretrain, site: london}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.gravity import flows
from rackcheck.graph.sites import exemption
from rackcheck.rules.engine import RuleContext, rule


def size(q: object) -> str:
    """'2 PB', '50 TB', '1.12 TB'."""
    tb = float(q.to("TB").magnitude)  # type: ignore[attr-defined]
    return f"{tb / 1000:.4g} PB" if tb >= 1000 else f"{tb:.4g} TB"


def duration(q: object) -> str:
    """A time as hours below two days, days above: '38.5 h', '2.31 days'."""
    s = float(q.to("s").magnitude)  # type: ignore[attr-defined]
    return f"{s / 3600:.1f} h" if s < 2 * 86400 else f"{s / 86400:.2f} days"


@rule("GRV001", name="transfer-time", severity=Severity.WARNING)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    for f in flows(ctx.graph):
        took, link = f.time, f.link  # a time only with a link
        if took is None or link is None or f.limit is None or took <= f.limit:
            continue
        if exemption(ctx.graph, "GRV001", f.name, None) is not None:
            continue
        yield ctx.finding(
            None,
            f"flow {f.name} moves {size(f.size)} from {f.src} to {f.dst} in "
            f"{duration(took)} over link {link.name} ({link.bandwidth:.4g~P} at "
            f"{f.efficiency:.0%} efficiency) > {duration(f.limit)} allowed",
            *f.path,
        )
