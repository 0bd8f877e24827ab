"""A cross-site data flow has no link to run over, or no size.

A flow between two sites that no `links:` entry joins has no transfer time: the data
would travel by some path the design does not show (the public internet, shipped
disks). Declare the link with its bandwidth so the time can be checked (GRV001). A
flow derived from a dataset or model without a `size` has no time either: give the
size.

**Fails**

```yaml
rackcheck: 1
name: two sites and no link
sites:
  - {name: london, country: GB}
  - {name: dublin, country: IE}
datasets:
  - name: corpus
    size: "200 TB"
    stored_at: {site: dublin}
    used_by: [{workload: pretrain, site: london}]
```

**Passes**

```yaml
rackcheck: 1
name: two sites and their link
sites:
  - {name: london, country: GB}
  - {name: dublin, country: IE}
links:
  - {name: lon-dub, between: [london, dublin], bandwidth: "100 Gbit/s"}
datasets:
  - name: corpus
    size: "200 TB"
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


@rule("GRV002", name="flow-without-link", severity=Severity.WARNING)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    for f in flows(ctx.graph):
        if f.src == f.dst or exemption(ctx.graph, "GRV002", f.name, None) is not None:
            continue
        if f.link is None:
            why = "has no link between the sites"
        elif f.size is None:
            why = f"moves {f.data}, which has no size"
        else:
            continue
        yield ctx.finding(
            None,
            f"flow {f.name} from {f.src} to {f.dst} {why}: its transfer time cannot "
            "be computed",
            *f.path,
        )
