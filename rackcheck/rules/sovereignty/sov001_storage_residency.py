"""A dataset or model is stored or replicated only where its residency policy allows.

`residency.allowed` lists countries (ISO 3166-1 alpha-2) and location groups (`EU`,
`EEA`: membership as of the date in rackcheck/reference/location-groups.yaml). Every
copy - `stored_at` and each of `replicas` - must stand at a site whose `country` is in
one of them. An accepted exception goes in `policy.exemptions` with its reason.

**Fails**

```yaml
rackcheck: 1
name: EU-only claims data kept in London
sites:
  - {name: london, country: GB, operator: colocation}
  - {name: frankfurt, country: DE}
datasets:
  - name: claims
    size: "2 PB"
    residency: {allowed: [EU]}
    stored_at: {site: frankfurt}
    replicas: [{site: london}]
```

**Passes**

```yaml
rackcheck: 1
name: EU-only claims data kept in Frankfurt and Paris
sites:
  - {name: paris, country: FR, operator: colocation}
  - {name: frankfurt, country: DE}
datasets:
  - name: claims
    size: "2 PB"
    residency: {allowed: [EU]}
    stored_at: {site: frankfurt}
    replicas: [{site: paris}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.sites import assets, exemption, sites
from rackcheck.rules.engine import RuleContext, rule


@rule("SOV001", name="storage-residency", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    table = sites(ctx.graph)
    for a in assets(ctx.graph):
        if a.allowed is None:
            continue
        for c in a.copies:
            site = table.get(c.site)
            if site is None or site.country in a.allowed:
                continue
            if exemption(ctx.graph, "SOV001", a.name, c.site) is not None:
                continue
            what = "stored" if c.role == "stored" else "replicated"
            yield ctx.finding(
                None,
                f"{a.kind} {a.name} is {what} at {c.site} ({site.country}), outside "
                f"its allowed locations ({a.policy_text})",
                *c.path,
            )
