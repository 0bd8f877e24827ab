"""The rack's contents weigh no more than the rack's static load rating.

Weight = devices + PDUs, from the catalog (a part with no published weight counts 0 kg;
DAT001 names it). Limit = the rack's `max_load`: the vendor's static load rating (the
load the enclosure carries standing still, the figure racks are listed for under
UL 2416), not the dynamic (rolling or shipping) rating, which is lower. A rack whose
rating is not published is not checked, and DAT003 says so once per design.

**Fails**

```yaml
rackcheck: 1
name: four DGX H100 (522 kg) in a rack rated 500 kg
components:
  - id: example-500kg-rack
    kind: rack
    vendor: Example
    model: light 42U rack (illustration, not a real product)
    source: "rackcheck documentation example"
    rack_units: 42
    max_load: "500 kg"
racks:
  - name: r01
    model: example-500kg-rack
    devices:
      - {model: dgx-h100, count: 4}
```

**Passes**

```yaml
rackcheck: 1
name: four DGX H100 on an ORv3 frame rated 1400 kg
racks:
  - name: r01
    model: orv3-rack
    devices:
      - {model: dgx-h100, count: 4}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import physical
from rackcheck.rules.engine import RuleContext, rule


@rule("PHY002", name="rack-weight", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for rack in g.racks():
        limit = getattr(rack.spec, "max_load", None)
        if limit is None:
            continue
        weight = physical.rack_weight(g, rack)
        if weight > limit:
            yield ctx.finding(
                rack,
                f"rack {rack.name} carries {weight:.1f~P} > {limit.to('kg'):.0f~P} "
                "rated load",
                "model",
            )
