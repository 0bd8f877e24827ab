"""Each site feed carries its load, and the load it takes over when another feed fails.

A feed's capacity is sqrt(3) x V x I x k (3-phase) in kVA, k its continuous rating: the
feed's own `derating`, else the site's electrical code (NEC 215.3: 80 % of the
overcurrent device for a continuous load; IEC 60364-4-43 433.1: 100 %). Its load is the
apparent load of every PDU on it: in normal operation, and for every other feed failing
(PSUs on the failed feed drop out; the live ones take over what they can carry, at most
their rating: see POW002). The worst case is reported.

Why: A/B redundancy at the rack means nothing if the B-side switchboard cannot carry the
A side's load during a failure or maintenance.

Options: `derating` (unset: per feed and site code; a number overrides the code).

**Fails**

```yaml
rackcheck: 1
name: feeds too small for the rack
site:
  feeds:
    - {name: A, voltage: "415 V", current: "16 A"}
    - {name: B, voltage: "415 V", current: "16 A"}
    - {name: C, voltage: "415 V", current: "16 A"}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 2}
```

**Passes**

```yaml
rackcheck: 1
name: feeds sized for failover
site:
  feeds:
    - {name: A, voltage: "415 V", current: "100 A"}
    - {name: B, voltage: "415 V", current: "100 A"}
    - {name: C, voltage: "415 V", current: "100 A"}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 2}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.graph import power
from rackcheck.rules.engine import RuleContext, rule

if TYPE_CHECKING:
    from rackcheck.units import Quantity


@dataclass(frozen=True)
class Options:
    # None: the feed's own `derating`, else the site's electrical code.
    derating: float | None = None


@rule("POW004", name="site-feeds", severity=Severity.ERROR, options=Options)
def check(ctx: RuleContext[Options]) -> Iterator[Finding]:
    g = ctx.graph
    feeds = [f for f in g.feeds() if f.spec is not None]
    if not feeds:
        return
    cases: list[tuple[str | None, dict[str, Quantity]]] = [(None, power.feed_loads(g))]
    names = sorted(f.name for f in g.feeds())
    for name in names:
        cases.append((name, power.feed_loads(g, name)))
    for feed in feeds:
        spec = feed.spec
        if spec is None:  # kept out above
            continue
        rating = power.continuous_rating(g, feed, ctx.options.derating)
        cap = power.three_phase_capacity(
            spec.voltage, spec.current, spec.phases, rating.factor
        )
        worst: Quantity | None = None
        when: str | None = None
        for failed, loads in cases:
            if failed == feed.name:
                continue
            load = loads.get(feed.name)
            if load is not None and (worst is None or load > worst):
                worst, when = load, failed
        if worst is not None and worst > cap:
            case = "in normal operation" if when is None else f"when feed {when} fails"
            yield ctx.finding(
                feed,
                f"feed {feed.name} carries {worst:.1f~P} {case} > {cap:.1f~P} "
                f"continuous capacity ({spec.voltage:~P} {spec.current:~P} at "
                f"{rating.describe()})",
                "current",
            )
