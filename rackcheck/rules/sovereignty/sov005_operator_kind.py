"""A dataset or model sits with an operator kind its policy does not allow.

`residency.operators` lists the operator kinds the data may be with: `own` (your own
facility), `colocation`, `cloud-region` (a public cloud's region). Every copy and
every site that processes the data must be run by one of them; a policy that keeps
data out of public clouds lists `[own, colocation]`.

**Fails**

```yaml
rackcheck: 1
name: own-facility-only data replicated to a cloud region
sites:
  - {name: leeds, country: GB}
  - {name: cloud-lon, country: GB, operator: cloud-region, provider: aws}
datasets:
  - name: ledger
    size: "80 TB"
    residency: {allowed: [GB], operators: [own]}
    stored_at: {site: leeds}
    replicas: [{site: cloud-lon}]
```

**Passes**

```yaml
rackcheck: 1
name: own-facility-only data replicated to a second own site
sites:
  - {name: leeds, country: GB}
  - {name: york, country: GB}
datasets:
  - name: ledger
    size: "80 TB"
    residency: {allowed: [GB], operators: [own]}
    stored_at: {site: leeds}
    replicas: [{site: york}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.sites import assets, exemption, sites
from rackcheck.rules.engine import RuleContext, rule


@rule("SOV005", name="operator-kind", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    table = sites(ctx.graph)
    for a in assets(ctx.graph):
        if a.operators is None:
            continue
        places = [(c.site, c.path, "holds") for c in a.copies]
        places += [(u.site, (*u.path, "site"), "processes") for u in a.uses]
        for name, path, verb in places:
            site = table.get(name)
            if site is None or site.operator in a.operators:
                continue
            if exemption(ctx.graph, "SOV005", a.name, name) is not None:
                continue
            yield ctx.finding(
                None,
                f"{site.operator} site {name} {verb} {a.kind} {a.name}, whose policy "
                f"allows only {', '.join(sorted(a.operators))}",
                *path,
            )
