"""A rack's IT load fits the continuous capacity of its PDUs.

A PDU may carry continuously only its continuous rating k times its rated current.
Under the NEC a continuous load (3 h or more) may take 80 % of a breaker not listed for
100 % duty (NEC 210.20(A) branch circuits, 215.3 feeders: the breaker is sized at 125 %
of the continuous load); under IEC 60364 (433.1: I_B <= I_n) the full rated current.
k is the PDU entry's `continuous_rating` in the design, else the catalog's (a PDU
listed for 100 %), else the site's code: `site.electrical_code: nec|iec`, else from
`site.country` (US, PR, CA, MX: NEC; any other country: IEC), else NEC; the message
names the rule applied. Capacity is sqrt(3) x V(line-line) x I x k for 3-phase and
V x I x k for 1-phase: 415 V x 60 A x sqrt(3) x 0.8 = 34.5 kVA under the NEC; an APC
AP8886 (230/400 V, 32 A) gives 22.2 kVA under IEC, as APC rates it (22.0 kW).

The rack's load is each device's maximum power (W) divided by its power factor (the
catalog's, else `site.power_factor`), so W and VA never meet without a power factor.
A DC power shelf is judged apart: the real power (kW) it delivers against its DC output
rating, never apparent power against a DC rating.

Checked with every feed up: the rack's total apparent load against the sum of its AC
PDUs, and each PDU against its own share (PSUs share their device's load evenly; cords
go to PDUs round-robin in the order listed, or as `cords:` says). Where cords name
their outlet (`phase: L1`, or `L1-L2` for a line-to-line outlet), each line's current
is the phasor sum of its branch currents (graph.phases: a 208 V line-to-line outlet
loads two lines), checked against the rated current x k. A rack with no PDUs is left to
DAT002 (power distribution not described yet). One finding per rack: the total when it
is over, else the first PDU or line share over, with the count of the others; every
share is computed either way, so adding a PDU never adds a finding.

Options: `derating` (unset: per PDU, as above; a number replaces the site's code).

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

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.graph import phases, power
from rackcheck.graph.nodes import RackNode
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.nodes import PduNode


@dataclass(frozen=True)
class Options:
    # None: each PDU's continuous rating (design, catalog, else the site's code).
    derating: float | None = None


@rule("POW001", name="pdu-capacity", severity=Severity.ERROR, options=Options)
def check(ctx: RuleContext[Options]) -> Iterator[Finding]:
    g = ctx.graph
    for rack in g.racks():
        pdus = g.pdus(rack)
        if not pdus:  # power distribution not described yet: DAT002 notes it
            continue
        total = _rack_total(ctx, rack)
        # Every share is computed either way, so adding a PDU never makes a finding
        # appear (issue 8); one finding per rack.
        over = list(_shares(ctx, rack))
        if total is not None:
            yield total
        elif over:
            node, message = over[0]
            more = f" (and {len(over) - 1} more)" if len(over) > 1 else ""
            yield ctx.finding(
                node, message + more, "model",
                fix="move cords to a less loaded PDU (`cords:`) or use a larger PDU",
            )  # fmt: skip


def _shares(ctx: RuleContext[Options], rack: RackNode) -> Iterator[tuple[PduNode, str]]:
    """(PDU, message) for each PDU over its own continuous capacity, then each line of
    a 3-phase PDU over its rating."""
    g, option = ctx.graph, ctx.options.derating
    for pdu in g.pdus(rack):
        load, own = power.pdu_load(g, rack, pdu), power.pdu_capacity(g, pdu, option)
        if load > own:
            rating = power.continuous_rating(g, pdu, option)
            what = (
                "DC output rating"
                if power.is_shelf(pdu)
                else f"continuous capacity ({rating.describe()})"
            )
            yield (
                pdu,
                (
                    f"PDU {pdu.name} of rack {rack.name} carries "
                    f"{load:.1f~P} > {own:.1f~P} {what}"
                ),
            )
    yield from _lines(ctx, rack)


def _rack_total(ctx: RuleContext[Options], rack: RackNode) -> Finding | None:
    """The rack's AC load against the sum of its AC PDUs (power shelves are judged one
    by one, in kW)."""
    g, option = ctx.graph, ctx.options.derating
    ac = [p for p in g.pdus(rack) if not power.is_shelf(p)]
    if not ac:
        return None
    per_pdu, _ = power.pdu_loads(g, rack)
    # pdu_loads gives kVA: summed as floats (a pint sum was ~half this rule's time)
    load = q(sum((per_pdu[p.id].magnitude for p in ac), 0.0), "kVA")
    cap = power.rack_pdu_capacity(g, rack, option)
    if load <= cap:
        return None
    watts = power.rack_power(g, rack)
    rules = sorted({power.continuous_rating(g, p, option).describe() for p in ac})
    short = (load - cap).to("kVA")
    return ctx.finding(
        rack,
        f"rack {rack.name} draws {watts:.1f~P} = {load:.1f~P} > {cap:.1f~P} "
        f"continuous PDU capacity ({len(ac)} PDU(s) at {'; '.join(rules)})",
        "pdus",
        fix=f"add a PDU or use larger ones: {short.magnitude:.1f} kVA more "
        "continuous capacity is needed",
    )


def _lines(ctx: RuleContext[Options], rack: RackNode) -> Iterator[tuple[PduNode, str]]:
    """Each line of a 3-phase PDU whose cords name their outlet: the phasor sum of its
    branch currents against the rated current at the continuous rating."""
    g = ctx.graph
    for pdu in g.pdus(rack):
        amps, spec = phases.line_currents(g, rack, pdu), pdu.spec
        if amps is None or spec.kind != "pdu":  # a 3-phase PDU's only
            continue
        rating = power.continuous_rating(g, pdu, ctx.options.derating)
        limit = (spec.current * rating.factor).to("A")
        for line in phases.LINES:
            if amps[line] > limit:
                yield (
                    pdu,
                    (
                        f"line {line} of PDU {pdu.name} in rack {rack.name} carries "
                        f"{amps[line]:.1f~P} (phasor sum of its branches) > {limit:.1f~P} "
                        f"({rating.describe()} of {spec.current:~P})"
                    ),
                )
