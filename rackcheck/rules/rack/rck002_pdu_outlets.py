"""Every cord has a PDU outlet of its kind.

Each PDU takes the cords plugged into it (one per PSU, graph/build.py) and must have as
many outlets (`outlets`), of kinds that mate with the PSUs' inlets: a C20 inlet (DGX
H100) needs a C19 outlet, a C14 inlet a C13 (graph/outlets.py). Without the PSU's inlet
figure, a PSU drawing more than 10 A needs at least a C19 (IEC 60320-1 ratings); a cord
of unknown kind must fit an outlet whatever its kind, else a note names the figure. A
PDU whose outlets the catalog does not list is named in a note.

**Fails**

```yaml
rackcheck: 1
name: four DGX H100 on PDUs with six C19 outlets each
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-208v-3ph-30a-apc, feed: A}
      - {model: pdu-208v-3ph-30a-apc, feed: B}
      - {model: pdu-208v-3ph-30a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4, position: 3}
facility:
  elements: [{name: u, kind: utility}]
  feeds: [{feed: A, from: u}, {feed: B, from: u}, {feed: C, from: u}]
```

**Passes**

```yaml
rackcheck: 1
name: four DGX H100 on PDUs with 21 combination outlets each
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4, position: 3}
facility:
  elements: [{name: u, kind: utility}]
  feeds: [{feed: A, from: u}, {feed: B, from: u}, {feed: C, from: u}]
```
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.graph.outlets import fit, groups, needed
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.rules.rack._common import note

if TYPE_CHECKING:
    from rackcheck.graph.nodes import PduNode, RackNode


@rule("RCK002", name="pdu-outlets", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    if g.design.facility is None:
        return
    seen: set[object] = set()
    for rack in g.racks():
        if rack.path in seen:
            continue
        seen.add(rack.path)
        cords: dict[str, list[str | None]] = defaultdict(list)
        for dev in g.devices(rack):
            need = needed(g, dev)
            for psu in dev.psus:
                cords[psu.pdu].append(need)
        for pdu in g.pdus(rack):
            yield from _pdu(ctx, rack, pdu, cords.get(pdu.id, []))


def _pdu(
    ctx: RuleContext[object], rack: RackNode, pdu: PduNode, cords: list[str | None]
) -> Iterator[Finding]:
    spec = pdu.spec
    if not cords or spec.kind != "pdu":
        return
    if spec.outlets is None:
        yield note(ctx, f"{spec.id} lists no outlets in the catalog: the {len(cords)} "
                   f"cord(s) on PDU {pdu.name} of rack {rack.name} are not checked",
                   *pdu.path, "model")  # fmt: skip
        return
    if len(cords) > spec.outlets:
        yield ctx.finding(pdu, f"PDU {pdu.name} of rack {rack.name} takes {len(cords)} "
                          f"cords > its {spec.outlets} outlets", "model")  # fmt: skip
        return
    outlets = groups(spec.outlet_types)
    if not outlets:
        return
    left = fit(outlets, cords)
    if not left:
        return
    kinds = sorted({c for c in cords if c is not None})
    if None in cords:
        yield note(ctx, f"PDU {pdu.name} of rack {rack.name}: {left} of {len(cords)} "
                   f"cords may find no outlet of their kind ({spec.outlet_types}); "
                   "the PSU inlet kind is not in the catalog", *pdu.path, "model")  # fmt: skip
        return
    yield ctx.finding(
        pdu,
        f"PDU {pdu.name} of rack {rack.name}: {left} of {len(cords)} cords "
        f"({', '.join(kinds)}) find no outlet of their kind ({spec.outlet_types})",
        "model",
    )  # fmt: skip
