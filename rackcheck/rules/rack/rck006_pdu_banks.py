"""Each PDU outlet bank stays within its breaker, also after a feed is lost.

A PDU's cords are dealt round-robin over its `banks` (graph/outlets.py); each bank
carries its cords' share of their devices' load (load-sharing PSUs, after PSU failover
with each single feed of the rack down, graph/failover.py) at the bank voltage (208 V
line-to-line banks on a 208 V PDU; line-to-neutral on 400/415 V PDUs). The bank current
must stay within `bank_breaker` x 0.8 (UL rates a 20 A branch breaker for 16 A
continuous; NEC 210.19(A)). PDUs without bank figures are named in a note.

**Fails**

```yaml
rackcheck: 1
name: two DGX H100 on three AP8868 PDUs
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-208v-3ph-50a-apc-ap8868, feed: A}
      - {model: pdu-208v-3ph-50a-apc-ap8868, feed: B}
      - {model: pdu-208v-3ph-50a-apc-ap8868, feed: C}
    devices:
      - {model: dgx-h100, count: 2, position: 3}
facility:
  elements: [{name: u, kind: utility}]
  feeds: [{feed: A, from: u}, {feed: B, from: u}, {feed: C, from: u}]
```

**Passes**

```yaml
rackcheck: 1
name: one DGX H100 on three AP8868 PDUs
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-208v-3ph-50a-apc-ap8868, feed: A}
      - {model: pdu-208v-3ph-50a-apc-ap8868, feed: B}
      - {model: pdu-208v-3ph-50a-apc-ap8868, feed: C}
    devices:
      - {model: dgx-h100, position: 3}
facility:
  elements: [{name: u, kind: utility}]
  feeds: [{feed: A, from: u}, {feed: B, from: u}, {feed: C, from: u}]
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.graph import failover
from rackcheck.graph.outlets import bank_volts
from rackcheck.graph.power import power_factor, rack_feeds
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.rules.rack._common import note
from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import PduNode, RackNode
    from rackcheck.model.catalog import Pdu

DERATING = 0.8


@rule("RCK006", name="pdu-banks", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    if g.design.facility is None:
        return
    seen: set[object] = set()
    noted: set[str] = set()
    for rack in g.racks():
        if rack.path in seen:
            continue
        seen.add(rack.path)
        for pdu in g.pdus(rack):
            spec = pdu.spec
            if spec.kind != "pdu":
                continue
            if spec.banks is None or spec.bank_breaker is None:
                if spec.id not in noted:
                    noted.add(spec.id)
                    yield note(ctx, f"{spec.id} states no outlet banks and bank "
                               "breaker in the catalog: bank currents are not checked",
                               *pdu.path, "model")  # fmt: skip
                continue
            worst = _worst(g, rack, pdu, spec, spec.banks)
            limit = float(spec.bank_breaker.to("A").magnitude) * DERATING
            if worst is not None and worst[0] > limit:
                amps, bank, lost = worst
                when = (
                    "with every feed up" if lost is None else f"when feed {lost} fails"
                )
                yield ctx.finding(
                    pdu,
                    f"{when}, bank {bank + 1} of PDU {pdu.name} in rack {rack.name} "
                    f"carries {q(amps, 'A'):.1f~P} > {q(limit, 'A'):.1f~P} "
                    f"({spec.bank_breaker.to('A'):.0f~P} breaker x {DERATING:g})",
                    "model",
                )  # fmt: skip


def _worst(
    g: DesignGraph, rack: RackNode, pdu: PduNode, spec: Pdu, n_banks: int
) -> tuple[float, int, str | None] | None:
    volts = bank_volts(spec)
    worst: tuple[float, int, str | None] | None = None
    for lost in [None, *rack_feeds(g, rack)]:
        if lost == pdu.feed:
            continue
        dead = frozenset() if lost is None else frozenset([lost])
        state = failover.rack_state(g, rack, dead)
        banks = [0.0] * n_banks
        k = 0
        for dev in g.devices(rack):
            live = [p for p in dev.psus if p.feed not in dead]
            share = state.devices[dev.id].kw / len(live) if live else 0.0
            kva = share / power_factor(dev, g)
            for psu in dev.psus:
                if psu.pdu != pdu.id:
                    continue
                banks[k % len(banks)] += kva
                k += 1
        for b, kva in enumerate(banks):
            amps = kva * 1000.0 / volts
            if worst is None or amps > worst[0]:
                worst = (amps, b, lost)
    return worst
