"""A rack draws power but lists no PDUs, so the power rules cannot check it.

Early designs often describe cooling or space before power distribution. The PDU,
feed-loss, phase and site-feed checks need the rack's PDUs and the feeds they hang on;
without them they skip the rack, and this note says so.

**Fails**

```yaml
rackcheck: 1
name: a rack with no PDUs yet
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4}
```

**Passes**

```yaml
rackcheck: 1
name: the same rack with three PDUs
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph import power
from rackcheck.graph.nodes import RackNode
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("DAT002", name="no-pdus", severity=Severity.NOTE)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    by_entry: dict[object, list[RackNode]] = {}  # one note per design entry (a range)
    for rack in g.racks():
        if not g.pdus(rack) and power.rack_power(g, rack).magnitude > 0:
            by_entry.setdefault(rack.path, []).append(rack)
    for racks in by_entry.values():
        first, last = racks[0], racks[-1]
        kw = sum((power.rack_power(g, r) for r in racks), q(0.0, "kW"))
        who = (
            f"rack {first.name}"
            if len(racks) == 1
            else (f"{len(racks)} racks ({first.name} ... {last.name})")
        )
        yield ctx.finding(
            first,
            f"{who} draw{'s' if len(racks) == 1 else ''} {kw:.1f~P} but list"
            f"{'s' if len(racks) == 1 else ''} no PDUs: power distribution not checked",
            "name",
            fix="list the rack's PDUs under `pdus:` ({model, feed}) to check power",
        )
