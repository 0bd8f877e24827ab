"""An air-gapped site is joined to another site by a network link.

A site marked `air_gapped` has no network path to the outside: data reaches it on
carried media, not over a link. A `links:` entry that joins it to another site, or a
flow that would run over such a link, contradicts the air gap. Remove the link, or
drop `air_gapped` and say which vendor services the site forbids (`forbid_services`).

**Fails**

```yaml
rackcheck: 1
name: an air-gapped vault with a wave to the cloud
sites:
  - {name: vault, country: DE, air_gapped: true}
  - {name: cloud-fra, country: DE, operator: cloud-region, provider: gcp}
links:
  - {name: vault-cloud, between: [vault, cloud-fra], bandwidth: "100 Gbit/s"}
```

**Passes**

```yaml
rackcheck: 1
name: a hall with no vendor access and a wave to the cloud
sites:
  - {name: hall, country: DE, forbid_services: [cloud-management, remote-support]}
  - {name: cloud-fra, country: DE, operator: cloud-region, provider: gcp}
links:
  - {name: hall-cloud, between: [hall, cloud-fra], bandwidth: "100 Gbit/s"}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.sites import exemption, sites
from rackcheck.rules.engine import RuleContext, rule


@rule("SOV006", name="air-gap-link", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    table = sites(ctx.graph)
    for i, link in enumerate(ctx.graph.design.links):
        for j, name in enumerate(link.between):
            site = table.get(name)
            if site is None or not site.air_gapped:
                continue
            if exemption(ctx.graph, "SOV006", name, None) is not None:
                continue
            other = link.between[1 - j]
            yield ctx.finding(
                None,
                f"link {link.name} joins air-gapped site {name} to {other}",
                "links",
                i,
                "between",
                j,
            )
