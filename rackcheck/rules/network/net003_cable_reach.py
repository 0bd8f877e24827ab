"""A link's cable or transceiver reaches the distance between its racks.

Where the design has a `layout:` (rows of racks, in order), the run between two racks is
|places apart| x pitch (the rack's catalog width unless `pitch:` is given) + |rows
apart| x `row_pitch`, plus `slack` for the runs up into the trays and down. That run,
or a stated `length:`, must not exceed the reach of what the link names: the
transceiver's `reach` (with fibre), else the cable's `max_length` (DAC, ACC, AOC). A
stated length shorter than the run is flagged too. Links without a layout position or
a named medium are not checked.

**Fails**

```yaml
rackcheck: 1
name: a 3 m DAC splitter across a 3 m aisle plus 2 m of slack
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
  - name: net1
    model: apc-netshelter-sx-ar3100
layout:
  rows:
    - {name: A, racks: [r01]}
    - {name: B, racks: [net1]}
  row_pitch: "3 m"
  slack: "2 m"
fabrics:
  - name: compute
    switches:
      - {name: leaf1, model: qm9700, rack: net1}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: leaf1, count: 8, medium: DAC,
         cable: mcp7y00-nxxx}
```

**Passes**

```yaml
rackcheck: 1
name: 50 m multimode optics across the same aisle
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
  - name: net1
    model: apc-netshelter-sx-ar3100
layout:
  rows:
    - {name: A, racks: [r01]}
    - {name: B, racks: [net1]}
  row_pitch: "3 m"
  slack: "2 m"
fabrics:
  - name: compute
    switches:
      - {name: leaf1, model: qm9700, rack: net1}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: leaf1, count: 8, medium: fibre,
         transceiver: mma4z00-ns400}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.graph.fabric import network
from rackcheck.graph.fabric.nodes import FabricNode, LinkSpec
from rackcheck.rules.engine import RuleContext, rule
from rackcheck.units import q


@rule("NET003", name="cable-reach", severity=Severity.ERROR)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    for fab in network.fabrics(g):
        wanted = [
            s
            for s in fab.specs
            if s.length is not None or network.reach_m(s) is not None
        ]
        for spec, edges in network.link_groups(g, fab, wanted).items():
            reach = network.reach_m(spec)
            stated = spec.length.to("m").magnitude if spec.length is not None else None
            if reach is not None and stated is not None and stated > reach[0]:
                yield ctx.finding(
                    None,
                    f"fabric {fab.name} {spec.label}: stated length "
                    f"{spec.length:.4g~P} > {q(reach[0], 'm'):.4g~P} reach of "
                    f"{reach[1]}",
                    *spec.path,
                    "length",
                )
                continue
            yield from _runs(ctx, fab, spec, edges, reach, stated)


def _runs(
    ctx: RuleContext[object],
    fab: FabricNode,
    spec: LinkSpec,
    edges: list[tuple[str, str, int, int]],
    reach: tuple[float, str] | None,
    stated: float | None,
) -> Iterator[Finding]:
    """One finding for the links of an entry that run farther than they reach."""
    g = ctx.graph
    if g.design.layout is None:
        return
    worst = None
    too_far = 0
    for u, v, n, _ in edges:
        run = network.distance_m(g, network.end_rack(g, u), network.end_rack(g, v))
        if run is None:
            continue
        limit = stated if stated is not None else (reach[0] if reach else None)
        if limit is not None and run > limit + 1e-9:
            too_far += n
            if worst is None or run > worst[0]:
                worst = (run, u, v)
    if worst is None:
        return
    run, u, v = worst
    if stated is not None:
        what = f"the stated length {spec.length:.4g~P}"
    else:
        assert reach is not None  # a limit was found above
        what = f"the {q(reach[0], 'm'):.4g~P} reach of {reach[1]}"
    yield ctx.finding(
        None,
        f"fabric {fab.name} {spec.label}: {too_far} link(s) run farther than {what}; "
        f"longest {network.end_name(g, u)} ({network.end_rack(g, u)}) - "
        f"{network.end_name(g, v)} ({network.end_rack(g, v)}) needs "
        f"{q(run, 'm'):.1f~P}",
        *spec.path,
    )
