"""A rack keeps running at full load when any one power feed fails.

For each feed a rack's PDUs hang on, the feed is taken away: every device must keep at
least the PSUs it needs to carry its maximum load (`psus.required` in the catalog: 4 of
the 6 in a DGX H100), and the PDUs left must carry the whole rack within their derated
capacity. A rack whose PDUs are all on one feed goes dark when that feed fails.

Why: A/B feeds are only redundant when the equipment and the surviving PDUs can really
carry the load alone. Six PSUs in 4+2 split 3/3 over two feeds leave 3 < 4 PSUs after a
feed failure; spread 2/2/2 over three feeds they leave 4.

Options: `derating` (0.8), `require_redundant_feeds` (true: flag single-feed racks).

**Fails**

```yaml
rackcheck: 1
name: DGX H100 on two feeds, 3 PSUs per feed
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
    devices:
      - {model: dgx-h100}
```

**Passes**

```yaml
rackcheck: 1
name: DGX H100 over three feeds, 2 PSUs per feed
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rackcheck.findings import Finding, Severity
from rackcheck.graph import power
from rackcheck.graph.nodes import RackNode
from rackcheck.rules.engine import RuleContext, rule


@dataclass(frozen=True)
class Options:
    derating: float = 0.8
    require_redundant_feeds: bool = True


@rule("POW002", name="feed-loss", severity=Severity.ERROR, options=Options)
def check(ctx: RuleContext[Options]) -> Iterator[Finding]:
    g = ctx.graph
    for rack in g.racks():
        feeds = power.rack_feeds(g, rack)
        if not feeds:
            continue
        if len(feeds) == 1:
            if ctx.options.require_redundant_feeds:
                yield ctx.finding(
                    rack,
                    f"rack {rack.name} hangs on feed {feeds[0]} only: it goes dark "
                    f"when feed {feeds[0]} fails",
                    "pdus",
                )
            continue
        for feed in feeds:
            yield from _lose(ctx, rack, feed)


def _lose(ctx: RuleContext[Options], rack: RackNode, feed: str) -> Iterator[Finding]:
    g = ctx.graph
    short = []
    for dev in g.devices(rack):
        psus = dev.spec.power.psus if dev.spec.power else None
        live = len(power.live_psus(dev, feed, g))
        need = psus.required if psus is not None and psus.required else 1
        if dev.psus and live < need:
            short.append((dev, live, need))
    if short:
        dev, live, need = short[0]
        more = f" (and {len(short) - 1} more device(s))" if len(short) > 1 else ""
        yield ctx.finding(
            dev,
            f"when feed {feed} fails, {dev.name} in rack {rack.name} keeps {live} of "
            f"{len(dev.psus)} PSUs but needs {need} for full load{more}",
            "model",
        )
    derating = ctx.options.derating
    if power.rack_apparent(g, rack) > power.rack_pdu_capacity(g, rack, derating):
        return  # overloaded with every feed up: POW001 says so, once
    per_pdu, _ = power.pdu_loads(g, rack, failed_feed=feed)
    for pdu in g.pdus(rack):
        if pdu.feed == feed:
            continue
        cap = power.pdu_capacity(pdu, derating)
        if per_pdu[pdu.id] > cap:
            yield ctx.finding(
                pdu,
                f"when feed {feed} fails, PDU {pdu.name} of rack {rack.name} carries "
                f"{per_pdu[pdu.id]:.1f~P} > {cap:.1f~P} derated capacity",
                "model",
            )
