"""Breakers at every level carry their load continuously, in normal operation and after
any single failure.

An element's `breaker` (A) at its `voltage` carries I = S / (sqrt(3) x V) for three
phases (I = S / V for one), S its apparent load (kVA) as FAC001 computes it; a busway's
or RPP's `tap_off.breaker` carries one PDU's load at the tap-off's voltage (else the
busway's). Each must stay within the breaker rating x `derating` (0.8 by default: NEC
210.19(A) / 215.2(A) size circuits at 125 % of the continuous load). The rack PDUs' own
inputs are POW001/POW002's. A breaker without a voltage to turn kVA into amperes is
named in a note.

**Fails**

```yaml
rackcheck: 1
name: tap-off breakers too small for a PDU after a feed loss
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
  elements:
    - {name: utility, kind: utility}
    - {name: bw-a, kind: busway, from: [utility], voltage: "415 V", breaker: "400 A",
       tap_off: {breaker: "32 A"}}
    - {name: bw-b, kind: busway, from: [utility], voltage: "415 V", breaker: "400 A",
       tap_off: {breaker: "32 A"}}
    - {name: bw-c, kind: busway, from: [utility], voltage: "415 V", breaker: "400 A",
       tap_off: {breaker: "32 A"}}
  feeds:
    - {feed: A, from: bw-a}
    - {feed: B, from: bw-b}
    - {feed: C, from: bw-c}
```

**Passes**

```yaml
rackcheck: 1
name: 63 A tap-offs
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
  elements:
    - {name: utility, kind: utility}
    - {name: bw-a, kind: busway, from: [utility], voltage: "415 V", breaker: "400 A",
       tap_off: {breaker: "63 A"}}
    - {name: bw-b, kind: busway, from: [utility], voltage: "415 V", breaker: "400 A",
       tap_off: {breaker: "63 A"}}
    - {name: bw-c, kind: busway, from: [utility], voltage: "415 V", breaker: "400 A",
       tap_off: {breaker: "63 A"}}
  feeds:
    - {feed: A, from: bw-a}
    - {feed: B, from: bw-b}
    - {feed: C, from: bw-c}
```
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.graph.facility import plant
from rackcheck.graph.facility_load import single_states, when
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.facility import Plant
    from rackcheck.graph.facility_load import State
    from rackcheck.model.facility import Element
    from rackcheck.units import Quantity

# The worst overload: amps, limit (A), the failed element (None: none), which tap-off,
# and the breaker's rating.
Worst = tuple[float, float, "str | None", str, "Quantity"]


def amps(kva: float, volts: float, phases: int) -> float:
    return kva * 1000.0 / (volts * (math.sqrt(3) if phases == 3 else 1.0))


@rule("FAC004", name="breakers", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    p = plant(g)
    if p is None:
        return
    states = single_states(g)
    for name, el in p.elements.items():
        path = ("facility", "elements", p.index[name])
        for sub, breaker in (("breaker", el.breaker), ("tap_off", el.tap_off)):
            if breaker is None:
                continue
            volt = el.voltage
            if sub == "tap_off" and el.tap_off is not None and el.tap_off.voltage:
                volt = el.tap_off.voltage
            if volt is None:
                yield dataclasses.replace(
                    ctx.finding(None, f"{el.kind} {name} states a {sub} but no "
                                "voltage: its current is not checked", *path, sub),
                    severity=Severity.NOTE,
                )  # fmt: skip
                continue
            worst = _worst(g, p, name, el, sub, states, float(volt.to("V").magnitude))
            if worst is not None:
                yield _finding(ctx, el, name, sub, worst, path)


def _worst(
    g: DesignGraph,
    p: Plant,
    name: str,
    el: Element,
    sub: str,
    states: list[tuple[str | None, State]],
    volts: float,
) -> Worst | None:
    if sub == "breaker" and el.breaker is not None:
        rating, phases = el.breaker, el.phases
    elif sub == "tap_off" and el.tap_off is not None:
        rating, phases = el.tap_off.breaker, el.tap_off.phases
    else:  # the caller asks only for a breaker the element states
        return None
    limit = float(rating.to("A").magnitude) * el.derating
    worst: Worst | None = None
    for failed, st in states:
        if name not in st.live:
            continue
        if sub == "breaker":
            loads = [(st.kva.get(name, 0.0), "")]
        else:
            loads = _tap_loads(g, p, name, st)
        for kva, what in loads:
            a = amps(kva, volts, phases)
            if a > limit and (worst is None or a > worst[0]):
                worst = (a, limit, failed, what, rating)
    return worst


def _tap_loads(
    g: DesignGraph, p: Plant, name: str, st: State
) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    for rack in g.racks():
        for pdu in g.pdus(rack):
            if p.feed_of.get((rack.name, pdu.feed)) == name:
                out.append((st.racks[rack.id].pdu_kva[pdu.id], f" (PDU {pdu.name} "
                            f"of rack {rack.name})"))  # fmt: skip
    return out


def _finding(
    ctx: RuleContext[object],
    el: Element,
    name: str,
    sub: str,
    worst: Worst,
    path: tuple[str | int, ...],
) -> Finding:
    a, limit, failed, what, rating = worst
    label = "tap-off breaker" if sub == "tap_off" else "breaker"
    return ctx.finding(
        None,
        f"{when(failed)}, the {label} of {el.kind} {name}{what} carries "
        f"{q(a, 'A'):.1f~P} > {q(limit, 'A'):.1f~P} ({rating.to('A'):.0f~P} x "
        f"{el.derating:g})",
        *path, sub,
    )  # fmt: skip
