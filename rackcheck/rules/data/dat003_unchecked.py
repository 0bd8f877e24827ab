"""A check cannot run because a figure it needs is not published: which, for what.

rackcheck never passes a check in silence. Where a rule needs a figure that the catalog
does not give (and the design does not state), this note names the figure, the entries
that lack it and what it would check, once per design and figure:

- `cooling.max_inlet_air` of an air-cooled device, when the site gives
  `inlet_temperature` (COOL007: the site's inlet air against the device's rated range);
- `cooling.max_supply_temperature` of a liquid-cooled device, or a CDU's
  `supply_temperature` range, when the site gives `facility_water_temperature`
  (COOL004: the coolant reaching the device, the facility water a CDU accepts);
- `max_load` of a rack (PHY002: the rack's weight against its static load rating);
- a CDU's `flow` (COOL002/COOL003: the coolant flow, with every CDU and with the
  largest one failed);
- a PSU rating or `psus.required` of a device with PSUs (POW002/POW003: how many PSUs
  carry its load, what it is left with after a feed loss);
- the power of a fabric switch placed in no rack (counted 0 W in the IT power and heat:
  metrics `unplaced`). Rack devices without a power figure are named by DAT001.

Add the figure, with its `source:`, in an extra catalog file to close the note.

**Fails**

```yaml
rackcheck: 1
name: a rack without a published load rating
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
```

**Passes**

```yaml
rackcheck: 1
name: an ORv3 rack (1400 kg payload published)
racks:
  - name: r01
    model: orv3-rack
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.graph import cooling
from rackcheck.graph.unplaced import switch_kw, unplaced_switches
from rackcheck.rules.engine import RuleContext, rule

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode, LoopNode, Node
    from rackcheck.model.catalog import Cdu, CoolingSpec


@dataclass(frozen=True)
class Gap:
    figure: str
    checks: str
    node: Node  # where the note points: the first entry missing it
    sub: tuple[str | int, ...]
    names: tuple[str, ...]


@rule("DAT003", name="unchecked", severity=Severity.NOTE)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    g = ctx.graph
    gaps = [_inlet(g), _supply(g), _cdu_water(g), _cdu_flow(g), _rack_load(g),
            _psus(g), _switch_power(g)]  # fmt: skip
    for gap in gaps:
        if gap is None:
            continue
        shown = ", ".join(gap.names[:5])
        more = f" and {len(gap.names) - 5} more" if len(gap.names) > 5 else ""
        yield ctx.finding(
            gap.node,
            f"{gap.figure} not published for {shown}{more}: {gap.checks} cannot be "
            "checked",
            *gap.sub,
        )


Found = Sequence[tuple[str, "Node", tuple[str | int, ...]]]


def _cooling(dev: DeviceNode) -> CoolingSpec | None:
    """A device's catalog cooling figures (servers, trays, systems and switches)."""
    found: CoolingSpec | None = getattr(dev.spec, "cooling", None)
    return found


def _first(figure: str, checks: str, found: Found) -> Gap | None:
    if not found:
        return None
    names = tuple(sorted({name for name, _, _ in found}))
    _, node, sub = found[0]
    return Gap(figure, checks, node, sub, names)


def _devices(g: DesignGraph) -> Iterator[DeviceNode]:
    """Each device design entry once (the first device of it), in design order."""
    seen: set[object] = set()
    for rack in g.racks():
        for dev in g.devices(rack):
            if dev.path not in seen:
                seen.add(dev.path)
                yield dev


def _inlet(g: DesignGraph) -> Gap | None:
    inlet = g.design.site.inlet_temperature
    if inlet is None:
        return None
    found = [
        (dev.spec.id, dev, ("model",))
        for dev in _devices(g)
        if cooling.liquid_fraction(dev) < 1.0
        and getattr(_cooling(dev), "max_inlet_air", None) is None
    ]
    return _first(
        "cooling.max_inlet_air",
        f"the site's {inlet.to('degC'):.0f~P} inlet air against their rated inlet "
        "range (COOL007)",
        found,
    )


def _supply(g: DesignGraph) -> Gap | None:
    water = g.design.site.facility_water_temperature
    if water is None:
        return None
    found = [
        (dev.spec.id, dev, ("model",))
        for dev in _devices(g)
        if cooling.liquid_fraction(dev) > 0.0
        and g.loops_serving(g.node(dev.rack))
        and (c := _cooling(dev)) is not None
        and c.max_supply_temperature is None
    ]
    return _first(
        "cooling.max_supply_temperature",
        f"the coolant reaching them from {water.to('degC'):.0f~P} facility water "
        "(COOL004)",
        found,
    )


def _loop_cdus(g: DesignGraph) -> Iterator[tuple[LoopNode, int, Cdu]]:
    """(loop, CduRef index, catalog entry) for each CDU entry of each loop."""
    for loop in g.loops():
        for k, ref in enumerate(loop.spec.cdus):
            spec = g.catalog.get(ref.model)
            if spec is not None and spec.kind == "cdu":  # the build checked its kind
                yield loop, k, spec


def _cdu_water(g: DesignGraph) -> Gap | None:
    water = g.design.site.facility_water_temperature
    if water is None:
        return None
    found = [
        (spec.id, loop, ("cdus", k, "model"))
        for loop, k, spec in _loop_cdus(g)
        if spec.supply_temperature is None
    ]
    return _first(
        "facility-water supply_temperature range",
        f"whether they accept {water.to('degC'):.0f~P} facility water (COOL004)",
        found,
    )


def _cdu_flow(g: DesignGraph) -> Gap | None:
    found = [
        (spec.id, loop, ("cdus", k, "model"))
        for loop, k, spec in _loop_cdus(g)
        if spec.flow is None
    ]
    return _first(
        "CDU flow",
        "the coolant flow of their loops, with every CDU and with the largest failed "
        "(COOL002, COOL003)",
        found,
    )


def _rack_load(g: DesignGraph) -> Gap | None:
    seen: set[object] = set()
    found: list[tuple[str, Node, tuple[str | int, ...]]] = []
    for rack in g.racks():
        missing = rack.spec.kind == "rack" and rack.spec.max_load is None
        if missing and rack.path not in seen:
            seen.add(rack.path)
            found.append((rack.spec.id, rack, ("model",)))
    return _first(
        "rack max_load (static load rating)",
        "the weight they carry (PHY002)",
        found,
    )


def _psus(g: DesignGraph) -> Gap | None:
    from rackcheck.graph import power

    found = [
        (dev.spec.id, dev, ("model",))
        for dev in _devices(g)
        if dev.spec.power is not None
        and dev.spec.power.psus is not None
        and power.psus_needed(g, dev) is None
    ]
    return _first(
        "PSU rating (psus.model) or psus.required",
        "how many PSUs carry their load and what a feed loss leaves them (POW002, "
        "POW003)",
        found,
    )


def _switch_power(g: DesignGraph) -> Gap | None:
    found = [
        (sw.spec.id, sw, ())
        for sw in unplaced_switches(g)
        if switch_kw(sw.spec) is None
    ]
    return _first(
        "switch power",
        "their share of IT power and heat (counted 0 W in metrics `unplaced`)",
        found,
    )
