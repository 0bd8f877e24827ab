"""A build phase does not work on its own.

Each phase of `phases:` (the racks of phases 1..k, with the CDUs that phase installs)
is checked as a design of its own with every other rule: power, cooling, space,
fabric, storage. A finding in phase k is reported here, prefixed with the phase and
the rule that fired, at the line it concerns. The last phase is the design as written
and is checked as such. The rules selected, their options and levels are those of
the run (configuration, command line); an inner finding keeps its level, capped at
this rule's. Notes (figures the catalog lacks) are left to the design's own check.

**Fails**

```yaml
rackcheck: 1
name: phase 1 has the racks, but its loop has one CDU of two
racks:
  - name: "r{01..04}"
    model: gb200-nvl72
    assume: {liquid_fraction: 0.85, basis: "planning assumption"}
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A, count: 4}
      - {model: pdu-415v-3ph-60a-apc, feed: B, count: 4}
cooling:
  loops:
    - name: row-a
      cdus: [{model: cdu-vertiv-xdu1350, count: 2}]
      serves: ["r{01..04}"]
      redundancy: N+1
phases:
  - name: p1
    racks: ["r{01..02}"]
    cdus: {row-a: 1}
  - name: p2
    racks: ["r{03..04}"]
```

**Passes**

```yaml
rackcheck: 1
name: phase 1 builds the loop with both CDUs
racks:
  - name: "r{01..04}"
    model: gb200-nvl72
    assume: {liquid_fraction: 0.85, basis: "planning assumption"}
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A, count: 4}
      - {model: pdu-415v-3ph-60a-apc, feed: B, count: 4}
cooling:
  loops:
    - name: row-a
      cdus: [{model: cdu-vertiv-xdu1350, count: 2}]
      serves: ["r{01..04}"]
      redundancy: N+1
phases:
  - name: p1
    racks: ["r{01..02}"]
  - name: p2
    racks: ["r{03..04}"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.staging import phases
from rackcheck.rules.engine import RuleContext, rule, run


@rule("PHS001", name="phase-check", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    last = len(g.design.phases) - 1
    inner = [r for r in ctx.rules if r.family not in ("phases", "sovereignty",
                                                       "gravity")]  # fmt: skip
    for res in phases(g):
        if res.index == last:
            continue
        here = g.source.at(("phases", res.index, "name"))
        found = res.errors
        if res.graph is not None:
            found = run(res.graph, inner, ctx.all_options, ctx.severities)
        for f in sorted(found, key=Finding.sort_key):
            if f.severity < Severity.WARNING:
                continue
            yield Finding(
                ctx.rule.id,
                min(f.severity, ctx.severity),
                f"phase {res.name}: {f.rule_id} {f.message}",
                f.location,
                f.subject,
                (here,),
            )
