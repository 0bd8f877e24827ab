"""A workload reads data across a jurisdiction boundary.

A workload in `used_by` at a site whose country holds no copy of data that has a
residency policy reads it from another country: even where both countries are allowed
(SOV002 is quiet), the transfer crosses a border and falls under two jurisdictions'
access rules. Data without a `residency` policy is not checked. A warning by default;
keep a copy in the workload's country, or state the accepted exception in
`policy.exemptions` with its reason.

**Fails**

```yaml
rackcheck: 1
name: Paris trains on data kept in Frankfurt
sites:
  - {name: paris, country: FR}
  - {name: frankfurt, country: DE}
datasets:
  - name: claims
    size: "500 TB"
    residency: {allowed: [EU]}
    stored_at: {site: frankfurt}
    used_by: [{workload: train, site: paris}]
```

**Passes**

```yaml
rackcheck: 1
name: Paris trains on its own replica
sites:
  - {name: paris, country: FR}
  - {name: frankfurt, country: DE}
datasets:
  - name: claims
    size: "500 TB"
    residency: {allowed: [EU]}
    stored_at: {site: frankfurt}
    replicas: [{site: paris}]
    used_by: [{workload: train, site: paris}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.sites import assets, exemption, sites
from rackcheck.rules.engine import RuleContext, rule


@rule("SOV003", name="cross-border-read", severity=Severity.WARNING)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    table = sites(ctx.graph)
    for a in assets(ctx.graph):
        if a.allowed is None:
            continue
        held = {table[c.site].country: c.site for c in a.copies if c.site in table}
        for u in a.uses:
            site = table.get(u.site)
            if site is None or site.country in held:
                continue
            if exemption(ctx.graph, "SOV003", a.name, u.site) is not None:
                continue
            src = ", ".join(f"{s} ({c})" for c, s in sorted(held.items()))
            yield ctx.finding(
                None,
                f"workload {u.workload} at {u.site} ({site.country}) reads {a.kind} "
                f"{a.name} from {src}: across a jurisdiction boundary",
                *u.path,
                "site",
            )
