"""The three phases of a PDU are loaded evenly, where cords name their phase.

Current imbalance = max |I - I_avg| / I_avg over the three line currents of one 3-phase
PDU (the NEMA MG 1 definition of unbalance, which PDU vendors use for current), for
PDUs whose cords name their outlet (`cords: [{pdu, phase}]`). Line currents are the
phasor sums of the branch currents (graph.phases): a line-to-line outlet of a 208 V
PDU loads two lines. Upstream breakers trip on the heaviest line, and unbalanced lines
waste capacity and heat the neutral. Lines with no cord carry what the others' branches
put on them (none for line-to-neutral outlets).

Options: `max_imbalance` (0.2, i.e. 20 %).

**Fails**

```yaml
rackcheck: 1
name: every cord on L1
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A, name: pa}
      - {model: pdu-415v-3ph-60a-apc, feed: B, name: pb}
      - {model: pdu-415v-3ph-60a-apc, feed: C, name: pc}
    devices:
      - model: dgx-h100
        cords:
          - {pdu: pa, phase: L1}
          - {pdu: pa, phase: L1}
          - {pdu: pb, phase: L1}
          - {pdu: pb, phase: L1}
          - {pdu: pc, phase: L1}
          - {pdu: pc, phase: L1}
```

**Passes**

```yaml
rackcheck: 1
name: three DGX rotated over the phases
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A, name: pa}
      - {model: pdu-415v-3ph-60a-apc, feed: B, name: pb}
      - {model: pdu-415v-3ph-60a-apc, feed: C, name: pc}
    devices:
      - model: dgx-h100
        cords:
          - {pdu: pa, phase: L1}
          - {pdu: pa, phase: L2}
          - {pdu: pb, phase: L3}
          - {pdu: pb, phase: L1}
          - {pdu: pc, phase: L2}
          - {pdu: pc, phase: L3}
      - model: dgx-h100
        cords:
          - {pdu: pa, phase: L3}
          - {pdu: pa, phase: L1}
          - {pdu: pb, phase: L2}
          - {pdu: pb, phase: L3}
          - {pdu: pc, phase: L1}
          - {pdu: pc, phase: L2}
      - model: dgx-h100
        cords:
          - {pdu: pa, phase: L2}
          - {pdu: pa, phase: L3}
          - {pdu: pb, phase: L1}
          - {pdu: pb, phase: L2}
          - {pdu: pc, phase: L3}
          - {pdu: pc, phase: L1}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rackcheck.findings import Finding, Severity
from rackcheck.graph import phases
from rackcheck.rules.engine import RuleContext, rule


@dataclass(frozen=True)
class Options:
    max_imbalance: float = 0.2


@rule("POW006", name="phase-balance", severity=Severity.WARNING, options=Options)
def check(ctx: RuleContext[Options]) -> Iterator[Finding]:
    g = ctx.graph
    for rack in g.racks():
        for pdu in g.pdus(rack):
            amps = phases.line_currents(g, rack, pdu)
            if amps is None:
                continue
            imbalance = phases.imbalance(amps)
            if imbalance > ctx.options.max_imbalance:
                shown = " / ".join(f"{amps[ln]:.1f~P}" for ln in phases.LINES)
                yield ctx.finding(
                    pdu,
                    f"PDU {pdu.name} of rack {rack.name} lines L1/L2/L3 carry {shown}: "
                    f"current imbalance max|I - avg|/avg = {imbalance:.0%} > "
                    f"{ctx.options.max_imbalance:.0%} (NEMA MG 1 definition, as PDU "
                    "vendors report it)",
                    "model",
                )
