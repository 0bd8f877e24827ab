"""A rack's IT load fits the derated capacity of its PDUs.

A PDU may carry only part of its breaker rating continuously: 80 % by default (NEC
210.19(A) and 215.2 size circuits at 125 % of the continuous load; IEC practice is alike).
Its apparent-power capacity is sqrt(3) x V(line-line) x I x derating for 3-phase and
V x I x derating for 1-phase: 415 V x 60 A x sqrt(3) x 0.8 = 34.5 kVA. The rack's load is
each device's maximum power (W) divided by its power factor (the catalog's, else
`site.power_factor`), so W and VA never meet without a power factor.

Checked with every feed up: the rack's total apparent load against the sum of its PDUs,
and each PDU against its own share (PSUs share their device's load evenly; cords go to
PDUs round-robin in the order listed, or as `cords:` says). Where cords name a phase,
each phase's current is checked against the PDU's rated current x derating. A rack with
no PDUs is left to DAT002 (power distribution not described yet). One finding per rack:
the total when it is over, else the first PDU or phase share over, with the count of
the others; every share is computed either way, so adding a PDU never adds a finding.

Options: `derating` (0.8).

**Fails**

```yaml
rackcheck: 1
name: three DGX H100 on three 208 V 30 A PDUs
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-208v-3ph-30a-apc, feed: A}
      - {model: pdu-208v-3ph-30a-apc, feed: B}
      - {model: pdu-208v-3ph-30a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 3}
```

**Passes**

```yaml
rackcheck: 1
name: three DGX H100 on three 415 V 60 A PDUs
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 3}
```
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rackcheck.findings import Finding, Severity
from rackcheck.graph import power
from rackcheck.graph.nodes import RackNode
from rackcheck.rules.engine import RuleContext, rule


@dataclass(frozen=True)
class Options:
    derating: float = 0.8


@rule("POW001", name="pdu-capacity", severity=Severity.ERROR, options=Options)
def check(ctx: RuleContext[Options]) -> Iterator[Finding]:
    g, derating = ctx.graph, ctx.options.derating
    for rack in g.racks():
        pdus = g.pdus(rack)
        watts = power.rack_power(g, rack)
        load = power.rack_apparent(g, rack)
        if not pdus:  # power distribution not described yet: DAT002 notes it
            continue
        cap = power.rack_pdu_capacity(g, rack, derating)
        # One finding per rack: the total when it fails, else the PDU and phase
        # shares that are over, grouped. Every share is computed either way, so
        # adding a PDU never makes a finding appear (issue 8).
        over = list(_shares(ctx, rack, pdus, derating))
        if load > cap:
            short = (load - cap).to("kVA")
            yield ctx.finding(
                rack,
                f"rack {rack.name} draws {watts:.1f~P} = {load:.1f~P} > {cap:.1f~P} "
                f"derated PDU capacity ({len(pdus)} PDU(s) at {derating:.0%})",
                "pdus",
                fix=f"add a PDU or use larger ones: {short.magnitude:.1f} kVA more "
                "derated capacity is needed",
            )
        elif over:
            node, message = over[0]
            more = f" (and {len(over) - 1} more)" if len(over) > 1 else ""
            yield ctx.finding(
                node, message + more, "model",
                fix="move cords to a less loaded PDU (`cords:`) or use a larger PDU",
            )  # fmt: skip


def _shares(
    ctx: RuleContext[Options], rack: RackNode, pdus: list[Any], derating: float
) -> Iterator[tuple[Any, str]]:
    """(PDU, message) for each PDU and phase share over its derated rating."""
    per_pdu, per_phase = power.pdu_loads(ctx.graph, rack)
    for pdu in pdus:
        own = power.pdu_capacity(pdu, derating)
        if per_pdu[pdu.id] > own:
            yield (
                pdu,
                (
                    f"PDU {pdu.name} of rack {rack.name} carries "
                    f"{per_pdu[pdu.id]:.1f~P} > {own:.1f~P} derated capacity"
                ),
            )
    yield from _phases(ctx, rack, per_phase, derating)


def _phases(
    ctx: RuleContext[Options],
    rack: RackNode,
    per_phase: dict[tuple[str, str], Any],
    derating: float,
) -> Iterator[tuple[Any, str]]:
    for (pid, phase), load in sorted(per_phase.items()):
        pdu = ctx.graph.node(pid)
        spec = pdu.spec
        if spec.kind != "pdu":
            continue
        v_phase = spec.voltage / math.sqrt(3) if spec.phases == 3 else spec.voltage
        amps = (load / v_phase).to("A")
        limit = (spec.current * derating).to("A")
        if amps > limit:
            yield (
                pdu,
                (
                    f"phase {phase} of PDU {pdu.name} in rack {rack.name} carries "
                    f"{amps:.1f~P} > {limit:.1f~P} ({derating:.0%} of {spec.current:~P})"
                ),
            )
