"""Generators accept the hall's largest synchronous load step.

A training job that starts, stops or checkpoints swings every GPU at once: the hall's
load steps by `facility.load_step.step`, or by the design's stated per-GPU swing times
the GPUs (`load_step.per_gpu`, with its `basis`). With the utility lost, the generators
carry the hall; each generator takes the share of the step that it carries of the load
(its load with every utility service failed, divided by the hall's IT load). That share
must not exceed the generator's `step_load` (the load it accepts in one step while
staying within its voltage and frequency limits, ISO 8528-5 performance class; from
the generator's datasheet). Missing figures (no load step, a generator without
`step_load`) are named in a note.

**Fails**

```yaml
rackcheck: 1
name: one generator, a step it cannot take
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
  load_step: {step: "30 kW", basis: "measured on the cluster's last job start"}
  elements:
    - {name: utility, kind: utility}
    - {name: gen-1, kind: generator, step_load: "20 kW"}
    - {name: swbd, kind: switchboard, from: [utility, gen-1]}
  feeds:
    - {feed: A, from: swbd}
    - {feed: B, from: swbd}
    - {feed: C, from: swbd}
```

**Passes**

```yaml
rackcheck: 1
name: one generator that takes the step
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
  load_step: {step: "30 kW", basis: "measured on the cluster's last job start"}
  elements:
    - {name: utility, kind: utility}
    - {name: gen-1, kind: generator, step_load: "35 kW"}
    - {name: swbd, kind: switchboard, from: [utility, gen-1]}
  feeds:
    - {feed: A, from: swbd}
    - {feed: B, from: swbd}
    - {feed: C, from: swbd}
```
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.facility import plant
from rackcheck.graph.facility_load import state
from rackcheck.graph.physical import gpu_count
from rackcheck.graph.power import rack_power
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("FAC003", name="generator-step", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    p = plant(g)
    if p is None:
        return
    gens = [n for n, el in p.elements.items() if el.kind == "generator"]
    if not gens:
        return
    step = _step(ctx)
    if step is None:
        yield _note(ctx, "the hall's load step is not stated (facility.load_step: "
                    "step, or per_gpu): generator step loading is not checked",
                    "facility")  # fmt: skip
        return
    utilities = frozenset(n for n, el in p.elements.items() if el.kind == "utility")
    st = state(g, p, utilities)
    total = sum(rack_power(g, r).to("kW").magnitude for r in g.racks())
    for name in gens:
        el = p.elements[name]
        path = ("facility", "elements", p.index[name])
        if el.step_load is None:
            yield _note(ctx, f"generator {name} states no step_load: its step loading "
                        "is not checked", *path, "name")  # fmt: skip
            continue
        share = step * st.kw.get(name, 0.0) / total if total > 0 else 0.0
        accept = float(el.step_load.to("kW").magnitude)
        if share > accept:
            yield ctx.finding(
                None,
                f"with the utility lost, generator {name} takes a "
                f"{q(share, 'kW'):.1f~P} load step (its share of the hall's "
                f"{q(step, 'kW'):.1f~P}) > its step_load {q(accept, 'kW'):.1f~P}",
                *path, "step_load",
            )  # fmt: skip


def _step(ctx: RuleContext[object]) -> float | None:
    fac = ctx.graph.design.facility
    ls = fac.load_step if fac is not None else None
    if ls is None:
        return None
    if ls.step is not None:
        return float(ls.step.to("kW").magnitude)
    if ls.per_gpu is None:
        return None
    gpus = sum(gpu_count(d) for r in ctx.graph.racks() for d in ctx.graph.devices(r))
    return float(ls.per_gpu.to("kW").magnitude) * gpus


def _note(ctx: RuleContext[object], message: str, *path: str | int) -> Finding:
    return dataclasses.replace(
        ctx.finding(None, message, *path), severity=Severity.NOTE
    )
