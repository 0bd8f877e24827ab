"""A flow leaves a public cloud and its egress cannot be priced.

Egress from a `cloud-region` site is priced from the dated tier tables in
rackcheck/reference/egress-prices.yaml (currency and source given). Where the site's
`provider` has no table, or the table stops short of the flow's volume, the cost is
left out rather than guessed: this note says so (the figure is `null` in
`metrics.flows`).

**Fails**

```yaml
rackcheck: 1
name: 2 PB out of a cloud region with no price data
sites:
  - {name: lab, country: DE}
  - {name: cloud-fra, country: DE, operator: cloud-region, provider: azure}
links:
  - {name: lab-fra, between: [lab, cloud-fra], bandwidth: "100 Gbit/s"}
datasets:
  - name: corpus
    size: "2 PB"
    stored_at: {site: cloud-fra}
    used_by: [{workload: pretrain, site: lab}]
```

**Passes**

```yaml
rackcheck: 1
name: 2 PB out of a cloud region with a full tier table
sites:
  - {name: lab, country: DE}
  - {name: cloud-fra, country: DE, operator: cloud-region, provider: gcp}
links:
  - {name: lab-fra, between: [lab, cloud-fra], bandwidth: "100 Gbit/s"}
datasets:
  - name: corpus
    size: "2 PB"
    stored_at: {site: cloud-fra}
    used_by: [{workload: pretrain, site: lab}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.gravity import egress, flows
from rackcheck.graph.sites import sites
from rackcheck.rules.engine import RuleContext, rule


@rule("GRV003", name="egress-not-priced", severity=Severity.NOTE)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    table = sites(ctx.graph)
    for f in flows(ctx.graph):
        site = table.get(f.src)
        if site is None or site.operator != "cloud-region":
            continue
        cost = egress(ctx.graph, f)
        if cost.amount is None:
            yield ctx.finding(
                None, f"egress of flow {f.name} from {f.src}: {cost.note}", *f.path
            )
