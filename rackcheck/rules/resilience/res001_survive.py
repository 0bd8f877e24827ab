"""The design survives the failures it says it must: no required scenario leaves GPUs
dark.

`requirements: survive:` lists scenarios: `any-single` (every single failure that
`rackcheck scenarios` tries: each facility element, feed, CDU, switch, storage system
and failure domain), a failure id or pattern (`swbd-1`, `feed:*`), or a domain pattern
(`domain:swbd-*`). Each matching scenario is run (rackcheck/scenarios/); one that leaves
any GPU dark fails the design, with the scenario in the message (the worst one, and how
many more). Capped and cut-off GPUs are reported by `rackcheck scenarios`, not here (so
the fabrics' max-flow is not run: a switch never darkens a GPU). A
pattern that matches nothing is an error too: a requirement that checks nothing is not
met.

**Fails**

```yaml
rackcheck: 1
name: A and B busways on one switchboard
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
    - {name: swbd-1, kind: switchboard, from: [utility], domains: [swbd-1]}
    - {name: bw-a, kind: busway, from: [swbd-1]}
    - {name: bw-b, kind: busway, from: [swbd-1]}
    - {name: bw-c, kind: busway, from: [swbd-1]}
  feeds:
    - {feed: A, from: bw-a}
    - {feed: B, from: bw-b}
    - {feed: C, from: bw-c}
requirements:
  survive: [any-single, "domain:swbd-*"]
```

**Passes**

```yaml
rackcheck: 1
name: A, B and C on their own switchboards
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
    - {name: utility-1, kind: utility}
    - {name: utility-2, kind: utility}
    - {name: utility-3, kind: utility}
    - {name: swbd-1, kind: switchboard, from: [utility-1], domains: [swbd-1]}
    - {name: swbd-2, kind: switchboard, from: [utility-2], domains: [swbd-2]}
    - {name: swbd-3, kind: switchboard, from: [utility-3], domains: [swbd-3]}
  feeds:
    - {feed: A, from: swbd-1}
    - {feed: B, from: swbd-2}
    - {feed: C, from: swbd-3}
requirements:
  survive: [any-single, "domain:swbd-*"]
```
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.rules.engine import RuleContext, rule

if TYPE_CHECKING:
    from collections.abc import Callable

    from rackcheck.graph.facility import Plant
    from rackcheck.scenarios.evaluate import Outcome


@rule("RES001", name="survive", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    req = ctx.graph.design.requirements
    if req is None or not req.survive:
        return
    from rackcheck.graph.facility import plant
    from rackcheck.scenarios.evaluate import evaluate
    from rackcheck.scenarios.failures import singles

    g = ctx.graph
    p = plant(g)
    ids = singles(g, p)
    for i, want in enumerate(req.survive):
        chosen = ids if want == "any-single" else fnmatch.filter(ids, want)
        if not chosen:
            yield ctx.finding(None, f"survive: {want!r} matches no failure of the "
                              "design (see `rackcheck scenarios`)",
                              "requirements", "survive", i)  # fmt: skip
            continue
        outcomes = [_memo(ctx, evaluate, p, f) for f in chosen]
        dark = [o for o in outcomes if o.gpus_dark > 0]
        if not dark:
            continue
        worst = max(dark, key=lambda o: o.gpus_dark)
        more = f" (and {len(dark) - 1} more scenario(s))" if len(dark) > 1 else ""
        yield ctx.finding(
            None,
            f"scenario [{', '.join(worst.fails)}] leaves {worst.gpus_dark} GPUs dark "
            f"({len(worst.racks_dark)} rack(s) dark), but the design must survive "
            f"{want!r}{more}",
            "requirements", "survive", i,
        )  # fmt: skip


def _memo(
    ctx: RuleContext[object], evaluate: Callable[..., Outcome], p: Plant | None, f: str
) -> Outcome:
    return ctx.graph.memo.query(
        ("res001", f), lambda: evaluate(ctx.graph, p, (f,), network=False)
    )
