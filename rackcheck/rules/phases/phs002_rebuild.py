"""A later phase would rebuild what an earlier phase built.

Nothing built in phase k should be removed or re-cabled in phase k+1. Two things are
checked between consecutive phases:

- a generated fabric whose spine layer changes: a fat tree planned for the phase's
  own nodes has fewer spines (phase 1 of a SuperPOD-style hall: 4 spines with 8 links
  from each leaf; 4 SUs: 16 spines with 2), so every leaf of the earlier phase would
  be re-cabled. Build the final spine layer from the start (`final_size: [fabric]` in
  the first phase) or plan the fabric for its final size.
- a coolant loop whose CDU count changes: the loop's pipework is re-made. Install the
  final CDUs with the loop (or state the accepted exception in `policy.exemptions`,
  subject the loop, e.g. where valved headers for the later CDUs are in place).

**Fails**

```yaml
rackcheck: 1
name: two SUs, the spine layer grown with them
racks:
  - name: "su{1..2}-r{01..04}"
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4}
fabrics:
  - name: compute
    endpoints: {racks: ["su{1..2}-r{01..04}"], models: [dgx-h100]}
    generate: {switch: qm9700, rails: 8, su_size: 16}
phases:
  - name: p1
    racks: ["su1-r{01..04}"]
  - name: p2
    racks: ["su2-r{01..04}"]
```

**Passes**

```yaml
rackcheck: 1
name: two SUs, the final spine layer built in phase 1
racks:
  - name: "su{1..2}-r{01..04}"
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4}
fabrics:
  - name: compute
    endpoints: {racks: ["su{1..2}-r{01..04}"], models: [dgx-h100]}
    generate: {switch: qm9700, rails: 8, su_size: 16}
phases:
  - name: p1
    racks: ["su1-r{01..04}"]
    final_size: [compute]
  - name: p2
    racks: ["su2-r{01..04}"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.sites import exemption
from rackcheck.graph.staging import cdu_counts, phases, spine_layers
from rackcheck.rules.engine import RuleContext, rule


@rule("PHS002", name="phase-rebuild", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    names = [p.name for p in g.design.phases]
    layers = spine_layers(g)
    cdus = cdu_counts(g)
    built = phases(g)
    for k in range(len(names) - 1):
        a, b = names[k], names[k + 1]
        at = ("phases", k + 1, "name")
        for fab, was in sorted(layers[k].items()):
            now = layers[k + 1].get(fab)
            if now is None or (was.tiers, was.spines, was.per_pair) == (
                now.tiers, now.spines, now.per_pair):  # fmt: skip
                continue
            if exemption(g, "PHS002", fab, None) is not None:
                continue
            final = layers[-1][fab]
            yield ctx.finding(
                None,
                f"fabric {fab}: phase {a} builds {was.text()}, phase {b} needs "
                f"{now.text()}: the {was.leaves} leaves of {a} would be re-cabled; "
                f"build the final spine layer ({final.text()}) in {a} "
                f"(final_size: [{fab}])",
                *at,
            )
        sub = built[k].graph
        loops_a = {lp.name for lp in (sub.loops() if sub else [])}
        for loop in sorted(loops_a):
            was_n, now_n = cdus[k].get(loop), cdus[k + 1].get(loop)
            if was_n == now_n or exemption(g, "PHS002", loop, None) is not None:
                continue
            verb = "adds" if (now_n or 0) > (was_n or 0) else "removes"
            yield ctx.finding(
                None,
                f"coolant loop {loop}: phase {a} installs {was_n} CDU(s), phase {b} "
                f"has {now_n}: {b} {verb} CDUs on a running loop; install the final "
                f"{cdus[-1].get(loop)} with the loop in {a}",
                *at,
            )
