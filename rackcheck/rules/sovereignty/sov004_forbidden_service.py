"""A device needs a vendor service its site forbids.

Some devices need a vendor's cloud to be managed or supported (a cloud-managed switch,
remote support). The catalog marks that (`services:`) only where the component's
source says so; a design states what it knows from a quote or contract in
`policy.services` with its basis. A site marked `air_gapped` forbids every vendor
service; `forbid_services` forbids the ones it names.

**Fails**

```yaml
rackcheck: 1
name: a cloud-managed switch in an air-gapped hall
sites:
  - {name: vault, country: DE, air_gapped: true}
components:
  - id: example-cloud-switch
    kind: switch
    vendor: Example
    model: CM-48
    source: "illustration only, not a real product: its datasheet would say so"
    services: [cloud-management]
racks:
  - name: net01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: example-cloud-switch, count: 1}
```

**Passes**

```yaml
rackcheck: 1
name: a locally managed switch in an air-gapped hall
sites:
  - {name: vault, country: DE, air_gapped: true}
racks:
  - name: net01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: qm9700, count: 1}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.sites import device_services, exemption, rack_sites, sites
from rackcheck.rules.engine import RuleContext, rule

ALL = frozenset({"cloud-management", "remote-support"})


@rule("SOV004", name="forbidden-service", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    table = sites(g)
    where = rack_sites(g)
    for rack in g.racks():
        site = table.get(where.get(rack.name, ""))
        if site is None:
            continue
        banned = ALL if site.air_gapped else site.forbid
        if not banned:
            continue
        seen: set[tuple[int | str, ...]] = set()
        for dev in g.devices(rack):
            needs = device_services(g, dev)
            bad = sorted(s for s in needs if s in banned)
            if not bad or dev.path in seen:
                continue
            if exemption(g, "SOV004", dev.spec.id, site.name) is not None:
                continue
            seen.add(dev.path)
            why = "is air-gapped" if site.air_gapped else "forbids them"
            stated = "; ".join(sorted({needs[s] for s in bad}))
            yield ctx.finding(
                dev,
                f"{dev.spec.id} in rack {rack.name} needs {', '.join(bad)} "
                f"(per {stated}), but site {site.name} {why}",
                "model",
            )
