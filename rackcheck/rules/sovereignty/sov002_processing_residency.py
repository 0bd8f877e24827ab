"""A dataset or model is processed only where its residency policy allows.

A workload in `used_by` runs at a site; the data it reads is processed there, so that
site's country must be in the data's `residency.allowed` (countries and groups), as
for storage (SOV001). A copy streamed to a GPU in another country is still processed
in that country.

**Fails**

```yaml
rackcheck: 1
name: EU-only data fine-tuned in London
sites:
  - {name: london, country: GB}
  - {name: frankfurt, country: DE}
datasets:
  - name: patient-notes
    size: "40 TB"
    residency: {allowed: [EU]}
    stored_at: {site: frankfurt}
    used_by: [{workload: fine-tune, site: london}]
```

**Passes**

```yaml
rackcheck: 1
name: EU-only data fine-tuned in Frankfurt
sites:
  - {name: london, country: GB}
  - {name: frankfurt, country: DE}
datasets:
  - name: patient-notes
    size: "40 TB"
    residency: {allowed: [EU]}
    stored_at: {site: frankfurt}
    used_by: [{workload: fine-tune, site: frankfurt}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.sites import assets, exemption, sites
from rackcheck.rules.engine import RuleContext, rule


@rule("SOV002", name="processing-residency", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    table = sites(ctx.graph)
    for a in assets(ctx.graph):
        if a.allowed is None:
            continue
        for u in a.uses:
            site = table.get(u.site)
            if site is None or site.country in a.allowed:
                continue
            if exemption(ctx.graph, "SOV002", a.name, u.site) is not None:
                continue
            yield ctx.finding(
                None,
                f"workload {u.workload} processes {a.kind} {a.name} at {u.site} "
                f"({site.country}), outside its allowed locations ({a.policy_text})",
                *u.path,
                "site",
            )
