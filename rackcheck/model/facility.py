"""The facility behind the feeds: the power chain (utility services, generators,
transformers, switchboards, UPS systems, busways / RPPs) and the cooling plant (chillers,
dry coolers, facility-water loops), each element pointing at what it hangs on; failure
domains; and what the design must survive.

Every section is optional: a design without `facility:` is checked as before.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from rackcheck.model.fields import (
    ApparentPower,
    AreaLoad,
    Current,
    Duration,
    Flow,
    Fraction,
    Length,
    Mass,
    Name,
    Power,
    Strict,
    Temperature,
    TemperatureDelta,
    Voltage,
)

ElementKind = Literal[
    "utility",
    "generator",
    "transformer",
    "switchboard",
    "ups",
    "sts",
    "busway",
    "rpp",
    "chiller",
    "dry-cooler",
    "water-loop",
]
# model/kinds.py splits ElementKind into POWER_KINDS and COOLING_KINDS (the graph reads
# them without importing this module).


class RuntimePoint(Strict):
    """One row of a UPS battery datasheet's runtime table: at `load`, `time` minutes."""

    load: Power
    time: Duration


class Battery(Strict):
    """UPS battery runtime. With two or more `runtime` points, runtime at another load
    is interpolated on a log-log scale between the two nearest points (a piecewise
    Peukert law, t = t1 x (P1 / P)^k, k fitted between the points); with one point,
    `peukert` (k) must be stated. Loads beyond the table are not extrapolated."""

    runtime: list[RuntimePoint] = Field(min_length=1)
    peukert: Annotated[float, Field(ge=1.0, le=2.0)] | None = None
    required: Duration | None = Field(
        default=None, description="runtime the UPS must give at its failed-over load"
    )
    basis: Name | None = None


class TapOff(Strict):
    """The tap-off boxes of a busway (or an RPP's branch breakers): one per PDU."""

    breaker: Current
    voltage: Voltage | None = None
    phases: Literal[1, 3] = 3


class Element(Strict):
    """One element of the power chain or cooling plant."""

    name: Name
    kind: ElementKind
    sources: list[Name] = Field(
        default=[], alias="from", description="what this element hangs on"
    )
    mode: Literal["alternate", "parallel"] = Field(
        default="alternate",
        description="alternate: the first live source carries all (ATS, STS, catcher "
        "UPS); parallel: the live sources share the load (N+1 modules, chillers)",
    )
    rating: Power | None = Field(default=None, description="real power it can carry")
    apparent: ApparentPower | None = Field(default=None, description="its kVA rating")
    voltage: Voltage | None = None
    phases: Literal[1, 3] = 3
    breaker: Current | None = Field(default=None, description="its breaker or fuse")
    derating: Annotated[float, Field(gt=0.0, le=1.0)] = 0.8
    battery: Battery | None = None
    step_load: Power | None = Field(
        default=None, description="generator: load it accepts in one step (ISO 8528-5)"
    )
    tap_off: TapOff | None = None
    capacity: Power | None = Field(default=None, description="cooling: heat it removes")
    supply_temperature: Temperature | None = None
    mttr: Duration | None = Field(default=None, description="time to repair")
    domains: list[Name] = []
    basis: Name | None = None


class FeedLink(Strict):
    """Site feed `feed` (of the racks listed, or all) hangs on element `from`."""

    feed: Name
    racks: list[Name] | None = None
    source: Name = Field(alias="from")


class LoopLink(Strict):
    """Coolant loop `loop` (its CDUs) takes facility water from element `from`."""

    loop: Name
    source: Name = Field(alias="from")


class Member(Strict):
    """Things outside `facility.elements` that belong to failure domains: `switch:NAME`
    (a switch of a fabric), `feed:NAME`, `loop:NAME` (a coolant loop's CDUs),
    `device:RACK/NAME` (e.g. a storage controller)."""

    member: Name
    domains: list[Name] = Field(min_length=1)


class LoadStep(Strict):
    """The hall's largest synchronous load step, stated or derived from a per-GPU swing
    (a training job that starts or stops)."""

    step: Power | None = None
    per_gpu: Power | None = Field(
        default=None, description="per-GPU power swing: GPUs x this = the step"
    )
    basis: Name


class Room(Strict):
    """The white space the racks stand in."""

    altitude: Length | None = Field(default=None, description="above sea level")
    floor_load: AreaLoad | None = Field(
        default=None, description="uniform load rating, e.g. '1200 kg/m**2'"
    )
    point_load: Mass | None = Field(
        default=None, description="rating for one caster or levelling foot"
    )
    points_per_rack: Annotated[int, Field(ge=1)] = 4
    dew_point: Temperature | None = None
    relative_humidity: Fraction | None = Field(
        default=None, description="0-1, with site.inlet_temperature gives the dew point"
    )
    air_delta_t: TemperatureDelta | None = Field(
        default=None, description="air temperature rise through the IT equipment"
    )


class AirZone(Strict):
    """Cooling air supplied to a group of racks (a row, an aisle, the tiles in front)."""

    name: Name
    racks: list[Name] = Field(min_length=1)
    supply: Flow
    containment: Literal["hot-aisle", "cold-aisle", "chimney", "none"] = "none"


class Facility(Strict):
    room: Room | None = None
    air: list[AirZone] = []
    elements: list[Element] = []
    feeds: list[FeedLink] = []
    loops: list[LoopLink] = []
    members: list[Member] = []
    load_step: LoadStep | None = None
    mttr: Duration | None = Field(
        default=None, description="repair time of an element without its own"
    )


class Requirements(Strict):
    """What the design must survive: `any-single` (every single failure), an element,
    `domain:NAME` (wildcards allowed: `domain:swbd-*`)."""

    survive: list[Name] = []
