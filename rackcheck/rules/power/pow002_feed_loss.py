"""A rack keeps running at full load when any one power feed fails.

For each feed a rack's PDUs hang on, the feed is taken away (graph.power.after_failure):
each device keeps the PSUs on the other feeds, and they share its maximum power P, each
carrying at most its rating r: it is left min(P, live x r). N, the PSUs it needs, is
`psus.required` in the catalog (4 of the 6 in a DGX H100), else N = ceil(P / r) (as
POW003 computes it; 6 x 3.3 kW for 10.2 kW gives N = 4). A device left short is reported
once, at the feed whose loss leaves it least, with the power it is left with (it
power-caps or trips; with no live PSU it goes dark); metrics `after_feed_loss` gives
every device's state (full, capped at X kW, dark). The surviving PDUs must then carry
what the live PSUs deliver within their continuous capacity (POW001 explains the rating:
NEC 80 % or IEC 100 %). A rack whose PDUs are all on one feed goes dark when that feed
fails.

Why: A/B feeds are only redundant when the equipment and the surviving PDUs can really
carry the load alone. Six PSUs in 4+2 split 3/3 over two feeds leave 3 < 4 PSUs after a
feed failure (3 x 3.3 kW = 9.9 kW < 10.2 kW); spread 2/2/2 over three feeds they leave 4.

Options: `derating` (unset: per PDU and site code), `require_redundant_feeds` (true:
flag single-feed racks).

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
    # None: each PDU's continuous rating (design, catalog, else the site's code).
    derating: float | None = None
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
        yield from _short_devices(ctx, rack, feeds)
        for feed in feeds:
            yield from _surviving_pdus(ctx, rack, feed)


def _short_devices(
    ctx: RuleContext[Options], rack: RackNode, feeds: list[str]
) -> Iterator[Finding]:
    """Each device entry of the rack left short by some feed failure, once, at the
    feed whose loss leaves it least."""
    g = ctx.graph
    short: dict[object, dict[str, list[power.DeviceAfter]]] = {}
    for feed in feeds:
        if power.all_full(g, rack, (feed,)):
            continue
        for st in power.after_failure_rack(g, rack, (feed,)):
            if st.state != "full":
                entry = short.setdefault(g.node(st.device).path, {})
                entry.setdefault(feed, []).append(st)
    for per_feed in short.values():
        feed, states = min(
            per_feed.items(), key=lambda kv: (min(s.delivered_kw for s in kv[1]), kv[0])
        )
        st = min(states, key=lambda s: s.delivered_kw)
        more = f" (and {len(states) - 1} more like it)" if len(states) > 1 else ""
        yield ctx.finding(g.node(st.device), _message(st, feed, rack) + more, "model")


def _message(st: power.DeviceAfter, feed: str, rack: RackNode) -> str:
    head = (
        f"when feed {feed} fails, {st.name} in rack {rack.name} keeps "
        f"{st.live_psus} of {st.psus} PSUs"
    )
    if st.state == "dark":
        return f"{head}: it goes dark (0 kW of its {st.demand_kw:.1f} kW)"
    each = f" x {st.psu_kw:.2f} kW" if st.psu_kw is not None else ""
    need = f", needs {st.needed} for full load" if st.needed else ""
    return (
        f"{head} ({st.live_psus}{each} = {st.delivered_kw:.1f} kW{need}): it is left "
        f"{st.delivered_kw:.1f} kW of its {st.demand_kw:.1f} kW maximum and power-caps "
        "or trips"
    )


def _surviving_pdus(
    ctx: RuleContext[Options], rack: RackNode, feed: str
) -> Iterator[Finding]:
    g, option = ctx.graph, ctx.options.derating
    if power.rack_apparent(g, rack) > power.rack_pdu_capacity(g, rack, option):
        return  # overloaded with every feed up: POW001 says so, once
    key = ("pow002_over", rack.path, feed, option)  # the same for a rack entry's racks
    if key not in g.memo:
        g.memo[key] = [
            pdu.name
            for pdu in g.pdus(rack)
            if pdu.feed != feed
            and power.pdu_load(g, rack, pdu, feed) > power.pdu_capacity(g, pdu, option)
        ]
    for pdu in g.pdus(rack):
        if pdu.name not in g.memo[key]:
            continue
        load, cap = (
            power.pdu_load(g, rack, pdu, feed),
            power.pdu_capacity(g, pdu, option),
        )
        rating = power.continuous_rating(g, pdu, option)
        what = "DC output rating" if power.is_shelf(pdu) else rating.describe()
        yield ctx.finding(
            pdu,
            f"when feed {feed} fails, PDU {pdu.name} of rack {rack.name} carries "
            f"{load:.1f~P} > {cap:.1f~P} continuous capacity ({what})",
            "model",
        )
