"""The three phases of a PDU are loaded evenly, where cords name their phase.

Imbalance = (largest phase load - smallest) / largest, over the phases of one 3-phase
PDU, for PDUs whose cords are assigned to phases (`cords: [{pdu, phase}]`). Upstream
breakers trip on the heaviest phase, and unbalanced phases waste capacity and heat the
neutral. Phases with no cord count as zero load.

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
from rackcheck.graph import power
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@dataclass(frozen=True)
class Options:
    max_imbalance: float = 0.2


@rule("POW006", name="phase-balance", severity=Severity.WARNING, options=Options)
def check(ctx: RuleContext[Options]) -> Iterator[Finding]:
    g = ctx.graph
    for rack in g.racks():
        _, per_phase = power.pdu_loads(g, rack)
        for pdu in g.pdus(rack):
            if pdu.spec.kind != "pdu" or pdu.spec.phases != 3:
                continue
            loads = [per_phase.get((pdu.id, ph)) for ph in ("L1", "L2", "L3")]
            if all(x is None for x in loads):
                continue
            vals = [x if x is not None else q(0.0, "kVA") for x in loads]
            hi, lo = max(vals), min(vals)
            imbalance = ((hi - lo) / hi).to("").magnitude if hi.magnitude else 0.0
            if imbalance > ctx.options.max_imbalance:
                shown = " / ".join(f"{v:.1f~P}" for v in vals)
                yield ctx.finding(
                    pdu,
                    f"PDU {pdu.name} of rack {rack.name} phases L1/L2/L3 carry {shown}: "
                    f"{imbalance:.0%} imbalance > {ctx.options.max_imbalance:.0%}",
                    "model",
                )
