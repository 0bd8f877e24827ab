"""Each facility element carries its load in normal operation and after any single
failure.

Every element of `facility.elements` is loaded with what hangs on it (graph/facility.py):
rack PDUs through the feed links, after PSU failover when a feed is down; the element's
load then flows to its sources (first live one for `mode: alternate`, shared for
`mode: parallel`). For the normal state and for each single element failure, a live
element's real power must stay within its `rating` (kW), its apparent power within its
`apparent` rating (kVA), and a chiller's, dry cooler's or water loop's heat within its
`capacity`. The worst case of each element is reported once. An element that states none
of these figures (nor a breaker, FAC004's) is not checked, and one note names them.

Why: 2N, N+1, distributed and block-redundant plants all promise that a single failure
moves load onto what is left; this checks that what is left can carry it.

**Fails**

```yaml
rackcheck: 1
name: three busways that cannot take a third of the load each
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
    - {name: utility, kind: utility, rating: "1 MW", apparent: "1.25 MVA"}
    - {name: bw-a, kind: busway, from: [utility], rating: "20 kW"}
    - {name: bw-b, kind: busway, from: [utility], rating: "20 kW"}
    - {name: bw-c, kind: busway, from: [utility], rating: "20 kW"}
  feeds:
    - {feed: A, from: bw-a}
    - {feed: B, from: bw-b}
    - {feed: C, from: bw-c}
```

**Passes**

```yaml
rackcheck: 1
name: three busways that can
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
    - {name: utility, kind: utility, rating: "1 MW", apparent: "1.25 MVA"}
    - {name: bw-a, kind: busway, from: [utility], rating: "25 kW"}
    - {name: bw-b, kind: busway, from: [utility], rating: "25 kW"}
    - {name: bw-c, kind: busway, from: [utility], rating: "25 kW"}
  feeds:
    - {feed: A, from: bw-a}
    - {feed: B, from: bw-b}
    - {feed: C, from: bw-c}
```
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.facility import plant
from rackcheck.graph.facility_load import single_states, when
from rackcheck.model.kinds import COOLING_KINDS
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("FAC001", name="element-load", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    p = plant(ctx.graph)
    if p is None:
        return
    states = single_states(ctx.graph)
    unrated = [
        n for n, el in p.elements.items() if not _limits(el) and el.breaker is None
    ]
    if unrated:
        yield dataclasses.replace(
            ctx.finding(None, f"{len(unrated)} facility element(s) state no rating, "
                        f"apparent, capacity or breaker: {', '.join(unrated)}: their "
                        "loads are not checked", "facility", "elements"),
            severity=Severity.NOTE,
        )  # fmt: skip
    for name, el in p.elements.items():
        path = ("facility", "elements", p.index[name])
        limits = _limits(el)
        if not limits:
            continue  # its breaker is FAC004's
        worst: tuple[float, str, float, float, str | None] | None = None
        for failed, st in states:
            if name not in st.live:
                continue
            for field, unit, limit in limits:
                load = (st.kva if unit == "kVA" else st.kw).get(name, 0.0)
                if load > limit * (1 + 1e-9) and (
                    worst is None or load / limit > worst[0]
                ):
                    worst = (load / limit, field, load, limit, failed)
        if worst is not None:
            _, field, load, limit, failed = worst
            unit = "kVA" if field == "apparent" else "kW"
            yield ctx.finding(
                None,
                f"{when(failed)}, {el.kind} {name} carries {q(load, unit):.1f~P} > "
                f"its {field} {q(limit, unit):.1f~P}",
                *path, field,
            )  # fmt: skip


def _limits(el: object) -> list[tuple[str, str, float]]:
    out = []
    kind = getattr(el, "kind", "")
    if kind in COOLING_KINDS:
        cap = getattr(el, "capacity", None)
        if cap is not None:
            out.append(("capacity", "kW", float(cap.to("kW").magnitude)))
        return out
    rating, apparent = getattr(el, "rating", None), getattr(el, "apparent", None)
    if rating is not None:
        out.append(("rating", "kW", float(rating.to("kW").magnitude)))
    if apparent is not None:
        out.append(("apparent", "kVA", float(apparent.to("kVA").magnitude)))
    return out
