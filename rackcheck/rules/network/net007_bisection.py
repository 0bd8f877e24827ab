"""The fabric's bisection bandwidth meets the design's requirement.

Bisection bandwidth is the capacity between two halves of the endpoints, at the worst
split; an endpoint is a whole device (server, compute tray, storage appliance), never
split between the halves, and a half holds floor(n/2) of them. rackcheck computes it
from the graph by max-flow / min-cut: exactly, over every balanced split, on fabrics of
up to 14 switches; on larger ones over several balanced splits (halves by index,
alternate scalable units, pods and racks, a spectral cut and, up to 600 switches and
devices, Kernighan-Lin), taking the least, which is then an upper bound that the named
cut attains (equal to the true figure on the canonical fat trees). Full bisection is
the injection of the floor(n/2) least-injecting endpoints (half the injection when they
are alike and even in number); an oversubscribed tier cuts it: Meta's Llama 3 cluster,
1:7 between pods, has a seventh of that across pods. `requirements.bisection`
states a bandwidth, `requirements.bisection_ratio` a share of full bisection (1.0 =
non-blocking).
`check --format json` reports every cut under `metrics.fabrics.<name>.bisection`.

**Fails**

```yaml
rackcheck: 1
name: two leaves with 16 x 400G down and 4 x 400G up each, non-blocking required
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: "leaf{1..2}", model: qm9700}
      - {name: spine1, model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..2}", to: leaf1, count: 8}
      - {from: "r01/dgx-h100-{3..4}", to: leaf2, count: 8}
      - {from: "leaf{1..2}", to: spine1, count: 4}
    requirements: {bisection_ratio: 1.0}
```

**Passes**

```yaml
rackcheck: 1
name: the same leaves with 16 uplinks each
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: "leaf{1..2}", model: qm9700}
      - {name: spine1, model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..2}", to: leaf1, count: 8}
      - {from: "r01/dgx-h100-{3..4}", to: leaf2, count: 8}
      - {from: "leaf{1..2}", to: spine1, count: 16}
    requirements: {bisection_ratio: 1.0}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.fabric import network
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("NET007", name="bisection", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for fab in network.fabrics(g):
        req = fab.spec.requirements
        if req.bisection is None and req.bisection_ratio is None:
            continue
        bis = network.bisection(g, fab)
        if bis.mbps is None:
            continue
        have = q(bis.mbps / 1e6, "Tbit/s")
        full = q(bis.full / 1e6, "Tbit/s")
        needs = []
        if req.bisection is not None:
            needs.append((req.bisection.to("Tbit/s"), "bisection", "required"))
        if req.bisection_ratio is not None:
            inject = q(bis.injection / 1e6, "Tbit/s")
            label = (
                f"required ({req.bisection_ratio:.0%} of full bisection {full:.4g~P}, "
                f"the smaller half of the {inject:.4g~P} injection)"
            )
            needs.append((full * req.bisection_ratio, "bisection_ratio", label))
        cuts = ", ".join(f"{k} {v / 1e6:.4g}" for k, v in bis.cuts.items())
        for need, key, label in needs:
            if have < need * (1 - 1e-9):
                yield ctx.finding(
                    fab,
                    f"fabric {fab.name}: bisection {have:.4g~P} (max-flow, worst cut "
                    f"'{bis.cut}') < {need:.4g~P} {label}; cuts evaluated (Tbit/s): "
                    f"{cuts}",
                    "requirements",
                    key,
                )
